// datatap against datatap-mock-api over loopback, as a user runs it.

#include "support/MockApiServer.h"
#include "support/ProcessRunner.h"
#include "support/TempDir.h"
#include "support/TestPlugins.h"
#include "support/Text.h"

#include <Poco/Net/ServerSocket.h>

#include <catch2/catch.hpp>


using datatap::test::MockApiServer;
using datatap::test::ProcessResult;
using datatap::test::ProcessRunner;
using datatap::test::TempDir;
using datatap::test::TestPlugins;
using datatap::test::Text;

namespace {

const std::string kSecret = "s3cr3t-Token-4-tests";
const std::string kAlbum1 = R"({"userId":1,"id":1,"title":"quidem molestiae enim"})";

std::string ini(const std::string& baseUrl, const std::string& token, const std::string& path = "/albums/1", const std::string& extra = "")
{
	return "[datatap]\nplugin_path = " + TestPlugins::shippedDir() + "\ntimeout = 10\n\n"
		"[auth.placeholder]\nstrategy = basic-token\ntoken = " + token + "\n\n"
		"[source.album]\nurl = " + baseUrl + path + "\nauth = placeholder\ndecoder = album\n" + extra;
}

void checkNoSecret(const ProcessResult& result, const std::string& secret)
{
	INFO("stdout: " << result.out);
	INFO("stderr: " << result.err);
	CHECK(result.out.find(secret) == std::string::npos);
	CHECK(result.err.find(secret) == std::string::npos);
	const std::string encoded = Text::base64(secret).substr(0, 12);
	CHECK(result.out.find(encoded) == std::string::npos);
	CHECK(result.err.find(encoded) == std::string::npos);
}

unsigned short closedPort()
{
	Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
	const unsigned short port = socket.address().port();
	socket.close();
	return port;
}

} // namespace

TEST_CASE("album 1 is fetched with Basic-token auth and printed in each output format", "[integration]")
{
	MockApiServer server;
	TempDir dir;
	const std::string config = dir.write("datatap.ini", ini(server.url(), "your_api_token_here"));

	const ProcessResult json = ProcessRunner::datatap({"-c", config});
	INFO(json.err);
	CHECK(json.exitCode == 0);
	CHECK(json.out == "[\n  " + kAlbum1 + "\n]\n");
	CHECK(json.err.empty());

	const ProcessResult ndjson = ProcessRunner::datatap({"-c", config, "-o", "ndjson"});
	CHECK(ndjson.exitCode == 0);
	CHECK(ndjson.out == kAlbum1 + "\n");

	const ProcessResult table = ProcessRunner::datatap({"-c", config, "--output", "table"});
	CHECK(table.exitCode == 0);
	CHECK(table.out == "userId  id  title\n------  --  ---------------------\n1       1   quidem molestiae enim\n");

	const auto requests = server.requests();
	REQUIRE(requests.size() == 3);
	CHECK_THAT(requests[0], Catch::StartsWith("GET /albums/1\tauth=yes\theaders="));
}

TEST_CASE("the whole collection decodes to 100 records", "[integration]")
{
	MockApiServer server;
	TempDir dir;
	const ProcessResult result = ProcessRunner::datatap({"-c", dir.write("datatap.ini", ini(server.url(), "your_api_token_here", "/albums")), "-o", "ndjson"});
	CHECK(result.exitCode == 0);
	CHECK(std::count(result.out.begin(), result.out.end(), '\n') == 100);
	CHECK(result.out.rfind(R"({"userId":10,"id":100,)") != std::string::npos);
}

TEST_CASE("a wrong token exits 77 naming source and URL - never the token", "[integration]")
{
	MockApiServer server;
	TempDir dir;
	const ProcessResult result = ProcessRunner::datatap({"-c", dir.write("datatap.ini", ini(server.url(), kSecret))});
	CHECK(result.exitCode == 77);
	CHECK(result.out.empty());
	CHECK_THAT(result.err, Catch::Contains("source 'album'") && Catch::Contains(server.url() + "/albums/1") && Catch::Contains("401") && Catch::Contains("[auth.placeholder]"));
	CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
	checkNoSecret(result, kSecret);
}

TEST_CASE("username and password reach the server as RFC 7617 Basic credentials", "[integration]")
{
	MockApiServer server({"--token", Text::base64("Aladdin:open sesame")});
	TempDir dir;
	std::string config = ini(server.url(), "unused");
	config.replace(config.find("token = unused"), 14, "username = Aladdin\npassword = open sesame");
	const ProcessResult result = ProcessRunner::datatap({"-c", dir.write("datatap.ini", config), "-o", "ndjson"});
	INFO(result.err);
	CHECK(result.exitCode == 0);
	CHECK(result.out == kAlbum1 + "\n");
}

