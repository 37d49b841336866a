// Every shipped auth strategy against datatap-mock-api over loopback, as a user
// runs it: the right credential fetches the album, a wrong one exits 77, the
// secret may come inline, from the environment or from a file, and it never
// appears on stdout or stderr in any mode.

#include "support/MockApiServer.h"
#include "support/ProcessRunner.h"
#include "support/TempDir.h"
#include "support/TestPlugins.h"
#include "support/Text.h"


#include <Poco/DirectoryIterator.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>

using datatap::test::MockApiServer;
using datatap::test::ProcessResult;
using datatap::test::ProcessRunner;
using datatap::test::TempDir;
using datatap::test::TestPlugins;
using datatap::test::Text;

namespace {

// The mock's account: its static token and its password are both this secret.
const std::string kSecret = "Sup3r-s3cret-P4ss";
const std::string kWrongSecret = "Wr0ng-s3cret-Guess";
const std::string kUser = "datatap";
const std::string kAlbum1 = R"({"userId":1,"id":1,"title":"quidem molestiae enim"})";

struct Strategy
{
	std::string name;
	std::string path;      ///< the mock route it authenticates for
	std::string secretKey; ///< the option that holds the secret
	std::function<std::string(const std::string& baseUrl)> otherOptions;
};

const std::vector<Strategy>& strategies()
{
	static const std::vector<Strategy> all{
		{"bearer", "/bearer/albums/1", "token", [](const std::string&) { return std::string(); }},
		{"api-key", "/api-key/albums/1", "key", [](const std::string&) { return std::string(); }},
		{"basic", "/basic/albums/1", "password", [](const std::string&) { return "username = " + kUser + "\n"; }},
		{"digest", "/digest/albums/1", "password", [](const std::string&) { return "username = " + kUser + "\n"; }},
		{"oauth2-client-credentials", "/oauth/albums/1", "client_secret", [](const std::string& url) { return "token_url = " + url + "/oauth/token\nclient_id = " + kUser + "\n"; }},
		{"session-login", "/session/albums/1", "password", [](const std::string& url) { return "login_url = " + url + "/login\nusername = " + kUser + "\ntoken_pointer = /session/token\n"; }},
		{"hmac", "/hmac/albums/1", "secret", [](const std::string&) { return "key_id = " + kUser + "\n"; }},
	};
	return all;
}

std::string ini(const std::string& baseUrl, const Strategy& strategy, const std::string& secretLine, const std::string& extra = "")
{
	return "[datatap]\nplugin_path = " + TestPlugins::shippedDir() + "\ntimeout = 10\n\n"
		"[auth.api]\nstrategy = " + strategy.name + "\n" + strategy.otherOptions(baseUrl) + secretLine + "\n\n"
		"[source.album]\nurl = " + baseUrl + strategy.path + "\nauth = api\ndecoder = album\n" + extra;
}

void checkNoSecret(const ProcessResult& result, const std::string& secret)
{
	INFO("stdout: " << result.out);
	INFO("stderr: " << result.err);
	for (const std::string& form: {secret, Text::base64(secret).substr(0, 12), Text::base64(kUser + ":" + secret).substr(8)})
	{
		CHECK(result.out.find(form) == std::string::npos);
		CHECK(result.err.find(form) == std::string::npos);
	}
	// Tokens the mock issues (access and session tokens) are secrets too.
	CHECK(result.out.find("mock-") == std::string::npos);
	CHECK(result.err.find("mock-") == std::string::npos);
}

std::size_t countRequests(const MockApiServer& server, const std::string& prefix)
{
	const auto requests = server.requests();
	return static_cast<std::size_t>(std::count_if(requests.begin(), requests.end(), [&](const std::string& line) { return line.rfind(prefix, 0) == 0; }));
}

} // namespace

TEST_CASE("every strategy fetches the album with the secret inline, from the environment or from a file", "[integration][auth]")
{
	MockApiServer server({"--token", kSecret, "--password", kSecret});
	TempDir dir;
	dir.write("secret.txt", kSecret + "\n", 0600);
	for (const Strategy& strategy: strategies())
	{
		DYNAMIC_SECTION(strategy.name)
		{
			const std::vector<std::pair<std::string, std::string>> forms{
				{"inline", strategy.secretKey + " = " + kSecret},
				{"env", strategy.secretKey + " = ${system.env.DATATAP_TEST_SECRET}"},
				{"file", strategy.secretKey + "_file = secret.txt"},
			};
			for (const auto& [form, line]: forms)
			{
				const ProcessResult result = ProcessRunner::datatap({"-c", dir.write(form + ".ini", ini(server.url(), strategy, line)), "-o", "ndjson"}, {{"DATATAP_TEST_SECRET", kSecret}});
				INFO(strategy.name << " with the secret " << form << ": " << result.err);
				CHECK(result.exitCode == 0);
				CHECK(result.out == kAlbum1 + "\n");
				checkNoSecret(result, kSecret);
			}
		}
	}
}

