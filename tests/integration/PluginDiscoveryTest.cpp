// Where the runner looks for plugins: a plugin dropped into any folder of the
// path is found with no other change, the first on the path wins, and
// `--list-plugins` tells which file each came from and which were shadowed.

#include "support/MockApiServer.h"
#include "support/ProcessRunner.h"
#include "support/TempDir.h"
#include "support/TestPlugins.h"

#include <Poco/File.h>

#include <catch2/catch.hpp>

using datatap::test::MockApiServer;
using datatap::test::ProcessResult;
using datatap::test::ProcessRunner;
using datatap::test::TempDir;
using datatap::test::TestPlugins;

namespace {

std::string shadowNote(const std::string& loser, const std::string& winner)
{
	return "note: " + loser + ": decoder plugin 'album' is shadowed by the one in " + winner + ", found earlier on the plugin path";
}

} // namespace

TEST_CASE("a plugin dropped into --plugin-path - $DATATAP_PLUGIN_PATH or the INI's plugin_path is found and runs", "[integration][discovery]")
{
	MockApiServer server;
	TempDir dir;
	const std::string plugin = dir.copy(TestPlugins::fixtureFile("good"), "dropped/libdatatap-decoder-echo.so");
	const std::string source = "[auth.mock]\nstrategy = basic-token\ntoken = your_api_token_here\n\n"
		"[source.echo]\nurl = " + server.url() + "/albums/1\nauth = mock\ndecoder = fixture-echo\nlabel = found\n";
	const std::string bare = dir.write("bare.ini", source);
	// Relative to the INI's own folder, wherever datatap is started from.
	const std::string withPath = dir.write("conf/with-path.ini", "[datatap]\nplugin_path = ../dropped\n\n" + source);

	const std::vector<std::pair<std::string, std::pair<std::vector<std::string>, ProcessRunner::Environment>>> ways{
		{"--plugin-path", {{"-c", bare, "--plugin-path", dir.path() + "/dropped"}, {}}},
		{"$DATATAP_PLUGIN_PATH", {{"-c", bare}, {{"DATATAP_PLUGIN_PATH", dir.path() + "/dropped"}}}},
		{"plugin_path", {{"-c", withPath}, {}}},
	};
	for (const auto& [way, invocation]: ways)
	{
		INFO("found through " << way);
		std::vector<std::string> listArgs = invocation.first;
		listArgs.push_back("--list-plugins");
		const ProcessResult list = ProcessRunner::datatap(listArgs, invocation.second);
		CHECK(list.exitCode == 0);
		CHECK_THAT(list.out, Catch::Contains("fixture-echo") && Catch::Contains("from " + plugin));

		const ProcessResult run = ProcessRunner::datatap(invocation.first, invocation.second);
		INFO(run.err);
		CHECK(run.exitCode == 0);
		CHECK(run.out == "[\n  {\"fixture\":\"fixture-echo\",\"label\":\"found\"}\n]\n");
	}

	const ProcessResult nowhere = ProcessRunner::datatap({"-c", bare});
	CHECK(nowhere.exitCode == 78);
	CHECK_THAT(nowhere.err, Catch::Contains("unknown decoder plugin 'fixture-echo'"));
}

TEST_CASE("the plugin path is searched in order: --plugin-path - $DATATAP_PLUGIN_PATH - plugin_path - beside the runner", "[integration][discovery]")
{
	TempDir dir;
	const std::string duplicate = TestPlugins::fixtureFile("duplicate-album");
	const std::string cli = dir.copy(duplicate, "cli/libalbum.so");
	const std::string env = dir.copy(duplicate, "env/libalbum.so");
	const std::string ini = dir.copy(duplicate, "ini/libalbum.so");
	const std::string shipped = TestPlugins::shippedFile("decoder-album");
	const std::string config = dir.write("datatap.ini", "[datatap]\nplugin_path = ini\n");
	const ProcessRunner::Environment environment{{"DATATAP_PLUGIN_PATH", dir.path() + "/env"}};

	const ProcessResult all = ProcessRunner::datatap({"--list-plugins", "-c", config, "--plugin-path", dir.path() + "/cli"}, environment);
	CHECK(all.exitCode == 0);
	// The album decoder in use is the fixture from --plugin-path: its summary
	// line, then the file it came from, whatever the column widths.
	const std::size_t fixture = all.out.find("a test fixture\n");
	REQUIRE(fixture != std::string::npos);
	CHECK(all.out.substr(0, fixture).rfind("album ") != std::string::npos);
	CHECK_THAT(all.out.substr(fixture, all.out.find('\n', fixture + 15) - fixture), Catch::EndsWith("from " + cli));
	CHECK_THAT(all.out, Catch::Contains(shadowNote(env, cli)) && Catch::Contains(shadowNote(ini, cli)) && Catch::Contains(shadowNote(shipped, cli)));
	CHECK_THAT(all.out, Catch::EndsWith("searched, in order: " + dir.path() + "/cli:" + dir.path() + "/env:" + dir.path() + "/ini:" + TestPlugins::shippedDir() + "\n"));

	const ProcessResult noCli = ProcessRunner::datatap({"--list-plugins", "-c", config}, environment);
	CHECK_THAT(noCli.out, Catch::Contains("from " + env) && Catch::Contains(shadowNote(ini, env)) && Catch::Contains(shadowNote(shipped, env)));

	const ProcessResult iniOnly = ProcessRunner::datatap({"--list-plugins", "-c", config});
	CHECK_THAT(iniOnly.out, Catch::Contains("from " + ini) && Catch::Contains(shadowNote(shipped, ini)));

	const ProcessResult defaults = ProcessRunner::datatap({"--list-plugins"}, {}, dir.path() + "/cli");
	CHECK_THAT(defaults.out, Catch::Contains("from " + shipped) && !Catch::Contains("note:"));
}
