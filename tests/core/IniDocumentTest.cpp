#include "config/IniDocument.h"
#include "datatap/Exceptions.h"

#include <catch2/catch.hpp>

#include <sstream>

using datatap::IniDocument;

namespace {

IniDocument parse(const std::string& text)
{
	std::istringstream in(text);
	return IniDocument::parse(in, "test.ini");
}

std::string errorOf(const std::string& text)
{
	try
	{
		parse(text);
	}
	catch (const datatap::ConfigError& exc)
	{
		return exc.message();
	}
	return "no error";
}

} // namespace

TEST_CASE("INI: sections - keys - comments - inline comments and quotes", "[ini]")
{
	const IniDocument doc = parse("\xEF\xBB\xBF; leading comment\n# hash comment\n[DataTap]\nOutput = json ; inline\nplugin_path=a:b # also inline\n\n[auth.x]\ntoken = \"semi;colon # kept\" ; comment\nurl = http://h/p?a=1;b=2\n");
	REQUIRE(doc.sections().size() == 2);
	const datatap::IniSection* settings = doc.find("datatap");
	REQUIRE(settings != nullptr);
	CHECK(settings->line == 3);
	REQUIRE(settings->find("output") != nullptr);
	CHECK(settings->find("output")->value == "json");
	CHECK(settings->find("output")->line == 4);
	CHECK(settings->find("plugin_path")->value == "a:b");
	const datatap::IniSection* auth = doc.find("auth.x");
	CHECK(auth->find("token")->value == "semi;colon # kept");
	CHECK(auth->find("url")->value == "http://h/p?a=1;b=2");
}

TEST_CASE("INI: the mistakes POCO would let pass are errors with a line number", "[ini]")
{
	CHECK_THAT(errorOf("[a]\nkey = 1\nKEY = 2\n"), Catch::Contains("test.ini:3: [a] key is set twice (first at line 2)"));
	CHECK_THAT(errorOf("[a]\n[b]\n[A]\n"), Catch::Contains("test.ini:3: section [a] appears twice"));
	CHECK_THAT(errorOf("key = 1\n"), Catch::Contains("test.ini:1: a key outside any section"));
	CHECK_THAT(errorOf("[a\n"), Catch::Contains("closing ']'"));
	CHECK_THAT(errorOf("[a]\n= value\n"), Catch::Contains("a value without a key"));
	CHECK_THAT(errorOf("[a]\nkey = \"open\n"), Catch::Contains("closing '\"'"));
}

TEST_CASE("INI: a line that is not key = value is refused without echoing it", "[ini]")
{
	const std::string message = errorOf("[auth.x]\nmy-secret-token-on-its-own\n");
	CHECK_THAT(message, Catch::Contains("test.ini:2: expected 'key = value'"));
	CHECK_THAT(message, !Catch::Contains("my-secret-token-on-its-own"));
}
