#include "support/DecoderHarness.h"

#include <catch2/catch.hpp>

using datatap::RawJson;
using datatap::test::DecoderHarness;

namespace {

const DecoderHarness wholeBody("json", {});

} // namespace

TEST_CASE("json: an array gives one record per element - scalars typed - nesting as compact JSON", "[json]")
{
	const auto records = wholeBody.decode(R"([
		{"id": 1, "name": "a", "score": 2.5, "ok": true, "none": null, "tags": ["x", {"k": [1, 2]}], "meta": { "a" : {} }},
		{"id": 2}
	])");
	REQUIRE(records.size() == 2);
	const auto& first = records[0];
	REQUIRE(first.size() == 7);
	CHECK(std::get<std::int64_t>(*first.find("id")) == 1);
	CHECK(std::get<std::string>(*first.find("name")) == "a");
	CHECK(std::get<double>(*first.find("score")) == 2.5);
	CHECK(std::get<bool>(*first.find("ok")));
	CHECK(std::holds_alternative<std::nullptr_t>(*first.find("none")));
	CHECK(std::get<RawJson>(*first.find("tags")).text == R"(["x",{"k":[1,2]}])");
	CHECK(std::get<RawJson>(*first.find("meta")).text == R"({"a":{}})");
	CHECK(DecoderHarness::text(records[1]) == R"({"id":2})");
}

TEST_CASE("json: anything but an array is one record - non-objects become a field 'value'", "[json]")
{
	CHECK(DecoderHarness::text(wholeBody.decode(R"({"userId": 1, "title": "t"})")) == "{\"userId\":1,\"title\":\"t\"}\n");
	CHECK(DecoderHarness::text(wholeBody.decode("42")) == "{\"value\":42}\n");
	CHECK(DecoderHarness::text(wholeBody.decode(R"(["a", 1, null, [true], {}])")) == "{\"value\":\"a\"}\n{\"value\":1}\n{\"value\":null}\n{\"value\":[true]}\n{}\n");
	CHECK(wholeBody.decode("[]").empty());
}

TEST_CASE("json: records = a JSON pointer selects the array or object that holds the records", "[json]")
{
	const std::string body = R"({"meta": {"items": "decoy"}, "data": {"total": 2, "items": [{"id": 1}, {"id": 2}], "after": [{"id": 3}]}, "items": [9]})";
	CHECK(DecoderHarness::text(DecoderHarness("json", {{"records", "/data/items"}}).decode(body)) == "{\"id\":1}\n{\"id\":2}\n");
	CHECK(DecoderHarness::text(DecoderHarness("json", {{"records", "/data"}}).decode(body)) == "{\"total\":2,\"items\":[{\"id\":1},{\"id\":2}],\"after\":[{\"id\":3}]}\n");
	CHECK(DecoderHarness::text(DecoderHarness("json", {{"records", "/data/items/1"}}).decode(body)) == "{\"id\":2}\n");
	CHECK(DecoderHarness::text(DecoderHarness("json", {{"records", "/data/total"}}).decode(body)) == "{\"value\":2}\n");
	CHECK(DecoderHarness::text(DecoderHarness("json", {{"records", "/0/a~1b/m~0n"}}).decode(R"([{"a/b": {"m~n": [{"x": 1}]}}])")) == "{\"x\":1}\n");
	CHECK(DecoderHarness::text(DecoderHarness("json", {{"records", "/"}}).decode(R"({"": [1]})")) == "{\"value\":1}\n");
}

TEST_CASE("json: a pointer that selects nothing is an error naming it", "[json]")
{
	CHECK(DecoderHarness("json", {{"records", "/data/items"}}).errorOf(R"({"data": {"list": []}})") == "Failed to load JSON: the body has no value at records = /data/items");
	CHECK(DecoderHarness("json", {{"records", "/data/items"}}).errorOf(R"({"data": 5})") == "Failed to load JSON: the body has no value at records = /data/items");
	CHECK(DecoderHarness("json", {{"records", "/3"}}).errorOf("[0, 1]") == "Failed to load JSON: the body has no value at records = /3");
	CHECK(DecoderHarness("json", {{"records", "/01"}}).errorOf("[0, 1]") == "Failed to load JSON: the body has no value at records = /01");
	CHECK(DecoderHarness("json", {{"records", "/data/-"}}).errorOf(R"({"data": [1]})") == "Failed to load JSON: the body has no value at records = /data/-");
}

