#include "support/DecoderHarness.h"

#include "datatap/Exceptions.h"
#include "datatap/JsonText.h"
#include "registry/PluginRegistry.h"
#include "support/TestPlugins.h"

#include <catch2/catch.hpp>

#include <sstream>

namespace datatap::test {

namespace {

class CollectingSink: public RecordSink
{
public:
	void write(const Record& record) override { records.push_back(record); }
	std::vector<Record> records;
};

// Hands out one byte per read, as a slow network would, so that every token,
// line and field of a body straddles a buffer boundary somewhere.
class TrickleBuf: public std::streambuf
{
public:
	explicit TrickleBuf(const std::string& text):
		_text(text)
	{
	}

protected:
	int_type underflow() override
	{
		if (_at == _text.size())
			return traits_type::eof();
		_byte = _text[_at++];
		setg(&_byte, &_byte, &_byte + 1);
		return traits_type::to_int_type(_byte);
	}

private:
	const std::string& _text;
	std::size_t _at = 0;
	char _byte = 0;
};

PluginRegistry& registry()
{
	static PluginRegistry shipped;
	static const bool scanned = []
	{
		shipped.scan({TestPlugins::shippedDir()});
		return true;
	}();
	(void)scanned;
	return shipped;
}

} // namespace

DecoderHarness::DecoderHarness(std::string decoder, PluginOptions::Values options, std::string source):
	_decoder(std::move(decoder)),
	_options(std::move(options)),
	_source(std::move(source))
{
}

std::unique_ptr<ResourceDecoder> DecoderHarness::create() const
{
	auto decoder = registry().createDecoder(_decoder);
	decoder->configure(PluginOptions(_decoder, "source." + _source, _options));
	return decoder;
}

DecoderHarness::Outcome DecoderHarness::run(const std::string& body, bool trickle) const
{
	Outcome outcome;
	auto decoder = create();
	CollectingSink sink;
	const ResponseInfo info{_source, "http://127.0.0.1/records", 200, ""};
	try
	{
		if (trickle)
		{
			TrickleBuf buffer(body);
			std::istream in(&buffer);
			decoder->decode(in, info, sink);
		}
		else
		{
			std::istringstream in(body);
			decoder->decode(in, info, sink);
		}
	}
	catch (const DecodeError& exc)
	{
		outcome.error = exc.message();
	}
	outcome.records = std::move(sink.records);
	return outcome;
}

std::vector<Record> DecoderHarness::decode(const std::string& body) const
{
	Outcome whole = run(body, false);
	if (!whole.error.empty())
		FAIL("decoding failed: " << whole.error);
	if (body.size() < 100000)
	{
		const Outcome trickled = run(body, true);
		CHECK(trickled.error == whole.error);
		CHECK(text(trickled.records) == text(whole.records));
	}
	return whole.records;
}

std::string DecoderHarness::errorOf(const std::string& body) const
{
	const Outcome whole = run(body, false);
	if (body.size() < 100000)
	{
		const Outcome trickled = run(body, true);
		CHECK(trickled.error == whole.error);
		CHECK(trickled.records.size() == whole.records.size());
	}
	return whole.error.empty() ? "no error" : whole.error;
}

std::size_t DecoderHarness::recordsDelivered(const std::string& body) const
{
	return run(body, false).records.size();
}

std::string DecoderHarness::configErrorOf() const
{
	try
	{
		create();
	}
	catch (const ConfigError& exc)
	{
		return exc.message();
	}
	return "no error";
}

std::string DecoderHarness::text(const Record& record)
{
	std::string out;
	JsonText::appendRecord(out, record);
	return out;
}

std::string DecoderHarness::text(const std::vector<Record>& records)
{
	std::string out;
	for (const Record& record: records)
		out += text(record) + "\n";
	return out;
}

} // namespace datatap::test
