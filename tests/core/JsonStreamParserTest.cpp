#include "datatap/JsonStreamParser.h"

#include "datatap/Exceptions.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Handler.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <clocale>
#include <cstdint>
#include <locale>
#include <sstream>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <vector>

using datatap::JsonStreamParser;

namespace {

// Writes every event as a word, so one string comparison checks values, types and
// order at once. value(int) and value(unsigned) get their own words because the
// parser must never call them.
class RecordingHandler : public Poco::JSON::Handler
{
public:
	std::string events;
	std::string lastString;

	void reset() override { add("reset"); }
	void startObject() override { add("{"); }
	void endObject() override { add("}"); }
	void startArray() override { add("["); }
	void endArray() override { add("]"); }
	void key(const std::string& k) override { add("key:" + k); }
	void null() override { add("null"); }
	void value(int v) override { add("int:" + std::to_string(v)); }
	void value(unsigned v) override { add("unsigned:" + std::to_string(v)); }
	void value(Poco::Int64 v) override { add("i64:" + std::to_string(v)); }
	void value(Poco::UInt64 v) override { add("u64:" + std::to_string(v)); }

	void value(const std::string& v) override
	{
		lastString = v;
		add("str:" + v);
	}

	void value(double d) override
	{
		// to_chars gives the shortest form that round-trips, whatever the locale.
		std::array<char, 64> text{};
		const auto result = std::to_chars(text.data(), text.data() + text.size(), d);
		add("dbl:" + std::string(text.data(), result.ptr));
	}

	void value(bool b) override { add(b ? "true" : "false"); }

private:
	void add(const std::string& event)
	{
		if (!events.empty()) events += ' ';
		events += event;
	}
};

// Counts instead of recording, for inputs whose event string would be huge.
class CountingHandler : public Poco::JSON::Handler
{
public:
	std::size_t starts = 0;
	std::size_t ends = 0;
	std::size_t scalars = 0;

	void reset() override {}
	void startObject() override { ++starts; }
	void endObject() override { ++ends; }
	void startArray() override { ++starts; }
	void endArray() override { ++ends; }
	void key(const std::string&) override {}
	void null() override { ++scalars; }
	void value(int) override { ++scalars; }
	void value(unsigned) override { ++scalars; }
	void value(Poco::Int64) override { ++scalars; }
	void value(Poco::UInt64) override { ++scalars; }
	void value(const std::string&) override { ++scalars; }
	void value(double) override { ++scalars; }
	void value(bool) override { ++scalars; }
};

// Hands out at most `step` bytes per underflow, so with step 1 every byte of the
// document lands on a chunk boundary of the parser.
class TrickleBuffer : public std::streambuf
{
public:
	TrickleBuffer(std::string data, std::size_t step):
		_data(std::move(data)),
		_step(step)
	{
	}

protected:
	int_type underflow() override
	{
		if (_next >= _data.size()) return traits_type::eof();
		char* const base = &_data[_next];
		const std::size_t count = std::min(_step, _data.size() - _next);
		setg(base, base, base + count);
		_next += count;
		return traits_type::to_int_type(*base);
	}

public:
	std::size_t served() const { return _next; }

private:
	std::string _data;
	std::size_t _step;
	std::size_t _next = 0;
};

// Serves '"', `length` letters and '"' without ever holding them all.
class LongStringBuffer : public std::streambuf
{
public:
	explicit LongStringBuffer(std::uint64_t length):
		_total(length + 2)
	{
	}

protected:
	int_type underflow() override
	{
		if (_served >= _total) return traits_type::eof();
		const std::size_t count = static_cast<std::size_t>(std::min<std::uint64_t>(_block.size(), _total - _served));
		for (std::size_t i = 0; i < count; ++i)
		{
			const std::uint64_t at = _served + i;
			_block[i] = (at == 0 || at == _total - 1) ? '"' : 'a';
		}
		_served += count;
		setg(_block.data(), _block.data(), _block.data() + count);
		return traits_type::to_int_type(_block[0]);
	}

private:
	std::uint64_t _total;
	std::uint64_t _served = 0;
	std::array<char, 65536> _block{};
};

std::string eventsOf(const std::string& json, JsonStreamParser::Limits limits = {})
{
	RecordingHandler handler;
	JsonStreamParser parser(handler, limits);
	std::istringstream in(json);
	parser.parse(in);
	return handler.events;
}

std::string trickledEventsOf(const std::string& json, std::size_t step = 1)
{
	RecordingHandler handler;
	JsonStreamParser parser(handler);
	TrickleBuffer buffer(json, step);
	std::istream in(&buffer);
	parser.parse(in);
	CHECK(parser.offset() == json.size());
	return handler.events;
}

std::string stringOf(const std::string& json)
{
	RecordingHandler handler;
	JsonStreamParser parser(handler);
	std::istringstream in(json);
	parser.parse(in);
	return handler.lastString;
}

std::string errorOf(std::istream& in, JsonStreamParser::Limits limits = {})
{
	RecordingHandler handler;
	JsonStreamParser parser(handler, limits);
	try
	{
		parser.parse(in);
	}
	catch (const datatap::DecodeError& e)
	{
		return e.message();
	}
	// Cut short: a document that should have failed may be huge.
	return "no error, events: " + handler.events.substr(0, 200);
}

std::string errorOf(const std::string& json, JsonStreamParser::Limits limits = {})
{
	std::istringstream in(json);
	return errorOf(in, limits);
}

std::string trickledErrorOf(const std::string& json)
{
	TrickleBuffer buffer(json, 1);
	std::istream in(&buffer);
	return errorOf(in);
}

JsonStreamParser::Limits depthLimit(std::size_t maxDepth)
{
	JsonStreamParser::Limits limits;
	limits.maxDepth = maxDepth;
	return limits;
}

JsonStreamParser::Limits stringLimit(std::size_t maxStringBytes)
{
	JsonStreamParser::Limits limits;
	limits.maxStringBytes = maxStringBytes;
	return limits;
}

class BoomError : public std::runtime_error
{
public:
	BoomError():
		std::runtime_error("boom")
	{
	}
};

// Throws from the middle of a document, as a sink that rejects a record would.
class ThrowingHandler : public RecordingHandler
{
public:
	bool throwPoco = false;

