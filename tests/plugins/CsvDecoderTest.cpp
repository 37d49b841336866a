#include "support/DecoderHarness.h"

#include <catch2/catch.hpp>

using datatap::test::DecoderHarness;

namespace {

const DecoderHarness csv("csv", {});
const DecoderHarness inferring("csv", {{"infer_numbers", "true"}});

} // namespace

TEST_CASE("csv: the header names the fields - every field a string", "[csv]")
{
	const auto records = csv.decode("id,name,note\r\n1,Ann,\r\n2,\"Smith, Bob\",\"said \"\"hi\"\"\nand left\"\n");
	CHECK(DecoderHarness::text(records) == "{\"id\":\"1\",\"name\":\"Ann\",\"note\":\"\"}\n{\"id\":\"2\",\"name\":\"Smith, Bob\",\"note\":\"said \\\"hi\\\"\\nand left\"}\n");
	CHECK(DecoderHarness::text(csv.decode("a,b\n1,2")) == "{\"a\":\"1\",\"b\":\"2\"}\n");
	const std::string byteOrderMark = "\xEF\xBB\xBF";
	CHECK(DecoderHarness::text(csv.decode(byteOrderMark + "a\n\n1\n\n")) == "{\"a\":\"1\"}\n");
	CHECK(DecoderHarness::text(csv.decode("a,b\n\"\",\"\"\n")) == "{\"a\":\"\",\"b\":\"\"}\n");
	CHECK(DecoderHarness::text(csv.decode("a\n\"\"\n")) == "{\"a\":\"\"}\n");
	CHECK(csv.decode("").empty());
	CHECK(csv.decode("a,b\n").empty());
}

TEST_CASE("csv: another delimiter", "[csv]")
{
	CHECK(DecoderHarness::text(DecoderHarness("csv", {{"delimiter", ";"}}).decode("a;b\n1,5;\"x;y\"\n")) == "{\"a\":\"1,5\",\"b\":\"x;y\"}\n");
	CHECK(DecoderHarness::text(DecoderHarness("csv", {{"delimiter", "tab"}}).decode("a\tb\n1\t2\n")) == "{\"a\":\"1\",\"b\":\"2\"}\n");
	CHECK(DecoderHarness("csv", {{"delimiter", ";;"}}).configErrorOf() == "[source.test] delimiter: must be one character other than a quote (or 'tab'), found ';;' (plugin csv)");
	CHECK_THAT(DecoderHarness("csv", {{"delimiter", "\""}}).configErrorOf(), Catch::Contains("other than a quote"));
}

TEST_CASE("csv: infer_numbers makes unquoted JSON numbers integers or floats", "[csv]")
{
	const auto records = inferring.decode("a,b,c,d,e,f,g,h\n42,-1.5e3,\"7\",007,1e999,9223372036854775808,,x1\n");
	REQUIRE(records.size() == 1);
	const auto& record = records[0];
	CHECK(std::get<std::int64_t>(*record.find("a")) == 42);
	CHECK(std::get<double>(*record.find("b")) == -1500.0);
	CHECK(std::get<std::string>(*record.find("c")) == "7");
	CHECK(std::get<std::string>(*record.find("d")) == "007");
	CHECK(std::get<std::string>(*record.find("e")) == "1e999");
	CHECK(std::get<std::string>(*record.find("f")) == "9223372036854775808");
	CHECK(std::get<std::string>(*record.find("g")).empty());
	CHECK(std::get<std::string>(*record.find("h")) == "x1");
	CHECK(std::get<std::int64_t>(*inferring.decode("n\n-9223372036854775808\n")[0].find("n")) == -9223372036854775807 - 1);
}

TEST_CASE("csv: an error names the row, its line and what is wrong", "[csv]")
{
	CHECK(csv.errorOf("a,b\n1,2\n3\n") == "Failed to load CSV: row 3 (line 3): expected 2 fields as in the header, found 1");
	CHECK(csv.errorOf("a,b\n\"x\ny\",2\n1,2,3\n") == "Failed to load CSV: row 3 (line 4): expected 2 fields as in the header, found 3");
	CHECK(csv.errorOf("a,b\n1,\"open\n") == "Failed to load CSV: row 2 (line 2): field 2: the quote opened at line 2 is never closed");
	CHECK(csv.errorOf("a,b\n1,\"x\"y\n") == "Failed to load CSV: row 2 (line 2): field 2: unexpected character after the closing quote (a delimiter or the end of the line must follow)");
	CHECK(csv.errorOf("a,b\n1,x\"y\n") == "Failed to load CSV: row 2 (line 2): field 2: a quote inside an unquoted field (quote the whole field and double the quote: \"a \"\"b\"\"\")");
	CHECK(csv.errorOf("a,a\n1,2\n") == "Failed to load CSV: row 1 (line 1): header: column 'a' appears twice");
	CHECK(csv.errorOf("a,b\n1,\"bad \xC3\x28\"\n") == "Failed to load CSV: row 2 (line 2): field 'b': invalid UTF-8");
	CHECK(csv.errorOf("a,\xED\xA0\x80\n") == "Failed to load CSV: row 1 (line 1): header: column 2: invalid UTF-8");
	CHECK(csv.errorOf("a\n\xC0\xAF\n") == "Failed to load CSV: row 2 (line 2): field 'a': invalid UTF-8");
	CHECK(csv.errorOf("a\ncaf\xC3\xA9 \xF0\x9F\x98\x80\n") == "no error");
}

TEST_CASE("csv: a huge field and many columns", "[csv]")
{
	const std::string huge(20 << 20, 'x');
	const auto records = csv.decode("a,b\n\"" + huge + "\",1\n");
	CHECK(std::get<std::string>(*records[0].find("a")).size() == huge.size());
	std::string header;
	std::string row;
	for (int i = 0; i < 2000; ++i)
	{
		header += (i ? "," : "") + std::string("c") + std::to_string(i);
		row += (i ? "," : "") + std::to_string(i);
	}
	CHECK(csv.decode(header + "\n" + row + "\n")[0].size() == 2000);
	CHECK_THAT(csv.errorOf("a\n" + std::string((64 << 20) + 1, 'x') + "\n"), Catch::Contains("row 2 (line 2): field 1 is longer than 67108864 bytes"));
}

TEST_CASE("csv: records reach the sink while the body is still being read", "[csv]")
{
	std::string body = "id,name\n";
	for (int i = 1; i <= 20000; ++i)
		body += std::to_string(i) + ",n\n";
	body += "oops\n";
	CHECK(csv.errorOf(body) == "Failed to load CSV: row 20002 (line 20002): expected 2 fields as in the header, found 1");
	CHECK(csv.recordsDelivered(body) == 20000);
}
