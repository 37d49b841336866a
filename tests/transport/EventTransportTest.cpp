#include "transport/EventTransport.h"
#include "datatap/Exceptions.h"
#include "support/MockApiServer.h"
#include "transport/HttpTransport.h"

#include <Poco/Thread.h>

#include <catch2/catch.hpp>

#include <map>

using datatap::EventTransport;
using datatap::test::MockApiServer;

namespace {

void start(EventTransport& transport, std::size_t id, const std::string& url, const datatap::TransportOptions& options)
{
	const Poco::URI uri(url);
	Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, uri.getPathAndQuery(), Poco::Net::HTTPMessage::HTTP_1_1);
	request.set("Authorization", "Basic your_api_token_here");
	request.setKeepAlive(true);
	transport.start(id, uri, request, options, Poco::Timestamp() + options.deadline, url);
}

// Waits (at most 20 s) until `count` exchanges have completed.
std::map<std::size_t, EventTransport::Completion> collect(EventTransport& transport, std::size_t count)
{
	std::map<std::size_t, EventTransport::Completion> done;
	const Poco::Timestamp until = Poco::Timestamp() + Poco::Timespan(20, 0);
	while (done.size() < count && Poco::Timestamp() < until)
	{
		for (auto& completion: transport.wait(until))
			done.emplace(completion.id, std::move(completion));
	}
	return done;
}

std::string messageOf(const std::exception_ptr& error)
{
	try
	{
		std::rethrow_exception(error);
	}
	catch (const datatap::ConnectionFailure& exc)
	{
		return "connection failure: " + exc.message();
	}
	catch (const Poco::Exception& exc)
	{
		return exc.message();
	}
}

} // namespace

TEST_CASE("event transport: many exchanges at once - each answer with its own request", "[transport][event]")
{
	MockApiServer server;
	EventTransport transport;
	const datatap::TransportOptions options;
	// Fewer than the mock's 16 threads: it serves a kept-alive connection per thread.
	for (std::size_t id = 1; id <= 12; ++id)
		start(transport, id, server.url() + "/albums/" + std::to_string(id), options);
	CHECK(transport.active() == 12);
	auto done = collect(transport, 12);
	REQUIRE(done.size() == 12);
	for (auto& [id, completion]: done)
	{
		INFO(id);
		REQUIRE_FALSE(completion.error);
		CHECK(completion.response->response().getStatus() == Poco::Net::HTTPResponse::HTTP_OK);
		CHECK(completion.response->body().find("\"id\":" + std::to_string(id) + ",") != std::string::npos);
	}
	CHECK(transport.active() == 0);
	CHECK(transport.connectionsOpened() == 12);

	// Later exchanges ride the kept-alive connections.
	for (std::size_t id = 21; id <= 30; ++id)
		start(transport, id, server.url() + "/albums/" + std::to_string(id), options);
	CHECK(collect(transport, 10).size() == 10);
	CHECK(transport.connectionsOpened() == 12);
}

TEST_CASE("event transport: a kept-alive connection the server closed is retried transparently", "[transport][event]")
{
	MockApiServer server({"--keep-alive-timeout-ms", "100"});
	EventTransport transport;
	const datatap::TransportOptions options;
	start(transport, 1, server.url() + "/albums/1", options);
	REQUIRE(collect(transport, 1).size() == 1);
	Poco::Thread::sleep(500);
	start(transport, 2, server.url() + "/albums/2", options);
	auto done = collect(transport, 1);
	REQUIRE(done.count(2) == 1);
	REQUIRE_FALSE(done[2].error);
	CHECK(done[2].response->body().find("\"id\":2") != std::string::npos);
	CHECK(transport.connectionsOpened() == 2);
}

TEST_CASE("event transport: time limits - no connection, no answer, a trickling body", "[transport][event]")
{
	MockApiServer server;
	EventTransport transport;
	datatap::TransportOptions options;
	options.readTimeout = Poco::Timespan(0, 300000);
	options.deadline = Poco::Timespan(1, 0);
	start(transport, 1, server.url() + "/fault/delay?ms=3000", options);
	start(transport, 2, server.url() + "/fault/trickle?interval_ms=100", options);
	start(transport, 3, "http://127.0.0.1:9/albums/1", options);
	start(transport, 4, server.url() + "/albums/4", options);
	auto done = collect(transport, 4);
	REQUIRE(done.size() == 4);
	CHECK(messageOf(done[1].error) == "connection failure: " + server.url() + "/fault/delay?ms=3000: no answer within 0.3 s");
	CHECK_THAT(messageOf(done[2].error), Catch::Contains("did not finish within the deadline"));
	CHECK_THAT(messageOf(done[3].error), Catch::StartsWith("connection failure: http://127.0.0.1:9/albums/1: ") && Catch::Contains("refused"));
	CHECK_FALSE(done[4].error);
}

TEST_CASE("event transport: short and broken bodies are errors - max_body holds", "[transport][event]")
{
	MockApiServer server;
	EventTransport transport;
	datatap::TransportOptions options;
	options.maxBodyBytes = 64 * 1024;
	start(transport, 1, server.url() + "/fault/lie-length", options);
	start(transport, 2, server.url() + "/fault/broken-chunked", options);
	start(transport, 3, server.url() + "/fault/big?bytes=200000", options);
	start(transport, 4, server.url() + "/fault/chunked", options);
	auto done = collect(transport, 4);
	REQUIRE(done.size() == 4);
	CHECK_THAT(messageOf(done[1].error), Catch::Contains("the body ended after 51 of the 151 bytes"));
	CHECK_THAT(messageOf(done[2].error), Catch::Contains("broke off"));
	CHECK_THAT(messageOf(done[3].error), Catch::Contains("larger than max_body (65536 bytes)"));
	REQUIRE_FALSE(done[4].error);
	CHECK(done[4].response->body().size() > 1000);
}