TEST_CASE("every strategy exits 77 on a wrong credential - and never shows it", "[integration][auth]")
{
	MockApiServer server({"--token", kSecret, "--password", kSecret});
	TempDir dir;
	for (const Strategy& strategy: strategies())
	{
		DYNAMIC_SECTION(strategy.name)
		{
			const std::string config = dir.write("wrong.ini", ini(server.url(), strategy, strategy.secretKey + " = " + kWrongSecret));
			for (const std::vector<std::string>& args: std::vector<std::vector<std::string>>{{"-c", config}, {"-c", config, "-v"}})
			{
				const ProcessResult result = ProcessRunner::datatap(args);
				INFO(result.err);
				CHECK(result.exitCode == 77);
				CHECK(result.out.empty());
				CHECK_THAT(result.err, Catch::Contains("[auth.api]") && Catch::Contains(server.url()));
				checkNoSecret(result, kWrongSecret);
			}
		}
	}
}

TEST_CASE("no strategy shows its secret under -v, --dry-run, --check or a failing request", "[integration][auth]")
{
	MockApiServer server({"--token", kSecret, "--password", kSecret});
	TempDir dir;
	for (const Strategy& strategy: strategies())
	{
		DYNAMIC_SECTION(strategy.name)
		{
			const std::string good = dir.write("good.ini", ini(server.url(), strategy, strategy.secretKey + " = " + kSecret));
			std::string missingText = ini(server.url(), strategy, strategy.secretKey + " = " + kSecret);
			missingText.replace(missingText.find("/albums/1"), 9, "/albums/999");
			const std::string missing = dir.write("missing.ini", missingText);

			const ProcessResult verbose = ProcessRunner::datatap({"-c", good, "-v"});
			INFO(verbose.err);
			CHECK(verbose.exitCode == 0);
			CHECK_THAT(verbose.err, Catch::Contains("< 200 OK"));
			checkNoSecret(verbose, kSecret);

			const std::size_t before = server.requests().size();
			const ProcessResult dry = ProcessRunner::datatap({"-c", good, "--dry-run"});
			CHECK(dry.exitCode == 0);
			CHECK_THAT(dry.out, Catch::Contains("GET " + server.url() + strategy.path));
			checkNoSecret(dry, kSecret);

			const ProcessResult check = ProcessRunner::datatap({"-c", good, "--check"});
			CHECK(check.exitCode == 0);
			CHECK_THAT(check.out, Catch::Contains("api (" + strategy.name + ")"));
			checkNoSecret(check, kSecret);
			// Neither mode sends anything: no token request, no login, no API call.
			CHECK(server.requests().size() == before);

			const ProcessResult failing = ProcessRunner::datatap({"-c", missing, "-v"});
			CHECK(failing.exitCode == 65);
			checkNoSecret(failing, kSecret);

			const ProcessResult describe = ProcessRunner::datatap({"--describe", strategy.name, "--plugin-path", TestPlugins::shippedDir()});
			CHECK(describe.exitCode == 0);
			CHECK_THAT(describe.out, Catch::Contains(strategy.secretKey) && Catch::Contains(strategy.secretKey + "_file") && Catch::Contains("secret"));
		}
	}
}

TEST_CASE("the API key goes where 'in' says: header, query parameter or cookie", "[integration][auth]")
{
	MockApiServer server({"--token", kSecret});
	TempDir dir;
	const Strategy& apiKey = strategies()[1];
	for (const std::string place: {"in = header", "in = query\nname = api_key", "in = cookie\nname = api_key"})
	{
		const ProcessResult result = ProcessRunner::datatap({"-c", dir.write("key.ini", ini(server.url(), apiKey, "key = " + kSecret + "\n" + place)), "-o", "ndjson", "-v"});
		INFO(place << ": " << result.err);
		CHECK(result.exitCode == 0);
		CHECK(result.out == kAlbum1 + "\n");
		checkNoSecret(result, kSecret);
	}
	const ProcessResult dry = ProcessRunner::datatap({"-c", dir.write("query.ini", ini(server.url(), apiKey, "key = " + kSecret + "\nin = query\nname = api_key")), "--dry-run"});
	CHECK_THAT(dry.out, Catch::Contains("GET " + server.url() + "/api-key/albums/1?api_key=****\n"));
	checkNoSecret(dry, kSecret);
	// The mock's own log masks the key it was sent in the query.
	const auto requests = server.requests();
	CHECK(std::any_of(requests.begin(), requests.end(), [](const std::string& line) { return line.rfind("GET /api-key/albums/1?api_key=****\tauth=no\t", 0) == 0; }));
}

