// datatap as a third party meets it: installed to a prefix or unpacked from
// its .deb, the examples built against it in a tree of their own with nothing
// but find_package(datatap), and the result dropped into a plugin folder.

#include "support/ExportedSymbols.h"
#include "support/MockApiServer.h"
#include "support/ProcessRunner.h"
#include "support/TempDir.h"
#include "support/TestPlugins.h"
#include "support/TestTools.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include <catch2/catch.hpp>

#include <algorithm>

using datatap::test::ExportedSymbols;
using datatap::test::MockApiServer;
using datatap::test::ProcessResult;
using datatap::test::ProcessRunner;
using datatap::test::TempDir;
using datatap::test::TestPlugins;
using datatap::test::TestTools;

namespace {

const std::string kApiKey = "example-api-key-4-tests";

ProcessResult mustRun(const std::string& program, const std::vector<std::string>& args, const ProcessRunner::Environment& environment = {})
{
	ProcessResult result = ProcessRunner::run(program, args, environment);
	INFO(program << " " << Poco::cat(std::string(" "), args.begin(), args.end()) << "\nstdout: " << result.out << "\nstderr: " << result.err);
	REQUIRE(result.exitCode == 0);
	return result;
}

bool exists(const std::string& path)
{
	return Poco::File(path).exists();
}

std::vector<std::string> filesBelow(const std::string& folder)
{
	std::vector<std::string> files;
	for (Poco::DirectoryIterator it(folder), end; it != end; ++it)
	{
		if (it->isDirectory())
		{
			const std::vector<std::string> inner = filesBelow(it.path().toString());
			files.insert(files.end(), inner.begin(), inner.end());
		}
		else
			files.push_back(it.path().toString());
	}
	return files;
}

} // namespace

