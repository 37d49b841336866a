#include "transport/LinkHeader.h"

#include <catch2/catch.hpp>

using datatap::LinkHeader;

TEST_CASE("Link header: json-server's first/next/last", "[link]")
{
	const std::string value = R"(<http://h/albums?_page=1&_limit=10>; rel="first", <http://h/albums?_page=2&_limit=10>; rel="next", <http://h/albums?_page=10&_limit=10>; rel="last")";
	CHECK(LinkHeader::find({value}, "next") == "http://h/albums?_page=2&_limit=10");
	CHECK(LinkHeader::find({value}, "last") == "http://h/albums?_page=10&_limit=10");
	CHECK(LinkHeader::find({value}, "prev").empty());
}

TEST_CASE("Link header: several relations - odd spacing - commas inside targets - several headers", "[link]")
{
	CHECK(LinkHeader::find({R"(<https://a/x?q=1,2>;rel="prev next" ;title="a, b")"}, "next") == "https://a/x?q=1,2");
	CHECK(LinkHeader::find({R"(<https://a/1>; rel=next)"}, "next") == "https://a/1");
	CHECK(LinkHeader::find({R"(<https://a/1>; rel="NEXT")"}, "next") == "https://a/1");
	CHECK(LinkHeader::find({R"(<https://a/1>; rel="last")", R"(<https://a/2>; rel="next")"}, "next") == "https://a/2");
	const auto links = LinkHeader::parse(R"(garbage, <https://a/3>; rel="next", <unclosed)");
	REQUIRE(links.size() == 1);
	CHECK(links[0].target == "https://a/3");
}
