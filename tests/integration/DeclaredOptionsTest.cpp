// A plugin's declared options are the one source of truth: `--describe`,
// config validation and the masking of `--dry-run`, `-v` and errors all read
// the same declaration, so an option declared secret is never printed, even
// by a plugin that puts it in an ordinary header.

#include "support/MockApiServer.h"
#include "support/ProcessRunner.h"
#include "support/TempDir.h"
#include "support/TestPlugins.h"

#include <catch2/catch.hpp>

using datatap::test::MockApiServer;
using datatap::test::ProcessResult;
using datatap::test::ProcessRunner;
using datatap::test::TempDir;
using datatap::test::TestPlugins;

namespace {

const std::string kSecret = "declared-secret-4-tests";

std::string config(const std::string& url, const std::string& authKeys)
{
	return "[datatap]\nplugin_path = " + TestPlugins::fixtureDir("leaky-auth") + "\n\n[auth.leaky]\nstrategy = fixture-leaky\n" + authKeys +
		"\n[source.album]\nurl = " + url + "/albums/1\nauth = leaky\ndecoder = album\n";
}

void checkNever(const ProcessResult& result, const std::string& secret)
{
	INFO("stdout: " << result.out << "\nstderr: " << result.err);
	CHECK(result.out.find(secret) == std::string::npos);
	CHECK(result.err.find(secret) == std::string::npos);
}

} // namespace

TEST_CASE("describe prints the declared options and never a secret default", "[integration][options]")
{
	const ProcessResult result = ProcessRunner::datatap({"--describe", "fixture-leaky", "--plugin-path", TestPlugins::fixtureDir("leaky-auth")});
	CHECK(result.exitCode == 0);
	CHECK_THAT(result.out, Catch::Contains("fixture-leaky (auth plugin, version 0.0.1)") && Catch::Contains("file: " + TestPlugins::fixtureFile("leaky-auth")));
	CHECK_THAT(result.out, Catch::Contains("secret           sent in X-Leaky [string, secret, never printed, default ****]"));
	CHECK_THAT(result.out, Catch::Contains("secret_file") && Catch::Contains("visible          sent in X-Visible [string, default plain-default]"));
	checkNever(result, "default-secret-never-shown");
}

TEST_CASE("config keys are checked against the declaration", "[integration][options]")
{
	TempDir dir;
	const ProcessResult typo = ProcessRunner::datatap({"--check", "-c", dir.write("typo.ini", config("http://127.0.0.1:9", "secrte = " + kSecret + "\n"))});
	CHECK(typo.exitCode == 78);
	CHECK_THAT(typo.err, Catch::Contains("[auth.leaky] secrte") && Catch::Contains("did you mean 'secret'"));
	checkNever(typo, kSecret);

	const std::string file = dir.write("secret.txt", kSecret + "\n", 0600);
	const ProcessResult fromFile = ProcessRunner::datatap({"--check", "-c", dir.write("file.ini", config("http://127.0.0.1:9", "secret_file = secret.txt\n"))});
	CHECK(fromFile.exitCode == 0);
	const ProcessResult undeclared = ProcessRunner::datatap({"--check", "-c", dir.write("undeclared.ini", config("http://127.0.0.1:9", "visible_file = secret.txt\n"))});
	CHECK(undeclared.exitCode == 78);
	CHECK_THAT(undeclared.err, Catch::Contains("visible_file") && Catch::Contains("unknown key"));
}

TEST_CASE("a declared secret is masked in dry-run - verbose and errors even in an ordinary header", "[integration][options]")
{
	MockApiServer server;
	TempDir dir;
	const std::string path = dir.write("datatap.ini", config(server.url(), "secret = " + kSecret + "\nvisible = shown-value\n"));

	const ProcessResult dry = ProcessRunner::datatap({"-c", path, "--dry-run"});
	CHECK(dry.exitCode == 0);
	CHECK_THAT(dry.out, Catch::Contains("X-Leaky: ****") && Catch::Contains("X-Visible: shown-value"));
	checkNever(dry, kSecret);

	const ProcessResult verbose = ProcessRunner::datatap({"-c", path, "-v"});
	CHECK(verbose.exitCode == 77);
	CHECK_THAT(verbose.err, Catch::Contains("> X-Leaky: ****") && Catch::Contains("> X-Visible: shown-value"));
	checkNever(verbose, kSecret);

	const ProcessResult fromDefault = ProcessRunner::datatap({"-c", dir.write("default.ini", config(server.url(), "")), "--dry-run"});
	CHECK(fromDefault.exitCode == 0);
	CHECK_THAT(fromDefault.out, Catch::Contains("X-Leaky: ****"));
	checkNever(fromDefault, "default-secret-never-shown");
}
