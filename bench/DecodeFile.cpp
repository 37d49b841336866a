// datatap-decode-file: runs one decoder plugin over a file and writes NDJSON to
// stdout, through the registry, decoder and sink the runner uses, so that the
// decoders can be timed against other tools on the same file before the runner
// reads file:// sources.
//
//     datatap-decode-file DECODER FILE [KEY=VALUE...] > /dev/null

#include "registry/PluginRegistry.h"
#include "sinks/NdjsonSink.h"

#include <datatap/Exceptions.h>

#include <Poco/Environment.h>

#include <fstream>
#include <iostream>

int main(int argc, char** argv)
{
	if (argc < 3)
	{
		std::cerr << "usage: datatap-decode-file DECODER FILE [KEY=VALUE...] (plugins from $DATATAP_PLUGIN_PATH or the build)\n";
		return 64;
	}
	try
	{
		datatap::PluginOptions::Values values;
		for (int at = 3; at < argc; ++at)
		{
			const std::string option = argv[at];
			const std::size_t equals = option.find('=');
			if (equals == std::string::npos)
				throw datatap::UsageError("an option is KEY=VALUE, found '" + option + "'");
			values[option.substr(0, equals)] = option.substr(equals + 1);
		}
		datatap::PluginRegistry registry;
		registry.scan({Poco::Environment::get("DATATAP_PLUGIN_PATH", DATATAP_BENCH_PLUGIN_DIR)});
		auto decoder = registry.createDecoder(argv[1]);
		decoder->configure(datatap::PluginOptions(argv[1], "source.bench", values));
		std::ifstream body(argv[2], std::ios::binary);
		if (!body)
			throw datatap::UsageError(std::string("cannot open ") + argv[2]);
		std::ios::sync_with_stdio(false);
		datatap::NdjsonSink sink(std::cout);
		decoder->decode(body, datatap::ResponseInfo{"bench", argv[2], 200, ""}, sink);
		sink.finish();
		std::cerr << sink.count() << " records\n";
	}
	catch (const Poco::Exception& exc)
	{
		std::cerr << "datatap-decode-file: " << exc.displayText() << "\n";
		return 65;
	}
	return 0;
}
