#include "datatap/Exceptions.h"
#include "datatap/PluginHandshake.h"
#include "registry/PluginRegistry.h"
#include "support/TempDir.h"
#include "support/TestPlugins.h"

#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/StreamCopier.h>

#include <catch2/catch.hpp>

#include <unistd.h>

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
	CHECK(anyProblemContains(registry, {TestPlugins::fixtureFile("no-handshake") + ": refused: not a datatap plugin", "expected a datatap_plugin_handshake symbol", "found none", "rebuild it against datatap"}));
}

TEST_CASE("a handshake that names a class its manifest lacks is refused", "[registry]")
{
	PluginRegistry registry;
	registry.scan({TestPlugins::fixtureDir("no-manifest")});
	CHECK(registry.plugins().empty());
	CHECK(anyProblemContains(registry, {TestPlugins::fixtureFile("no-manifest") + ": refused: its POCO manifest is unusable", "expected the ResourceDecoder manifest its handshake announces", "found No manifest", "DATATAP_BEGIN_DECODER_MANIFEST"}));
}

TEST_CASE("files that are not libraries are reported and do not stop the good ones", "[registry]")
{
	TempDir dir;
	dir.write("libnot-a-library.so", "this is text, not ELF\n");
	dir.write("README.txt", "ignored: not a .so\n");

	PluginRegistry registry;
	registry.scan({dir.path(), TestPlugins::fixtureDir("newer-api"), TestPlugins::shippedDir(), "/nonexistent/datatap-plugins"});
	CHECK(registry.find(PluginKind::Decoder, "album") != nullptr);
	CHECK(registry.find(PluginKind::Auth, "basic-token") != nullptr);
	CHECK(anyProblemContains(registry, {dir.path() + "/libnot-a-library.so: refused: not a shared library", "expected an ELF plugin", "found no ELF header"}));
	CHECK(anyProblemContains(registry, {"/nonexistent/datatap-plugins", "does not exist"}));
	CHECK_FALSE(anyProblemContains(registry, {"README.txt"}));
	CHECK(registry.problems().size() == 3);
}

TEST_CASE("a plugin cut short anywhere is refused before the loader maps it", "[registry]")
{
	// glibc's dlopen() dies of SIGBUS on some of these; the registry must see
	// them first, wherever the cut falls.
	Poco::FileInputStream in(TestPlugins::shippedFile("decoder-album"));
	std::ostringstream whole;
	Poco::StreamCopier::copyStream(in, whole);
	const std::string bytes = whole.str();
	for (const std::size_t size: {std::size_t{3}, std::size_t{40}, std::size_t{100}, std::size_t{600}, std::size_t{5000}, bytes.size() / 2, bytes.size() - 1})
	{
		INFO("cut at " << size << " of " << bytes.size());
		TempDir dir;
		const std::string file = dir.write("libtruncated.so", bytes.substr(0, size));
		PluginRegistry registry;
		registry.scan({dir.path(), TestPlugins::shippedDir()});
		CHECK(registry.find(PluginKind::Decoder, "album") != nullptr);
		REQUIRE(registry.problems().size() == 1);
		CHECK_THAT(registry.problems()[0], Catch::StartsWith(file + ": refused: "));
		CHECK_THAT(registry.problems()[0], Catch::Contains("expected") && Catch::Contains("found"));
	}
}

TEST_CASE("a plugin whose library dependency is missing is refused naming that library", "[registry]")
{
	PluginRegistry registry;
	registry.scan({TestPlugins::fixtureDir("missing-dependency"), TestPlugins::shippedDir()});
	CHECK(registry.find(PluginKind::Decoder, "fixture-needs-lib") == nullptr);
	CHECK(registry.find(PluginKind::Decoder, "album") != nullptr);
	REQUIRE(registry.problems().size() == 1);
	CHECK_THAT(registry.problems()[0], Catch::StartsWith(TestPlugins::fixtureFile("missing-dependency") + ": refused: a library it needs is missing")
		&& Catch::Contains("expected libfixture-dependency.so to be installed") && Catch::Contains("found it nowhere") && Catch::Contains("LD_LIBRARY_PATH"));
}

