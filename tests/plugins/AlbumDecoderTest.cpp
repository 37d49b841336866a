#include "datatap/Exceptions.h"
#include "registry/PluginRegistry.h"
#include "support/TestPlugins.h"

#include <catch2/catch.hpp>

#include <sstream>

using datatap::DecodeError;
using datatap::Record;

namespace {

class CollectingSink: public datatap::RecordSink
{
public:
	void write(const Record& record) override { records.push_back(record); }
	std::vector<Record> records;
};

// The decoder under test is the shipped plugin itself, loaded as the runner loads it.
std::vector<Record> decode(const std::string& body)
{
	static datatap::PluginRegistry registry;
	static const bool scanned = [] {
		registry.scan({datatap::test::TestPlugins::shippedDir()});
		return true;
	}();
	(void)scanned;
	auto decoder = registry.createDecoder("album");
	decoder->configure(datatap::PluginOptions("album", "source.test", {}));
	CollectingSink sink;
	std::istringstream in(body);
	decoder->decode(in, datatap::ResponseInfo{"test", "http://127.0.0.1/albums", 200, "application/json"}, sink);
	return sink.records;
}

std::string errorOf(const std::string& body)
{
	try
	{
		decode(body);
	}
	catch (const DecodeError& exc)
	{
		return exc.message();
	}
	return "no error";
}

void checkAlbum(const Record& record, std::int64_t userId, std::int64_t id, const std::string& title)
{
	REQUIRE(record.size() == 3);
	CHECK(record.fields()[0].name == "userId");
	CHECK(std::get<std::int64_t>(record.fields()[0].value) == userId);
	CHECK(record.fields()[1].name == "id");
	CHECK(std::get<std::int64_t>(record.fields()[1].value) == id);
	CHECK(record.fields()[2].name == "title");
	CHECK(std::get<std::string>(record.fields()[2].value) == title);
}

} // namespace

TEST_CASE("album: one object - as /albums/1 answers", "[album]")
{
	const auto records = decode(R"({"userId": 1, "id": 1, "title": "quidem molestiae enim"})");
	REQUIRE(records.size() == 1);
	checkAlbum(records[0], 1, 1, "quidem molestiae enim");
}

TEST_CASE("album: an array - fields in any order - extra fields ignored", "[album]")
{
	const auto records = decode(R"([
		{"title": "b", "id": 2, "userId": 1, "extra": {"deep": [1, {"id": "not me"}]}, "more": null},
		{"userId": 9223372036854775807, "id": -3, "title": "caf\u00e9 \ud83d\ude00"}
	])");
	REQUIRE(records.size() == 2);
	checkAlbum(records[0], 1, 2, "b");
	checkAlbum(records[1], 9223372036854775807, -3, "café 😀");
	CHECK(decode("[]").empty());
}

TEST_CASE("album: a wrong type names the record - the field - expected and found", "[album]")
{
	CHECK(errorOf(R"({"userId": "1", "id": 1, "title": "t"})") == "Failed to load album: record 0: field 'userId': expected an integer, found string \"1\"");
	CHECK(errorOf(R"([{"userId": 1, "id": 1, "title": "t"}, {"userId": 1, "id": 1.5, "title": "t"}])") == "Failed to load album: record 1: field 'id': expected an integer, found number 1.5");
	CHECK(errorOf(R"({"userId": 1, "id": 1.0, "title": "t"})") == "Failed to load album: record 0: field 'id': expected an integer, found number 1");
	CHECK(errorOf(R"({"userId": 1, "id": 1, "title": 5})") == "Failed to load album: record 0: field 'title': expected a string, found integer 5");
	CHECK(errorOf(R"({"userId": 1, "id": null, "title": "t"})") == "Failed to load album: record 0: field 'id': expected an integer, found null");
	CHECK(errorOf(R"({"userId": 1, "id": 1, "title": ["t"]})") == "Failed to load album: record 0: field 'title': expected a string, found an array");
	CHECK(errorOf(R"({"userId": true, "id": 1, "title": "t"})") == "Failed to load album: record 0: field 'userId': expected an integer, found true");
	CHECK(errorOf(R"({"userId": 1, "id": {}, "title": "t"})") == "Failed to load album: record 0: field 'id': expected an integer, found an object");
	CHECK(errorOf(R"({"userId": 1, "id": 9223372036854775808, "title": "t"})") == "Failed to load album: record 0: field 'id': integer 9223372036854775808 is out of range (largest: 9223372036854775807)");
	CHECK_THAT(errorOf(R"({"userId": 1, "id": 1e400, "title": "t"})"), Catch::StartsWith("Failed to load album: not valid JSON") && Catch::Contains("too large"));
}

