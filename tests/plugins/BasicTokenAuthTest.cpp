#include "datatap/Exceptions.h"
#include "registry/PluginRegistry.h"
#include "support/TestPlugins.h"

#include <Poco/Net/HTTPRequest.h>

#include <catch2/catch.hpp>

namespace {

std::unique_ptr<datatap::AuthStrategy> strategy(const datatap::PluginOptions::Values& values)
{
	auto auth = datatap::test::TestPlugins::shippedRegistry().createAuth("basic-token");
	auth->configure(datatap::PluginOptions("basic-token", "auth.test", values));
	return auth;
}

struct Applied
{
	std::string authorization;
	std::vector<std::string> credentialHeaders;
};

Applied apply(datatap::AuthStrategy& auth)
{
	Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/albums/1");
	Poco::URI uri("http://127.0.0.1/albums/1");
	const std::string body;
	datatap::AuthRequest authRequest(request, uri, body);
	auth.apply(authRequest);
	return {request.get("Authorization", ""), authRequest.credentialHeaders()};
}

std::string errorOf(const datatap::PluginOptions::Values& values)
{
	try
	{
		strategy(values);
	}
	catch (const datatap::ConfigError& exc)
	{
		return exc.message();
	}
	return "no error";
}

} // namespace

TEST_CASE("basic-token sends the token verbatim - as the recipe does", "[basic-token]")
{
	auto auth = strategy({{"token", "your_api_token_here"}});
	const Applied applied = apply(*auth);
	CHECK(applied.authorization == "Basic your_api_token_here");
	CHECK(applied.credentialHeaders == std::vector<std::string>{"Authorization"});
}

TEST_CASE("basic-token encodes username and password per RFC 7617", "[basic-token]")
{
	// RFC 7617 section 2's example.
	auto auth = strategy({{"username", "Aladdin"}, {"password", "open sesame"}});
	CHECK(apply(*auth).authorization == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
	// Long credentials stay on one line: POCO's encoder breaks lines at 72 by default.
	auto longer = strategy({{"username", std::string(60, 'u')}, {"password", std::string(60, 'p')}});
	const std::string header = apply(*longer).authorization;
	CHECK(header.find('\n') == std::string::npos);
	CHECK(header.size() == 6 + 164);
}

TEST_CASE("basic-token refuses configurations that cannot work", "[basic-token]")
{
	CHECK_THAT(errorOf({}), Catch::Contains("give either token (or token_file), or username and password") && Catch::Contains("[auth.test]") && Catch::Contains("basic-token"));
	CHECK_THAT(errorOf({{"token", "t"}, {"username", "u"}}), Catch::Contains("give either token"));
	CHECK_THAT(errorOf({{"username", "u"}}), Catch::Contains("password: is required"));
	CHECK_THAT(errorOf({{"username", "a:b"}, {"password", "p"}}), Catch::Contains("username: must not contain ':'"));
	CHECK_THAT(errorOf({{"token", "line\r\nX-Injected: 1"}}), Catch::Contains("token: contains a control character"));
	CHECK_THAT(errorOf({{"token", ""}}), Catch::Contains("token: is empty"));
}
