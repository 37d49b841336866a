// Every way a plugin file can be unusable, as the runner meets it: each is one
// line naming the file, what was expected, what was found and what to do, and
// neither `--list-plugins` nor a real run is stopped by it.

#include "datatap/Version.h"
#include "support/MockApiServer.h"
#include "support/ProcessRunner.h"
#include "support/TempDir.h"
#include "support/TestPlugins.h"

#include <Poco/FileStream.h>
#include <Poco/StreamCopier.h>
#include <Poco/StringTokenizer.h>

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <functional>
#include <sstream>

using datatap::test::MockApiServer;
using datatap::test::ProcessResult;
using datatap::test::ProcessRunner;
using datatap::test::TempDir;
using datatap::test::TestPlugins;

namespace {

const std::string kAlbum1 = R"({"userId":1,"id":1,"title":"quidem molestiae enim"})";

struct RefusalCase
{
	std::string name;
	/// Puts the bad file in the folder and returns the path a refusal names.
	std::function<std::string(const TempDir& dir, const std::string& folder)> make;
	std::vector<std::string> says;
};

std::string halfOf(const std::string& file)
{
	Poco::FileInputStream in(file);
	std::ostringstream bytes;
	Poco::StreamCopier::copyStream(in, bytes);
	return bytes.str().substr(0, bytes.str().size() / 2);
}

std::vector<std::string> linesWith(const std::string& text, const std::string& part)
{
	std::vector<std::string> found;
	for (const std::string& line: Poco::StringTokenizer(text, "\n"))
	{
		if (line.find(part) != std::string::npos)
			found.push_back(line);
	}
	return found;
}

std::vector<RefusalCase> refusalCases()
{
	const std::string rebuild = std::string("rebuild it against datatap ") + datatap::version();
	const auto fixture = [](const std::string& name) {
		return [name](const TempDir& dir, const std::string&) { return dir.copy(TestPlugins::fixtureFile(name), "plugins/lib" + name + ".so"); };
	};
	return {
		{"older API version", fixture("older-api"), {"built for plugin API 0", "expected plugin API 1", rebuild}},
		{"newer API version", fixture("newer-api"), {"built for plugin API 2", "expected plugin API 1", rebuild}},
		{"other build tag", fixture("other-build-tag"), {"built with 'gcc-4,cxx11abi-0,poco-1.9'", "expected '", rebuild}},
		{"no handshake", fixture("no-handshake"), {"not a datatap plugin", "expected a datatap_plugin_handshake symbol", "found none", rebuild}},
		{"no manifest", fixture("no-manifest"), {"its POCO manifest is unusable", "expected the ResourceDecoder manifest", "found No manifest", "rebuild it"}},
		{"missing dependency", fixture("missing-dependency"), {"a library it needs is missing", "expected libfixture-dependency.so to be installed", "found it nowhere", "LD_LIBRARY_PATH"}},
		{"not a library", [](const TempDir& dir, const std::string&) { return dir.write("plugins/libnotes.so", "# my notes\n", 0644); },
			{"not a shared library", "expected an ELF plugin", "found no ELF header", "take it out of the plugin path"}},
		{"truncated library", [](const TempDir& dir, const std::string&) { return dir.write("plugins/libhalf.so", halfOf(TestPlugins::shippedFile("decoder-album")), 0644); },
			{"it is cut short", "expected at least", "bytes, found", "copy or build it again"}},
		{"writable plugin file", [](const TempDir& dir, const std::string&) { return dir.copy(TestPlugins::fixtureFile("good"), "plugins/libgood.so", 0666); },
			{"plugin file is writable by others", "expected mode go-w, found 0666", "chmod go-w", "allow_writable_plugins = true"}},
		{"writable plugin folder", [](const TempDir& dir, const std::string& folder) {
			 dir.copy(TestPlugins::fixtureFile("good"), "plugins/libgood.so");
			 ::chmod(folder.c_str(), 0777);
			 return folder;
		 },
			{"plugin directory is writable by others", "expected mode go-w, found 0777", "chmod go-w", "allow_writable_plugins = true"}},
	};
}

} // namespace

