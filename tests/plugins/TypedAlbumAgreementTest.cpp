// `album` is `typed` with fields = userId:int, id:int, title:string. Every body the
// album tests use goes through both; records and messages must be the same.

#include "support/DecoderHarness.h"

#include <catch2/catch.hpp>

using datatap::test::DecoderHarness;

namespace {

std::string outcome(const DecoderHarness& decoder, const std::string& body)
{
	const std::string error = decoder.errorOf(body);
	if (error != "no error")
		return "error: " + error;
	return DecoderHarness::text(decoder.decode(body));
}

} // namespace

TEST_CASE("typed with the album schema agrees with album on every album test body", "[typed][album]")
{
	const DecoderHarness album("album", {});
	const DecoderHarness typed("typed", {{"fields", "userId:int, id:int, title:string"}, {"name", "album"}});
	const std::string deep = std::string(100000, '[') + std::string(100000, ']');
	const std::vector<std::string> bodies = {
	    R"({"userId": 1, "id": 1, "title": "quidem molestiae enim"})",
	    R"([{"title": "b", "id": 2, "userId": 1, "extra": {"deep": [1, {"id": "not me"}]}, "more": null}, {"userId": 9223372036854775807, "id": -3, "title": "caf\u00e9 \ud83d\ude00"}])",
	    "[]",
	    R"({"userId": "1", "id": 1, "title": "t"})",
	    R"([{"userId": 1, "id": 1, "title": "t"}, {"userId": 1, "id": 1.5, "title": "t"}])",
	    R"({"userId": 1, "id": 1.0, "title": "t"})",
	    R"({"userId": 1, "id": 1, "title": 5})",
	    R"({"userId": 1, "id": null, "title": "t"})",
	    R"({"userId": 1, "id": 1, "title": ["t"]})",
	    R"({"userId": true, "id": 1, "title": "t"})",
	    R"({"userId": 1, "id": {}, "title": "t"})",
	    R"({"userId": 1, "id": 9223372036854775808, "title": "t"})",
	    R"({"userId": 1, "id": 1e400, "title": "t"})",
	    R"({"userId": 1, "title": "t"})",
	    R"([{"userId": 1, "id": 1, "title": "t"}, {"userId": 1, "id": 2}])",
	    "{}",
	    R"("an album")",
	    "42",
	    "null",
	    "[null]",
	    R"([{"userId": 1, "id": 1, "title": "t"}, 7])",
	    "[[]]",
	    R"({"userId": 1, "id": 1, "title": "t")",
	    "<html>Service Unavailable</html>",
	    "",
	    "{\"userId\": 1, \"id\": 1, \"title\": \"t\"} trailing",
	    R"({"userId": 1, "id": 1, "title": "t", "deep": )" + deep + "}",
	    "{\"userId\": 1, \"id\": 1, \"title\": \"bad \xC3\x28 utf8\"}",
	    R"({"userId": 1, "id": 1, "title": "a", "title": "b"})",
	    R"({"userId": 1, "id": 1, "title": ")" + std::string(100, 'y') + R"(", "id": ")" + std::string(100, 'z') + R"("})",
	};
	for (const std::string& body: bodies)
	{
		INFO("body: " << body.substr(0, 200));
		CHECK(outcome(typed, body) == outcome(album, body));
	}
}