TEST_CASE("album: a missing field is named", "[album]")
{
	CHECK(errorOf(R"({"userId": 1, "title": "t"})") == "Failed to load album: record 0: field 'id' is missing");
	CHECK(errorOf(R"([{"userId": 1, "id": 1, "title": "t"}, {"userId": 1, "id": 2}])") == "Failed to load album: record 1: field 'title' is missing");
	CHECK(errorOf("{}") == "Failed to load album: record 0: field 'userId' is missing");
}

TEST_CASE("album: the wrong shape at the top or in the array", "[album]")
{
	CHECK(errorOf(R"("an album")") == "Failed to load album: expected an album object or an array of them, found string \"an album\"");
	CHECK(errorOf("42") == "Failed to load album: expected an album object or an array of them, found integer 42");
	CHECK(errorOf(R"([{"userId": 1, "id": 1, "title": "t"}, 7])") == "Failed to load album: record 1: expected an album object, found integer 7");
	CHECK(errorOf("[[]]") == "Failed to load album: record 0: expected an album object, found an array");
}

TEST_CASE("album: bodies that are not JSON", "[album]")
{
	CHECK_THAT(errorOf(R"({"userId": 1, "id": 1, "title": "t")"), Catch::StartsWith("Failed to load album: not valid JSON: line 1"));
	CHECK_THAT(errorOf("<html>Service Unavailable</html>"), Catch::StartsWith("Failed to load album: not valid JSON: line 1, column 1"));
	CHECK_THAT(errorOf(""), Catch::StartsWith("Failed to load album: not valid JSON"));
	CHECK_THAT(errorOf("{\"userId\": 1, \"id\": 1, \"title\": \"t\"} trailing"), Catch::StartsWith("Failed to load album: not valid JSON"));
	CHECK_THAT(errorOf(R"({"userId": 1, "id": 1, "title": "t", "deep": )" + std::string(100000, '[') + std::string(100000, ']') + "}"), Catch::StartsWith("Failed to load album: not valid JSON") && Catch::Contains("nesting"));
	CHECK_THAT(errorOf("{\"userId\": 1, \"id\": 1, \"title\": \"bad \xC3\x28 utf8\"}"), Catch::Contains("UTF-8"));
}

TEST_CASE("album: records reach the sink while the body is still being read", "[album]")
{
	// A body of 20,000 albums followed by garbage: the records before the error
	// were already delivered, which shows the decoder streams.
	std::string body = "[";
	for (int i = 1; i <= 20000; ++i)
		body += (i > 1 ? "," : "") + std::string(R"({"userId":1,"id":)") + std::to_string(i) + R"(,"title":"t"})";
	body += ",oops]";
	static datatap::PluginRegistry registry;
	registry.scan({datatap::test::TestPlugins::shippedDir()});
	auto decoder = registry.createDecoder("album");
	decoder->configure(datatap::PluginOptions("album", "source.test", {}));
	CollectingSink sink;
	std::istringstream in(body);
	CHECK_THROWS_AS(decoder->decode(in, {}, sink), DecodeError);
	CHECK(sink.records.size() == 20000);
}
