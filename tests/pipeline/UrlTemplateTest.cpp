#include "pipeline/UrlTemplate.h"

#include <catch2/catch.hpp>

using datatap::Partition;
using datatap::UrlTemplate;

TEST_CASE("url template: partitions expand in order - first varying slowest", "[partition]")
{
	const std::vector<Partition> partitions{{"user", {"1", "2"}}, {"id", {"a", "b", "c"}}};
	const UrlTemplate urls("http://h/users/{user}/albums/{id}", partitions);
	REQUIRE(urls.size() == 6);
	CHECK(urls.at(0) == "http://h/users/1/albums/a");
	CHECK(urls.at(1) == "http://h/users/1/albums/b");
	CHECK(urls.at(3) == "http://h/users/2/albums/a");
	CHECK(urls.at(5) == "http://h/users/2/albums/c");
}

TEST_CASE("url template: values are percent-encoded so they cannot change the URL's shape", "[partition]")
{
	const std::vector<Partition> partitions{{"q", {"a b/c?d=e&f#g", "caf\xC3\xA9"}}};
	const UrlTemplate urls("http://h/search/{q}?x=1", partitions);
	CHECK(urls.at(0) == "http://h/search/a%20b%2Fc%3Fd%3De%26f%23g?x=1");
	CHECK(urls.at(1) == "http://h/search/caf%C3%A9?x=1");
}
