// HTTPS against datatap-mock-api with certificates made for the test by the
// openssl command: verification is on by default, the host name is checked even
// on loopback, ca_file adds a trusted CA, insecure = true warns on every run.

#include "support/MockApiServer.h"
#include "support/ProcessRunner.h"
#include "support/TempDir.h"

#include <catch2/catch.hpp>

using datatap::test::MockApiServer;
using datatap::test::ProcessResult;
using datatap::test::ProcessRunner;
using datatap::test::TempDir;

namespace {

const std::string kAlbum1 = R"({"userId":1,"id":1,"title":"quidem molestiae enim"})";

// A self-signed certificate for the given subjectAltName, in dir/name.{crt,key}.
void makeCertificate(const TempDir& dir, const std::string& name, const std::string& altNames)
{
	const ProcessResult made = ProcessRunner::run("/usr/bin/openssl", {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=datatap test", "-addext", "subjectAltName=" + altNames, "-keyout", dir.path() + "/" + name + ".key", "-out", dir.path() + "/" + name + ".crt"});
	INFO(made.err);
	REQUIRE(made.exitCode == 0);
}

std::string ini(const std::string& url, const std::string& extra = "")
{
	return "[auth.mock]\nstrategy = basic-token\ntoken = your_api_token_here\n\n[source.s]\nurl = " + url + "\nauth = mock\ndecoder = album\nmax_tries = 1\n" + extra;
}

} // namespace

TEST_CASE("https: verified against ca_file - refused without it - host name checked on loopback", "[tls]")
{
	TempDir dir;
	makeCertificate(dir, "good", "IP:127.0.0.1,DNS:localhost");
	makeCertificate(dir, "wrong-host", "DNS:elsewhere.example");

	MockApiServer good({"--tls-cert", dir.path() + "/good.crt", "--tls-key", dir.path() + "/good.key"});
	const std::string url = "https://127.0.0.1:" + std::to_string(good.port()) + "/albums/1";

	const ProcessResult verified = ProcessRunner::datatap({"-c", dir.write("verified.ini", ini(url, "ca_file = good.crt\n")), "-o", "ndjson"});
	INFO(verified.err);
	CHECK(verified.exitCode == 0);
	CHECK(verified.out == kAlbum1 + "\n");

	const ProcessResult unknownCa = ProcessRunner::datatap({"-c", dir.write("unknown.ini", ini(url))});
	CHECK(unknownCa.exitCode == 69);
	CHECK_THAT(unknownCa.err, Catch::Contains("TLS") || Catch::Contains("certificate"));

	MockApiServer wrongHost({"--tls-cert", dir.path() + "/wrong-host.crt", "--tls-key", dir.path() + "/wrong-host.key"});
	const std::string wrongUrl = "https://127.0.0.1:" + std::to_string(wrongHost.port()) + "/albums/1";
	const ProcessResult mismatch = ProcessRunner::datatap({"-c", dir.write("mismatch.ini", ini(wrongUrl, "ca_file = wrong-host.crt\n"))});
	CHECK(mismatch.exitCode == 69);
	CHECK(good.requests().size() == 1);
	CHECK(wrongHost.requests().empty());

	const ProcessResult insecure = ProcessRunner::datatap({"-c", dir.write("insecure.ini", ini(wrongUrl, "insecure = true\n")), "-o", "ndjson"});
	CHECK(insecure.exitCode == 0);
	CHECK(insecure.out == kAlbum1 + "\n");
	CHECK_THAT(insecure.err, Catch::Contains("insecure = true") && Catch::Contains("not verified"));
}

TEST_CASE("https: a redirect to plain http is refused unless allow_downgrade is set", "[tls]")
{
	TempDir dir;
	makeCertificate(dir, "good", "IP:127.0.0.1");
	MockApiServer secure({"--tls-cert", dir.path() + "/good.crt", "--tls-key", dir.path() + "/good.key"});
	MockApiServer plain({"--no-auth"});
	const std::string url = "https://127.0.0.1:" + std::to_string(secure.port()) + "/fault/redirect?to=" + plain.url() + "/albums/1";

	const ProcessResult refused = ProcessRunner::datatap({"-c", dir.write("refused.ini", ini(url, "ca_file = good.crt\n"))});
	CHECK(refused.exitCode == 69);
	CHECK_THAT(refused.err, Catch::Contains("redirect from https to http refused"));
	CHECK(plain.requests().empty());

	const ProcessResult allowed = ProcessRunner::datatap({"-c", dir.write("allowed.ini", ini(url, "ca_file = good.crt\nallow_downgrade = true\n")), "-o", "ndjson"});
	CHECK(allowed.exitCode == 0);
	REQUIRE(plain.requests().size() == 1);
	CHECK_THAT(plain.requests()[0], Catch::Contains("auth=no"));
}

TEST_CASE("https: a fan-out over plain http follows a redirect to https - without credentials unless trusted", "[tls][event]")
{
	TempDir dir;
	makeCertificate(dir, "good", "IP:127.0.0.1,DNS:localhost");
	MockApiServer secure({"--no-auth", "--tls-cert", dir.path() + "/good.crt", "--tls-key", dir.path() + "/good.key"});
	MockApiServer plain;
	const std::string target = "https://127.0.0.1:" + std::to_string(secure.port()) + "/albums/{id}";
	const std::string config = ini(plain.url() + "/fault/redirect?to=" + target, "partition.id = 1, 2\nca_file = good.crt\n");
	const ProcessResult result = ProcessRunner::datatap({"-c", dir.write("redirect.ini", config), "-o", "ndjson", "--concurrency", "2"});
	INFO(result.err);
	CHECK(result.exitCode == 0);
	CHECK_THAT(result.out, Catch::StartsWith(kAlbum1 + "\n") && Catch::Contains("\"id\":2,"));
	REQUIRE(secure.requests().size() == 2);
	for (const std::string& request: secure.requests())
		CHECK_THAT(request, Catch::Contains("auth=no") && !Catch::Contains("Authorization"));
}
