#include "datatap/Exceptions.h"
#include "registry/PluginRegistry.h"
#include "support/TestPlugins.h"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/NameValueCollection.h>

#include <catch2/catch.hpp>

namespace {

std::unique_ptr<datatap::AuthStrategy> apiKey(const std::string& in, const std::string& name)
{
	auto auth = datatap::test::TestPlugins::shippedRegistry().createAuth("api-key");
	auth->configure(datatap::PluginOptions("api-key", "auth.test", {{"key", "k3y-value"}, {"in", in}, {"name", name}}));
	return auth;
}

} // namespace

TEST_CASE("api-key records where it put the key, so the host can mask and strip it", "[api-key]")
{
	Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/albums?userId=1");
	request.set("Cookie", "theme=dark");
	Poco::URI uri("http://127.0.0.1/albums?userId=1");
	const std::string body;

	datatap::AuthRequest header(request, uri, body);
	apiKey("header", "X-API-Key")->apply(header);
	CHECK(request.get("X-API-Key") == "k3y-value");
	CHECK(header.credentialHeaders() == std::vector<std::string>{"X-API-Key"});

	datatap::AuthRequest cookie(request, uri, body);
	apiKey("cookie", "api_key")->apply(cookie);
	Poco::Net::NameValueCollection cookies;
	request.getCookies(cookies);
	CHECK(cookies.get("api_key") == "k3y-value");
	CHECK(cookies.get("theme") == "dark");
	CHECK(cookie.credentialCookies() == std::vector<std::string>{"api_key"});
	CHECK(cookie.credentialHeaders() == std::vector<std::string>{"Cookie"});

	datatap::AuthRequest query(request, uri, body);
	apiKey("query", "api_key")->apply(query);
	CHECK(request.getURI() == "/albums?userId=1&api_key=k3y-value");
	CHECK(query.credentialQueryParameters() == std::vector<std::string>{"api_key"});
	CHECK(query.secretValues() == std::vector<std::string>{"k3y-value"});
}

TEST_CASE("api-key refuses a place it does not know", "[api-key]")
{
	const auto errorOf = [](const std::string& in, const std::string& name) {
		try
		{
			apiKey(in, name);
		}
		catch (const datatap::ConfigError& exc)
		{
			return exc.message();
		}
		return std::string("no error");
	};
	CHECK_THAT(errorOf("body", "X-API-Key"), Catch::Contains("in: must be header, query or cookie"));
	CHECK_THAT(errorOf("cookie", "api key"), Catch::Contains("name: must be a header or cookie name"));
}