TEST_CASE("the examples build against an installed datatap with find_package alone and work when dropped in", "[package]")
{
	TempDir dir;
	const std::string prefix = dir.path() + "/prefix";
	mustRun(TestTools::cmake(), {"--install", TestTools::buildDir(), "--prefix", prefix});

	// The SDK and nothing of the host.
	CHECK(exists(prefix + "/include/datatap/Plugin.h"));
	CHECK(exists(prefix + "/include/datatap/PluginHandshake.h"));
	for (const std::string& file: filesBelow(prefix + "/include"))
		CHECK_THAT(file, Catch::StartsWith(prefix + "/include/datatap/") && !Catch::Contains("Registry") && !Catch::Contains("Pipeline"));
	for (const char* file: {"/bin/datatap", "/bin/datatap-mock-api", "/lib/libdatatap-core.so", "/lib/cmake/datatap/datatapConfig.cmake",
		     "/lib/cmake/datatap/datatapConfigVersion.cmake", "/lib/pkgconfig/datatap.pc", "/share/datatap/datatap.ini",
		     "/lib/datatap/plugins/libdatatap-auth-basic-token.so", "/lib/datatap/plugins/libdatatap-decoder-album.so"})
		CHECK(exists(prefix + file));

	const std::string build = dir.path() + "/examples-build";
	// The same compiler as datatap's, or the build tags would differ and the host
	// would rightly refuse the result.
	mustRun(TestTools::cmake(), {"-S", TestTools::sourceDir() + "/examples", "-B", build, "-DCMAKE_BUILD_TYPE=Release", "-DCMAKE_CXX_COMPILER=" + TestTools::cxx(),
		"-DCMAKE_PREFIX_PATH=" + prefix, "-DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON"});
	mustRun(TestTools::cmake(), {"--build", build, "--parallel", "2"});
	const std::string auth = build + "/auth-header-key/libdatatap-example-header-key.so";
	const std::string decoder = build + "/decoder-pick/libdatatap-decoder-pick.so";
	for (const std::string& plugin: {auth, decoder})
	{
		INFO(plugin);
		CHECK(ExportedSymbols::unexpectedInPlugin(plugin) == std::vector<std::string>{});
	}

	const std::string plugins = dir.makeDir("plugins");
	dir.copy(auth, "plugins/libdatatap-example-header-key.so");
	dir.copy(decoder, "plugins/libdatatap-decoder-pick.so");
	const std::string datatap = prefix + "/bin/datatap";

	MockApiServer server({"--token", kApiKey});
	const std::string config = dir.write("datatap.ini", "[datatap]\nplugin_path = plugins\n\n[auth.key]\nstrategy = header-key\nkey = " + kApiKey + "\n\n"
		"[source.titles]\nurl = " + server.url() + "/api-key/albums?userId=2\nauth = key\ndecoder = pick\nfields = id, title\n");
	const ProcessResult run = ProcessRunner::run(datatap, {"-c", config, "-o", "ndjson"});
	INFO(run.err);
	CHECK(run.exitCode == 0);
	CHECK(run.err.empty());
	CHECK(std::count(run.out.begin(), run.out.end(), '\n') == 10);
	CHECK_THAT(run.out, Catch::StartsWith(R"({"id":11,"title":")"));
	CHECK(run.out.find("userId") == std::string::npos);
	REQUIRE(server.requests().size() == 1);
	CHECK_THAT(server.requests()[0], Catch::StartsWith("GET /api-key/albums?userId=2\tauth=no\theaders=") && Catch::Contains("X-API-Key"));

	const ProcessResult dry = ProcessRunner::run(datatap, {"-c", config, "--dry-run"});
	CHECK(dry.exitCode == 0);
	CHECK_THAT(dry.out, Catch::Contains("X-API-Key: ****"));
	CHECK(dry.out.find(kApiKey) == std::string::npos);

	const ProcessResult verbose = ProcessRunner::run(datatap, {"-c", config, "-v"});
	CHECK(verbose.exitCode == 0);
	CHECK_THAT(verbose.err, Catch::Contains("> X-API-Key: ****"));
	CHECK(verbose.err.find(kApiKey) == std::string::npos);

	const ProcessResult strict = ProcessRunner::run(datatap, {"-c", dir.write("strict.ini", "[datatap]\nplugin_path = plugins\n\n[auth.key]\nstrategy = header-key\nkey = " + kApiKey + "\n\n"
		"[source.titles]\nurl = " + server.url() + "/api-key/albums/1\nauth = key\ndecoder = pick\nfields = id, rating\nrequire_all = true\n")});
	CHECK(strict.exitCode == 65);
	CHECK_THAT(strict.err, Catch::Contains("Failed to pick fields: record 0: field 'rating' is missing"));

	const ProcessResult describe = ProcessRunner::run(datatap, {"-c", config, "--describe", "header-key"});
	CHECK_THAT(describe.out, Catch::Contains("key") && Catch::Contains("secret, never printed") && Catch::Contains("default X-API-Key"));

	// Installed with datatap's prefix instead, it is found with no path at all,
	// and the relocated runner loads its own libdatatap-core and plugins.
	mustRun(TestTools::cmake(), {"--install", build, "--prefix", prefix});
	const ProcessResult list = ProcessRunner::run(datatap, {"--list-plugins"}, {}, dir.path() + "/plugins");
	CHECK(list.exitCode == 0);
	CHECK_THAT(list.out, Catch::Contains("from " + prefix + "/lib/datatap/plugins/libdatatap-example-header-key.so")
		&& Catch::Contains("from " + prefix + "/lib/datatap/plugins/libdatatap-decoder-pick.so")
		&& Catch::Contains("from " + prefix + "/lib/datatap/plugins/libdatatap-auth-basic-token.so"));
	CHECK(list.out.find("note:") == std::string::npos);
	CHECK(list.out.find(TestTools::buildDir()) == std::string::npos);
}

TEST_CASE("pkg-config users build a plugin from datatap.pc alone", "[package]")
{
	TempDir dir;
	const std::string prefix = dir.path() + "/prefix";
	mustRun(TestTools::cmake(), {"--install", TestTools::buildDir(), "--prefix", prefix});
	const ProcessRunner::Environment environment{{"PKG_CONFIG_PATH", prefix + "/lib/pkgconfig"}};
	const auto flags = [&](const std::vector<std::string>& query) {
		std::vector<std::string> args = query;
		args.push_back("datatap");
		return Poco::StringTokenizer(mustRun(TestTools::pkgConfig(), args, environment).out, " \n", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
	};
	std::vector<std::string> compile;
	for (const auto& query: std::vector<std::vector<std::string>>{{"--variable=plugin_cflags"}, {"--cflags"}})
	{
		const Poco::StringTokenizer tokens = flags(query);
		compile.insert(compile.end(), tokens.begin(), tokens.end());
	}
	const std::string plugin = dir.makeDir("plugins") + "/libheader-key.so";
	compile.insert(compile.end(), {TestTools::sourceDir() + "/examples/auth-header-key/HeaderKeyAuth.cpp", "-o", plugin});
	for (const auto& query: std::vector<std::vector<std::string>>{{"--variable=plugin_ldflags"}, {"--libs"}})
	{
		const Poco::StringTokenizer tokens = flags(query);
		compile.insert(compile.end(), tokens.begin(), tokens.end());
	}
	mustRun(TestTools::cxx(), compile);
	CHECK(ExportedSymbols::unexpectedInPlugin(plugin) == std::vector<std::string>{});

	const ProcessResult list = ProcessRunner::run(prefix + "/bin/datatap", {"--list-plugins", "--plugin-path", dir.path() + "/plugins"}, {}, dir.path());
	CHECK(list.exitCode == 0);
	CHECK_THAT(list.out, Catch::Contains("header-key") && Catch::Contains("from " + plugin));
	CHECK(list.out.find("note:") == std::string::npos);
}

TEST_CASE("cpack builds a .deb that declares its dependencies and runs from wherever it is unpacked", "[package]")
{
	TempDir dir;
	mustRun(TestTools::cpack(), {"-G", "DEB", "--config", TestTools::buildDir() + "/CPackConfig.cmake", "-B", dir.path()});
	std::string deb;
	for (Poco::DirectoryIterator it(dir.path()), end; it != end; ++it)
	{
		if (Poco::endsWith(it.name(), std::string(".deb")))
			deb = it.path().toString();
	}
	REQUIRE_FALSE(deb.empty());

	const std::string depends = mustRun(TestTools::dpkgDeb(), {"-f", deb, "Depends"}).out;
	CHECK_THAT(depends, Catch::Contains("libpocofoundation80") && Catch::Contains("libpoconet80") && Catch::Contains("libpocojson80") && Catch::Contains("libstdc++6") && Catch::Contains("libc6"));
	CHECK(depends.find("datatap") == std::string::npos);
	CHECK_THAT(mustRun(TestTools::dpkgDeb(), {"-f", deb, "Recommends"}).out, Catch::Contains("libpoco-dev"));

	const std::string contents = mustRun(TestTools::dpkgDeb(), {"-c", deb}).out;
	for (const char* file: {"./usr/bin/datatap", "./usr/bin/datatap-mock-api", "./usr/lib/libdatatap-core.so.0", "./usr/include/datatap/Plugin.h",
		     "./usr/lib/datatap/plugins/libdatatap-auth-basic-token.so", "./usr/lib/datatap/plugins/libdatatap-decoder-album.so",
		     "./usr/lib/cmake/datatap/datatapConfig.cmake", "./usr/lib/pkgconfig/datatap.pc", "./usr/share/datatap/datatap.ini"})
		CHECK_THAT(contents, Catch::Contains(file));

	const std::string root = dir.path() + "/unpacked";
	mustRun(TestTools::dpkgDeb(), {"-x", deb, root});
	// The dynamic loader says which libdatatap-core the runner got: the one
	// beside it, through $ORIGIN/../lib, not the build tree's.
	const ProcessResult list = ProcessRunner::run(root + "/usr/bin/datatap", {"--list-plugins"}, {{"LD_DEBUG", "files"}}, dir.path());
	CHECK(list.exitCode == 0);
	CHECK_THAT(list.err, Catch::Contains("calling init: " + root + "/usr/bin/../lib/libdatatap-core.so.0"));
	CHECK_THAT(list.out, Catch::Contains("from " + root + "/usr/lib/datatap/plugins/libdatatap-decoder-album.so"));
	CHECK(list.out.find("note:") == std::string::npos);
}
