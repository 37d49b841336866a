#include "support/DecoderHarness.h"

#include <catch2/catch.hpp>

using datatap::RawJson;
using datatap::test::DecoderHarness;

namespace {

const DecoderHarness ndjson("ndjson", {});

} // namespace

TEST_CASE("ndjson: one record a line - blank lines and CRLF line ends are fine", "[ndjson]")
{
	const auto records = ndjson.decode("{\"id\": 1, \"tags\": [1, 2]}\r\n\n   \n{\"id\": 2, \"ok\": false}\n\t\"text\"\n[1, {\"a\": null}]\n7");
	CHECK(DecoderHarness::text(records) == "{\"id\":1,\"tags\":[1,2]}\n{\"id\":2,\"ok\":false}\n{\"value\":\"text\"}\n{\"value\":[1,{\"a\":null}]}\n{\"value\":7}\n");
	CHECK(std::get<RawJson>(*records[0].find("tags")).text == "[1,2]");
	CHECK(ndjson.decode("").empty());
	CHECK(ndjson.decode("\n\n \r\n").empty());
}

TEST_CASE("ndjson: an error names the line, the column and what is wrong", "[ndjson]")
{
	CHECK(ndjson.errorOf("{\"id\": 1}\n\n{\"id\": }\n{\"id\": 3}") == "Failed to load NDJSON: line 3: not valid JSON: column 8: expected a value, found '}'");
	CHECK(ndjson.errorOf("{}\n  \t {\"id\": }\n") == "Failed to load NDJSON: line 2: not valid JSON: column 12: expected a value, found '}'");
	CHECK(ndjson.errorOf("{\"id\": 1} {\"id\": 2}\n") == "Failed to load NDJSON: line 1: not valid JSON: column 11: unexpected data after the JSON value, found '{'");
	CHECK(ndjson.errorOf("{\"id\": 1,\n\"x\": 2}") == "Failed to load NDJSON: line 1: not valid JSON: column 10: unexpected end of input inside an object");
	CHECK_THAT(ndjson.errorOf("{}\n\"bad \xC3\x28 utf8\""), Catch::StartsWith("Failed to load NDJSON: line 2: not valid JSON") && Catch::Contains("invalid UTF-8"));
	CHECK_THAT(ndjson.errorOf("{\"n\": 1e400}"), Catch::StartsWith("Failed to load NDJSON: line 1: ") && Catch::Contains("too large"));
	CHECK_THAT(ndjson.errorOf(std::string(600, '[') + std::string(600, ']')), Catch::StartsWith("Failed to load NDJSON: line 1: ") && Catch::Contains("nesting deeper"));
}

TEST_CASE("ndjson: numbers beyond Int64, deep nesting and a huge string on one line", "[ndjson]")
{
	const auto records = ndjson.decode("{\"big\": 18446744073709551615, \"deep\": " + std::string(500, '[') + std::string(500, ']') + "}");
	CHECK(std::get<RawJson>(*records[0].find("big")).text == "18446744073709551615");
	CHECK(std::get<RawJson>(*records[0].find("deep")).text.size() == 1000);
	const std::string huge(20 << 20, 'x');
	const auto large = ndjson.decode("{\"a\": 1}\n\"" + huge + "\"\n{\"a\": 2}\n");
	REQUIRE(large.size() == 3);
	CHECK(std::get<std::string>(*large[1].find("value")).size() == huge.size());
	CHECK(DecoderHarness::text(large[2]) == "{\"a\":2}");
}

TEST_CASE("ndjson: records reach the sink while the body is still being read", "[ndjson]")
{
	std::string body;
	for (int i = 1; i <= 20000; ++i)
		body += "{\"id\":" + std::to_string(i) + "}\n";
	body += "oops\n{\"id\": 0}\n";
	CHECK(ndjson.errorOf(body) == "Failed to load NDJSON: line 20001: not valid JSON: column 1: expected a value, found 'o'");
	CHECK(ndjson.recordsDelivered(body) == 20000);
}
