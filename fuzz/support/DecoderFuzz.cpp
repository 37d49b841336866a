#include "support/DecoderFuzz.h"

#include "datatap/Exceptions.h"
#include "datatap/JsonText.h"
#include "datatap/ResourceDecoder.h"
#include "support/TrickleBuffer.h"

#include <Poco/ClassLibrary.h>
#include <Poco/Manifest.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <sstream>

// Defined by the decoder plugin's DATATAP_BEGIN_DECODER_MANIFEST, linked in.
extern "C" bool pocoBuildManifestResourceDecoder(Poco::ManifestBase* manifest);

namespace datatap::fuzz {

namespace {

class TextSink: public RecordSink
{
public:
	void write(const Record& record) override
	{
		JsonText::appendRecord(text, record);
		text += '\n';
	}

	std::string text;
};

} // namespace

DecoderFuzz::DecoderFuzz(std::string className, std::string pluginName, PluginOptions::Values options):
	_className(std::move(className)),
	_pluginName(std::move(pluginName)),
	_options(std::move(options))
{
}

std::string DecoderFuzz::decode(const std::string& body, std::size_t step) const
{
	static Poco::Manifest<ResourceDecoder> manifest;
	static const bool built = pocoBuildManifestResourceDecoder(&manifest);
	auto meta = manifest.find(_className);
	if (!built || meta == manifest.end())
		std::abort();
	std::unique_ptr<ResourceDecoder> decoder((*meta)->create());
	decoder->configure(PluginOptions(_pluginName, "source.fuzz", _options));

	TextSink sink;
	const ResponseInfo info{"fuzz", "http://127.0.0.1/records", 200, ""};
	try
	{
		if (step == 0)
		{
			std::istringstream in(body);
			decoder->decode(in, info, sink);
		}
		else
		{
			TrickleBuffer buffer(body, step);
			std::istream in(&buffer);
			decoder->decode(in, info, sink);
		}
	}
	catch (const DecodeError& exc)
	{
		sink.text += "error: " + exc.message();
	}
	return sink.text;
}

void DecoderFuzz::run(const std::string& body, std::size_t step) const
{
	std::string whole;
	try
	{
		whole = decode(body, 0);
	}
	catch (const ConfigError&)
	{
		// A fuzzed schema or option the decoder rightly refuses.
		return;
	}
	const std::string trickled = decode(body, step);
	if (whole != trickled)
	{
		std::fprintf(stderr, "read whole:\n%s\nread %zu bytes at a time:\n%s\n", whole.c_str(), step, trickled.c_str());
		std::abort();
	}
}

} // namespace datatap::fuzz