	void key(const std::string& k) override
	{
		RecordingHandler::key(k);
		if (k != "boom") return;
		if (throwPoco) throw Poco::NotFoundException("no such field");
		throw BoomError();
	}
};

// Records offset() as each integer arrives.
class OffsetHandler : public CountingHandler
{
public:
	const JsonStreamParser* parser = nullptr;
	std::vector<std::uint64_t> offsets;

	using CountingHandler::value;
	void value(Poco::Int64) override { offsets.push_back(parser->offset()); }
};

// Records how much of the input had been read when each integer arrived.
class ProgressHandler : public CountingHandler
{
public:
	const TrickleBuffer* buffer = nullptr;
	std::vector<std::size_t> served;

	using CountingHandler::value;
	void value(Poco::Int64) override { served.push_back(buffer->served()); }
};

// A numpunct that makes ',' the decimal separator, as many European locales do.
class CommaDecimal : public std::numpunct<char>
{
protected:
	char do_decimal_point() const override { return ','; }
};

} // namespace

TEST_CASE("JsonStreamParser reports each kind of scalar", "[JsonStreamParser]")
{
	CHECK(eventsOf("true") == "true");
	CHECK(eventsOf("false") == "false");
	CHECK(eventsOf("null") == "null");
	CHECK(eventsOf("\"abc\"") == "str:abc");
	CHECK(eventsOf("\"\"") == "str:");
	CHECK(eventsOf("42") == "i64:42");
	CHECK(eventsOf("-7") == "i64:-7");
	CHECK(eventsOf("0") == "i64:0");
	CHECK(eventsOf("1.5") == "dbl:1.5");
	CHECK(eventsOf(" \t\r\n 17 \n\t\r ") == "i64:17");
}

TEST_CASE("JsonStreamParser reports nested structures in document order", "[JsonStreamParser]")
{
	CHECK(eventsOf("[]") == "[ ]");
	CHECK(eventsOf("{}") == "{ }");
	CHECK(eventsOf("[[],{},[[]]]") == "[ [ ] { } [ [ ] ] ]");
	CHECK(eventsOf(R"({"a":[1,{"b":null}],"c":{},"d":[],"e":"x","f":true})")
		== "{ key:a [ i64:1 { key:b null } ] key:c { } key:d [ ] key:e str:x key:f true }");
	CHECK(eventsOf(" {\n\t\"a\" : [ 1 , 2.5 , \"s\" , false ] ,\r\n \"b\" : { } \n} ")
		== "{ key:a [ i64:1 dbl:2.5 str:s false ] key:b { } }");
	CHECK(eventsOf(R"([{"id":1,"tags":["x","y"]},{"id":2,"tags":[]}])")
		== "[ { key:id i64:1 key:tags [ str:x str:y ] } { key:id i64:2 key:tags [ ] } ]");
	// Duplicate keys are passed on as they come; what they mean is the handler's business.
	CHECK(eventsOf(R"({"a":1,"a":2})") == "{ key:a i64:1 key:a i64:2 }");
}

