// The JSON decoders against a conformance corpus (tests/data/json-conformance):
// y_ documents must decode, n_ documents must be refused with a DecodeError and
// i_ documents may go either way; none may crash or throw anything else. A few
// n_ documents also go through the runner, which must exit 65 with one line.

#include "support/DecoderHarness.h"
#include "support/MockApiServer.h"
#include "support/ProcessRunner.h"
#include "support/TempDir.h"
#include "support/TestPlugins.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/Path.h>
#include <Poco/URI.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>

using datatap::test::DecoderHarness;

namespace {

const std::string kCorpus = DATATAP_TEST_SOURCE_DIR "/tests/data/json-conformance";

// File name (without .json) to contents, in name order.
std::map<std::string, std::string> corpus()
{
	std::map<std::string, std::string> documents;
	for (Poco::DirectoryIterator it(kCorpus), end; it != end; ++it)
	{
		const Poco::Path path(it->path());
		if (path.getExtension() != "json")
			continue;
		std::ifstream in(it->path(), std::ios::binary);
		documents[path.getBaseName()] = std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
	}
	return documents;
}

bool startsWith(const std::string& text, const std::string& prefix)
{
	return text.rfind(prefix, 0) == 0;
}

// NDJSON reads a line as a document and skips blank lines, so only one-line
// documents with something on the line mean the same to it.
bool oneLine(const std::string& document)
{
	return document.find_first_of("\r\n") == std::string::npos && document.find_first_not_of(" \t") != std::string::npos;
}

} // namespace

TEST_CASE("json conformance: the corpus has cases of each kind", "[json][conformance]")
{
	const auto documents = corpus();
	const auto count = [&](const std::string& prefix)
	{
		return std::count_if(documents.begin(), documents.end(), [&](const auto& entry) { return startsWith(entry.first, prefix); });
	};
	CHECK(count("y_") >= 20);
	CHECK(count("n_") >= 40);
	CHECK(count("i_") >= 5);
	CHECK(count("y_") + count("n_") + count("i_") == static_cast<std::ptrdiff_t>(documents.size()));
}

TEST_CASE("json conformance: json, ndjson and album accept y_, refuse n_, survive i_", "[json][ndjson][album][conformance]")
{
	const DecoderHarness json("json", {{"records", ""}});
	const DecoderHarness ndjson("ndjson", {});
	const DecoderHarness album("album", {});
	for (const auto& [name, document]: corpus())
	{
		INFO(name);
		const std::string jsonError = json.errorOf(document);
		const std::string albumError = album.errorOf(document);
		const std::string ndjsonError = oneLine(document) ? ndjson.errorOf(document) : "not tried";
		if (startsWith(name, "y_"))
		{
			CHECK(jsonError == "no error");
			CHECK((ndjsonError == "no error" || ndjsonError == "not tried"));
		}
		else if (startsWith(name, "n_"))
		{
			CHECK_THAT(jsonError, Catch::StartsWith("Failed to load JSON"));
			CHECK_THAT(albumError, Catch::StartsWith("Failed to load album"));
			if (ndjsonError != "not tried")
				CHECK_THAT(ndjsonError, Catch::StartsWith("Failed to load NDJSON"));
		}
		else
		{
			CHECK((jsonError == "no error" || startsWith(jsonError, "Failed to load JSON")));
			CHECK((albumError == "no error" || startsWith(albumError, "Failed to load album")));
		}
		CHECK(jsonError.find('\n') == std::string::npos);
	}
}

TEST_CASE("json conformance: the runner exits 65 with one line on n_ documents", "[integration][json][conformance]")
{
	datatap::test::MockApiServer server;
	datatap::test::TempDir dir;
	const auto documents = corpus();
	for (const char* name: {"n_structure_trailing_comma_array", "n_number_leading_zero", "n_string_control_character", "n_utf8_overlong_slash", "n_utf8_surrogate_encoded", "n_structure_two_values"})
	{
		INFO(name);
		std::string body;
		Poco::URI::encode(documents.at(name), "!#$&'()*+,/:;=?@[]% \"<>\\^`{|}", body);
		const std::string ini = "[datatap]\nplugin_path = " + datatap::test::TestPlugins::shippedDir() + "\n\n"
			"[auth.placeholder]\nstrategy = basic-token\ntoken = your_api_token_here\n\n"
			"[source.doc]\nurl = " + server.url() + "/fault/echo?body=" + body + "\nauth = placeholder\ndecoder = json\n";
		const datatap::test::ProcessResult result = datatap::test::ProcessRunner::datatap({"-c", dir.write(std::string(name) + ".ini", ini)});
		INFO(result.err);
		CHECK(result.exitCode == 65);
		CHECK_THAT(result.err, Catch::Contains("Failed to load JSON"));
		CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
	}
}
