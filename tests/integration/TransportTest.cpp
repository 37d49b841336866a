// The transport against a misbehaving datatap-mock-api over loopback: time
// limits, retries, redirects, size limits, TLS, pagination and fan-out.

#include "support/MockApiServer.h"
#include "support/ProcessRunner.h"
#include "support/TempDir.h"
#include "support/TestPlugins.h"

#include <Poco/Stopwatch.h>

#include <catch2/catch.hpp>

#include <algorithm>

using datatap::test::MockApiServer;
using datatap::test::ProcessResult;
using datatap::test::ProcessRunner;
using datatap::test::TempDir;
using datatap::test::TestPlugins;

namespace {

const std::string kAlbum1 = R"({"userId":1,"id":1,"title":"quidem molestiae enim"})";

// An INI with one source; extra lines go into [source.s], settings into [datatap].
std::string ini(const std::string& url, const std::string& extra = "", const std::string& settings = "")
{
	return "[datatap]\nbackoff = 0.01\n" + settings + "\n[auth.mock]\nstrategy = basic-token\ntoken = your_api_token_here\n\n[source.s]\nurl = " + url + "\nauth = mock\ndecoder = album\n" + extra;
}

ProcessResult run(const TempDir& dir, const std::string& config, const std::vector<std::string>& args = {"-o", "ndjson"})
{
	std::vector<std::string> all{"-c", dir.write("datatap.ini", config)};
	all.insert(all.end(), args.begin(), args.end());
	return ProcessRunner::datatap(all);
}

std::size_t lines(const std::string& text)
{
	return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

std::string ids(const std::string& ndjson)
{
	std::string result;
	for (std::size_t at = ndjson.find("\"id\":"); at != std::string::npos; at = ndjson.find("\"id\":", at + 1))
		result += (result.empty() ? "" : ",") + ndjson.substr(at + 5, ndjson.find(',', at) - at - 5);
	return result;
}

} // namespace

TEST_CASE("a server slower than the read timeout exits 69", "[transport]")
{
	MockApiServer server;
	TempDir dir;
	const ProcessResult result = run(dir, ini(server.url() + "/fault/delay?ms=3000", "timeout = 0.3\nmax_tries = 1\n"));
	CHECK(result.exitCode == 69);
	CHECK_THAT(result.err, Catch::Contains("no answer within 0.3 s"));
}

TEST_CASE("a server that trickles its body is cut off by the deadline", "[transport]")
{
	MockApiServer server;
	TempDir dir;
	Poco::Stopwatch clock;
	clock.start();
	const ProcessResult result = run(dir, ini(server.url() + "/fault/trickle?interval_ms=200", "timeout = 5\ndeadline = 1\n"));
	CHECK(result.exitCode == 69);
	CHECK_THAT(result.err, Catch::Contains("did not finish within the deadline"));
	CHECK(clock.elapsedSeconds() < 6);
}

TEST_CASE("a body shorter than its Content-Length is an error and never a silent truncation", "[transport]")
{
	MockApiServer server;
	TempDir dir;
	const ProcessResult result = run(dir, ini(server.url() + "/fault/lie-length"));
	CHECK(result.exitCode == 69);
	CHECK_THAT(result.err, Catch::Contains("the body ended after 51 of the 151 bytes"));
}

TEST_CASE("a chunked body that breaks off is an error - a whole one decodes", "[transport]")
{
	MockApiServer server;
	TempDir dir;
	const ProcessResult whole = run(dir, ini(server.url() + "/fault/chunked"));
	CHECK(whole.exitCode == 0);
	CHECK(lines(whole.out) == 100);
	const ProcessResult result = run(dir, ini(server.url() + "/fault/broken-chunked"));
	CHECK(result.exitCode == 69);
	CHECK_THAT(result.err, Catch::Contains("broke off"));
}

TEST_CASE("503 and 429 are retried and Retry-After is honoured", "[transport]")
{
	MockApiServer server;
	TempDir dir;
	const ProcessResult result = run(dir, ini(server.url() + "/fault/status?code=503&times=2&key=a&retry_after=0"));
	INFO(result.err);
	CHECK(result.exitCode == 0);
	CHECK(result.out == kAlbum1 + "\n");
	CHECK_THAT(result.err, Catch::Contains("503") && Catch::Contains("try 2 of 4") && Catch::Contains("try 3 of 4"));
	CHECK(server.requests().size() == 3);

	Poco::Stopwatch clock;
	clock.start();
	const ProcessResult waited = run(dir, ini(server.url() + "/fault/status?code=429&times=1&key=b&retry_after=1"));
	CHECK(waited.exitCode == 0);
	CHECK(clock.elapsedSeconds() >= 1);

	const ProcessResult invalid = run(dir, ini(server.url() + "/fault/status?code=503&times=1&key=c&retry_after=whenever"));
	CHECK(invalid.exitCode == 0);

	const ProcessResult capped = run(dir, ini(server.url() + "/fault/status?code=503&times=1&key=d&retry_after=3600", "retry_after_max = 0.2\n"));
	CHECK(capped.exitCode == 0);
}

TEST_CASE("exhausted retries exit 75 naming the tries and the last status", "[transport]")
{
	MockApiServer server;
	TempDir dir;
	const ProcessResult result = run(dir, ini(server.url() + "/fault/status?code=502&times=100&key=x", "max_tries = 3\n"));
	CHECK(result.exitCode == 75);
	CHECK_THAT(result.err, Catch::Contains("gave up after 3 tries; the last answer was 502 Bad Gateway"));
	CHECK(server.requests().size() == 3);

	const ProcessResult notRetried = run(dir, ini(server.url() + "/fault/status?code=500&times=100&key=y"));
	CHECK(notRetried.exitCode == 69);
	CHECK(server.requests().size() == 4);
}

TEST_CASE("a redirect to another origin carries no credential - unless that origin is trusted", "[transport]")
{
	MockApiServer server;
	MockApiServer other({"--no-auth"});
	TempDir dir;
	const std::string target = other.url() + "/albums/1";
	const ProcessResult result = run(dir, ini(server.url() + "/fault/redirect?to=" + target));
	INFO(result.err);
	CHECK(result.exitCode == 0);
	CHECK(result.out == kAlbum1 + "\n");
	REQUIRE(other.requests().size() == 1);
	CHECK_THAT(other.requests()[0], Catch::StartsWith("GET /albums/1\tauth=no\theaders="));
	CHECK_THAT(other.requests()[0], !Catch::Contains("Authorization") && !Catch::Contains("Cookie"));

	const ProcessResult trusted = run(dir, ini(server.url() + "/fault/redirect?to=" + target, "trusted_origins = " + other.url() + "\n"));
	CHECK(trusted.exitCode == 0);
	REQUIRE(other.requests().size() == 2);
	CHECK_THAT(other.requests()[1], Catch::Contains("auth=yes"));
}

TEST_CASE("redirects: 303 and relative locations are followed - a loop is cut at max_redirects", "[transport]")
{
	MockApiServer server;
	TempDir dir;
	const ProcessResult relative = run(dir, ini(server.url() + "/fault/redirect?to=/albums/2&code=303"));
	CHECK(relative.exitCode == 0);
	CHECK_THAT(relative.out, Catch::Contains("\"id\":2"));
	CHECK_THAT(server.requests().back(), Catch::Contains("auth=yes"));

	const ProcessResult loop = run(dir, ini(server.url() + "/fault/redirect-loop", "max_redirects = 3\n"));
	CHECK(loop.exitCode == 69);
	CHECK_THAT(loop.err, Catch::Contains("more than 3 redirects"));
}

TEST_CASE("a body over max_body is refused", "[transport]")
{
	MockApiServer server;
	TempDir dir;
	const ProcessResult result = run(dir, ini(server.url() + "/fault/big?bytes=200000", "max_body = 64K\n"));
	CHECK(result.exitCode == 69);
	CHECK_THAT(result.err, Catch::Contains("larger than max_body (65536 bytes)"));
	const ProcessResult fits = run(dir, ini(server.url() + "/fault/big?bytes=200000", "max_body = 1M\n"));
	CHECK(fits.exitCode == 0);
}

TEST_CASE("pagination: Link headers walk json-server's _page and _limit to the end", "[pagination]")
{
	MockApiServer server;
	TempDir dir;
	const ProcessResult result = run(dir, ini(server.url() + "/albums?_page=1&_limit=15", "pagination = link\n"));
	INFO(result.err);
	CHECK(result.exitCode == 0);
	CHECK(lines(result.out) == 100);
	CHECK(server.requests().size() == 7);
	CHECK(ids(result.out).substr(0, 8) == "1,2,3,4,");
}

TEST_CASE("pagination: page numbers stop on the empty page - offsets stop on a short page", "[pagination]")
{
	MockApiServer server;
	TempDir dir;
	const ProcessResult pages = run(dir, ini(server.url() + "/albums", "pagination = page\npage_param = _page\nlimit_param = _limit\nlimit = 25\n"));
	CHECK(pages.exitCode == 0);
	CHECK(lines(pages.out) == 100);
	CHECK(server.requests().size() == 5);

	const ProcessResult offsets = run(dir, ini(server.url() + "/albums", "pagination = offset\noffset_param = _start\nlimit_param = _limit\nlimit = 30\n"));
	CHECK(offsets.exitCode == 0);
	CHECK(lines(offsets.out) == 100);
	CHECK(server.requests().size() == 5 + 4);
}

TEST_CASE("pagination: a cursor from a JSON pointer in the body", "[pagination]")
{
	MockApiServer server;
	TempDir dir;
	std::string config = ini(server.url() + "/cursor/albums", "pagination = cursor\ncursor_pointer = /next\n", "plugin_path = " + TestPlugins::fixtureDir("good") + "\n");
	config.replace(config.find("decoder = album"), 15, "decoder = fixture-echo");
	const ProcessResult result = run(dir, config);
	INFO(result.err);
	CHECK(result.exitCode == 0);
	CHECK(lines(result.out) == 10);
	CHECK(server.requests().size() == 10);
}

TEST_CASE("pagination loops end with a clear error", "[pagination]")
{
	MockApiServer server;
	TempDir dir;
	const ProcessResult link = run(dir, ini(server.url() + "/fault/link-loop", "pagination = link\n"));
	CHECK(link.exitCode == 65);
	CHECK_THAT(link.err, Catch::Contains("pagination loop"));

	std::string cursor = ini(server.url() + "/fault/cursor-loop", "pagination = cursor\n", "plugin_path = " + TestPlugins::fixtureDir("good") + "\n");
	cursor.replace(cursor.find("decoder = album"), 15, "decoder = fixture-echo");
	const ProcessResult cursorLoop = run(dir, cursor);
	CHECK(cursorLoop.exitCode == 65);
	CHECK_THAT(cursorLoop.err, Catch::Contains("pagination loop"));

	const ProcessResult limited = run(dir, ini(server.url() + "/albums?_page=1&_limit=10", "pagination = link\nmax_pages = 3\n"));
	CHECK(limited.exitCode == 65);
	CHECK_THAT(limited.err, Catch::Contains("more than max_pages = 3 pages"));
}

TEST_CASE("fan-out: partitions fill the URL and records come out in partition order", "[partition]")
{
	MockApiServer server;
	TempDir dir;
	const ProcessResult range = run(dir, ini(server.url() + "/albums/{id}", "partition.id = 1..40\n", "concurrency = 8\n"));
	INFO(range.err);
	CHECK(range.exitCode == 0);
	std::string expected;
	for (int i = 1; i <= 40; ++i)
		expected += (i > 1 ? "," : "") + std::to_string(i);
	CHECK(ids(range.out) == expected);

	const ProcessResult list = run(dir, ini(server.url() + "/albums/{id}", "partition.id = 7, 3, 9\n"), {"-o", "ndjson", "--concurrency", "3"});
	CHECK(ids(list.out) == "7,3,9");

	dir.write("ids.txt", "12\n\n5\n");
	const ProcessResult file = run(dir, ini(server.url() + "/albums/{id}", "partition.id = @ids.txt\n"));
	CHECK(ids(file.out) == "12,5");

	const ProcessResult users = run(dir, ini(server.url() + "/albums?userId={user}&_start={start}&_limit=1", "partition.user = 2, 4\npartition.start = 0, 1\n"));
	CHECK(ids(users.out) == "11,12,31,32");
}

TEST_CASE("fan-out: a failing request stops the run with its exit code", "[partition]")
{
	MockApiServer server;
	TempDir dir;
	const ProcessResult result = run(dir, ini(server.url() + "/albums/{id}", "partition.id = 98..103\n"), {"-o", "ndjson", "--concurrency", "4"});
	CHECK(result.exitCode == 65);
	CHECK_THAT(result.err, Catch::Contains("/albums/101") && Catch::Contains("404"));
	CHECK(ids(result.out) == "98,99,100");
}

TEST_CASE("partition and pagination mistakes are configuration errors", "[partition]")
{
	TempDir dir;
	CHECK_THAT(run(dir, ini("http://127.0.0.1:9/albums/{id}")).err, Catch::Contains("{id} has no partition.id"));
	CHECK_THAT(run(dir, ini("http://127.0.0.1:9/albums/1", "partition.id = 1..3\n")).err, Catch::Contains("the url has no {id} placeholder"));
	CHECK_THAT(run(dir, ini("http://127.0.0.1:9/albums/{id}", "partition.id = 5..1\n")).err, Catch::Contains("is not a range"));
	CHECK_THAT(run(dir, ini("http://127.0.0.1:9/albums", "pagination = pages\n")).err, Catch::Contains("'pages' is not a pagination"));
	CHECK_THAT(run(dir, ini("http://127.0.0.1:9/albums", "pagination = offset\n")).err, Catch::Contains("needs limit = N"));
	CHECK_THAT(run(dir, ini("http://127.0.0.1:9/albums", "limit = 5\n")).err, Catch::Contains("only used with pagination"));
	CHECK(run(dir, ini("http://127.0.0.1:9/albums", "max_body = lots\n")).exitCode == 78);
	CHECK(run(dir, ini("http://127.0.0.1:9/albums", "trusted_origins = not a url\n")).exitCode == 78);
}

// Two partitions make a run of more than one plain-http request at concurrency
// 2, which goes through the event-driven runner instead of worker threads: the
// same faults must end the same way there.
TEST_CASE("fan-out over plain http keeps the transport's promises", "[transport][event]")
{
	MockApiServer server;
	TempDir dir;
	const std::string fanOut = "partition.n = 1, 2\n";
	const std::vector<std::string> args{"-o", "ndjson", "--concurrency", "2"};

	const ProcessResult slow = run(dir, ini(server.url() + "/fault/delay?ms=3000&n={n}", fanOut + "timeout = 0.3\nmax_tries = 1\n"), args);
	CHECK(slow.exitCode == 69);
	CHECK_THAT(slow.err, Catch::Contains("no answer within 0.3 s"));

	const ProcessResult trickle = run(dir, ini(server.url() + "/fault/trickle?interval_ms=200&n={n}", fanOut + "timeout = 5\ndeadline = 1\n"), args);
	CHECK(trickle.exitCode == 69);
	CHECK_THAT(trickle.err, Catch::Contains("did not finish within the deadline"));

	const ProcessResult shortBody = run(dir, ini(server.url() + "/fault/lie-length?n={n}", fanOut), args);
	CHECK(shortBody.exitCode == 69);
	CHECK_THAT(shortBody.err, Catch::Contains("the body ended after 51 of the 151 bytes"));

	const ProcessResult chunked = run(dir, ini(server.url() + "/fault/chunked?n={n}", fanOut), args);
	CHECK(chunked.exitCode == 0);
	CHECK(lines(chunked.out) == 200);
	const ProcessResult broken = run(dir, ini(server.url() + "/fault/broken-chunked?n={n}", fanOut), args);
	CHECK(broken.exitCode == 69);
	CHECK_THAT(broken.err, Catch::Contains("broke off"));

	const ProcessResult big = run(dir, ini(server.url() + "/fault/big?bytes=200000&n={n}", fanOut + "max_body = 64K\n"), args);
	CHECK(big.exitCode == 69);
	CHECK_THAT(big.err, Catch::Contains("larger than max_body (65536 bytes)"));

	const std::size_t before = server.requests().size();
	const ProcessResult retried = run(dir, ini(server.url() + "/fault/status?code=503&times=2&key=e{n}&retry_after=0", fanOut), args);
	INFO(retried.err);
	CHECK(retried.exitCode == 0);
	CHECK(retried.out == kAlbum1 + "\n" + kAlbum1 + "\n");
	CHECK_THAT(retried.err, Catch::Contains("try 2 of 4") && Catch::Contains("try 3 of 4"));
	CHECK(server.requests().size() - before == 6);

	const ProcessResult exhausted = run(dir, ini(server.url() + "/fault/status?code=502&times=100&key=f{n}", fanOut + "max_tries = 3\n"), args);
	CHECK(exhausted.exitCode == 75);
	CHECK_THAT(exhausted.err, Catch::Contains("gave up after 3 tries; the last answer was 502 Bad Gateway"));

	const ProcessResult refused = run(dir, ini("http://127.0.0.1:9/albums/{n}", fanOut + "max_tries = 2\n"), args);
	CHECK(refused.exitCode == 69);
	CHECK_THAT(refused.err, Catch::Contains("http://127.0.0.1:9/albums/1") && Catch::Contains("gave up after 2 tries"));
}

TEST_CASE("fan-out over plain http: redirects carry no credential to another origin", "[transport][event]")
{
	MockApiServer server;
	MockApiServer other({"--no-auth"});
	TempDir dir;
	const std::string fanOut = "partition.id = 1, 2\n";
	const std::vector<std::string> args{"-o", "ndjson", "--concurrency", "2"};
	const ProcessResult result = run(dir, ini(server.url() + "/fault/redirect?to=" + other.url() + "/albums/{id}", fanOut), args);
	INFO(result.err);
	CHECK(result.exitCode == 0);
	CHECK(lines(result.out) == 2);
	REQUIRE(other.requests().size() == 2);
	for (const std::string& request: other.requests())
		CHECK_THAT(request, Catch::Contains("auth=no") && !Catch::Contains("Authorization") && !Catch::Contains("Cookie"));

	const ProcessResult trusted = run(dir, ini(server.url() + "/fault/redirect?to=" + other.url() + "/albums/{id}", fanOut + "trusted_origins = " + other.url() + "\n"), args);
	CHECK(trusted.exitCode == 0);
	REQUIRE(other.requests().size() == 4);
	CHECK_THAT(other.requests()[3], Catch::Contains("auth=yes"));

	const ProcessResult relative = run(dir, ini(server.url() + "/fault/redirect?to=/albums/{id}&code=303", fanOut), args);
	CHECK(relative.exitCode == 0);
	CHECK(ids(relative.out) == "1,2");
	const ProcessResult loop = run(dir, ini(server.url() + "/fault/redirect-loop?n={id}", fanOut + "max_redirects = 3\n"), args);
	CHECK(loop.exitCode == 69);
	CHECK_THAT(loop.err, Catch::Contains("more than 3 redirects"));
}

TEST_CASE("fan-out over plain http: pages of many sources - in order", "[transport][event][pagination]")
{
	MockApiServer server;
	TempDir dir;
	const ProcessResult result = run(dir, ini(server.url() + "/albums?userId={user}&_page=1&_limit=3", "partition.user = 1..4\npagination = link\n"), {"-o", "ndjson", "--concurrency", "3"});
	INFO(result.err);
	CHECK(result.exitCode == 0);
	CHECK(lines(result.out) == 40);
	CHECK(ids(result.out).substr(0, 12) == "1,2,3,4,5,6,");
	CHECK(ids(result.out).substr(ids(result.out).size() - 5) == "39,40");
}
