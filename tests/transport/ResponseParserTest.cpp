#include "transport/ResponseParser.h"
#include "datatap/Exceptions.h"
#include "transport/HttpTransport.h"

#include <catch2/catch.hpp>

#include <string>

using datatap::ResponseParser;

namespace {

// Feeds text in pieces of `step` bytes, as a slow network would deliver it,
// and returns how many bytes the response took.
std::size_t feedAll(ResponseParser& parser, const std::string& text, std::size_t step)
{
	std::size_t used = 0;
	while (used < text.size() && !parser.complete())
	{
		const std::size_t size = std::min(step, text.size() - used);
		std::size_t at = 0;
		while (at < size && !parser.complete())
		{
			const std::size_t took = parser.feed(text.data() + used + at, size - at);
			at += took;
			if (took == 0)
				break;
		}
		used += at;
	}
	return used;
}

// The message of what f throws: Catch's own matcher sees only what(), which
// POCO exceptions fill with their class name.
template <class F>
std::string failure(F f)
{
	try
	{
		f();
	}
	catch (const Poco::Exception& exc)
	{
		return exc.message();
	}
	return "no error";
}

const std::string kAlbum = R"({"userId":1,"id":1,"title":"quidem molestiae enim"})";

} // namespace

TEST_CASE("response parser: a Content-Length body in any split", "[transport][parser]")
{
	const std::string text = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(kAlbum.size()) + "\r\n\r\n" + kAlbum;
	for (std::size_t step: {std::size_t{1}, std::size_t{7}, text.size()})
	{
		ResponseParser parser(0, "u");
		CHECK(feedAll(parser, text + "HTTP/1.1 200", step) == text.size());
		REQUIRE(parser.complete());
		CHECK(parser.reusable());
		CHECK(parser.response().getStatus() == Poco::Net::HTTPResponse::HTTP_OK);
		CHECK(parser.response().getContentType() == "application/json");
		CHECK(parser.body() == kAlbum);
	}
}

TEST_CASE("response parser: chunked bodies with extensions and trailers - split anywhere", "[transport][parser]")
{
	const std::string text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n1\r\n,\r\n6\r\n world\r\n0\r\nX-Trailer: yes\r\n\r\n";
	for (std::size_t step: {std::size_t{1}, std::size_t{3}, text.size()})
	{
		ResponseParser parser(0, "u");
		CHECK(feedAll(parser, text, step) == text.size());
		REQUIRE(parser.complete());
		CHECK(parser.reusable());
		CHECK(parser.body() == "hello, world");
	}
}

