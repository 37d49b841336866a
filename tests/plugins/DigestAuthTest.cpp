#include "datatap/Exceptions.h"
#include "registry/PluginRegistry.h"
#include "support/TestPlugins.h"

#include <Poco/Net/HTTPRequest.h>

#include <catch2/catch.hpp>

namespace {

std::unique_ptr<datatap::AuthStrategy> digest(const std::string& algorithm)
{
	auto auth = datatap::test::TestPlugins::shippedRegistry().createAuth("digest");
	auth->configure(datatap::PluginOptions("digest", "auth.test", {{"username", "Mufasa"}, {"password", "Circle of Life"}, {"algorithm", algorithm}}));
	return auth;
}

std::string apply(datatap::AuthStrategy& auth)
{
	Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/dir/index.html");
	Poco::URI uri("http://127.0.0.1/dir/index.html");
	const std::string body;
	datatap::AuthRequest authRequest(request, uri, body);
	auth.apply(authRequest);
	return request.get("Authorization", "");
}

// RFC 7616 section 3.9.1's challenges.
const std::string kSha256 = R"(Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS")";
const std::string kMd5 = R"(Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS")";

datatap::AuthChallenge challenge(std::vector<std::string> headers)
{
	return {401, "GET", Poco::URI("http://127.0.0.1/dir/index.html"), std::move(headers)};
}

} // namespace

TEST_CASE("digest sends nothing until challenged, then answers the strongest algorithm offered", "[digest]")
{
	auto auth = digest("auto");
	CHECK(apply(*auth).empty());
	CHECK(auth->onChallenge(challenge({"Basic realm=\"x\"", kMd5, kSha256})) == datatap::ChallengeResponse::RetryOnce);
	const std::string first = apply(*auth);
	CHECK_THAT(first, Catch::StartsWith("Digest username=\"Mufasa\", realm=\"http-auth@example.org\", uri=\"/dir/index.html\", algorithm=SHA-256, "));
	CHECK_THAT(first, Catch::Contains("nc=00000001") && Catch::Contains("qop=auth,") && Catch::Contains("opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""));
	CHECK_THAT(first, !Catch::Contains("Circle of Life"));
	// The next request reuses the nonce with a higher count: no extra round trip.
	CHECK_THAT(apply(*auth), Catch::Contains("nc=00000002"));
}

TEST_CASE("digest with algorithm = MD5 answers the MD5 challenge", "[digest]")
{
	auto auth = digest("MD5");
	CHECK(auth->onChallenge(challenge({kSha256, kMd5})) == datatap::ChallengeResponse::RetryOnce);
	CHECK_THAT(apply(*auth), Catch::Contains("algorithm=MD5,"));
}

TEST_CASE("digest says what the server offered when it cannot answer", "[digest]")
{
	auto auth = digest("SHA-256");
	try
	{
		auth->onChallenge(challenge({"Basic realm=\"x\"", kMd5}));
		FAIL("no error");
	}
	catch (const datatap::AuthError& exc)
	{
		CHECK_THAT(exc.message(), Catch::Contains("no Digest challenge") && Catch::Contains("Basic, Digest MD5"));
	}
}
