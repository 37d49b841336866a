#include "datatap/Exceptions.h"
#include "datatap/HttpClient.h"
#include "support/MockApiServer.h"
#include "support/Text.h"

#include <Poco/Net/ServerSocket.h>

#include <catch2/catch.hpp>

using datatap::HttpClient;
using datatap::test::MockApiServer;
using datatap::test::Text;

namespace {

std::string errorOf(const std::function<void()>& call)
{
	try
	{
		call();
	}
	catch (const datatap::DatatapException& exc)
	{
		return std::string(exc.name()) + ": " + exc.message();
	}
	return "no error";
}

} // namespace

TEST_CASE("http client: one request, the whole answer", "[http-client]")
{
	MockApiServer server({"--token", "t0ken-for-client"});
	Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/", Poco::Net::HTTPMessage::HTTP_1_1);
	request.set("Authorization", "Basic t0ken-for-client");
	const HttpClient::Response response = HttpClient().send(request, Poco::URI(server.url() + "/albums/1"), "");
	CHECK(response.status == 200);
	CHECK(response.body == R"({"userId":1,"id":1,"title":"quidem molestiae enim"})");
}

TEST_CASE("http client: errors name method and URL, never query, user info or credentials", "[http-client]")
{
	MockApiServer server({"--password", "Cl1ent-s3cret"});
	Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/", Poco::Net::HTTPMessage::HTTP_1_1);
	request.set("Authorization", "Basic " + Text::base64("datatap:wrong-s3cret"));
	const std::string refused = errorOf([&] { HttpClient().send(request, Poco::URI(server.url() + "/oauth/token?key=qu3ry-s3cret"), "grant_type=client_credentials"); });
	CHECK_THAT(refused, Catch::StartsWith("not authorised: POST " + server.url() + "/oauth/token answered 401"));
	CHECK_THAT(refused, !Catch::Contains("qu3ry-s3cret") && !Catch::Contains("wrong-s3cret") && !Catch::Contains("invalid_client"));

	Poco::Net::HTTPRequest get(Poco::Net::HTTPRequest::HTTP_GET, "/", Poco::Net::HTTPMessage::HTTP_1_1);
	get.set("Authorization", "Basic your_api_token_here");
	const std::string notFound = errorOf([&] { HttpClient().send(get, Poco::URI("http://user:us3r-s3cret@127.0.0.1:" + std::to_string(server.port()) + "/albums/999"), ""); });
	CHECK(notFound == "service unavailable: GET " + server.url() + "/albums/999 answered 404 Not Found");

	Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
	const std::string closed = "http://127.0.0.1:" + std::to_string(socket.address().port()) + "/token";
	socket.close();
	CHECK_THAT(errorOf([&] { HttpClient().send(get, Poco::URI(closed), ""); }), Catch::StartsWith("service unavailable: GET " + closed + ": "));
}

TEST_CASE("http client: an answer larger than the cap is refused", "[http-client]")
{
	MockApiServer server({"--token", "t0ken-for-client"});
	HttpClient client;
	client.setMaxBodySize(1000);
	Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/", Poco::Net::HTTPMessage::HTTP_1_1);
	request.set("Authorization", "Basic t0ken-for-client");
	CHECK_THAT(errorOf([&] { client.send(request, Poco::URI(server.url() + "/albums"), ""); }), Catch::Contains("larger than 1000 bytes"));
}