TEST_CASE("JsonStreamParser decodes every escape", "[JsonStreamParser]")
{
	CHECK(stringOf(R"("\"\\\/\b\f\n\r\t")") == "\"\\/\b\f\n\r\t");
	CHECK(stringOf(R"("a\u0041b")") == "aAb");
	CHECK(stringOf(R"("\u00e9\u00E9")") == "\xC3\xA9\xC3\xA9");
	CHECK(stringOf(R"("\u20AC")") == "\xE2\x82\xAC");
	CHECK(stringOf(R"("\u07FF\u0800\uFFFF")") == "\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF");
	CHECK(stringOf(R"("\u0000")") == std::string(1, '\0'));
	CHECK(stringOf(R"("\u001f")") == "\x1F");
	CHECK(eventsOf(R"({"k\ney":"v\u0061l"})") == "{ key:k\ney str:val }");
}

TEST_CASE("JsonStreamParser joins surrogate pairs into UTF-8", "[JsonStreamParser]")
{
	CHECK(stringOf(R"("\uD83D\uDE00")") == "\xF0\x9F\x98\x80");
	CHECK(stringOf(R"("\ud83d\ude00!")") == "\xF0\x9F\x98\x80!");
	CHECK(stringOf(R"("\uD800\uDC00")") == "\xF0\x90\x80\x80");
	CHECK(stringOf(R"("\uDBFF\uDFFF")") == "\xF4\x8F\xBF\xBF");
}

TEST_CASE("JsonStreamParser finds escapes and special bytes at any position in a string", "[JsonStreamParser]")
{
	// Long strings are scanned a word at a time; move each special byte through
	// every position of two words.
	for (std::size_t at = 0; at <= 17; ++at)
	{
		INFO("special byte after " << at << " plain bytes");
		const std::string before(at, 'a');
		const std::string after(20, 'z');
		CHECK(stringOf("\"" + before + "\\n" + after + "\"") == before + "\n" + after);
		CHECK(stringOf("\"" + before + "\\u00e9" + after + "\"") == before + "\xC3\xA9" + after);
		CHECK(stringOf("\"" + before + "\xE2\x82\xAC" + after + "\"") == before + "\xE2\x82\xAC" + after);
		CHECK(stringOf("\"" + before + "\x7F~ !" + after + "\"") == before + "\x7F~ !" + after);
		CHECK(eventsOf("[\"" + before + "\"," + "\"" + after + "\"]") == "[ str:" + before + " str:" + after + " ]");
		CHECK(errorOf("\"" + before + "\x1F" + after + "\"")
			== "line 1, column " + std::to_string(at + 2) + ": unescaped control character byte 0x1F in string");
		CHECK(errorOf("\"" + before + "\xFF" + after + "\"")
			== "line 1, column " + std::to_string(at + 2) + ": invalid UTF-8 in string");
		CHECK(errorOf("\"" + before + "\x85" + after + "\"")
			== "line 1, column " + std::to_string(at + 2) + ": invalid UTF-8 in string");
	}
}

TEST_CASE("JsonStreamParser rejects unpaired surrogates", "[JsonStreamParser]")
{
	CHECK(errorOf(R"("\uD800")") == "line 1, column 2: unpaired UTF-16 surrogate in \\u escape");
	CHECK(errorOf(R"("\uDC00")") == "line 1, column 2: unpaired UTF-16 surrogate in \\u escape");
	CHECK(errorOf(R"("a\uD83D\uD83D")") == "line 1, column 3: unpaired UTF-16 surrogate in \\u escape");
	CHECK(errorOf(R"("\uD800\u0041")") == "line 1, column 2: unpaired UTF-16 surrogate in \\u escape");
	CHECK(errorOf(R"("\uD800x")") == "line 1, column 2: unpaired UTF-16 surrogate in \\u escape");
	CHECK(errorOf(R"("\uD800\n")") == "line 1, column 2: unpaired UTF-16 surrogate in \\u escape");
}

TEST_CASE("JsonStreamParser accepts raw UTF-8 at the edges of each range", "[JsonStreamParser]")
{
	const std::vector<std::string> valid = {
		"\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEE\x80\x80",
		"\xEF\xBF\xBF", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF", "h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80"
	};
	for (const std::string& text : valid)
	{
		INFO(text);
		CHECK(stringOf("\"" + text + "\"") == text);
	}
}

