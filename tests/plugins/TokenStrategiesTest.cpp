// oauth2-client-credentials and session-login at the plugin level: loaded
// through the registry, apply() called from many threads at once against the
// mock's token endpoint and login route, requests counted on the server.

#include "datatap/Exceptions.h"
#include "registry/PluginRegistry.h"
#include "support/MockApiServer.h"
#include "support/TestPlugins.h"

#include <Poco/Net/HTTPRequest.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <thread>

using datatap::test::MockApiServer;

namespace {

const std::string kSecret = "T0ken-t3st-s3cret";

std::unique_ptr<datatap::AuthStrategy> strategy(const std::string& name, const datatap::PluginOptions::Values& values)
{
	auto auth = datatap::test::TestPlugins::shippedRegistry().createAuth(name);
	auth->configure(datatap::PluginOptions(name, "auth.test", values));
	return auth;
}

std::unique_ptr<datatap::AuthStrategy> oauth2(const MockApiServer& server, const std::string& secret = kSecret)
{
	return strategy("oauth2-client-credentials", {{"token_url", server.url() + "/oauth/token"}, {"client_id", "datatap"}, {"client_secret", secret}, {"client_auth", "basic"}, {"refresh_early", "30"}, {"timeout", "10"}});
}

struct Applied
{
	std::string authorization;
	std::vector<std::string> secrets;
};

Applied apply(datatap::AuthStrategy& auth, bool dryRun = false)
{
	Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/oauth/albums/1");
	Poco::URI uri("http://127.0.0.1/oauth/albums/1");
	const std::string body;
	datatap::AuthRequest authRequest(request, uri, body);
	authRequest.setDryRun(dryRun);
	auth.apply(authRequest);
	return {request.get("Authorization", ""), authRequest.secretValues()};
}

// apply() from 16 threads released together; each result is the Authorization
// header it set, or the error it threw.
std::vector<std::string> applyFromSixteenThreads(datatap::AuthStrategy& auth)
{
	std::vector<std::string> results(16);
	std::vector<std::thread> threads;
	std::atomic<bool> go{false};
	for (std::size_t i = 0; i < results.size(); ++i)
		threads.emplace_back([&, i] {
			while (!go)
				std::this_thread::yield();
			try
			{
				results[i] = apply(auth).authorization;
			}
			catch (const datatap::DatatapException& exc)
			{
				results[i] = std::string("error: ") + exc.name() + ": " + exc.message();
			}
		});
	go = true;
	for (std::thread& thread: threads)
		thread.join();
	return results;
}

std::size_t count(const MockApiServer& server, const std::string& prefix)
{
	const auto requests = server.requests();
	return static_cast<std::size_t>(std::count_if(requests.begin(), requests.end(), [&](const std::string& line) { return line.rfind(prefix, 0) == 0; }));
}

bool allEqual(const std::vector<std::string>& values)
{
	return std::all_of(values.begin(), values.end(), [&](const std::string& value) { return value == values.front(); });
}

} // namespace

TEST_CASE("oauth2: 16 concurrent requests without a token cause one token request", "[oauth2]")
{
	// The slow token endpoint keeps the first request open while the others arrive.
	MockApiServer server({"--password", kSecret, "--token-delay", "300"});
	auto auth = oauth2(server);
	const std::vector<std::string> results = applyFromSixteenThreads(*auth);
	CHECK(count(server, "POST /oauth/token") == 1);
	CHECK_THAT(results.front(), Catch::StartsWith("Bearer mock-"));
	CHECK(allEqual(results));
}

TEST_CASE("oauth2: 16 concurrent requests through an expiring token cause exactly one refresh", "[oauth2]")
{
	// A two-second token is replaced after one second (refresh_early is capped
	// at half the lifetime).
	MockApiServer server({"--password", kSecret, "--token-lifetime", "2", "--token-delay", "300"});
	auto auth = oauth2(server);
	const std::string first = apply(*auth).authorization;
	CHECK(apply(*auth).authorization == first);
	CHECK(count(server, "POST /oauth/token") == 1);

	std::this_thread::sleep_for(std::chrono::milliseconds(1100));
	const std::vector<std::string> results = applyFromSixteenThreads(*auth);
	CHECK(count(server, "POST /oauth/token") == 2);
	CHECK(allEqual(results));
	CHECK_THAT(results.front(), Catch::StartsWith("Bearer mock-"));
	CHECK(results.front() != first);
}

