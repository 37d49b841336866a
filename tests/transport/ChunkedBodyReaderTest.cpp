#include "datatap/Exceptions.h"
#include "transport/ChunkedBodyReader.h"

#include <Poco/StreamCopier.h>

#include <catch2/catch.hpp>

#include <algorithm>

using datatap::ChunkedBodyReader;

namespace {

// Hands out the wire bytes `step` at a time, as a slow connection would.
std::string decode(const std::string& wire, std::size_t step)
{
	std::size_t at = 0;
	ChunkedBodyReader reader([&](char* buffer, std::streamsize length) {
		const std::size_t n = std::min({wire.size() - at, step, static_cast<std::size_t>(length)});
		std::copy(wire.begin() + static_cast<std::ptrdiff_t>(at), wire.begin() + static_cast<std::ptrdiff_t>(at + n), buffer);
		at += n;
		return static_cast<int>(n);
	}, "http://127.0.0.1/x");
	std::string body;
	Poco::StreamCopier::copyToString(reader, body);
	return body;
}

std::string errorOf(const std::string& wire)
{
	try
	{
		decode(wire, 100);
	}
	catch (const datatap::ServiceError& exc)
	{
		return exc.message();
	}
	return "no error";
}

} // namespace

TEST_CASE("chunked: chunks - extensions and trailers decode at any read size", "[chunked]")
{
	const std::string wire = "5\r\nhello\r\n1;ext=1\r\n,\r\nB\r\n 0123456789\r\n0\r\nX-Trailer: t\r\n\r\n";
	for (std::size_t step: {std::size_t{1}, std::size_t{2}, std::size_t{7}, std::size_t{1000}})
		CHECK(decode(wire, step) == "hello, 0123456789");
	CHECK(decode("0\r\n\r\n", 3).empty());
	std::string big(200000, 'x');
	CHECK(decode("30d40\r\n" + big + "\r\n0\r\n\r\n", 4096) == big);
}

TEST_CASE("chunked: a body that stops before the last chunk is an error - not a short body", "[chunked]")
{
	CHECK_THROWS_AS(decode("5\r\nhel", 100), datatap::ServiceError);
	CHECK_THAT(errorOf("5\r\nhello\r\n"), Catch::Contains("broke off"));
	CHECK_THROWS_AS(decode("5\r\nhello\r\n0\r\n", 100), datatap::ServiceError);
	CHECK_THROWS_AS(decode("", 100), datatap::ServiceError);
}

TEST_CASE("chunked: malformed framing is an error", "[chunked]")
{
	CHECK_THAT(errorOf("zz\r\nhello\r\n0\r\n\r\n"), Catch::Contains("chunk size 'zz'"));
	CHECK_THAT(errorOf("5\r\nhelloXX0\r\n\r\n"), Catch::Contains("no line end after a chunk"));
	CHECK_THAT(errorOf("ffffffffffffffffff\r\n"), Catch::Contains("chunk size"));
	CHECK_THAT(errorOf(std::string(5000, '1')), Catch::Contains("a line of over"));
}
