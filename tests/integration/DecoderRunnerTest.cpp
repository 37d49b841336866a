// The new decoders as a user meets them: named in an INI, their options checked
// by the runner, over loopback against datatap-mock-api.

#include "support/MockApiServer.h"
#include "support/ProcessRunner.h"
#include "support/TempDir.h"
#include "support/TestPlugins.h"

#include <catch2/catch.hpp>

#include <algorithm>

using datatap::test::MockApiServer;
using datatap::test::ProcessResult;
using datatap::test::ProcessRunner;
using datatap::test::TempDir;
using datatap::test::TestPlugins;

namespace {

std::string ini(const std::string& url, const std::string& decoderLines)
{
	return "[datatap]\nplugin_path = " + TestPlugins::shippedDir() + "\ntimeout = 10\n\n"
		"[auth.placeholder]\nstrategy = basic-token\ntoken = your_api_token_here\n\n"
		"[source.albums]\nurl = " + url + "\nauth = placeholder\n" + decoderLines;
}

} // namespace

TEST_CASE("runner: typed with the album schema prints what album prints", "[integration][typed]")
{
	MockApiServer server;
	TempDir dir;
	const std::string url = server.url() + "/albums?userId=2";
	const ProcessResult album = ProcessRunner::datatap({"-c", dir.write("album.ini", ini(url, "decoder = album\n")), "-o", "ndjson"});
	const ProcessResult typed = ProcessRunner::datatap({"-c", dir.write("typed.ini", ini(url, "decoder = typed\nfields = userId:int, id:int, title:string\n")), "-o", "ndjson"});
	INFO(typed.err);
	CHECK(typed.exitCode == 0);
	CHECK(album.exitCode == 0);
	CHECK(typed.out == album.out);
	CHECK(std::count(typed.out.begin(), typed.out.end(), '\n') == 10);
}

TEST_CASE("runner: json with a records pointer, and a typed schema the body does not fit", "[integration][json][typed]")
{
	MockApiServer server;
	TempDir dir;
	const std::string url = server.url() + "/albums";
	const ProcessResult json = ProcessRunner::datatap({"-c", dir.write("json.ini", ini(url, "decoder = json\nrecords = /1\n")), "-o", "ndjson"});
	INFO(json.err);
	CHECK(json.exitCode == 0);
	CHECK_THAT(json.out, Catch::StartsWith("{\"userId\":1,\"id\":2,\"title\":"));

	const ProcessResult typed = ProcessRunner::datatap({"-c", dir.write("typed.ini", ini(url, "decoder = typed\nfields = userId:int, id:string\n"))});
	CHECK(typed.exitCode == 65);
	CHECK_THAT(typed.err, Catch::Contains("Failed to load albums: record 0: field 'id': expected a string, found integer 1"));
}

TEST_CASE("runner: a bad decoder option is a configuration error naming the section and key", "[integration][typed]")
{
	TempDir dir;
	const ProcessResult result = ProcessRunner::datatap({"-c", dir.write("bad.ini", ini("http://127.0.0.1:9/albums", "decoder = typed\nfields = id:integr\n")), "--check"});
	CHECK(result.exitCode == 78);
	CHECK_THAT(result.err, Catch::Contains("[source.albums] fields: 'id:integr': unknown type 'integr'"));
}