TEST_CASE("oauth2: a 401 refreshes the token once - a 403 does not", "[oauth2]")
{
	MockApiServer server({"--password", kSecret});
	auto auth = oauth2(server);
	const Applied first = apply(*auth);
	// The access token itself is registered for masking, not only the header.
	CHECK(std::find(first.secrets.begin(), first.secrets.end(), first.authorization.substr(7)) != first.secrets.end());

	datatap::AuthChallenge refused{401, "GET", Poco::URI("http://127.0.0.1/oauth/albums/1"), {"Bearer error=\"invalid_token\""}};
	CHECK(auth->onChallenge(refused) == datatap::ChallengeResponse::RetryOnce);
	const std::string second = apply(*auth).authorization;
	CHECK(second != first.authorization);
	CHECK(count(server, "POST /oauth/token") == 2);

	datatap::AuthChallenge forbidden{403, "GET", Poco::URI("http://127.0.0.1/oauth/albums/1"), {}};
	CHECK(auth->onChallenge(forbidden) == datatap::ChallengeResponse::Fail);
	CHECK(apply(*auth).authorization == second);
	CHECK(count(server, "POST /oauth/token") == 2);
}

TEST_CASE("oauth2: a refused client fails every waiting request with AuthError - secret unnamed", "[oauth2]")
{
	MockApiServer server({"--password", kSecret, "--token-delay", "300"});
	auto auth = oauth2(server, "Wr0ng-client-s3cret");
	for (const std::string& result: applyFromSixteenThreads(*auth))
	{
		CHECK_THAT(result, Catch::StartsWith("error: not authorised: POST " + server.url() + "/oauth/token answered 401"));
		CHECK_THAT(result, Catch::Contains("check client_id and client_secret") && !Catch::Contains("Wr0ng"));
	}
	CHECK(count(server, "POST /oauth/token") == 1);
}

TEST_CASE("oauth2 and session-login send nothing under --dry-run", "[oauth2][session-login]")
{
	MockApiServer server({"--password", kSecret});
	auto auth = oauth2(server);
	auto login = strategy("session-login", {{"login_url", server.url() + "/login"}, {"username", "datatap"}, {"password", kSecret}, {"username_field", "username"}, {"password_field", "password"}, {"token_pointer", "/session/token"}, {"header", "Authorization"}, {"scheme", "Bearer"}});
	CHECK_THAT(apply(*auth, true).authorization, Catch::StartsWith("Bearer ("));
	CHECK_THAT(apply(*login, true).authorization, Catch::StartsWith("Bearer ("));
	CHECK(server.requests().empty());
}

TEST_CASE("session-login: 16 concurrent requests log in once, into the header asked for", "[session-login]")
{
	MockApiServer server({"--password", kSecret});
	auto login = strategy("session-login", {{"login_url", server.url() + "/login"}, {"username", "datatap"}, {"password", kSecret}, {"username_field", "username"}, {"password_field", "password"}, {"token_pointer", "/session/token"}, {"header", "Authorization"}, {"scheme", ""}});
	const std::vector<std::string> results = applyFromSixteenThreads(*login);
	CHECK(count(server, "POST /login") == 1);
	CHECK_THAT(results.front(), Catch::StartsWith("mock-"));
	CHECK(allEqual(results));
}

TEST_CASE("token strategies refuse configurations that cannot work", "[oauth2][session-login]")
{
	const auto errorOf = [](const std::string& name, const datatap::PluginOptions::Values& values) {
		try
		{
			strategy(name, values);
		}
		catch (const datatap::ConfigError& exc)
		{
			return exc.message();
		}
		return std::string("no error");
	};
	const datatap::PluginOptions::Values good{{"token_url", "https://auth.example/token"}, {"client_id", "id"}, {"client_secret", "s"}, {"client_auth", "basic"}};
	CHECK(errorOf("oauth2-client-credentials", good) == "no error");
	auto with = [&](const std::string& key, const std::string& value) {
		datatap::PluginOptions::Values values = good;
		values[key] = value;
		return values;
	};
	CHECK_THAT(errorOf("oauth2-client-credentials", with("token_url", "ftp://auth.example/token")), Catch::Contains("token_url: must be an http:// or https:// URL"));
	CHECK_THAT(errorOf("oauth2-client-credentials", with("token_url", "https://id:pw@auth.example/token")), Catch::Contains("token_url: must not carry credentials"));
	CHECK_THAT(errorOf("oauth2-client-credentials", with("client_auth", "jwt")), Catch::Contains("client_auth: must be basic or body"));
	CHECK_THAT(errorOf("oauth2-client-credentials", with("client_secret", "line\nbreak")), Catch::Contains("client_secret: contains a control character"));
	CHECK_THAT(errorOf("oauth2-client-credentials", with("timeout", "0")), Catch::Contains("timeout: must be a positive number of seconds"));
	CHECK_THAT(errorOf("session-login", {{"login_url", "https://api.example/login"}, {"username", "u"}, {"password", "p"}, {"username_field", "username"}, {"password_field", "password"}, {"token_pointer", "token"}, {"header", "Authorization"}, {"scheme", "Bearer"}}), Catch::Contains("token_pointer: must be a JSON pointer"));
}