TEST_CASE("json: a malformed pointer is a configuration error naming the key", "[json]")
{
	CHECK_THAT(DecoderHarness("json", {{"records", "data/items"}}).configErrorOf(), Catch::StartsWith("[source.test] records: ") && Catch::Contains("starts with '/'"));
	CHECK_THAT(DecoderHarness("json", {{"records", "/a~2"}}).configErrorOf(), Catch::StartsWith("[source.test] records: ") && Catch::Contains("'~' must be followed by 0"));
}

TEST_CASE("json: bodies that are not JSON", "[json]")
{
	CHECK(wholeBody.errorOf("") == "Failed to load JSON: not valid JSON: line 1, column 1: empty input, expected a JSON value");
	CHECK(wholeBody.errorOf("  \n ") == "Failed to load JSON: not valid JSON: line 2, column 2: empty input, expected a JSON value");
	CHECK_THAT(wholeBody.errorOf("[{\"a\": 1},\n {\"a\": }]"), Catch::StartsWith("Failed to load JSON: not valid JSON: line 2, column 8"));
	CHECK_THAT(wholeBody.errorOf("{\"a\": \"bad \xC3\x28 utf8\"}"), Catch::StartsWith("Failed to load JSON: not valid JSON") && Catch::Contains("invalid UTF-8"));
	CHECK_THAT(wholeBody.errorOf(std::string(100000, '[') + std::string(100000, ']')), Catch::Contains("nesting deeper than 512 levels"));
	CHECK_THAT(wholeBody.errorOf(R"({"big": 1e400})"), Catch::Contains("number too large for a double"));
}

TEST_CASE("json: numbers at and beyond the integer range", "[json]")
{
	const auto records = wholeBody.decode(R"({"max": 9223372036854775807, "min": -9223372036854775808, "big": 18446744073709551615, "bigger": 18446744073709551616, "tiny": 1e-400})");
	REQUIRE(records.size() == 1);
	CHECK(std::get<std::int64_t>(*records[0].find("max")) == 9223372036854775807);
	CHECK(std::get<std::int64_t>(*records[0].find("min")) == -9223372036854775807 - 1);
	// Beyond Int64 an integer is kept as its exact digits rather than rounded.
	CHECK(std::get<RawJson>(*records[0].find("big")).text == "18446744073709551615");
	CHECK(std::get<double>(*records[0].find("bigger")) == 18446744073709551616.0);
	CHECK(std::get<double>(*records[0].find("tiny")) == 0.0);
}

TEST_CASE("json: deep nesting inside a record and a huge string are kept whole", "[json]")
{
	const std::string deep = std::string(500, '[') + std::string(500, ']');
	const auto nested = wholeBody.decode(R"({"deep": )" + deep + "}");
	CHECK(std::get<RawJson>(*nested[0].find("deep")).text == deep);
	const std::string huge(20 << 20, 'x');
	const auto records = wholeBody.decode(R"([{"text": ")" + huge + R"("}])");
	REQUIRE(records.size() == 1);
	CHECK(std::get<std::string>(*records[0].find("text")).size() == huge.size());
	CHECK_THAT(wholeBody.errorOf("\"" + std::string((64 << 20) + 1, 'x') + "\""), Catch::Contains("string longer than"));
}

TEST_CASE("json: escapes are decoded and re-escaped in nested text", "[json]")
{
	const auto records = wholeBody.decode(R"({"s": "caf\u00e9 \"q\" \ud83d\ude00", "n": {"k\n": "a\\b\u0001"}})");
	CHECK(std::get<std::string>(*records[0].find("s")) == "café \"q\" 😀");
	CHECK(std::get<RawJson>(*records[0].find("n")).text == R"({"k\n":"a\\b\u0001"})");
}

TEST_CASE("json: records reach the sink while the body is still being read", "[json]")
{
	std::string body = R"({"data": [)";
	for (int i = 1; i <= 20000; ++i)
		body += (i > 1 ? "," : "") + std::string(R"({"id":)") + std::to_string(i) + "}";
	body += ",oops]}";
	const DecoderHarness data("json", {{"records", "/data"}});
	CHECK_THAT(data.errorOf(body), Catch::StartsWith("Failed to load JSON: not valid JSON"));
	CHECK(data.recordsDelivered(body) == 20000);
}
