#include "pipeline/JsonPointerLookup.h"

#include <catch2/catch.hpp>

#include <sstream>

namespace {

std::optional<std::string> find(const std::string& json, const std::string& pointer)
{
	std::istringstream in(json);
	return datatap::JsonPointerLookup::find(in, pointer);
}

} // namespace

TEST_CASE("json pointer: finds scalars by RFC 6901 path", "[pointer]")
{
	const std::string doc = R"({"data":[{"id":1},{"id":2}],"meta":{"next":"c2","a/b":"slash","m~n":"tilde","n":5,"t":true,"z":null}})";
	CHECK(find(doc, "/meta/next") == std::optional<std::string>("c2"));
	CHECK(find(doc, "/data/1/id") == std::optional<std::string>("2"));
	CHECK(find(doc, "/meta/a~1b") == std::optional<std::string>("slash"));
	CHECK(find(doc, "/meta/m~0n") == std::optional<std::string>("tilde"));
	CHECK(find(doc, "/meta/n") == std::optional<std::string>("5"));
	CHECK(find(doc, "/meta/t") == std::optional<std::string>("true"));
	CHECK_FALSE(find(doc, "/meta/z").has_value());
	CHECK_FALSE(find(doc, "/meta/missing").has_value());
	CHECK_FALSE(find(doc, "/data").has_value());
	CHECK_FALSE(find(doc, "/data/2/id").has_value());
}