TEST_CASE("response parser: a body cut short is an error naming what was missing", "[transport][parser]")
{
	ResponseParser fixed(0, "http://x/a");
	feedAll(fixed, "HTTP/1.1 200 OK\r\nContent-Length: 151\r\n\r\n" + kAlbum, 1000);
	CHECK_FALSE(fixed.complete());
	CHECK_THAT(failure([&]
	                   { fixed.end(); }),
	           Catch::Equals("http://x/a: the body ended after 51 of the 151 bytes its Content-Length announced"));

	ResponseParser chunked(0, "http://x/a");
	feedAll(chunked, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", 1000);
	CHECK_THAT(failure([&]
	                   { chunked.end(); }),
	           Catch::Contains("the chunked body broke off after 5 bytes"));

	ResponseParser head(0, "http://x/a");
	feedAll(head, "HTTP/1.1 200 OK\r\nContent-", 1000);
	CHECK_FALSE(head.headComplete());
	CHECK_THROWS_AS(head.end(), datatap::ConnectionFailure);
}

TEST_CASE("response parser: a body framed by the connection's end - and bodiless answers", "[transport][parser]")
{
	ResponseParser untilClose(0, "u");
	feedAll(untilClose, "HTTP/1.1 200 OK\r\n\r\n" + kAlbum, 1000);
	CHECK_FALSE(untilClose.complete());
	untilClose.end();
	CHECK(untilClose.complete());
	CHECK_FALSE(untilClose.reusable());
	CHECK(untilClose.body() == kAlbum);

	ResponseParser noContent(0, "u");
	feedAll(noContent, "HTTP/1.1 204 No Content\r\n\r\n", 1000);
	CHECK(noContent.complete());
	CHECK(noContent.reusable());

	ResponseParser interim(0, "u");
	feedAll(interim, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 4);
	CHECK(interim.complete());
	CHECK(interim.body() == "ok");

	ResponseParser closing(0, "u");
	feedAll(closing, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", 1000);
	CHECK(closing.complete());
	CHECK_FALSE(closing.reusable());
}

TEST_CASE("response parser: max_body holds for every framing", "[transport][parser]")
{
	ResponseParser declared(10, "u");
	CHECK_THAT(failure([&]
	                   { feedAll(declared, "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n", 1000); }),
	           Catch::Equals("u: the body of 11 bytes is larger than max_body (10 bytes)"));

	ResponseParser chunked(10, "u");
	CHECK_THAT(failure([&]
	                   { feedAll(chunked, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nhello,\r\n6\r\n", 1000); }),
	           Catch::Equals("u: the body is larger than max_body (10 bytes)"));

	ResponseParser untilClose(10, "u");
	CHECK_THAT(failure([&]
	                   { feedAll(untilClose, "HTTP/1.1 200 OK\r\n\r\n" + kAlbum, 1000); }),
	           Catch::Equals("u: the body is larger than max_body (10 bytes)"));
}

TEST_CASE("response parser: malformed heads and chunk framing are refused", "[transport][parser]")
{
	ResponseParser garbage(0, "u");
	CHECK_THROWS_AS(feedAll(garbage, "SSH-2.0-OpenSSH_9.2\r\n\r\n", 1000), datatap::ConnectionFailure);

	ResponseParser huge(0, "u");
	CHECK_THAT(failure([&]
	                   { feedAll(huge, "HTTP/1.1 200 OK\r\nX: " + std::string(300 * 1024, 'a'), 4096); }),
	           Catch::Contains("larger than 256 KiB"));

	ResponseParser badSize(0, "u");
	CHECK_THAT(failure([&]
	                   { feedAll(badSize, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 1000); }),
	           Catch::Equals("u: malformed chunked body (chunk size 'zz')"));

	ResponseParser noLineEnd(0, "u");
	CHECK_THAT(failure([&]
	                   { feedAll(noLineEnd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokXX\r\n", 1000); }),
	           Catch::Contains("no line end after a chunk"));

	ResponseParser badLength(0, "u");
	CHECK_THROWS_AS(feedAll(badLength, "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n", 1000), datatap::ConnectionFailure);
}

TEST_CASE("response parser: status codes past POCO's table are their class's x00 - non-codes are refused", "[transport][parser]")
{
	ResponseParser unknown(0, "u");
	feedAll(unknown, "HTTP/1.1 520 Unknown Error\r\nContent-Length: 0\r\n\r\n", 1000);
	REQUIRE(unknown.complete());
	CHECK(unknown.response().getStatus() == Poco::Net::HTTPResponse::HTTP_INTERNAL_SERVER_ERROR);
	CHECK(unknown.response().getReason() == "Unknown Error (status 520)");

	ResponseParser beyond(0, "u");
	CHECK_THAT(failure([&] { feedAll(beyond, "HTTP/1.1 600 OK\r\n\r\n", 1000); }), Catch::Equals("u: malformed response head (status 600)"));
}

TEST_CASE("response parser: the fields the core reads are kept - within POCO's limits", "[transport][parser]")
{
	ResponseParser parser(0, "u");
	feedAll(parser, "HTTP/1.1 302 Found\r\nServer: nginx\r\nlocation:  /next \r\nLink: <a>; rel=\"next\"\r\nLink: <b>; rel=\"last\"\r\nContent-Length: 0\r\n\r\n", 5);
	REQUIRE(parser.complete());
	CHECK(parser.response().get("Location") == "/next");
	CHECK(parser.response().get("Link") == "<a>; rel=\"next\"");
	CHECK_FALSE(parser.response().has("Server"));

	std::string many = "HTTP/1.1 200 OK\r\n";
	for (int i = 0; i < 101; ++i)
		many += "X-" + std::to_string(i) + ": 1\r\n";
	ResponseParser crowded(0, "u");
	CHECK_THAT(failure([&] { feedAll(crowded, many + "\r\n", 1000); }), Catch::Equals("u: malformed response head (more than 100 fields)"));

	ResponseParser longValue(0, "u");
	CHECK_THAT(failure([&] { feedAll(longValue, "HTTP/1.1 200 OK\r\nX: " + std::string(9000, 'v') + "\r\n\r\n", 1000); }), Catch::Contains("a field of over 8192 bytes"));
}

TEST_CASE("response parser: framing fields - two Content-Lengths that differ, chunked only as the last coding", "[transport][parser]")
{
	ResponseParser smuggled(0, "u");
	CHECK_THAT(failure([&] { feedAll(smuggled, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 20\r\n\r\nok", 1000); }), Catch::Equals("u: malformed response head (two different Content-Length fields)"));

	ResponseParser same(0, "u");
	feedAll(same, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\ncontent-length: 2\r\n\r\nok", 1000);
	CHECK(same.complete());
	CHECK(same.contentLength() == 2);

	ResponseParser signedLength(0, "u");
	CHECK_THROWS_AS(feedAll(signedLength, "HTTP/1.1 200 OK\r\nContent-Length: +2\r\n\r\nok", 1000), datatap::ConnectionFailure);

	ResponseParser lastChunked(0, "u");
	feedAll(lastChunked, "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n", 1000);
	CHECK(lastChunked.complete());
	CHECK(lastChunked.chunked());
	CHECK(lastChunked.body() == "ok");

	ResponseParser notLast(0, "u");
	feedAll(notLast, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nraw", 1000);
	CHECK_FALSE(notLast.chunked());
	notLast.end();
	CHECK(notLast.body() == "raw");
	CHECK_FALSE(notLast.reusable());

	ResponseParser oldServer(0, "u");
	feedAll(oldServer, "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", 1000);
	CHECK_FALSE(oldServer.reusable());
	ResponseParser oldKeepAlive(0, "u");
	feedAll(oldKeepAlive, "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok", 1000);
	CHECK(oldKeepAlive.reusable());
}
