// A long run as a nightly job would make it: 100,000 albums through the runner
// against the mock API, while the runner's resident memory and open file
// descriptors are sampled from /proc. A leak per request, of bytes or of
// sockets, shows as growth here long before it shows anywhere else.
// Hidden ([.soak]): CTest runs it under the label soak, outside the default run.

#include "support/MockApiServer.h"
#include "support/TempDir.h"
#include "support/TestPlugins.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/Exception.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

namespace {

struct Sample
{
	std::size_t rssKiB = 0;
	std::size_t fds = 0;
};

// False once the process is gone (or a zombie, which has no VmRSS line).
bool sample(int pid, Sample& out)
{
	std::ifstream status("/proc/" + std::to_string(pid) + "/status");
	std::string line;
	bool found = false;
	while (std::getline(status, line))
	{
		if (line.rfind("VmRSS:", 0) == 0)
		{
			out.rssKiB = std::stoul(line.substr(6));
			found = true;
		}
	}
	if (!found)
		return false;
	out.fds = 0;
	try
	{
		for (Poco::DirectoryIterator it("/proc/" + std::to_string(pid) + "/fd"), end; it != end; ++it)
			++out.fds;
	}
	catch (const Poco::Exception&)
	{
		return false;
	}
	return true;
}

} // namespace

TEST_CASE("soak: 100,000 albums through the runner with flat memory and descriptors", "[.soak]")
{
	constexpr std::size_t kAlbums = 100000;
	datatap::test::MockApiServer server;
	datatap::test::TempDir dir;
	const std::string ini = dir.write("soak.ini",
		"[datatap]\nplugin_path = " + datatap::test::TestPlugins::shippedDir() + "\noutput = ndjson\nconcurrency = 4\n\n"
		"[auth.placeholder]\nstrategy = basic-token\ntoken = your_api_token_here\n\n"
		"[source.albums]\nurl = " + server.url() + "/fault/album/{id}\nauth = placeholder\ndecoder = album\n"
		"partition.id = 1.." + std::to_string(kAlbums) + "\n");

	Poco::Pipe outPipe;
	Poco::Pipe errPipe;
	Poco::ProcessHandle handle = Poco::Process::launch(std::string(DATATAP_TEST_BIN_DIR) + "/datatap", {"-q", "-c", ini}, nullptr, &outPipe, &errPipe);
	std::atomic<std::size_t> lines{0};
	std::string lastLine;
	std::thread outReader([&] {
		Poco::PipeInputStream in(outPipe);
		std::string line;
		while (std::getline(in, line))
		{
			lastLine = line;
			++lines;
		}
	});
	std::string err;
	std::thread errReader([&] {
		Poco::PipeInputStream in(errPipe);
		std::ostringstream text;
		Poco::StreamCopier::copyStream(in, text);
		err = text.str();
	});

	std::vector<Sample> samples;
	std::vector<std::size_t> progress;
	for (Sample current; sample(handle.id(), current);)
	{
		samples.push_back(current);
		progress.push_back(lines.load());
		std::this_thread::sleep_for(std::chrono::milliseconds(100));
	}
	outReader.join();
	errReader.join();
	const int exitCode = handle.wait();

	INFO(err);
	CHECK(exitCode == 0);
	CHECK(lines.load() == kAlbums);
	CHECK(lastLine.find("\"userId\"") != std::string::npos);
	REQUIRE(samples.size() >= 20);

	// The baseline is taken once a tenth of the albums are out: by then every
	// connection, buffer and plugin is in place and only a leak can still grow.
	const auto warm = std::find_if(progress.begin(), progress.end(), [&](std::size_t done) { return done >= kAlbums / 10; });
	REQUIRE(warm != progress.end());
	const Sample baseline = samples[static_cast<std::size_t>(warm - progress.begin())];
	std::size_t maxRss = 0;
	std::size_t maxFds = 0;
	for (std::size_t i = static_cast<std::size_t>(warm - progress.begin()); i < samples.size(); ++i)
	{
		maxRss = std::max(maxRss, samples[i].rssKiB);
		maxFds = std::max(maxFds, samples[i].fds);
	}
	INFO("RSS " << baseline.rssKiB << " KiB at 10%, at most " << maxRss << " KiB after; fds " << baseline.fds << " at 10%, at most " << maxFds << " after; " << samples.size() << " samples");
	// 90,000 requests more: a leak of even 100 bytes each would pass 8 MiB.
	CHECK(maxRss <= baseline.rssKiB + 8 * 1024);
	CHECK(maxFds <= baseline.fds + 2);
	WARN("RSS " << baseline.rssKiB << " KiB at 10%, at most " << maxRss << " KiB after; fds " << baseline.fds << " at 10%, at most " << maxFds << " after");
}
