#include "datatap/Exceptions.h"
#include "datatap/JsonStreamParser.h"
#include "decoding/ContentDecoder.h"

#include <Poco/DeflatingStream.h>

#include <catch2/catch.hpp>

#include <sstream>

using datatap::ContentDecoder;
using datatap::DecodeError;

namespace {

std::string compress(const std::string& text, Poco::DeflatingStreamBuf::StreamType type)
{
	std::ostringstream out;
	Poco::DeflatingOutputStream deflater(out, type);
	deflater << text;
	deflater.close();
	return out.str();
}

std::string gzip(const std::string& text)
{
	return compress(text, Poco::DeflatingStreamBuf::STREAM_GZIP);
}

// Reads the whole decoded body; the DecodeError's message if reading fails.
std::string readAll(const std::string& body, const std::string& encoding, std::uint64_t limit = 1 << 20)
{
	std::istringstream in(body);
	ContentDecoder decoder(in, encoding, limit);
	std::ostringstream out;
	try
	{
		char chunk[4096];
		while (decoder.stream().read(chunk, sizeof chunk) || decoder.stream().gcount() > 0)
			out.write(chunk, decoder.stream().gcount());
	}
	catch (const DecodeError& exc)
	{
		return "error: " + exc.message();
	}
	return out.str();
}

std::string constructionError(const std::string& encoding)
{
	std::istringstream in("x");
	try
	{
		ContentDecoder decoder(in, encoding, 100);
	}
	catch (const DecodeError& exc)
	{
		return exc.message();
	}
	return "no error";
}

} // namespace

TEST_CASE("content decoding: gzip and deflate bodies come out plain - identity passes through", "[content-encoding]")
{
	const std::string body = R"([{"userId":1,"id":1,"title":"quidem molestiae enim"}])";
	CHECK(readAll(gzip(body), "gzip") == body);
	CHECK(readAll(gzip(body), "X-GZIP") == body);
	CHECK(readAll(compress(body, Poco::DeflatingStreamBuf::STREAM_ZLIB), "deflate") == body);
	CHECK(readAll(gzip(body), "identity, gzip") == body);
	CHECK(readAll(body, "") == body);
	CHECK(readAll(body, "identity") == body);
	CHECK(readAll("", "gzip").empty());
}

TEST_CASE("content decoding: more than one layer and unknown encodings are refused", "[content-encoding]")
{
	CHECK(constructionError("gzip, gzip") == "Content-Encoding 'gzip, gzip': more than one encoding layer is not accepted");
	CHECK(constructionError("deflate,gzip") == "Content-Encoding 'deflate,gzip': more than one encoding layer is not accepted");
	CHECK(constructionError("br") == "Content-Encoding 'br' is not supported (gzip, deflate and identity are)");
	CHECK(constructionError("gzip") == "no error");
}

TEST_CASE("content decoding: the inflated size is limited", "[content-encoding]")
{
	// 64 MB of zeros is about 64 KB of gzip: a bomb in miniature.
	const std::string bomb = gzip(std::string(64 << 20, '\0'));
	CHECK(bomb.size() < (1 << 20));
	CHECK(readAll(bomb, "gzip", 1 << 20) == "error: the gzip body inflates to more than 1048576 bytes, the limit");
	CHECK(readAll(gzip(std::string(1000, 'a')), "gzip", 1000).size() == 1000);
	CHECK_THAT(readAll(gzip(std::string(1001, 'a')), "gzip", 1000), Catch::StartsWith("error: "));
}

TEST_CASE("content decoding: corrupt data is a decode error", "[content-encoding]")
{
	CHECK_THAT(readAll("this is not gzip at all", "gzip"), Catch::StartsWith("error: the gzip body is corrupt: "));
	std::string damaged = gzip(std::string(10000, 'x') + "tail");
	damaged[damaged.size() / 2] ^= 0x55;
	CHECK_THAT(readAll(damaged, "gzip"), Catch::StartsWith("error: the gzip body is corrupt: "));
	const std::string whole = gzip(std::string(100000, 'y'));
	CHECK_THAT(readAll(whole.substr(0, whole.size() / 2), "gzip"), Catch::StartsWith("error: the gzip body is corrupt: "));
	CHECK_THAT(readAll("\x78\x9c garbage", "deflate"), Catch::StartsWith("error: the deflate body is corrupt: "));
}

TEST_CASE("content decoding: the JSON parser reads the inflated body as it arrives", "[content-encoding]")
{
	class CountingHandler: public Poco::JSON::Handler
	{
	public:
		void reset() override {}
		void startObject() override { ++objects; }
		void endObject() override {}
		void startArray() override {}
		void endArray() override {}
		void key(const std::string&) override {}
		void null() override {}
		void value(int) override {}
		void value(unsigned) override {}
		void value(Poco::Int64) override {}
		void value(Poco::UInt64) override {}
		void value(const std::string&) override {}
		void value(double) override {}
		void value(bool) override {}
		int objects = 0;
	};
	std::string body = "[";
	for (int i = 0; i < 50000; ++i)
		body += std::string(i ? "," : "") + R"({"id":)" + std::to_string(i) + "}";
	body += "]";
	std::istringstream in(gzip(body));
	ContentDecoder decoder(in, "gzip", 1 << 30);
	CHECK(decoder.encoding() == "gzip");
	CountingHandler handler;
	datatap::JsonStreamParser(handler).parse(decoder.stream());
	CHECK(handler.objects == 50000);
}
