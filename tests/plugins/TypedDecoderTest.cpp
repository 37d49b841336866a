#include "support/DecoderHarness.h"

#include <catch2/catch.hpp>

using datatap::test::DecoderHarness;

namespace {

const DecoderHarness todos("typed", {{"fields", "userId:int, id:int, title:string, done:bool?, score:float?"}, {"name", "todo"}});

} // namespace

TEST_CASE("typed: records follow the schema - in its order - optional fields null when missing", "[typed]")
{
	const auto records = todos.decode(R"([
		{"done": true, "title": "a", "id": 2, "userId": 1, "score": 1.5, "extra": [1, {"id": "x"}]},
		{"userId": 1, "id": 3, "title": "b", "done": null, "score": 7}
	])");
	CHECK(DecoderHarness::text(records) == "{\"userId\":1,\"id\":2,\"title\":\"a\",\"done\":true,\"score\":1.5}\n"
	                                       "{\"userId\":1,\"id\":3,\"title\":\"b\",\"done\":null,\"score\":7}\n");
	// An integer is a number: a float field takes it, as a double.
	CHECK(std::get<double>(*records[1].find("score")) == 7.0);
	CHECK(DecoderHarness::text(todos.decode(R"({"userId": 1, "id": 1, "title": "t"})")) == "{\"userId\":1,\"id\":1,\"title\":\"t\",\"done\":null,\"score\":null}\n");
	CHECK(todos.decode("[]").empty());
}

TEST_CASE("typed: wrong types name the record, the field, what was expected and what was found", "[typed]")
{
	CHECK(todos.errorOf(R"([{"userId": 1, "id": 1, "title": "t"}, {"userId": 1, "id": 2, "title": "t", "done": "yes"}])") == "Failed to load todo: record 1: field 'done': expected a boolean, found string \"yes\"");
	CHECK(todos.errorOf(R"({"userId": 1, "id": 1, "title": "t", "score": "1.5"})") == "Failed to load todo: record 0: field 'score': expected a number, found string \"1.5\"");
	CHECK(todos.errorOf(R"({"userId": 1, "id": 1, "title": "t", "done": 1})") == "Failed to load todo: record 0: field 'done': expected a boolean, found integer 1");
	CHECK(todos.errorOf(R"({"userId": 1, "id": 1, "title": "t", "score": {}})") == "Failed to load todo: record 0: field 'score': expected a number, found an object");
	CHECK(todos.errorOf(R"({"userId": null, "id": 1, "title": "t"})") == "Failed to load todo: record 0: field 'userId': expected an integer, found null");
	CHECK(todos.errorOf(R"({"userId": 1, "id": 1, "title": ")" + std::string(100, 'x') + R"("})") == "no error");
	CHECK(todos.errorOf(R"({"userId": ")" + std::string(100, 'x') + R"(", "id": 1, "title": "t"})") == "Failed to load todo: record 0: field 'userId': expected an integer, found string \"" + std::string(40, 'x') + "...\"");
}

TEST_CASE("typed: numbers out of range", "[typed]")
{
	CHECK(todos.errorOf(R"({"userId": 1, "id": 9223372036854775808, "title": "t"})") == "Failed to load todo: record 0: field 'id': integer 9223372036854775808 is out of range (largest: 9223372036854775807)");
	CHECK(todos.errorOf(R"({"userId": 1, "id": -9223372036854775809, "title": "t"})") == "Failed to load todo: record 0: field 'id': expected an integer, found number -9.223372036854776e+18");
	CHECK(todos.errorOf(R"({"userId": 1, "id": 1, "title": "t", "score": 18446744073709551615})") == "no error");
	CHECK_THAT(todos.errorOf(R"({"userId": 1, "id": 1, "title": "t", "score": -1e400})"), Catch::StartsWith("Failed to load todo: not valid JSON") && Catch::Contains("too large"));
}

TEST_CASE("typed: records = a JSON pointer, as for the json decoder", "[typed]")
{
	const DecoderHarness paged("typed", {{"fields", "id:int"}, {"records", "/data/items"}, {"name", "item"}});
	CHECK(DecoderHarness::text(paged.decode(R"({"data": {"items": [{"id": 1}, {"id": 2}]}})")) == "{\"id\":1}\n{\"id\":2}\n");
	CHECK(paged.errorOf(R"({"data": {"items": [{"id": 1}, "two"]}})") == "Failed to load item: record 1: expected an item object, found string \"two\"");
	CHECK(paged.errorOf(R"({"data": {}})") == "Failed to load item: the body has no value at records = /data/items");
}

TEST_CASE("typed: the source name names the records unless `name` does", "[typed]")
{
	const DecoderHarness unnamed("typed", {{"fields", "id:int"}}, "users");
	CHECK(unnamed.errorOf(R"("x")") == "Failed to load users: expected a users object or an array of them, found string \"x\"");
	CHECK(unnamed.errorOf(R"([{}])") == "Failed to load users: record 0: field 'id' is missing");
}

TEST_CASE("typed: the schema is checked when the source is configured", "[typed]")
{
	const auto configError = [](const std::string& fields)
	{
		return DecoderHarness("typed", {{"fields", fields}}).configErrorOf();
	};
	CHECK(configError("id:int, name:text") == "[source.test] fields: 'name:text': unknown type 'text' (types: int, float, string, bool; '?' after the type for optional) (plugin typed)");
	CHECK_THAT(configError("id"), Catch::Contains("'id' has no type"));
	CHECK_THAT(configError("id:int, id:string"), Catch::Contains("field 'id' is declared twice"));
	CHECK_THAT(configError("id:int,,x:int"), Catch::Contains("an empty entry"));
	CHECK_THAT(configError(":int"), Catch::Contains("no field name"));
	CHECK_THAT(DecoderHarness("typed", {}).configErrorOf(), Catch::Contains("fields: is required"));
	CHECK(configError("a:integer, b:number, c:double, d:boolean, e:string?, f : int ?") == "no error");
}

TEST_CASE("typed: not JSON, empty, deep, invalid UTF-8, a huge string", "[typed]")
{
	CHECK_THAT(todos.errorOf(""), Catch::StartsWith("Failed to load todo: not valid JSON: line 1, column 1: empty input"));
	CHECK_THAT(todos.errorOf("{\"userId\": 1, \"id\": 1, \"title\": \"\xFF\"}"), Catch::StartsWith("Failed to load todo: not valid JSON") && Catch::Contains("UTF-8"));
	CHECK_THAT(todos.errorOf(R"({"userId": 1, "id": 1, "title": "t", "x": )" + std::string(1000, '[') + std::string(1000, ']') + "}"), Catch::Contains("nesting deeper than"));
	CHECK(todos.errorOf(R"({"userId": 1, "id": 1, "title": "t", "x": )" + std::string(500, '[') + std::string(500, ']') + "}") == "no error");
	const std::string huge(20 << 20, 'h');
	const auto records = todos.decode(R"([{"userId": 1, "id": 1, "title": ")" + huge + R"("}])");
	REQUIRE(records.size() == 1);
	CHECK(std::get<std::string>(*records[0].find("title")) == huge);
}

TEST_CASE("typed: records reach the sink while the body is still being read", "[typed]")
{
	std::string body = "[";
	for (int i = 1; i <= 20000; ++i)
		body += (i > 1 ? "," : "") + std::string(R"({"userId":1,"id":)") + std::to_string(i) + R"(,"title":"t"})";
	body += ",oops]";
	CHECK(todos.recordsDelivered(body) == 20000);
}
