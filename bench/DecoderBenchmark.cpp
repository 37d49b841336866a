// Google Benchmark micro-benchmarks, one per decoder plugin: records/s and
// bytes/s of decode() alone, from memory into a sink that only counts, so the
// figures leave out disk, output formatting and the network.

#include "registry/PluginRegistry.h"

#include <datatap/ResourceDecoder.h>

#include <Poco/Environment.h>

#include <benchmark/benchmark.h>

#include <sstream>
#include <string>

namespace {

constexpr int kRecords = 100000;

class CountingSink: public datatap::RecordSink
{
public:
	void write(const datatap::Record& record) override { fields += record.size(); }
	std::size_t fields = 0;
};

std::string title(int index)
{
	static const char* const words[] = {"quidem", "molestiae", "enim", "sunt", "caf\xC3\xA9", "omnis", "laborum"};
	return std::string(words[index % 7]) + " " + words[(index / 7) % 7] + " " + words[(index / 49) % 7];
}

std::string jsonAlbums()
{
	std::string body = "[";
	for (int i = 0; i < kRecords; ++i)
		body += std::string(i ? ",\n" : "\n") + "{\"userId\": " + std::to_string(i / 100 + 1) + ", \"id\": " + std::to_string(i + 1) + ", \"title\": \"" + title(i) + "\"}";
	return body + "\n]\n";
}

std::string ndjsonAlbums()
{
	std::string body;
	for (int i = 0; i < kRecords; ++i)
		body += "{\"userId\": " + std::to_string(i / 100 + 1) + ", \"id\": " + std::to_string(i + 1) + ", \"title\": \"" + title(i) + "\"}\n";
	return body;
}

std::string csvAlbums()
{
	std::string body = "userId,id,title\r\n";
	for (int i = 0; i < kRecords; ++i)
		body += std::to_string(i / 100 + 1) + "," + std::to_string(i + 1) + ",\"" + title(i) + "\"\r\n";
	return body;
}

datatap::PluginRegistry& registry()
{
	static datatap::PluginRegistry shipped;
	static const bool scanned = [] {
		shipped.scan({Poco::Environment::get("DATATAP_PLUGIN_PATH", DATATAP_BENCH_PLUGIN_DIR)});
		return true;
	}();
	(void)scanned;
	return shipped;
}

void decode(benchmark::State& state, const std::string& name, const datatap::PluginOptions::Values& options, const std::string& body)
{
	auto decoder = registry().createDecoder(name);
	decoder->configure(datatap::PluginOptions(name, "source.bench", options));
	for (auto _: state)
	{
		std::istringstream in(body);
		CountingSink sink;
		decoder->decode(in, {}, sink);
		benchmark::DoNotOptimize(sink.fields);
	}
	state.SetItemsProcessed(state.iterations() * kRecords);
	state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(body.size()));
}

void albumDecoder(benchmark::State& state)
{
	static const std::string body = jsonAlbums();
	decode(state, "album", {}, body);
}

void typedDecoder(benchmark::State& state)
{
	static const std::string body = jsonAlbums();
	decode(state, "typed", {{"fields", "userId:int, id:int, title:string"}}, body);
}

void jsonDecoder(benchmark::State& state)
{
	static const std::string body = jsonAlbums();
	decode(state, "json", {}, body);
}

void ndjsonDecoder(benchmark::State& state)
{
	static const std::string body = ndjsonAlbums();
	decode(state, "ndjson", {}, body);
}

void csvDecoder(benchmark::State& state)
{
	static const std::string body = csvAlbums();
	decode(state, "csv", {}, body);
}

} // namespace

BENCHMARK(albumDecoder)->Unit(benchmark::kMillisecond);
BENCHMARK(typedDecoder)->Unit(benchmark::kMillisecond);
BENCHMARK(jsonDecoder)->Unit(benchmark::kMillisecond);
BENCHMARK(ndjsonDecoder)->Unit(benchmark::kMillisecond);
BENCHMARK(csvDecoder)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