TEST_CASE("an unknown id exits 65 - skip_status turns it into no records", "[integration]")
{
	MockApiServer server;
	TempDir dir;
	const ProcessResult missing = ProcessRunner::datatap({"-c", dir.write("datatap.ini", ini(server.url(), "your_api_token_here", "/albums/101"))});
	CHECK(missing.exitCode == 65);
	CHECK_THAT(missing.err, Catch::Contains("404") && Catch::Contains("/albums/101"));

	const ProcessResult skipped = ProcessRunner::datatap({"-c", dir.write("skip.ini", ini(server.url(), "your_api_token_here", "/albums/101", "skip_status = 404\n"))});
	CHECK(skipped.exitCode == 0);
	CHECK(skipped.out == "[]\n");
}

TEST_CASE("a server that is down exits 69", "[integration]")
{
	TempDir dir;
	const std::string url = "http://127.0.0.1:" + std::to_string(closedPort());
	const ProcessResult result = ProcessRunner::datatap({"-c", dir.write("datatap.ini", ini(url, kSecret))});
	CHECK(result.exitCode == 69);
	CHECK_THAT(result.err, Catch::Contains(url + "/albums/1") && Catch::Contains("refused"));
	checkNoSecret(result, kSecret);
}

TEST_CASE("check and dry-run modes send nothing and show no secret", "[integration]")
{
	MockApiServer server({"--token", kSecret});
	TempDir dir;
	const std::string config = dir.write("datatap.ini", ini(server.url(), kSecret));

	const ProcessResult check = ProcessRunner::datatap({"-c", config, "--check"});
	CHECK(check.exitCode == 0);
	CHECK_THAT(check.out, Catch::Contains(": ok") && Catch::Contains("album (album)") && Catch::Contains("placeholder (basic-token)"));
	checkNoSecret(check, kSecret);

	const ProcessResult dry = ProcessRunner::datatap({"-c", config, "--dry-run"});
	CHECK(dry.exitCode == 0);
	CHECK_THAT(dry.out, Catch::Contains("GET " + server.url() + "/albums/1") && Catch::Contains("Authorization: ****") && Catch::Contains("decoder: album"));
	checkNoSecret(dry, kSecret);

	CHECK(server.requests().empty());
}

TEST_CASE("the secret never appears in any mode including verbose", "[integration]")
{
	MockApiServer server({"--token", kSecret});
	TempDir dir;
	const std::string good = dir.write("good.ini", ini(server.url(), kSecret));
	const std::string missing = dir.write("missing.ini", ini(server.url(), kSecret, "/albums/999"));
	const std::string typo = dir.write("typo.ini", ini(server.url(), kSecret, "/albums/1", "timeout = " + kSecret + "\n"));
	const std::string userPass = dir.write("userpass.ini", [&] {
		std::string text = ini(server.url(), "x");
		return text.replace(text.find("token = x"), 9, "username = someone\npassword = " + kSecret);
	}());

	const ProcessResult verbose = ProcessRunner::datatap({"-c", good, "-v"});
	CHECK(verbose.exitCode == 0);
	CHECK_THAT(verbose.err, Catch::Contains("> Authorization: ****") && Catch::Contains("< 200 OK"));
	checkNoSecret(verbose, kSecret);

	for (const std::vector<std::string>& args: std::vector<std::vector<std::string>>{
		     {"-c", missing, "-v"}, {"-c", typo, "-v"}, {"-c", userPass, "-v"}, {"-c", userPass, "--dry-run"}, {"-c", good, "--describe", "basic-token"}})
	{
		const ProcessResult result = ProcessRunner::datatap(args);
		checkNoSecret(result, kSecret);
		checkNoSecret(result, "someone:" + kSecret);
	}
}

TEST_CASE("list-plugins shows the shipped plugins loaded from the plugin folder", "[integration]")
{
	const ProcessResult result = ProcessRunner::datatap({"--list-plugins", "--plugin-path", TestPlugins::shippedDir()});
	CHECK(result.exitCode == 0);
	CHECK_THAT(result.out, Catch::Contains("basic-token") && Catch::Contains("auth") && Catch::Contains("album") && Catch::Contains("decoder"));
	CHECK_THAT(result.out, Catch::Contains("from " + TestPlugins::shippedFile("auth-basic-token")) && Catch::Contains("from " + TestPlugins::shippedFile("decoder-album")));
}

