#include "datatap/JsonStreamParser.h"

#include "datatap/Exceptions.h"

#include <Poco/Exception.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <limits>
#include <streambuf>
#include <system_error>

namespace datatap {

namespace {

constexpr int END_OF_INPUT = -1;
constexpr std::size_t CHUNK_SIZE = std::size_t{64} << 10;
// A parser is made per response and most responses are small: the buffer starts
// at this size and grows to CHUNK_SIZE only when a read fills it.
constexpr std::size_t FIRST_CHUNK_SIZE = std::size_t{4} << 10;

using ByteTable = std::array<bool, 256>;

// Bytes a string can contain as they are: the scan copies runs of them at once.
constexpr ByteTable makePlainStringBytes()
{
	ByteTable table{};
	for (std::size_t c = 0x20; c < 0x80; ++c) table[c] = c != '"' && c != '\\';
	return table;
}

// Every byte that may appear in a number. The lexeme is taken greedily and then
// checked against the grammar, so "01" or "1.e5" get a precise message instead of
// a confusing one about the byte that follows.
constexpr ByteTable makeNumberBytes()
{
	ByteTable table{};
	for (std::size_t c = '0'; c <= '9'; ++c) table[c] = true;
	table['-'] = table['+'] = table['.'] = table['e'] = table['E'] = true;
	return table;
}

constexpr ByteTable PLAIN_STRING_BYTES = makePlainStringBytes();
constexpr ByteTable NUMBER_BYTES = makeNumberBytes();

// What a UTF-8 lead byte promises, after RFC 3629 table 3-7: the narrower range
// of the second byte is what excludes overlong forms, UTF-16 surrogates and code
// points above U+10FFFF.
struct Utf8Lead
{
	int continuationBytes; // 0 for a byte that cannot start a sequence
	unsigned char secondLow;
	unsigned char secondHigh;
};

constexpr Utf8Lead classifyLead(unsigned char lead)
{
	if (lead >= 0xC2 && lead <= 0xDF) return {1, 0x80, 0xBF};
	if (lead == 0xE0) return {2, 0xA0, 0xBF};
	if (lead == 0xED) return {2, 0x80, 0x9F};
	if (lead >= 0xE1 && lead <= 0xEF) return {2, 0x80, 0xBF};
	if (lead == 0xF0) return {3, 0x90, 0xBF};
	if (lead >= 0xF1 && lead <= 0xF3) return {3, 0x80, 0xBF};
	if (lead == 0xF4) return {3, 0x80, 0x8F};
	return {0, 0, 0};
}

// Length of the valid sequence at p if it lies wholly before end, else 0; the
// byte-wise path then deals with sequences that are invalid or cut by a chunk.
std::size_t completeUtf8Sequence(const unsigned char* p, const unsigned char* end)
{
	const Utf8Lead lead = classifyLead(*p);
	if (lead.continuationBytes == 0 || end - p <= lead.continuationBytes) return 0;
	if (p[1] < lead.secondLow || p[1] > lead.secondHigh) return 0;
	for (int i = 2; i <= lead.continuationBytes; ++i)
	{
		if ((p[i] & 0xC0) != 0x80) return 0;
	}
	return static_cast<std::size_t>(lead.continuationBytes) + 1;
}

// Skips eight bytes at a time while none of them needs a closer look: a '"', a
// '\\', a control character or a non-ASCII byte. The byte-wise scan after it
// finds the exact position, so the borrows that can mark bytes past the first
// special one do no harm.
const unsigned char* skipPlainWords(const unsigned char* p, const unsigned char* end)
{
	constexpr std::uint64_t ONES = 0x0101010101010101u;
	constexpr std::uint64_t HIGH_BITS = 0x8080808080808080u;
	while (end - p >= 8)
	{
		std::uint64_t word;
		std::memcpy(&word, p, sizeof word);
		const std::uint64_t quote = word ^ (ONES * '"');
		const std::uint64_t backslash = word ^ (ONES * '\\');
		const std::uint64_t special = ((word - ONES * 0x20) | (quote - ONES) | (backslash - ONES) | word) & HIGH_BITS;
		if (special != 0) break;
		p += 8;
	}
	return p;
}

bool isDigit(char c)
{
	return c >= '0' && c <= '9';
}

std::string describe(int c)
{
	if (c == END_OF_INPUT) return "end of input";
	if (c == '\'') return "\"'\"";
	if (c >= 0x20 && c < 0x7F) return std::string{'\'', static_cast<char>(c), '\''};
	char text[16];
	std::snprintf(text, sizeof text, "byte 0x%02X", static_cast<unsigned>(c));
	return text;
}

std::string describe(char c)
{
	return describe(static_cast<int>(static_cast<unsigned char>(c)));
}

// Integers that fit 64 bits keep their exact value; wider ones become doubles like
// every other number, since JSON itself puts no bound on them. magnitude holds
// the digits modulo 2^64, so it is exact whenever they fit.
bool emitInteger(Poco::JSON::Handler& handler, bool negative, std::uint64_t magnitude, const char* digits, const char* end)
{
	static const char UINT64_MAX_DIGITS[] = "18446744073709551615";
	const std::size_t length = static_cast<std::size_t>(end - digits);
	const std::size_t maxLength = sizeof UINT64_MAX_DIGITS - 1;
	if (length > maxLength || (length == maxLength && std::memcmp(digits, UINT64_MAX_DIGITS, maxLength) > 0))
		return false;

	constexpr auto INT64_MAX_MAGNITUDE = static_cast<std::uint64_t>(std::numeric_limits<Poco::Int64>::max());
	if (!negative)
	{
		if (magnitude <= INT64_MAX_MAGNITUDE)
			handler.value(static_cast<Poco::Int64>(magnitude));
		else
			handler.value(static_cast<Poco::UInt64>(magnitude));
		return true;
	}
	if (magnitude > INT64_MAX_MAGNITUDE + 1) return false;
	// -(2^63) has no positive counterpart in Int64, so it cannot be negated into place.
	handler.value(magnitude == INT64_MAX_MAGNITUDE + 1
		? std::numeric_limits<Poco::Int64>::min()
		: -static_cast<Poco::Int64>(magnitude));
	return true;
}

// from_chars reports overflow and underflow alike as out of range; where the first
// significant digit sits relative to the decimal point tells the two apart.
bool overflowsDouble(const char* p, const char* end)
{
	if (*p == '-') ++p;
	std::int64_t integerDigits = 0;
	std::int64_t leadingZeros = 0;
	bool significant = false;
	bool fraction = false;
	for (; p != end && *p != 'e' && *p != 'E'; ++p)
	{
		if (*p == '.')
		{
			fraction = true;
			continue;
		}
		if (!fraction) ++integerDigits;
		if (*p != '0')
			significant = true;
		else if (!significant)
			++leadingZeros;
	}
	std::int64_t exponent = 0;
	if (p != end)
	{
		++p;
		const bool negative = *p == '-';
		if (*p == '+' || *p == '-') ++p;
		// Saturates: far beyond any double, and safe from overflowing the counter.
		for (; p != end && exponent < 1'000'000'000'000; ++p) exponent = exponent * 10 + (*p - '0');
		if (negative) exponent = -exponent;
	}
	return integerDigits - leadingZeros + exponent > 0;
}

std::size_t encodeUtf8(std::uint32_t codePoint, unsigned char* out)
{
	if (codePoint < 0x80)
	{
		out[0] = static_cast<unsigned char>(codePoint);
		return 1;
	}
	if (codePoint < 0x800)
	{
		out[0] = static_cast<unsigned char>(0xC0 | (codePoint >> 6));
		out[1] = static_cast<unsigned char>(0x80 | (codePoint & 0x3F));
		return 2;
	}
	if (codePoint < 0x10000)
	{
		out[0] = static_cast<unsigned char>(0xE0 | (codePoint >> 12));
		out[1] = static_cast<unsigned char>(0x80 | ((codePoint >> 6) & 0x3F));
		out[2] = static_cast<unsigned char>(0x80 | (codePoint & 0x3F));
		return 3;
	}
	out[0] = static_cast<unsigned char>(0xF0 | (codePoint >> 18));
	out[1] = static_cast<unsigned char>(0x80 | ((codePoint >> 12) & 0x3F));
	out[2] = static_cast<unsigned char>(0x80 | ((codePoint >> 6) & 0x3F));
	out[3] = static_cast<unsigned char>(0x80 | (codePoint & 0x3F));
	return 4;
}

} // namespace

JsonStreamParser::JsonStreamParser(Poco::JSON::Handler& handler):
	JsonStreamParser(handler, Limits())
{
}

JsonStreamParser::JsonStreamParser(Poco::JSON::Handler& handler, Limits limits):
	_handler(handler),
	_limits(limits),
	_buffer(FIRST_CHUNK_SIZE)
{
}

void JsonStreamParser::parse(std::istream& in)
{
	_source = in.rdbuf();
	if (!_source) throw Poco::InvalidArgumentException("JsonStreamParser: the input stream has no buffer");
	_begin = _pos = _end = _buffer.data();
	_bufferOffset = 0;
	_line = 1;
	_lineStart = 0;
	_stack.clear();

	const auto detach = [this]()
	{
		_bufferOffset = offset();
		_begin = _pos = _end = nullptr;
		_source = nullptr;
	};
	try
	{
		// parseValue() is true when it opened a container whose first value comes
		// next, parseAfterValue() when a ',' or ':' asks for another value.
		while (parseValue() || parseAfterValue())
		{
		}
	}
	catch (...)
	{
		detach();
		throw;
	}
	detach();
}

std::uint64_t JsonStreamParser::offset() const
{
	return _bufferOffset + static_cast<std::uint64_t>(_pos - _begin);
}

int JsonStreamParser::skipWhitespace()
{
	// Compact JSON has no whitespace between tokens, so look at one byte first.
	if (_pos != _end && *_pos > ' ') return *_pos;
	return skipWhitespaceSlowly();
}

int JsonStreamParser::skipWhitespaceSlowly()
{
	for (;;)
	{
		while (_pos != _end)
		{
			const unsigned char c = *_pos;
			if (c > ' ') return c;
			if (c == ' ' || c == '\t' || c == '\r')
			{
				++_pos;
			}
			else if (c == '\n')
			{
				++_pos;
				++_line;
				_lineStart = offset();
			}
			else
			{
				return c;
			}
		}
		if (!refill()) return END_OF_INPUT;
	}
}

int JsonStreamParser::nextByte()
{
	if (_pos == _end && !refill()) return END_OF_INPUT;
	return *_pos++;
}

int JsonStreamParser::nextStringByte()
{
	const int c = nextByte();
	if (c == END_OF_INPUT) fail(offset(), "unexpected end of input inside a string");
	return c;
}

bool JsonStreamParser::refill()
{
	using Traits = std::streambuf::traits_type;
	_bufferOffset += static_cast<std::uint64_t>(_end - _begin);
	if (static_cast<std::size_t>(_end - _begin) == _buffer.size() && _buffer.size() < CHUNK_SIZE)
	{
		_buffer.resize(std::min(_buffer.size() * 16, CHUNK_SIZE));
		_begin = _buffer.data();
	}
	_pos = _end = _begin;
	if (Traits::eq_int_type(_source->sgetc(), Traits::eof())) return false;
	// Take what the stream buffer already holds instead of blocking until a whole
	// chunk has arrived, so tokens reach the handler as the body comes in. Reading
	// the stream buffer directly also lets its exceptions through, where
	// istream::read would turn them into badbit.
	const std::streamsize chunk = static_cast<std::streamsize>(_buffer.size());
	const std::streamsize held = _source->in_avail();
	const std::streamsize wanted = held > 0 ? std::min(held, chunk) : chunk;
	const std::streamsize count = _source->sgetn(reinterpret_cast<char*>(_buffer.data()), wanted);
	_end = _begin + std::max<std::streamsize>(count, 0);
	return count > 0;
}

void JsonStreamParser::fail(std::uint64_t at, const std::string& what) const
{
	throw DecodeError("line " + std::to_string(_line) + ", column " + std::to_string(at - _lineStart + 1) + ": " + what);
}

void JsonStreamParser::failUnexpected(int c, const char* expected) const
{
	if (c != END_OF_INPUT) fail(offset(), std::string("expected ") + expected + ", found " + describe(c));
	if (_stack.empty()) fail(offset(), "empty input, expected a JSON value");
	fail(offset(), _stack.back() == Container::Array
		? "unexpected end of input inside an array"
		: "unexpected end of input inside an object");
}

bool JsonStreamParser::parseValue()
{
	const int c = skipWhitespace();
	switch (c)
	{
	case '{':
	{
		enterContainer(Container::Object);
		_handler.startObject();
		const int next = skipWhitespace();
		if (next == '}')
		{
			++_pos;
			_stack.pop_back();
			_handler.endObject();
			return false;
		}
		parseMemberName(next, "a string key or '}'");
		return true;
	}
	case '[':
		enterContainer(Container::Array);
		_handler.startArray();
		if (skipWhitespace() == ']')
		{
			++_pos;
			_stack.pop_back();
			_handler.endArray();
			return false;
		}
		return true;
	case '"':
		++_pos;
		parseString();
		_handler.value(_string);
		return false;
	case 't':
		parseLiteral("true", 4);
		_handler.value(true);
		return false;
	case 'f':
		parseLiteral("false", 5);
		_handler.value(false);
		return false;
	case 'n':
		parseLiteral("null", 4);
		_handler.null();
		return false;
	case '-':
	case '0':
	case '1':
	case '2':
	case '3':
	case '4':
	case '5':
	case '6':
	case '7':
	case '8':
	case '9':
		parseNumber();
		return false;
	default:
		failUnexpected(c, "a value");
	}
}

bool JsonStreamParser::parseAfterValue()
{
	while (!_stack.empty())
	{
		const int c = skipWhitespace();
		if (_stack.back() == Container::Array)
		{
			if (c == ',')
			{
				++_pos;
				if (skipWhitespace() == ']') fail(offset(), "trailing comma in array");
				return true;
			}
			if (c != ']') failUnexpected(c, "',' or ']' after array element");
			++_pos;
			_stack.pop_back();
			_handler.endArray();
		}
		else
		{
			if (c == ',')
			{
				++_pos;
				const int next = skipWhitespace();
				if (next == '}') fail(offset(), "trailing comma in object");
				parseMemberName(next, "a string key");
				return true;
			}
			if (c != '}') failUnexpected(c, "',' or '}' after object member");
			++_pos;
			_stack.pop_back();
			_handler.endObject();
		}
	}
	const int c = skipWhitespace();
	if (c != END_OF_INPUT) fail(offset(), "unexpected data after the JSON value, found " + describe(c));
	return false;
}

void JsonStreamParser::enterContainer(Container container)
{
	if (_stack.size() >= _limits.maxDepth)
		fail(offset(), "nesting deeper than " + std::to_string(_limits.maxDepth) + " levels");
	_stack.push_back(container);
	++_pos;
}

void JsonStreamParser::parseMemberName(int c, const char* expected)
{
	if (c != '"') failUnexpected(c, expected);
	++_pos;
	parseString();
	const int colon = skipWhitespace();
	if (colon != ':') failUnexpected(colon, "':' after object key");
	++_pos;
	_handler.key(_string);
}

void JsonStreamParser::parseLiteral(const char* literal, std::size_t length)
{
	if (static_cast<std::size_t>(_end - _pos) >= length && std::memcmp(_pos, literal, length) == 0)
	{
		_pos += length;
		return;
	}
	const std::uint64_t start = offset();
	for (std::size_t i = 0; i < length; ++i)
	{
		if (nextByte() != literal[i]) fail(start, std::string("invalid literal, expected '") + literal + "'");
	}
}

void JsonStreamParser::parseString()
{
	const std::uint64_t start = offset() - 1;
	_string.clear();
	for (;;)
	{
		const unsigned char* p = _pos;
		for (;;)
		{
			p = skipPlainWords(p, _end);
			while (p != _end && PLAIN_STRING_BYTES[*p]) ++p;
			if (p == _end || *p < 0x80) break;
			const std::size_t length = completeUtf8Sequence(p, _end);
			if (length == 0) break;
			p += length;
		}
		if (p != _pos)
		{
			appendToString(_pos, static_cast<std::size_t>(p - _pos), start);
			_pos = p;
		}
		if (p == _end)
		{
			if (!refill()) fail(offset(), "unexpected end of input inside a string");
			continue;
		}
		const unsigned char c = *p;
		if (c == '"')
		{
			++_pos;
			return;
		}
		if (c == '\\')
			parseEscape(start);
		else if (c < 0x20)
			fail(offset(), "unescaped control character " + describe(c) + " in string");
		else
			parseUtf8Sequence(start);
	}
}

void JsonStreamParser::parseEscape(std::uint64_t stringStart)
{
	const std::uint64_t start = offset();
	++_pos;
	unsigned char decoded[4];
	std::size_t length = 1;
	const int c = nextStringByte();
	switch (c)
	{
	case '"':
	case '\\':
	case '/':
		decoded[0] = static_cast<unsigned char>(c);
		break;
	case 'b':
		decoded[0] = '\b';
		break;
	case 'f':
		decoded[0] = '\f';
		break;
	case 'n':
		decoded[0] = '\n';
		break;
	case 'r':
		decoded[0] = '\r';
		break;
	case 't':
		decoded[0] = '\t';
		break;
	case 'u':
	{
		std::uint32_t codePoint = parseHexQuad(start);
		if (codePoint >= 0xDC00 && codePoint <= 0xDFFF) fail(start, "unpaired UTF-16 surrogate in \\u escape");
		if (codePoint >= 0xD800 && codePoint <= 0xDBFF)
		{
			const std::uint64_t lowStart = offset();
			if (nextStringByte() != '\\' || nextStringByte() != 'u')
				fail(start, "unpaired UTF-16 surrogate in \\u escape");
			const std::uint32_t low = parseHexQuad(lowStart);
			if (low < 0xDC00 || low > 0xDFFF) fail(start, "unpaired UTF-16 surrogate in \\u escape");
			codePoint = 0x10000 + ((codePoint - 0xD800) << 10) + (low - 0xDC00);
		}
		length = encodeUtf8(codePoint, decoded);
		break;
	}
	default:
		fail(start, "invalid escape in string: '\\' followed by " + describe(c));
	}
	appendToString(decoded, length, stringStart);
}

std::uint32_t JsonStreamParser::parseHexQuad(std::uint64_t escapeStart)
{
	std::uint32_t value = 0;
	for (int i = 0; i < 4; ++i)
	{
		const int c = nextStringByte();
		int digit;
		if (c >= '0' && c <= '9')
			digit = c - '0';
		else if (c >= 'a' && c <= 'f')
			digit = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			digit = c - 'A' + 10;
		else
			fail(escapeStart, "invalid \\u escape in string: expected four hex digits");
		value = (value << 4) | static_cast<std::uint32_t>(digit);
	}
	return value;
}

void JsonStreamParser::parseUtf8Sequence(std::uint64_t stringStart)
{
	const std::uint64_t start = offset();
	unsigned char bytes[4];
	bytes[0] = *_pos++;
	const Utf8Lead lead = classifyLead(bytes[0]);
	if (lead.continuationBytes == 0) fail(start, "invalid UTF-8 in string");
	int low = lead.secondLow;
	int high = lead.secondHigh;
	for (int i = 1; i <= lead.continuationBytes; ++i)
	{
		const int c = nextStringByte();
		if (c < low || c > high) fail(start, "invalid UTF-8 in string");
		bytes[i] = static_cast<unsigned char>(c);
		low = 0x80;
		high = 0xBF;
	}
	appendToString(bytes, static_cast<std::size_t>(lead.continuationBytes) + 1, stringStart);
}

void JsonStreamParser::appendToString(const unsigned char* data, std::size_t length, std::uint64_t stringStart)
{
	// _string never exceeds the limit, so the subtraction cannot wrap.
	if (length > _limits.maxStringBytes - _string.size())
		fail(stringStart, "string longer than " + std::to_string(_limits.maxStringBytes) + " bytes");
	_string.append(reinterpret_cast<const char*>(data), length);
}

void JsonStreamParser::parseNumber()
{
	const std::uint64_t start = offset();
	const unsigned char* p = _pos;
	while (p != _end && NUMBER_BYTES[*p]) ++p;
	if (p != _end)
	{
		const unsigned char* const begin = _pos;
		_pos = p;
		emitNumber(reinterpret_cast<const char*>(begin), reinterpret_cast<const char*>(p), start);
		return;
	}

	// The number may go on in the next chunk: collect it so the conversion sees it whole.
	_number.assign(reinterpret_cast<const char*>(_pos), static_cast<std::size_t>(p - _pos));
	_pos = p;
	while (refill())
	{
		p = _pos;
		while (p != _end && NUMBER_BYTES[*p]) ++p;
		const std::size_t length = static_cast<std::size_t>(p - _pos);
		if (_number.size() + length > _limits.maxStringBytes)
			fail(start, "number longer than " + std::to_string(_limits.maxStringBytes) + " bytes");
		_number.append(reinterpret_cast<const char*>(_pos), length);
		_pos = p;
		if (p != _end) break;
	}
	emitNumber(_number.data(), _number.data() + _number.size(), start);
}

void JsonStreamParser::emitNumber(const char* begin, const char* end, std::uint64_t start)
{
	const auto at = [begin, start](const char* p)
	{
		return start + static_cast<std::uint64_t>(p - begin);
	};
	// Numbers share the string limit so that an endless run of digits cannot grow memory.
	if (static_cast<std::size_t>(end - begin) > _limits.maxStringBytes)
		fail(start, "number longer than " + std::to_string(_limits.maxStringBytes) + " bytes");

	const char* p = begin;
	const bool negative = *p == '-';
	if (negative) ++p;
	const char* const digits = p;
	if (p == end || !isDigit(*p)) fail(at(p), "expected a digit after '-' in number");
	std::uint64_t magnitude = 0;
	if (*p == '0')
	{
		++p;
		if (p != end && isDigit(*p)) fail(at(p), "leading zeros are not allowed in numbers");
	}
	else
	{
		for (; p != end && isDigit(*p); ++p) magnitude = magnitude * 10 + static_cast<std::uint64_t>(*p - '0');
	}
	const char* const digitsEnd = p;
	if (p != end && *p == '.')
	{
		++p;
		if (p == end || !isDigit(*p)) fail(at(p), "expected a digit after the decimal point in number");
		while (p != end && isDigit(*p)) ++p;
	}
	if (p != end && (*p == 'e' || *p == 'E'))
	{
		++p;
		if (p != end && (*p == '+' || *p == '-')) ++p;
		if (p == end || !isDigit(*p)) fail(at(p), "expected a digit in the exponent of number");
		while (p != end && isDigit(*p)) ++p;
	}
	if (p != end) fail(at(p), "unexpected " + describe(*p) + " in number");

	if (digitsEnd == end && emitInteger(_handler, negative, magnitude, digits, digitsEnd)) return;

	// from_chars, unlike strtod, ignores the global locale and its decimal separator.
	double value = 0;
	if (std::from_chars(begin, end, value).ec == std::errc::result_out_of_range)
	{
		if (overflowsDouble(begin, end)) fail(start, "number too large for a double");
		value = negative ? -0.0 : 0.0;
	}
	_handler.value(value);
}

} // namespace datatap
