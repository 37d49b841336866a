#include "datatap/Exceptions.h"
#include "datatap/PluginHandshake.h"
#include "registry/PluginRegistry.h"
#include "support/TempDir.h"
#include "support/TestPlugins.h"

#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/StreamCopier.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

using datatap::PluginKind;
using datatap::PluginRegistry;
using datatap::test::TempDir;
using datatap::test::TestPlugins;

namespace {

bool anyProblemContains(const PluginRegistry& registry, const std::vector<std::string>& parts)
{
	return std::any_of(registry.problems().begin(), registry.problems().end(), [&](const std::string& problem) {
		return std::all_of(parts.begin(), parts.end(), [&](const std::string& part) { return problem.find(part) != std::string::npos; });
	});
}

class CollectingSink: public datatap::RecordSink
{
public:
	void write(const datatap::Record& record) override { records.push_back(record); }
	std::vector<datatap::Record> records;
};

} // namespace

TEST_CASE("the shipped plugins load from the plugin folder with their declared options", "[registry]")
{
	PluginRegistry registry;
	registry.scan({TestPlugins::shippedDir()});
	CHECK(registry.problems().empty());
	const datatap::PluginInfo* auth = registry.find(PluginKind::Auth, "basic-token");
	REQUIRE(auth != nullptr);
	CHECK(auth->file.find("libdatatap-auth-basic-token.so") != std::string::npos);
	CHECK(auth->className == "BasicTokenAuth");
	const auto token = std::find_if(auth->options.begin(), auth->options.end(), [](const datatap::OptionSpec& o) { return o.name == "token"; });
	REQUIRE(token != auth->options.end());
	CHECK(token->secret);
	const datatap::PluginInfo* album = registry.find(PluginKind::Decoder, "album");
	REQUIRE(album != nullptr);
	CHECK(registry.find(PluginKind::Auth, "album") == nullptr);
	CHECK(registry.createAuth("basic-token") != nullptr);
	CHECK(registry.createDecoder("album") != nullptr);
}

TEST_CASE("an unknown plugin name is refused with the known ones and a suggestion", "[registry]")
{
	PluginRegistry registry;
	registry.scan({TestPlugins::shippedDir()});
	try
	{
		registry.createDecoder("albun");
		FAIL("no exception");
	}
	catch (const datatap::PluginError& exc)
	{
		CHECK_THAT(exc.message(), Catch::Contains("unknown decoder plugin 'albun'") && Catch::Contains("did you mean 'album'") && Catch::Contains("known: album"));
	}
}

TEST_CASE("a plugin built for another API version is refused with file - expected and found", "[registry]")
{
	for (const std::string& fixture: std::vector<std::string>{"older-api", "newer-api"})
	{
		PluginRegistry registry;
		registry.scan({TestPlugins::fixtureDir(fixture)});
		CHECK(registry.plugins().empty());
		const std::string found = fixture == "older-api" ? "built for plugin API 0" : "built for plugin API 2";
		CHECK(anyProblemContains(registry, {TestPlugins::fixtureFile(fixture), found, "expected plugin API 1", "rebuild it against datatap"}));
	}
}

TEST_CASE("a plugin built with another toolchain tag is refused", "[registry]")
{
	PluginRegistry registry;
	registry.scan({TestPlugins::fixtureDir("other-build-tag")});
	CHECK(registry.plugins().empty());
	CHECK(anyProblemContains(registry, {"built with 'gcc-4,cxx11abi-0,poco-1.9'", std::string("expected '") + datatap::detail::kBuildTag.text + "'"}));
}

TEST_CASE("a library without the handshake is refused before POCO looks at it", "[registry]")
{
	PluginRegistry registry;
	registry.scan({TestPlugins::fixtureDir("no-handshake")});
	CHECK(registry.plugins().empty());
	CHECK(anyProblemContains(registry, {"not a datatap plugin", "datatap_plugin_handshake", "found none"}));
}