TEST_CASE("a plugin folder or file others may write to is refused unless allowed", "[registry][safety]")
{
	TempDir dir;
	const std::string open = dir.makeDir("open", 0777);
	dir.copy(TestPlugins::fixtureFile("good"), "open/libgood.so");
	const std::string safe = dir.makeDir("safe");
	const std::string loose = dir.copy(TestPlugins::fixtureFile("good"), "safe/libloose.so", 0666);
	const std::string groupWritable = dir.makeDir("group", 0775);
	dir.copy(TestPlugins::fixtureFile("good"), "group/libgood.so");

	PluginRegistry registry;
	registry.scan({open, safe, groupWritable});
	CHECK(registry.plugins().empty());
	CHECK(anyProblemContains(registry, {open + ": refused: plugin directory is writable by others", "expected mode go-w, found 0777", "chmod go-w " + open, "allow_writable_plugins = true"}));
	CHECK(anyProblemContains(registry, {loose + ": refused: plugin file is writable by others", "found 0666", "chmod go-w " + loose}));
	CHECK(anyProblemContains(registry, {groupWritable + ": refused: plugin directory is writable by group", "found 0775"}));
	CHECK(registry.problems().size() == 3);

	PluginRegistry allowing;
	allowing.setAllowWritablePlugins(true);
	allowing.scan({open});
	CHECK(allowing.problems().empty());
	CHECK(allowing.find(PluginKind::Decoder, "fixture-echo") != nullptr);
}

TEST_CASE("a plugin is judged by its real path and not by the link that leads to it", "[registry][safety]")
{
	TempDir dir;
	const std::string open = dir.makeDir("open", 0777);
	const std::string target = dir.copy(TestPlugins::fixtureFile("good"), "open/libgood.so");
	const std::string safe = dir.makeDir("safe");
	Poco::File(target).linkTo(safe + "/liblink.so", Poco::File::LINK_SYMBOLIC);

	PluginRegistry registry;
	registry.scan({safe});
	CHECK(registry.plugins().empty());
	CHECK(anyProblemContains(registry, {target + ": refused: folder " + open + " above it is writable by others", "chmod go-w " + open}));

	PluginRegistry allowing;
	allowing.setAllowWritablePlugins(true);
	allowing.scan({safe});
	REQUIRE(allowing.find(PluginKind::Decoder, "fixture-echo") != nullptr);
	CHECK(allowing.find(PluginKind::Decoder, "fixture-echo")->file == target);
}

TEST_CASE("a plugin folder below one others may write to is refused - a sticky one like /tmp is fine", "[registry][safety]")
{
	TempDir dir;
	const std::string open = dir.makeDir("open", 0777);
	const std::string below = dir.makeDir("open/plugins");
	dir.copy(TestPlugins::fixtureFile("good"), "open/plugins/libgood.so");
	const std::string sticky = dir.makeDir("sticky", 01777);
	dir.makeDir("sticky/plugins");
	dir.copy(TestPlugins::fixtureFile("good"), "sticky/plugins/libgood.so");

	PluginRegistry registry;
	registry.scan({below});
	CHECK(registry.plugins().empty());
	CHECK(anyProblemContains(registry, {below + ": refused: folder " + open + " above it is writable by others", "found 0777"}));

	PluginRegistry underSticky;
	underSticky.scan({sticky + "/plugins"});
	CHECK(underSticky.problems().empty());
	CHECK(underSticky.find(PluginKind::Decoder, "fixture-echo") != nullptr);
}

TEST_CASE("a plugin owned by another user is refused even when writability is allowed", "[registry][safety]")
{
	if (::geteuid() != 0)
		return; // only root can give a file away
	TempDir dir;
	const std::string file = dir.copy(TestPlugins::fixtureFile("good"), "plugins/libgood.so");
	REQUIRE(::chown(file.c_str(), 12345, 12345) == 0);
	PluginRegistry registry;
	registry.setAllowWritablePlugins(true);
	registry.scan({dir.path() + "/plugins"});
	CHECK(registry.plugins().empty());
	CHECK(anyProblemContains(registry, {file + ": refused: plugin file is owned by uid 12345", "expected uid 0", "chown " + file}));
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
