#include "datatap/Exceptions.h"
#include "sinks/OutputSink.h"
#include "sinks/TableSink.h"

#include <catch2/catch.hpp>

#include <sstream>

using datatap::OutputSink;
using datatap::Record;

namespace {

std::string render(const std::string& format, const std::vector<Record>& records)
{
	std::ostringstream out;
	auto sink = OutputSink::create(format, out);
	for (const Record& record: records)
		sink->write(record);
	sink->finish();
	return out.str();
}

std::vector<Record> sample()
{
	Record a;
	a.add("id", std::int64_t{1});
	a.add("title", std::string("quote \" back\\slash\nnewline \x01"));
	Record b;
	b.add("id", std::int64_t{22});
	b.add("title", std::string("héllo"));
	b.add("extra", true);
	b.add("nested", datatap::RawJson{"{\"a\":[1,2]}"});
	b.add("none", nullptr);
	b.add("ratio", 0.5);
	return {a, b};
}

} // namespace

TEST_CASE("json output is one array - one record a line - valid JSON escapes", "[sinks]")
{
	CHECK(render("json", sample()) == "[\n  {\"id\":1,\"title\":\"quote \\\" back\\\\slash\\nnewline \\u0001\"},\n  {\"id\":22,\"title\":\"héllo\",\"extra\":true,\"nested\":{\"a\":[1,2]},\"none\":null,\"ratio\":0.5}\n]\n");
	CHECK(render("json", {}) == "[]\n");
}

TEST_CASE("ndjson output is one compact object a line", "[sinks]")
{
	CHECK(render("ndjson", sample()) == "{\"id\":1,\"title\":\"quote \\\" back\\\\slash\\nnewline \\u0001\"}\n{\"id\":22,\"title\":\"héllo\",\"extra\":true,\"nested\":{\"a\":[1,2]},\"none\":null,\"ratio\":0.5}\n");
	CHECK(render("ndjson", {}).empty());
}

TEST_CASE("table output aligns columns by display width - UTF-8 included", "[sinks]")
{
	Record a;
	a.add("id", std::int64_t{1});
	a.add("title", std::string("héllo"));
	Record b;
	b.add("id", std::int64_t{100});
	b.add("title", std::string("x"));
	b.add("late", std::string("new column"));
	CHECK(render("table", {a, b}) ==
		"id   title  late\n"
		"---  -----  ----------\n"
		"1    héllo\n"
		"100  x      new column\n");
	CHECK(datatap::TableSink::displayWidth("héllo") == 5);
}

TEST_CASE("an unknown output format is a usage error", "[sinks]")
{
	std::ostringstream out;
	CHECK_THROWS_AS(OutputSink::create("xml", out), datatap::UsageError);
}