TEST_CASE("an access token the API stops honouring is fetched anew exactly once", "[integration][auth]")
{
	// Each issued token admits one request: the second source's request is
	// refused with the cached token, which makes the strategy fetch a new one.
	MockApiServer server({"--password", kSecret, "--token-uses", "1"});
	TempDir dir;
	for (const Strategy* strategy: {&strategies()[4], &strategies()[5]})
	{
		const std::string tokenRoute = strategy->name == "session-login" ? "POST /login" : "POST /oauth/token";
		const std::size_t before = countRequests(server, tokenRoute);
		const std::string second = "\n[source.again]\nurl = " + server.url() + strategy->path + "\nauth = api\ndecoder = album\n";
		const ProcessResult result = ProcessRunner::datatap({"-c", dir.write("two.ini", ini(server.url(), *strategy, strategy->secretKey + " = " + kSecret, second)), "-o", "ndjson", "-v"});
		INFO(strategy->name << ": " << result.err);
		CHECK(result.exitCode == 0);
		CHECK(result.out == kAlbum1 + "\n" + kAlbum1 + "\n");
		CHECK(countRequests(server, tokenRoute) - before == 2);
		// -v shows the strategy's own requests, by method and URL only.
		CHECK_THAT(result.err, Catch::Contains("> " + tokenRoute.substr(0, 5) + server.url() + tokenRoute.substr(5) + "\n"));
		CHECK(countRequests(server, "GET " + strategy->path) >= 3);
		checkNoSecret(result, kSecret);
	}
}

TEST_CASE("the oauth2 client may authenticate in the form body instead of Basic", "[integration][auth]")
{
	MockApiServer server({"--password", kSecret});
	TempDir dir;
	const ProcessResult result = ProcessRunner::datatap({"-c", dir.write("body.ini", ini(server.url(), strategies()[4], "client_secret = " + kSecret + "\nclient_auth = body\nscope = albums:read")), "-o", "ndjson"});
	INFO(result.err);
	CHECK(result.exitCode == 0);
	CHECK(result.out == kAlbum1 + "\n");
}

TEST_CASE("digest answers with MD5 or SHA-256 as asked - and reuses the nonce", "[integration][auth]")
{
	MockApiServer server({"--password", kSecret});
	TempDir dir;
	const Strategy& digest = strategies()[3];
	for (const std::string algorithm: {"MD5", "SHA-256"})
	{
		const std::string second = "\n[source.again]\nurl = " + server.url() + digest.path + "\nauth = api\ndecoder = album\n";
		const std::size_t before = countRequests(server, "GET /digest/");
		const ProcessResult result = ProcessRunner::datatap({"-c", dir.write("digest.ini", ini(server.url(), digest, "password = " + kSecret + "\nalgorithm = " + algorithm, second)), "-o", "ndjson", "--concurrency", "1"});
		INFO(algorithm << ": " << result.err);
		CHECK(result.exitCode == 0);
		CHECK(result.out == kAlbum1 + "\n" + kAlbum1 + "\n");
		// One challenge, then both sources answered with the same nonce (one at a
		// time: sources running at once would each meet the challenge).
		CHECK(countRequests(server, "GET /digest/") - before == 3);
	}
}

TEST_CASE("list-plugins shows every auth strategy", "[integration][auth]")
{
	const ProcessResult result = ProcessRunner::datatap({"--list-plugins", "--plugin-path", TestPlugins::shippedDir()});
	CHECK(result.exitCode == 0);
	for (const std::string name: {"basic-token", "basic", "bearer", "api-key", "digest", "oauth2-client-credentials", "session-login", "hmac"})
		CHECK_THAT(result.out, Catch::Contains("\n" + name + " "));
}

TEST_CASE("every sample INI under conf/examples fetches album 1 from the mock", "[integration][auth]")
{
	// The samples use the mock's default account.
	MockApiServer server;
	Poco::DirectoryIterator end;
	std::size_t samples = 0;
	for (Poco::DirectoryIterator it(std::string(DATATAP_TEST_SOURCE_DIR) + "/conf/examples"); it != end; ++it)
	{
		if (it.path().getExtension() != "ini")
			continue;
		++samples;
		const ProcessResult result = ProcessRunner::datatap({"-c", it.path().toString(), "--plugin-path", TestPlugins::shippedDir(), "-o", "ndjson"}, {{"DATATAP_MOCK_URL", server.url()}, {"DATATAP_TOKEN", "your_api_token_here"}});
		INFO(it.name() << ": " << result.err);
		CHECK(result.exitCode == 0);
		CHECK(result.out == kAlbum1 + "\n");
	}
	CHECK(samples == strategies().size());
}

TEST_CASE("the hmac signature covers the query string as sent", "[integration][auth]")
{
	MockApiServer server({"--password", kSecret});
	TempDir dir;
	Strategy hmac = strategies()[6];
	hmac.path = "/hmac/albums?userId=2&userId=3";
	const ProcessResult result = ProcessRunner::datatap({"-c", dir.write("hmac.ini", ini(server.url(), hmac, "secret = " + kSecret)), "-o", "ndjson"});
	INFO(result.err);
	CHECK(result.exitCode == 0);
	CHECK(std::count(result.out.begin(), result.out.end(), '\n') == 20);
}