TEST_CASE("each refused plugin is one line with file - expected - found - fix - and list-plugins and a real run go on", "[integration][refusal]")
{
	MockApiServer server;
	for (const RefusalCase& refusal: refusalCases())
	{
		INFO("case: " << refusal.name);
		TempDir dir;
		const std::string folder = dir.makeDir("plugins");
		const std::string file = refusal.make(dir, folder);
		const std::string prefix = file + ": refused: ";

		const ProcessResult list = ProcessRunner::datatap({"--list-plugins", "--plugin-path", folder}, {}, dir.path());
		INFO("list-plugins stdout: " << list.out << "\nstderr: " << list.err);
		CHECK(list.exitCode == 0);
		CHECK_THAT(list.out, Catch::Contains("from " + TestPlugins::shippedFile("decoder-album")) && Catch::Contains("from " + TestPlugins::shippedFile("auth-basic-token")));
		const std::vector<std::string> notes = linesWith(list.out, "note: ");
		REQUIRE(notes.size() == 1);
		CHECK_THAT(notes[0], Catch::StartsWith("note: " + prefix));
		for (const std::string& part: refusal.says)
			CHECK_THAT(notes[0], Catch::Contains(part));

		const std::string config = dir.write("datatap.ini", "[auth.mock]\nstrategy = basic-token\ntoken = your_api_token_here\n\n[source.album]\nurl = " + server.url() + "/albums/1\nauth = mock\ndecoder = album\n");
		const ProcessResult run = ProcessRunner::datatap({"-c", config, "--plugin-path", folder});
		INFO("run stderr: " << run.err);
		CHECK(run.exitCode == 0);
		CHECK(run.out == "[\n  " + kAlbum1 + "\n]\n");
		CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
		CHECK_THAT(run.err, Catch::StartsWith("datatap: warning: " + prefix));
		for (const std::string& part: refusal.says)
			CHECK_THAT(run.err, Catch::Contains(part));
	}
}

TEST_CASE("allow_writable_plugins in the INI accepts a writable plugin folder", "[integration][refusal]")
{
	TempDir dir;
	const std::string folder = dir.makeDir("plugins", 0777);
	const std::string file = dir.copy(TestPlugins::fixtureFile("good"), "plugins/libgood.so", 0666);
	const std::string refused = dir.write("refused.ini", "[datatap]\nplugin_path = plugins\n");
	const std::string allowed = dir.write("allowed.ini", "[datatap]\nplugin_path = plugins\nallow_writable_plugins = true\n");

	const ProcessResult strict = ProcessRunner::datatap({"--list-plugins", "-c", refused});
	CHECK(strict.exitCode == 0);
	CHECK_THAT(strict.out, Catch::Contains(folder + ": refused: plugin directory is writable by others"));
	CHECK_THAT(strict.out, !Catch::Contains("fixture-echo"));

	const ProcessResult lax = ProcessRunner::datatap({"--list-plugins", "-c", allowed});
	CHECK(lax.exitCode == 0);
	CHECK_THAT(lax.out, Catch::Contains("fixture-echo") && Catch::Contains("from " + file));
	CHECK_THAT(lax.out, !Catch::Contains("refused"));

	const ProcessResult typo = ProcessRunner::datatap({"--list-plugins", "-c", dir.write("typo.ini", "[datatap]\nallow_writable_plugins = sure\n")});
	CHECK(typo.exitCode == 78);
	CHECK_THAT(typo.err, Catch::Contains("allow_writable_plugins") && Catch::Contains("not a boolean"));
}

TEST_CASE("a plugin whose factory throws is listed - a config that does not use it runs - one that does is one error", "[integration][refusal]")
{
	MockApiServer server;
	TempDir dir;
	const std::string folder = TestPlugins::fixtureDir("throws-in-constructor");
	const ProcessResult list = ProcessRunner::datatap({"--list-plugins", "--plugin-path", folder}, {}, dir.path());
	CHECK(list.exitCode == 0);
	CHECK_THAT(list.out, Catch::Contains("fixture-ctor") && Catch::Contains("album"));

	const std::string auth = "[auth.mock]\nstrategy = basic-token\ntoken = your_api_token_here\n\n";
	const ProcessResult good = ProcessRunner::datatap({"-c", dir.write("good.ini", auth + "[source.album]\nurl = " + server.url() + "/albums/1\nauth = mock\ndecoder = album\n"), "--plugin-path", folder});
	CHECK(good.exitCode == 0);
	CHECK(good.out == "[\n  " + kAlbum1 + "\n]\n");

	const ProcessResult broken = ProcessRunner::datatap({"-c", dir.write("broken.ini", auth + "[source.broken]\nurl = " + server.url() + "/albums/1\nauth = mock\ndecoder = fixture-ctor\n"), "--plugin-path", folder});
	CHECK(broken.exitCode == 78);
	CHECK(broken.out.empty());
	CHECK(std::count(broken.err.begin(), broken.err.end(), '\n') == 1);
	CHECK_THAT(broken.err, Catch::Contains("[source.broken]") && Catch::Contains("plugin 'fixture-ctor' (" + TestPlugins::fixtureFile("throws-in-constructor") + ") failed to start: constructor exploded on purpose"));
}
