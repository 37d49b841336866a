#pragma once

#include "datatap/Api.h"

#include <Poco/JSON/Handler.h>

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace datatap {

/// A strict RFC 8259 JSON parser that reads its input in chunks and reports each
/// token to a Poco::JSON::Handler as it goes. POCO 1.11's own Parser copies the
/// whole stream into one string before it parses; decoders use this one so memory
/// stays flat however large the body is.
///
/// Events: startObject/endObject, startArray/endArray, key(name), null(),
/// value(bool), value(std::string) for strings (UTF-8, escapes decoded),
/// value(Int64) for integers that fit, value(UInt64) for larger ones that fit
/// 64 bits unsigned, value(double) for all other numbers. reset(), value(int) and
/// value(unsigned) are never called.
class DATATAP_API JsonStreamParser
{
public:
	struct Limits
	{
		std::size_t maxDepth = 512;
		std::size_t maxStringBytes = std::size_t{64} << 20;
	};

	explicit JsonStreamParser(Poco::JSON::Handler& handler);
	JsonStreamParser(Poco::JSON::Handler& handler, Limits limits);

	/// Parses exactly one JSON value (whitespace around it allowed) from in.
	/// Throws DecodeError "line L, column C: <what>" on anything that is not JSON,
	/// on invalid UTF-8, on nesting deeper than the limit and on trailing data.
	/// Exceptions thrown by the handler pass through unchanged.
	void parse(std::istream& in);

	/// Bytes consumed so far by the current or last parse().
	std::uint64_t offset() const;

private:
	enum class Container : unsigned char
	{
		Array,
		Object
	};

	bool parseValue();
	bool parseAfterValue();
	void enterContainer(Container container);
	void parseMemberName(int c, const char* expected);
	void parseLiteral(const char* literal, std::size_t length);
	void parseString();
	void parseEscape(std::uint64_t stringStart);
	std::uint32_t parseHexQuad(std::uint64_t escapeStart);
	void parseUtf8Sequence(std::uint64_t stringStart);
	void appendToString(const unsigned char* data, std::size_t length, std::uint64_t stringStart);
	void parseNumber();
	void emitNumber(const char* begin, const char* end, std::uint64_t start);

	int skipWhitespace();
	int skipWhitespaceSlowly();
	int nextByte();
	int nextStringByte();
	bool refill();
	[[noreturn]] void fail(std::uint64_t at, const std::string& what) const;
	[[noreturn]] void failUnexpected(int c, const char* expected) const;

	Poco::JSON::Handler& _handler;
	Limits _limits;
	std::streambuf* _source = nullptr;
	std::vector<unsigned char> _buffer;
	// Null outside parse(), so a copied parser never points into another's buffer.
	const unsigned char* _begin = nullptr;
	const unsigned char* _pos = nullptr;
	const unsigned char* _end = nullptr;
	std::uint64_t _bufferOffset = 0; // stream offset of _begin
	// No token spans a line break, so the offset where the line starts is all a
	// column needs.
	std::uint64_t _line = 1;
	std::uint64_t _lineStart = 0;
	// Open containers, kept here rather than on the call stack so that nesting
	// costs heap, not stack, up to maxDepth.
	std::vector<Container> _stack;
	// Reused for every string, key and chunk-straddling number, so memory is
	// allocated only while they grow.
	std::string _string;
	std::string _number;
};

} // namespace datatap
