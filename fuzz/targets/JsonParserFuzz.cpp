// The streaming JSON parser: any input is either parsed or refused with a
// DecodeError; read whole or trickled it gives the same events or the same
// error, and an accepted document's containers balance.

#include "FuzzTarget.h"
#include "datatap/Exceptions.h"
#include "datatap/JsonStreamParser.h"
#include "support/FuzzInput.h"
#include "support/TrickleBuffer.h"

#include <Poco/JSON/Handler.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace {

class EventLog: public Poco::JSON::Handler
{
public:
	void reset() override { std::abort(); }
	void startObject() override { open('{'); }
	void endObject() override { close('{'); }
	void startArray() override { open('['); }
	void endArray() override { close('['); }
	void key(const std::string& k) override { text += "k" + k + '\0'; }
	void null() override { text += 'n'; }
	void value(int) override { std::abort(); }
	void value(unsigned) override { std::abort(); }
	void value(Poco::Int64 v) override { text += "i" + std::to_string(v); }
	void value(Poco::UInt64 v) override { text += "u" + std::to_string(v); }
	void value(const std::string& v) override { text += "s" + v + '\0'; }
	void value(double v) override { text += "d" + std::to_string(v); }
	void value(bool v) override { text += v ? 't' : 'f'; }

	std::string text;
	std::string stack;

private:
	void open(char c)
	{
		text += c;
		stack += c;
	}

	void close(char c)
	{
		if (stack.empty() || stack.back() != c)
			std::abort();
		stack.pop_back();
		text += c == '{' ? '}' : ']';
	}
};

std::string parse(const std::string& json, std::size_t step, datatap::JsonStreamParser::Limits limits)
{
	EventLog log;
	datatap::JsonStreamParser parser(log, limits);
	try
	{
		if (step == 0)
		{
			std::istringstream in(json);
			parser.parse(in);
		}
		else
		{
			datatap::fuzz::TrickleBuffer buffer(json, step);
			std::istream in(&buffer);
			parser.parse(in);
		}
	}
	catch (const datatap::DecodeError& exc)
	{
		return log.text + "error: " + exc.message();
	}
	if (!log.stack.empty())
		std::abort();
	return log.text;
}

} // namespace

int fuzzOne(const std::uint8_t* data, std::size_t size)
{
	datatap::fuzz::FuzzInput input(data, size);
	const std::uint8_t choice = input.byte();
	datatap::JsonStreamParser::Limits limits;
	// Small limits now and then, so the depth and string-size refusals are reached.
	if ((choice & 0x80) != 0)
	{
		limits.maxDepth = choice % 8 + 1;
		limits.maxStringBytes = choice % 16 + 1;
	}
	const std::string json = input.rest();
	const std::string whole = parse(json, 0, limits);
	const std::size_t step = choice % 5 + 1;
	const std::string trickled = parse(json, step, limits);
	if (whole != trickled)
	{
		std::fprintf(stderr, "read whole: %s\nread %zu bytes at a time: %s\n", whole.c_str(), step, trickled.c_str());
		std::abort();
	}
	return 0;
}
