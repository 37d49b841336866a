#include "config/Config.h"
#include "datatap/Exceptions.h"
#include "registry/PluginRegistry.h"
#include "support/TempDir.h"
#include "support/TestPlugins.h"

#include <Poco/Environment.h>

#include <catch2/catch.hpp>

using datatap::Config;
using datatap::ConfigError;
using datatap::test::TempDir;
using datatap::test::TestPlugins;

namespace {

const datatap::PluginRegistry& registry()
{
	static datatap::PluginRegistry instance;
	static const bool scanned = [] {
		instance.scan({TestPlugins::shippedDir(), TestPlugins::fixtureDir("good")});
		return true;
	}();
	(void)scanned;
	return instance;
}

const char* const kGood = R"([datatap]
plugin_path = plugins:/opt/datatap/plugins   ; relative to this file
output = ndjson
timeout = 2.5

[auth.placeholder]
strategy = basic-token
token = your_api_token_here

[source.album]
url = http://127.0.0.1:9/albums/1
auth = placeholder
decoder = album
skip_status = 404, 410

[source.echo]
url = http://127.0.0.1:9/echo
decoder = fixture-echo
label = hi
)";

Config bound(const TempDir& dir, const std::string& ini)
{
	Config config = Config::load(dir.write("datatap.ini", ini));
	config.bind(registry());
	return config;
}

std::string errorOf(const TempDir& dir, const std::string& ini)
{
	try
	{
		bound(dir, ini);
	}
	catch (const datatap::DatatapException& exc)
	{
		return exc.message();
	}
	return "no error";
}

