// Bodies that need more than HTTP: compressed responses from the mock API, and
// sources that read a saved response from a file or from standard input.

#include "support/MockApiServer.h"
#include "support/ProcessRunner.h"
#include "support/TempDir.h"

#include <catch2/catch.hpp>

#include <algorithm>

using datatap::test::MockApiServer;
using datatap::test::ProcessResult;
using datatap::test::ProcessRunner;
using datatap::test::TempDir;

namespace {

const std::string kAlbum1 = R"({"userId":1,"id":1,"title":"quidem molestiae enim"})";

std::string ini(const std::string& url, const std::string& extra = "")
{
	return "[auth.mock]\nstrategy = basic-token\ntoken = your_api_token_here\n\n[source.s]\nurl = " + url + "\nauth = mock\ndecoder = album\n" + extra;
}

} // namespace

TEST_CASE("gzip and deflate bodies are inflated before the decoder sees them", "[encoding]")
{
	MockApiServer server;
	TempDir dir;
	for (const std::string fault: {"gzip", "deflate"})
	{
		const ProcessResult result = ProcessRunner::datatap({"-c", dir.write(fault + ".ini", ini(server.url() + "/fault/" + fault)), "-o", "ndjson"});
		INFO(fault << ": " << result.err);
		CHECK(result.exitCode == 0);
		CHECK(result.out == kAlbum1 + "\n");
	}
	CHECK_THAT(server.requests().front(), Catch::Contains("Accept-Encoding"));
}

TEST_CASE("a gzip bomb is cut off at max_body - counted in inflated bytes", "[encoding]")
{
	MockApiServer server;
	TempDir dir;
	const ProcessResult result = ProcessRunner::datatap({"-c", dir.write("bomb.ini", ini(server.url() + "/fault/gzip-bomb?mb=64", "max_body = 4M\n"))});
	CHECK(result.exitCode == 65);
	CHECK_THAT(result.err, Catch::Contains("4194304"));
	CHECK(result.out.empty());
}

TEST_CASE("more than one content-encoding layer is refused", "[encoding]")
{
	MockApiServer server;
	TempDir dir;
	const ProcessResult result = ProcessRunner::datatap({"-c", dir.write("double.ini", ini(server.url() + "/fault/double-gzip"))});
	CHECK(result.exitCode == 65);
	CHECK_THAT(result.err, Catch::Contains("gzip, gzip"));
}

TEST_CASE("a file: source decodes a saved response - relative to the INI", "[local]")
{
	TempDir dir;
	dir.write("saved/albums.json", "[" + kAlbum1 + "," + kAlbum1 + "]");
	const std::string config = dir.write("file.ini", "[source.saved]\nurl = file:saved/albums.json\ndecoder = album\n");
	const ProcessResult result = ProcessRunner::datatap({"-c", config, "-o", "ndjson"});
	INFO(result.err);
	CHECK(result.exitCode == 0);
	CHECK(result.out == kAlbum1 + "\n" + kAlbum1 + "\n");

	const ProcessResult absolute = ProcessRunner::datatap({"-c", dir.write("abs.ini", "[source.saved]\nurl = file://" + dir.path() + "/saved/albums.json\ndecoder = album\n"), "-o", "ndjson"});
	CHECK(absolute.exitCode == 0);

	const ProcessResult dry = ProcessRunner::datatap({"-c", config, "--dry-run"});
	CHECK_THAT(dry.out, Catch::Contains("READ file://" + dir.path() + "/saved/albums.json"));

	const ProcessResult missing = ProcessRunner::datatap({"-c", dir.write("missing.ini", "[source.saved]\nurl = file:nope.json\ndecoder = album\n")});
	CHECK(missing.exitCode == 69);
	CHECK_THAT(missing.err, Catch::Contains("cannot read") && Catch::Contains("nope.json"));

	const ProcessResult withAuth = ProcessRunner::datatap({"-c", dir.write("auth.ini", "[auth.a]\nstrategy = basic-token\ntoken = t\n[source.saved]\nurl = file:saved/albums.json\nauth = a\ndecoder = album\n")});
	CHECK(withAuth.exitCode == 78);
	CHECK_THAT(withAuth.err, Catch::Contains("does not apply to a file://"));
}

TEST_CASE("url = - reads standard input", "[local]")
{
	TempDir dir;
	const std::string body = dir.write("body.json", kAlbum1);
	const std::string config = dir.write("stdin.ini", "[source.in]\nurl = -\ndecoder = album\n");
	const ProcessResult result = ProcessRunner::run("/bin/sh", {"-c", "\"$0\" -c \"$1\" -o ndjson < \"$2\"", std::string(DATATAP_TEST_BIN_DIR) + "/datatap", config, body});
	INFO(result.err);
	CHECK(result.exitCode == 0);
	CHECK(result.out == kAlbum1 + "\n");
}