TEST_CASE("a handshake that names a class its manifest lacks is refused", "[registry]")
{
	PluginRegistry registry;
	registry.scan({TestPlugins::fixtureDir("no-manifest")});
	CHECK(registry.plugins().empty());
	CHECK(anyProblemContains(registry, {"manifest"}));
}

TEST_CASE("files that are not libraries are reported and do not stop the good ones", "[registry]")
{
	TempDir dir;
	dir.write("libnot-a-library.so", "this is text, not ELF\n");
	// A truncated copy of a real plugin: an ELF header with nothing behind it.
	Poco::FileInputStream in(TestPlugins::shippedFile("decoder-album"));
	std::string bytes(512, '\0');
	in.read(&bytes[0], static_cast<std::streamsize>(bytes.size()));
	dir.write("libtruncated.so", bytes);
	dir.write("README.txt", "ignored: not a .so\n");

	PluginRegistry registry;
	registry.scan({dir.path(), TestPlugins::fixtureDir("newer-api"), TestPlugins::shippedDir(), "/nonexistent/datatap-plugins"});
	CHECK(registry.find(PluginKind::Decoder, "album") != nullptr);
	CHECK(registry.find(PluginKind::Auth, "basic-token") != nullptr);
	CHECK(anyProblemContains(registry, {"libnot-a-library.so", "cannot be loaded"}));
	CHECK(anyProblemContains(registry, {"libtruncated.so", "cannot be loaded"}));
	CHECK(anyProblemContains(registry, {"/nonexistent/datatap-plugins", "does not exist"}));
	CHECK_FALSE(anyProblemContains(registry, {"README.txt"}));
	CHECK(registry.problems().size() == 4);
}

TEST_CASE("two plugins claiming one name: the first on the path wins - the other is reported", "[registry]")
{
	PluginRegistry registry;
	registry.scan({TestPlugins::shippedDir(), TestPlugins::fixtureDir("duplicate-album")});
	const datatap::PluginInfo* album = registry.find(PluginKind::Decoder, "album");
	REQUIRE(album != nullptr);
	CHECK(album->file == TestPlugins::shippedFile("decoder-album"));
	CHECK(anyProblemContains(registry, {TestPlugins::fixtureFile("duplicate-album"), "'album' is shadowed", TestPlugins::shippedFile("decoder-album")}));
}

TEST_CASE("a plugin whose constructor throws is reported with its name", "[registry]")
{
	PluginRegistry registry;
	registry.scan({TestPlugins::fixtureDir("throws-in-constructor")});
	REQUIRE(registry.find(PluginKind::Decoder, "fixture-ctor") != nullptr);
	try
	{
		registry.createDecoder("fixture-ctor");
		FAIL("no exception");
	}
	catch (const datatap::PluginError& exc)
	{
		CHECK_THAT(exc.message(), Catch::Contains("plugin 'fixture-ctor'") && Catch::Contains("constructor exploded on purpose"));
	}
}

TEST_CASE("the same library reached twice on the path is loaded once", "[registry]")
{
	PluginRegistry once;
	once.scan({TestPlugins::shippedDir()});
	PluginRegistry registry;
	registry.scan({TestPlugins::shippedDir(), TestPlugins::shippedDir() + "/."});
	CHECK(registry.problems().empty());
	// Counted against one scan, so that shipping another plugin changes nothing here.
	CHECK(registry.plugins().size() == once.plugins().size());
}

TEST_CASE("a good fixture plugin decodes through the manifest named in its handshake", "[registry]")
{
	PluginRegistry registry;
	registry.scan({TestPlugins::fixtureDir("good")});
	auto decoder = registry.createDecoder("fixture-echo");
	decoder->configure(datatap::PluginOptions("fixture-echo", "source.x", {{"label", "hello"}}));
	CollectingSink sink;
	std::istringstream body("ignored");
	decoder->decode(body, {}, sink);
	REQUIRE(sink.records.size() == 1);
	CHECK(std::get<std::string>(*sink.records[0].find("label")) == "hello");
}