TEST_CASE("JsonStreamParser rejects invalid UTF-8", "[JsonStreamParser]")
{
	const std::vector<std::string> invalid = {
		"\x80",             // continuation byte without a lead
		"\xBF",
		"\xC0\xAF",         // overlong '/'
		"\xC1\xBF",
		"\xE0\x80\xAF",     // overlong in three bytes
		"\xE0\x9F\xBF",
		"\xF0\x80\x80\xAF", // overlong in four bytes
		"\xF0\x8F\xBF\xBF",
		"\xED\xA0\x80",     // U+D800 encoded directly
		"\xED\xBF\xBF",     // U+DFFF
		"\xF4\x90\x80\x80", // U+110000
		"\xF5\x80\x80\x80",
		"\xF8\x88\x80\x80\x80",
		"\xFE",
		"\xFF",
		"\xC3",             // truncated by the closing quote
		"\xE2\x82",
		"\xF0\x9F\x98",
		"\xC3\x41",         // continuation replaced by ASCII
		"\xE2\x28\xA1",
		"\xF0\x9F\x98\x20",
	};
	for (const std::string& bytes : invalid)
	{
		INFO(std::string("\"") + bytes + "\"");
		CHECK(errorOf("\"" + bytes + "\"") == "line 1, column 2: invalid UTF-8 in string");
		CHECK(trickledErrorOf("\"" + bytes + "\"") == "line 1, column 2: invalid UTF-8 in string");
	}
	CHECK(errorOf("\"abc\xFF\"") == "line 1, column 5: invalid UTF-8 in string");
	CHECK(errorOf("[\"ok\",\n \"\xC3\xA9\xC3\"]") == "line 2, column 5: invalid UTF-8 in string");
	CHECK(errorOf("{\"k\xE0\x80\x80\":1}") == "line 1, column 4: invalid UTF-8 in string");
	CHECK(errorOf("\"\xE2\x82") == "line 1, column 4: unexpected end of input inside a string");
	CHECK(errorOf("\xC3\xA9") == "line 1, column 1: expected a value, found byte 0xC3");
	CHECK(errorOf("\xEF\xBB\xBF[]") == "line 1, column 1: expected a value, found byte 0xEF");
}

TEST_CASE("JsonStreamParser rejects trailing commas", "[JsonStreamParser]")
{
	CHECK(errorOf("[1,2,]") == "line 1, column 6: trailing comma in array");
	CHECK(errorOf("[1, \n ]") == "line 2, column 2: trailing comma in array");
	CHECK(errorOf(R"({"a":1,})") == "line 1, column 8: trailing comma in object");
	CHECK(errorOf("[,]") == "line 1, column 2: expected a value, found ','");
	CHECK(errorOf("{,}") == "line 1, column 2: expected a string key or '}', found ','");
}

TEST_CASE("JsonStreamParser rejects numbers outside the grammar", "[JsonStreamParser]")
{
	CHECK(errorOf("01") == "line 1, column 2: leading zeros are not allowed in numbers");
	CHECK(errorOf("[-007]") == "line 1, column 4: leading zeros are not allowed in numbers");
	CHECK(errorOf("00.5") == "line 1, column 2: leading zeros are not allowed in numbers");
	CHECK(errorOf("+1") == "line 1, column 1: expected a value, found '+'");
	CHECK(errorOf("[.5]") == "line 1, column 2: expected a value, found '.'");
	CHECK(errorOf("1.") == "line 1, column 3: expected a digit after the decimal point in number");
	CHECK(errorOf("[1.]") == "line 1, column 4: expected a digit after the decimal point in number");
	CHECK(errorOf("1.e5") == "line 1, column 3: expected a digit after the decimal point in number");
	CHECK(errorOf("1e") == "line 1, column 3: expected a digit in the exponent of number");
	CHECK(errorOf("1E+") == "line 1, column 4: expected a digit in the exponent of number");
	CHECK(errorOf("1e-x") == "line 1, column 4: expected a digit in the exponent of number");
	CHECK(errorOf("-") == "line 1, column 2: expected a digit after '-' in number");
	CHECK(errorOf("--1") == "line 1, column 2: expected a digit after '-' in number");
	CHECK(errorOf("1.5.2") == "line 1, column 4: unexpected '.' in number");
	CHECK(errorOf("[1-2]") == "line 1, column 3: unexpected '-' in number");
	CHECK(errorOf("1e5e5") == "line 1, column 4: unexpected 'e' in number");
	CHECK(errorOf("0x10") == "line 1, column 2: unexpected data after the JSON value, found 'x'");
}

TEST_CASE("JsonStreamParser rejects NaN and Infinity", "[JsonStreamParser]")
{
	CHECK(errorOf("NaN") == "line 1, column 1: expected a value, found 'N'");
	CHECK(errorOf("[nan]") == "line 1, column 2: invalid literal, expected 'null'");
	CHECK(errorOf("Infinity") == "line 1, column 1: expected a value, found 'I'");
	CHECK(errorOf("[-Infinity]") == "line 1, column 3: expected a digit after '-' in number");
}

TEST_CASE("JsonStreamParser rejects single quotes and comments", "[JsonStreamParser]")
{
	CHECK(errorOf("'a'") == "line 1, column 1: expected a value, found \"'\"");
	CHECK(errorOf("{'a':1}") == "line 1, column 2: expected a string key or '}', found \"'\"");
	CHECK(errorOf("[1 /* two */]") == "line 1, column 4: expected ',' or ']' after array element, found '/'");
	CHECK(errorOf("// note\n1") == "line 1, column 1: expected a value, found '/'");
	CHECK(errorOf("{\"a\":1 # note\n}") == "line 1, column 8: expected ',' or '}' after object member, found '#'");
}