TEST_CASE("describe prints a plugin's options with type - secrecy and the _file form", "[integration]")
{
	const ProcessResult result = ProcessRunner::datatap({"--describe", "basic-token", "--plugin-path", TestPlugins::shippedDir()});
	CHECK(result.exitCode == 0);
	CHECK_THAT(result.out, Catch::Contains("basic-token (auth plugin, version 1.0.0)") && Catch::Contains("token") && Catch::Contains("secret, never printed") && Catch::Contains("token_file"));
	const ProcessResult unknown = ProcessRunner::datatap({"--describe", "albun", "--plugin-path", TestPlugins::shippedDir()});
	CHECK(unknown.exitCode == 78);
	CHECK_THAT(unknown.err, Catch::Contains("did you mean 'album'"));
}

TEST_CASE("a broken plugin in the folder is reported and the run goes on", "[integration]")
{
	MockApiServer server;
	TempDir dir;
	dir.write("plugins/libbroken.so", "not a library");
	const std::string config = dir.write("datatap.ini", ini(server.url(), "your_api_token_here"));
	const ProcessResult result = ProcessRunner::datatap({"-c", config, "--plugin-path", dir.path() + "/plugins:" + TestPlugins::fixtureDir("newer-api")});
	CHECK(result.exitCode == 0);
	CHECK(result.out == "[\n  " + kAlbum1 + "\n]\n");
	CHECK_THAT(result.err, Catch::Contains("libbroken.so: refused") && Catch::Contains("built for plugin API 2"));
	const ProcessResult quiet = ProcessRunner::datatap({"-q", "-c", config, "--plugin-path", dir.path() + "/plugins"});
	CHECK(quiet.exitCode == 0);
	CHECK(quiet.err.empty());
}

TEST_CASE("plugins that throw are reported with their name - and datatap exits cleanly", "[integration]")
{
	MockApiServer server;
	TempDir dir;
	const auto configFor = [&](const std::string& fixture, const std::string& name) {
		return dir.write(fixture + ".ini", "[datatap]\nplugin_path = " + TestPlugins::fixtureDir(fixture) + "\n[auth.mock]\nstrategy = basic-token\ntoken = your_api_token_here\n[source.x]\nurl = " + server.url() + "/albums/1\nauth = mock\ndecoder = " + name + "\n");
	};
	const ProcessResult configure = ProcessRunner::datatap({"-c", configFor("throws-in-configure", "fixture-configure")});
	CHECK(configure.exitCode == 78);
	CHECK_THAT(configure.err, Catch::Contains("decoder 'fixture-configure'") && Catch::Contains("configure exploded on purpose"));

	const ProcessResult ctor = ProcessRunner::datatap({"-c", configFor("throws-in-constructor", "fixture-ctor")});
	CHECK(ctor.exitCode == 78);
	CHECK_THAT(ctor.err, Catch::Contains("fixture-ctor") && Catch::Contains("constructor exploded on purpose"));

	const ProcessResult decode = ProcessRunner::datatap({"-c", configFor("throws-in-decode", "fixture-decode")});
	CHECK(decode.exitCode == 78);
	CHECK_THAT(decode.err, Catch::Contains("decoder 'fixture-decode'") && Catch::Contains("decode exploded on purpose"));

	const ProcessResult nonStd = ProcessRunner::datatap({"-c", configFor("throws-non-std", "fixture-nonstd")});
	CHECK(nonStd.exitCode == 78);
	CHECK_THAT(nonStd.err, Catch::Contains("fixture-nonstd") && Catch::Contains("not a std::exception"));
}

TEST_CASE("usage and configuration mistakes get their exit codes", "[integration]")
{
	TempDir dir;
	const ProcessResult option = ProcessRunner::datatap({"--no-such-option"});
	CHECK(option.exitCode == 64);
	CHECK_THAT(option.err, Catch::Contains("no-such-option"));

	const std::string config = dir.write("datatap.ini", ini("http://127.0.0.1:9", "t"));
	const ProcessResult source = ProcessRunner::datatap({"-c", config, "albun"});
	CHECK(source.exitCode == 64);
	CHECK_THAT(source.err, Catch::Contains("no source 'albun'") && Catch::Contains("did you mean 'album'"));

	const ProcessResult noConfig = ProcessRunner::datatap({}, {}, dir.path() + "/..");
	CHECK(noConfig.exitCode == 78);
	CHECK_THAT(noConfig.err, Catch::Contains("datatap.ini does not exist"));

	const ProcessResult fromEnv = ProcessRunner::datatap({"--check"}, {{"DATATAP_CONFIG", config}});
	CHECK(fromEnv.exitCode == 0);

	const ProcessResult both = ProcessRunner::datatap({"--check", "--dry-run", "-c", config});
	CHECK(both.exitCode == 64);

	const ProcessResult help = ProcessRunner::datatap({"--help"});
	CHECK(help.exitCode == 0);
	CHECK_THAT(help.out, Catch::Contains("--dry-run") && Catch::Contains("Exit codes"));
}
