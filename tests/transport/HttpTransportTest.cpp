#include "datatap/Exceptions.h"
#include "support/MockApiServer.h"
#include "transport/HttpTransport.h"

#include <Poco/StreamCopier.h>
#include <Poco/Thread.h>

#include <catch2/catch.hpp>

using datatap::HttpTransport;
using datatap::test::MockApiServer;

namespace {

int get(HttpTransport& transport, const MockApiServer& server, const std::string& path, std::string& body)
{
	const Poco::URI uri(server.url() + path);
	Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, uri.getPathAndQuery(), Poco::Net::HTTPMessage::HTTP_1_1);
	request.set("Authorization", "Basic your_api_token_here");
	request.setKeepAlive(true);
	int status = 0;
	transport.send(uri, request, datatap::TransportOptions(), Poco::Timestamp() + Poco::Timespan(10, 0), uri.toString(), [&](const Poco::Net::HTTPResponse& response, datatap::ResponseBody& stream) {
		status = static_cast<int>(response.getStatus());
		body.clear();
		Poco::StreamCopier::copyToString(stream, body);
	});
	return status;
}

} // namespace

TEST_CASE("transport: keep-alive connections are reused per origin", "[transport]")
{
	MockApiServer server;
	HttpTransport transport;
	std::string body;
	for (int i = 0; i < 5; ++i)
		CHECK(get(transport, server, "/albums/" + std::to_string(i + 1), body) == 200);
	CHECK(get(transport, server, "/fault/chunked", body) == 200);
	CHECK(get(transport, server, "/albums/1", body) == 200);
	CHECK(transport.connectionsOpened() == 1);
}

TEST_CASE("transport: a kept-alive connection the server closed is retried transparently", "[transport]")
{
	MockApiServer server({"--keep-alive-timeout-ms", "100"});
	HttpTransport transport;
	std::string body;
	CHECK(get(transport, server, "/albums/1", body) == 200);
	Poco::Thread::sleep(500);
	CHECK(get(transport, server, "/albums/2", body) == 200);
	CHECK(body.find("\"id\":2") != std::string::npos);
	CHECK(transport.connectionsOpened() == 2);
}