TEST_CASE("JsonStreamParser rejects bad strings", "[JsonStreamParser]")
{
	CHECK(errorOf("\"a\tb\"") == "line 1, column 3: unescaped control character byte 0x09 in string");
	CHECK(errorOf("[\"a\nb\"]") == "line 1, column 4: unescaped control character byte 0x0A in string");
	CHECK(errorOf(std::string("\"\0\"", 3)) == "line 1, column 2: unescaped control character byte 0x00 in string");
	CHECK(errorOf("\"\x1F\"") == "line 1, column 2: unescaped control character byte 0x1F in string");
	CHECK(errorOf(R"("\x41")") == "line 1, column 2: invalid escape in string: '\\' followed by 'x'");
	CHECK(errorOf(R"("ab\'")") == "line 1, column 4: invalid escape in string: '\\' followed by \"'\"");
	CHECK(errorOf(R"("\U0041")") == "line 1, column 2: invalid escape in string: '\\' followed by 'U'");
	CHECK(errorOf("\"\\\x01\"") == "line 1, column 2: invalid escape in string: '\\' followed by byte 0x01");
	CHECK(errorOf(R"("\u12G4")") == "line 1, column 2: invalid \\u escape in string: expected four hex digits");
	CHECK(errorOf(R"("\u12")") == "line 1, column 2: invalid \\u escape in string: expected four hex digits");
	CHECK(errorOf(R"("abc)") == "line 1, column 5: unexpected end of input inside a string");
	CHECK(errorOf(R"("abc\)") == "line 1, column 6: unexpected end of input inside a string");
	CHECK(errorOf(R"("\u00)") == "line 1, column 6: unexpected end of input inside a string");
}

TEST_CASE("JsonStreamParser rejects missing values - keys and separators", "[JsonStreamParser]")
{
	CHECK(errorOf(R"({"a":})") == "line 1, column 6: expected a value, found '}'");
	CHECK(errorOf(R"({"a"})") == "line 1, column 5: expected ':' after object key, found '}'");
	CHECK(errorOf(R"({"a" 1})") == "line 1, column 6: expected ':' after object key, found '1'");
	CHECK(errorOf(R"({1:2})") == "line 1, column 2: expected a string key or '}', found '1'");
	CHECK(errorOf(R"({"a":1 "b":2})") == "line 1, column 8: expected ',' or '}' after object member, found '\"'");
	CHECK(errorOf(R"({"ab":1,"c":2])") == "line 1, column 14: expected ',' or '}' after object member, found ']'");
	CHECK(errorOf("[1 2]") == "line 1, column 4: expected ',' or ']' after array element, found '2'");
	CHECK(errorOf("[1}") == "line 1, column 3: expected ',' or ']' after array element, found '}'");
	CHECK(errorOf("]") == "line 1, column 1: expected a value, found ']'");
	CHECK(errorOf("[tru]") == "line 1, column 2: invalid literal, expected 'true'");
	CHECK(errorOf("fals") == "line 1, column 1: invalid literal, expected 'false'");
	CHECK(errorOf("{\n  \"a\": nul\n}") == "line 2, column 8: invalid literal, expected 'null'");
	CHECK(errorOf("\f1") == "line 1, column 1: expected a value, found byte 0x0C");
	CHECK(errorOf("[1,\xC2\xA0 2]") == "line 1, column 4: expected a value, found byte 0xC2");
}

TEST_CASE("JsonStreamParser rejects more than one top-level value", "[JsonStreamParser]")
{
	CHECK(errorOf("1 2") == "line 1, column 3: unexpected data after the JSON value, found '2'");
	CHECK(errorOf("{} []") == "line 1, column 4: unexpected data after the JSON value, found '['");
	CHECK(errorOf("[]\n\n  ,") == "line 3, column 3: unexpected data after the JSON value, found ','");
	CHECK(errorOf("truex") == "line 1, column 5: unexpected data after the JSON value, found 'x'");
	CHECK(errorOf("\"a\"\"b\"") == "line 1, column 4: unexpected data after the JSON value, found '\"'");
	CHECK(errorOf(std::string("1\0", 2)) == "line 1, column 2: unexpected data after the JSON value, found byte 0x00");
}

TEST_CASE("JsonStreamParser rejects empty and truncated input", "[JsonStreamParser]")
{
	CHECK(errorOf("") == "line 1, column 1: empty input, expected a JSON value");
	CHECK(errorOf("  \n\t ") == "line 2, column 3: empty input, expected a JSON value");
	CHECK(errorOf("[1,\n2,\n") == "line 3, column 1: unexpected end of input inside an array");
	CHECK(errorOf("[") == "line 1, column 2: unexpected end of input inside an array");
	CHECK(errorOf("[1") == "line 1, column 3: unexpected end of input inside an array");
	CHECK(errorOf("{") == "line 1, column 2: unexpected end of input inside an object");
	CHECK(errorOf(R"({"a")") == "line 1, column 5: unexpected end of input inside an object");
	CHECK(errorOf(R"({"a":)") == "line 1, column 6: unexpected end of input inside an object");
	CHECK(errorOf(R"({"a":1,)") == "line 1, column 8: unexpected end of input inside an object");
	CHECK(errorOf(R"([{"a":[1]})") == "line 1, column 11: unexpected end of input inside an array");
	CHECK(errorOf("tr") == "line 1, column 1: invalid literal, expected 'true'");
}

TEST_CASE("JsonStreamParser keeps 64-bit integers exact", "[JsonStreamParser]")
{
	CHECK(eventsOf("9223372036854775807") == "i64:9223372036854775807");
	CHECK(eventsOf("-9223372036854775808") == "i64:-9223372036854775808");
	CHECK(eventsOf("9223372036854775808") == "u64:9223372036854775808");
	CHECK(eventsOf("18446744073709551615") == "u64:18446744073709551615");
	CHECK(eventsOf("18446744073709551616") == "dbl:18446744073709551616");
	CHECK(eventsOf("99999999999999999999") == "dbl:1e+20");
	CHECK(eventsOf("-9223372036854775809") == "dbl:-9223372036854775808");
	CHECK(eventsOf("-18446744073709551615") == "dbl:-18446744073709551616");
	CHECK(eventsOf("1" + std::string(100, '0')) == "dbl:1e+100");
	CHECK(eventsOf("[-0,0,-1,1]") == "[ i64:0 i64:0 i64:-1 i64:1 ]");
}

TEST_CASE("JsonStreamParser converts fractions and exponents to double", "[JsonStreamParser]")
{
	CHECK(eventsOf("-0.0") == "dbl:-0");
	CHECK(eventsOf("0.1") == "dbl:0.1");
	CHECK(eventsOf("-12.375") == "dbl:-12.375");
	CHECK(eventsOf("1e2") == "dbl:100");
	CHECK(eventsOf("1E+2") == "dbl:100");
	CHECK(eventsOf("1e-2") == "dbl:0.01");
	CHECK(eventsOf("2.5E-3") == "dbl:0.0025");
	CHECK(eventsOf("0e0") == "dbl:0");
	CHECK(eventsOf("-0e5") == "dbl:-0");
	CHECK(eventsOf("1e0") == "dbl:1");
	CHECK(eventsOf("1.7976931348623157e308") == "dbl:1.7976931348623157e+308");
	CHECK(eventsOf("4.9406564584124654e-324") == "dbl:5e-324");
	CHECK(eventsOf("123456789012345678901234567890e-10") == "dbl:12345678901234567168");
	CHECK(eventsOf("0." + std::string(400, '0') + "1") == "dbl:0");
	CHECK(eventsOf("1e-400") == "dbl:0");
	CHECK(eventsOf("-1e-400") == "dbl:-0");
}

TEST_CASE("JsonStreamParser rejects numbers beyond double", "[JsonStreamParser]")
{
	CHECK(errorOf("[1e400]") == "line 1, column 2: number too large for a double");
	CHECK(errorOf("-1.8e308") == "line 1, column 1: number too large for a double");
	CHECK(errorOf("1e99999999999999999999999") == "line 1, column 1: number too large for a double");
	CHECK(errorOf("0.001e312") == "line 1, column 1: number too large for a double");
	CHECK(errorOf("1" + std::string(400, '0')) == "line 1, column 1: number too large for a double");
}

TEST_CASE("JsonStreamParser reads numbers the same under any locale", "[JsonStreamParser]")
{
	const std::locale previous = std::locale::global(std::locale(std::locale::classic(), new CommaDecimal));
	// A named locale with ',' also reaches strtod and printf; not every system has one.
	const std::string previousC = std::setlocale(LC_NUMERIC, nullptr);
	bool cLocaleChanged = false;
	for (const char* name : {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8"})
	{
		if (std::setlocale(LC_NUMERIC, name))
		{
			cLocaleChanged = true;
			break;
		}
	}
	if (!cLocaleChanged) WARN("no locale with a ',' decimal separator installed; checked the C++ locale only");

	std::string events;
	try
	{
		events = eventsOf("[1.5,-2.25e1,3]");
	}
	catch (...)
	{
		std::setlocale(LC_NUMERIC, previousC.c_str());
		std::locale::global(previous);
		throw;
	}
	std::setlocale(LC_NUMERIC, previousC.c_str());
	std::locale::global(previous);
	CHECK(events == "[ dbl:1.5 dbl:-22.5 i64:3 ]");
}

TEST_CASE("JsonStreamParser limits the decoded size of strings and keys", "[JsonStreamParser]")
{
	const auto limits = stringLimit(10);
	CHECK(eventsOf("\"0123456789\"", limits) == "str:0123456789");
	CHECK(errorOf("\"0123456789a\"", limits) == "line 1, column 1: string longer than 10 bytes");
	CHECK(errorOf("[1,\n \"0123456789a\"]", limits) == "line 2, column 2: string longer than 10 bytes");
	CHECK(eventsOf(R"({"0123456789":1})", limits) == "{ key:0123456789 i64:1 }");
	CHECK(errorOf(R"({"0123456789a":1})", limits) == "line 1, column 2: string longer than 10 bytes");
	// Decoded bytes count: five two-byte characters fit, six do not.
	CHECK(eventsOf(R"("\u00e9\u00e9\u00e9\u00e9\u00e9")", limits) == "str:\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9");
	CHECK(errorOf(R"("\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9")", limits) == "line 1, column 1: string longer than 10 bytes");
	CHECK(errorOf("\"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\"", limits) == "line 1, column 1: string longer than 10 bytes");
	CHECK(errorOf("12345678901", limits) == "line 1, column 1: number longer than 10 bytes");
}

TEST_CASE("JsonStreamParser rejects a string over the default limit", "[JsonStreamParser]")
{
	const std::size_t limit = JsonStreamParser::Limits().maxStringBytes;
	{
		LongStringBuffer buffer(limit);
		std::istream in(&buffer);
		CountingHandler handler;
		JsonStreamParser parser(handler);
		parser.parse(in);
		CHECK(handler.scalars == 1);
		CHECK(parser.offset() == limit + 2);
	}
	LongStringBuffer buffer(limit + 1);
	std::istream in(&buffer);
	CHECK(errorOf(in) == "line 1, column 1: string longer than " + std::to_string(limit) + " bytes");
}

TEST_CASE("JsonStreamParser limits nesting depth", "[JsonStreamParser]")
{
	CHECK(eventsOf("[[[1]]]", depthLimit(3)) == "[ [ [ i64:1 ] ] ]");
	CHECK(errorOf("[[[[1]]]]", depthLimit(3)) == "line 1, column 4: nesting deeper than 3 levels");
	CHECK(eventsOf(R"({"a":{"b":[]}})", depthLimit(3)) == "{ key:a { key:b [ ] } }");
	CHECK(errorOf(R"({"a":{"b":[{}]}})", depthLimit(3)) == "line 1, column 12: nesting deeper than 3 levels");
	CHECK(errorOf("[]", depthLimit(0)) == "line 1, column 1: nesting deeper than 0 levels");
	CHECK(eventsOf("1", depthLimit(0)) == "i64:1");

	// Siblings do not add up: depth is how far in, not how many.
	CHECK(eventsOf("[[1],[2],[3]]", depthLimit(2)) == "[ [ i64:1 ] [ i64:2 ] [ i64:3 ] ]");

	const std::string deepest = std::string(512, '[') + std::string(512, ']');
	CountingHandler handler;
	JsonStreamParser parser(handler);
	std::istringstream in(deepest);
	parser.parse(in);
	CHECK(handler.starts == 512);
	CHECK(handler.ends == 512);
	CHECK(errorOf(std::string(513, '[') + std::string(513, ']')) == "line 1, column 513: nesting deeper than 512 levels");
}

TEST_CASE("JsonStreamParser survives a million levels of nesting", "[JsonStreamParser]")
{
	const std::string open(1000000, '[');
	CHECK(errorOf(open) == "line 1, column 513: nesting deeper than 512 levels");
	CHECK(errorOf(open, depthLimit(2000000)) == "line 1, column 1000001: unexpected end of input inside an array");

	// With the limit out of the way the parser must still not need the call stack.
	CountingHandler handler;
	JsonStreamParser parser(handler, depthLimit(1000000));
	std::istringstream in(open + std::string(1000000, ']'));
	parser.parse(in);
	CHECK(handler.starts == 1000000);
	CHECK(handler.ends == 1000000);
}

TEST_CASE("JsonStreamParser gives the same result however the input is chunked", "[JsonStreamParser]")
{
	const std::vector<std::string> documents = {
		"true", "false", "null", "0", "-0", "123", "-9223372036854775808", "18446744073709551615",
		"18446744073709551616", "-12.5e-3", "1E+10", "\"\"", "\"abc\"",
		R"("\"\\\/\b\f\n\r\t\u0041\u00e9\u20ac\uD83D\uDE00")",
		"\"h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80\"",
		" {\n \"a\" : [1, 2.5, true, false, null, \"x\"],\r\n\t\"b\":{\"c\":{}} , \"d\":[[],[[]]]}\n ",
		R"([{"id":1,"title":"quidem molestiae enim","score":-0.5e2},{"id":18446744073709551615}])",
	};
	for (const std::string& document : documents)
	{
		INFO(document);
		const std::string expected = eventsOf(document);
		CHECK(trickledEventsOf(document, 1) == expected);
		CHECK(trickledEventsOf(document, 2) == expected);
		CHECK(trickledEventsOf(document, 3) == expected);
	}
	CHECK(trickledEventsOf("[1,\"\xF0\x9F\x98\x80\",-0.5]") == "[ i64:1 str:\xF0\x9F\x98\x80 dbl:-0.5 ]");

	const std::vector<std::string> broken = {
		"[1,\n2,]", "\"abc\xE2\x82\"", "12.e", "[tru]", "{\"a\":1 \"b\"}", "\"\\uD800\\u0041\"",
		"[\"a\\x\"]", "[1]\n x", "  ", "{\"a\":[1,2"
	};
	for (const std::string& document : broken)
	{
		INFO(document);
		CHECK(trickledErrorOf(document) == errorOf(document));
	}
}

TEST_CASE("JsonStreamParser reports tokens before it has read the rest of the input", "[JsonStreamParser]")
{
	// A number ends only where the next byte says so, hence one byte past each.
	TrickleBuffer buffer("[1,2,3]", 1);
	std::istream in(&buffer);
	ProgressHandler handler;
	handler.buffer = &buffer;
	JsonStreamParser parser(handler);
	parser.parse(in);
	CHECK(handler.served == std::vector<std::size_t>{3, 5, 7});
}

TEST_CASE("JsonStreamParser handles tokens across the 64 KiB chunk boundary", "[JsonStreamParser]")
{
	const std::size_t chunk = std::size_t{64} << 10;
	const std::vector<std::string> tokens = {
		"-12345.678e-3", "18446744073709551615", "true", "false", "null",
		R"("\uD83D\uDE00")", "\"\xF0\x9F\x98\x80\xE2\x82\xAC\"", R"("a\n\"b")", R"({"key":[]})"
	};
	for (const std::string& token : tokens)
	{
		const std::string expected = eventsOf("[" + token + "]");
		// Move the boundary through every byte of the token, and just before and after it.
		for (std::size_t split = 0; split <= token.size() + 1; ++split)
		{
			INFO(token << " split after " << split << " bytes");
			const std::string document = std::string(chunk - 1 - split, ' ') + "[" + token + "]";
			CHECK(eventsOf(document) == expected);
		}
	}

	const std::string longText(200000, 'x');
	CHECK(stringOf("\"" + longText + "\"") == longText);

	std::string array = "[";
	for (int i = 0; i < 30000; ++i) array += std::to_string(i * 7919) + ",";
	array += "\"end\"]";
	REQUIRE(array.size() > 2 * chunk);
	CountingHandler handler;
	JsonStreamParser parser(handler);
	std::istringstream in(array);
	parser.parse(in);
	CHECK(handler.scalars == 30001);
	CHECK(parser.offset() == array.size());

	std::string lines(chunk + 10, '\n');
	CHECK(errorOf(lines + "[1,]") == "line " + std::to_string(chunk + 11) + ", column 4: trailing comma in array");
}

TEST_CASE("JsonStreamParser lets exceptions from the handler through", "[JsonStreamParser]")
{
	ThrowingHandler handler;
	JsonStreamParser parser(handler);
	{
		std::istringstream in(R"({"a":1,"boom":2})");
		CHECK_THROWS_AS(parser.parse(in), BoomError);
	}
	CHECK(handler.events == "{ key:a i64:1 key:boom");

	handler.throwPoco = true;
	try
	{
		std::istringstream in(R"([{"boom":1}])");
		parser.parse(in);
		FAIL("the handler's exception did not arrive");
	}
	catch (const datatap::DecodeError&)
	{
		FAIL("the handler's exception was wrapped in a DecodeError");
	}
	catch (const Poco::NotFoundException& e)
	{
		CHECK(e.message() == "no such field");
	}

	// The parser starts afresh after an exception.
	handler.events.clear();
	std::istringstream in("[7]");
	parser.parse(in);
	CHECK(handler.events == "[ i64:7 ]");
	CHECK(parser.offset() == 3);
}

TEST_CASE("JsonStreamParser reports the bytes it has consumed", "[JsonStreamParser]")
{
	CountingHandler counting;
	JsonStreamParser fresh(counting);
	CHECK(fresh.offset() == 0);

	OffsetHandler handler;
	JsonStreamParser parser(handler);
	handler.parser = &parser;
	std::istringstream in(" [10, 200 ,3] \n");
	parser.parse(in);
	CHECK(handler.offsets == std::vector<std::uint64_t>{4, 9, 12});
	CHECK(parser.offset() == 15);

	std::istringstream bad("[1, 2, x]");
	CHECK_THROWS_AS(parser.parse(bad), datatap::DecodeError);
	CHECK(parser.offset() == 7);
}