std::string replaced(std::string text, const std::string& from, const std::string& to)
{
	const std::size_t at = text.find(from);
	REQUIRE(at != std::string::npos);
	return text.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("a good file: settings - auth and sources with their validated options", "[config]")
{
	TempDir dir;
	const Config config = bound(dir, kGood);
	CHECK(config.settings().output == "ndjson");
	CHECK(config.settings().transport.readTimeout.totalMilliseconds() == 2500);
	REQUIRE(config.settings().pluginPath.size() == 2);
	CHECK(config.settings().pluginPath[0] == dir.path() + "/plugins");
	CHECK(config.settings().pluginPath[1] == "/opt/datatap/plugins");

	REQUIRE(config.auths().size() == 1);
	CHECK(config.auths()[0].strategy == "basic-token");
	CHECK(config.auths()[0].options.getString("token") == "your_api_token_here");
	CHECK(config.secrets() == std::vector<std::string>{"your_api_token_here"});

	REQUIRE(config.sources().size() == 2);
	CHECK(config.sources()[0].name == "album");
	CHECK(config.sources()[0].auth == "placeholder");
	CHECK(config.sources()[0].skipStatus == std::set<int>{404, 410});
	CHECK(config.sources()[1].auth.empty());
	CHECK(config.sources()[1].decoderOptions.getString("label") == "hi");
	CHECK(config.sources()[1].transport.readTimeout.totalMilliseconds() == 2500);
}

TEST_CASE("an unknown key names file - line - section and the nearest valid key", "[config]")
{
	TempDir dir;
	CHECK_THAT(errorOf(dir, replaced(kGood, "token = ", "tokn = ")), Catch::Contains("datatap.ini:8: [auth.placeholder] tokn: unknown key for auth strategy 'basic-token' (did you mean 'token'?)"));
	CHECK_THAT(errorOf(dir, replaced(kGood, "label = hi", "lable = hi")), Catch::Contains("[source.echo] lable: unknown key for decoder 'fixture-echo' (did you mean 'label'?)"));
	CHECK_THAT(errorOf(dir, replaced(kGood, "output = ndjson", "outptu = ndjson")), Catch::Contains("[datatap] outptu: unknown key (did you mean 'output'?)"));
	CHECK_THAT(errorOf(dir, replaced(kGood, "decoder = album", "decodr = album")), Catch::Contains("decodr: unknown key (did you mean 'decoder'?)"));
}

TEST_CASE("a missing required key is an error naming the section", "[config]")
{
	TempDir dir;
	CHECK_THAT(errorOf(dir, replaced(kGood, "url = http://127.0.0.1:9/albums/1\n", "")), Catch::Contains("[source.album] is missing the required key url"));
	CHECK_THAT(errorOf(dir, replaced(kGood, "strategy = basic-token\n", "")), Catch::Contains("[auth.placeholder] is missing the required key strategy"));
	CHECK_THAT(errorOf(dir, "[datatap]\noutput = json\n"), Catch::Contains("no [source.NAME] section"));
}

TEST_CASE("a bad plugin name is a plugin error with a suggestion", "[config]")
{
	TempDir dir;
	try
	{
		bound(dir, replaced(kGood, "strategy = basic-token", "strategy = basic-tokn"));
		FAIL("no exception");
	}
	catch (const datatap::PluginError& exc)
	{
		CHECK_THAT(exc.message(), Catch::Contains("[auth.placeholder] strategy: unknown auth plugin 'basic-tokn' (did you mean 'basic-token'?)"));
	}
	CHECK_THAT(errorOf(dir, replaced(kGood, "auth = placeholder", "auth = placeholdr")), Catch::Contains("there is no [auth.placeholdr] section (did you mean 'placeholder'?)"));
}

TEST_CASE("secrets from the environment - an unset variable is an error that names it", "[config]")
{
	TempDir dir;
	Poco::Environment::set("DATATAP_TEST_SECRET_TOKEN", "from-the-environment");
	const Config config = bound(dir, replaced(kGood, "token = your_api_token_here", "token = ${system.env.DATATAP_TEST_SECRET_TOKEN}"));
	CHECK(config.auths()[0].options.getString("token") == "from-the-environment");
	CHECK(config.secrets() == std::vector<std::string>{"from-the-environment"});
	CHECK_THAT(errorOf(dir, replaced(kGood, "token = your_api_token_here", "token = ${system.env.DATATAP_TEST_UNSET_VARIABLE}")), Catch::Contains("[auth.placeholder] token: environment variable DATATAP_TEST_UNSET_VARIABLE is not set"));
	CHECK_THAT(errorOf(dir, replaced(kGood, "token = your_api_token_here", "token = ${other.thing}")), Catch::Contains("is not a known reference"));
}

TEST_CASE("token_file: relative to the INI - trailing newline stripped - permissions checked", "[config]")
{
	TempDir dir;
	dir.write("secrets/token", "file-token-value\n", 0600);
	const Config config = bound(dir, replaced(kGood, "token = your_api_token_here", "token_file = secrets/token"));
	CHECK(config.auths()[0].options.getString("token") == "file-token-value");
	CHECK(config.secrets() == std::vector<std::string>{"file-token-value"});

	dir.write("secrets/loose", "file-token-value\n", 0644);
	const std::string loose = errorOf(dir, replaced(kGood, "token = your_api_token_here", "token_file = secrets/loose"));
	CHECK_THAT(loose, Catch::Contains("accessible by group or others") && Catch::Contains("chmod 600"));
	CHECK_THAT(loose, !Catch::Contains("file-token-value"));

	CHECK_THAT(errorOf(dir, replaced(kGood, "token = your_api_token_here", "token_file = secrets/missing")), Catch::Contains("cannot read") && Catch::Contains("secrets/missing"));
	CHECK_THAT(errorOf(dir, replaced(kGood, "token = your_api_token_here", "token = a\ntoken_file = secrets/token")), Catch::Contains("give either token or token_file, not both"));
}

TEST_CASE("sections - URLs - timeouts and statuses are checked", "[config]")
{
	TempDir dir;
	CHECK_THAT(errorOf(dir, std::string(kGood) + "[sorce.x]\nurl = http://a\n"), Catch::Contains("unknown section [sorce.x]"));
	CHECK_THAT(errorOf(dir, replaced(kGood, "http://127.0.0.1:9/albums/1", "ftp://127.0.0.1/x")), Catch::Contains("must start with http://, https://, file: or be -"));
	CHECK_THAT(errorOf(dir, replaced(kGood, "http://127.0.0.1:9/albums/1", "http://user:pw@127.0.0.1/x")), Catch::Contains("not in the URL"));
	CHECK_THAT(errorOf(dir, replaced(kGood, "timeout = 2.5", "timeout = soon")), Catch::Contains("[datatap] timeout: 'soon' is not a number of seconds"));
	CHECK_THAT(errorOf(dir, replaced(kGood, "skip_status = 404, 410", "skip_status = 401")), Catch::Contains("'401' is not a status to skip"));
	CHECK_THAT(errorOf(dir, replaced(kGood, "output = ndjson", "output = xml")), Catch::Contains("'xml' is not an output"));
}

TEST_CASE("a file that does not exist is a config error naming it", "[config]")
{
	CHECK_THROWS_AS(Config::load("/nonexistent/datatap.ini"), ConfigError);
	try
	{
		Config::load("/nonexistent/datatap.ini");
	}
	catch (const ConfigError& exc)
	{
		CHECK_THAT(exc.message(), Catch::Contains("/nonexistent/datatap.ini: cannot read the configuration file"));
	}
}
