// `digest`: HTTP Digest access authentication (RFC 7616) with MD5 or SHA-256 and
// qop=auth. The first request goes out without credentials; the server's 401
// names realm and nonce, and the strategy answers it once. Later requests reuse
// the nonce with a rising nonce count, so they need no extra round trip.
//
// POCO 1.11's HTTPDigestCredentials knows MD5 only, so the response is computed
// here with Poco::MD5Engine and Poco::SHA2Engine; HTTPAuthenticationParams still
// parses the challenge.

#include <datatap/Plugin.h>

#include <Poco/DigestEngine.h>
#include <Poco/MD5Engine.h>
#include <Poco/Net/HTTPAuthenticationParams.h>
#include <Poco/NumberFormatter.h>
#include <Poco/RandomStream.h>
#include <Poco/SHA2Engine.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include <memory>
#include <mutex>

namespace {

const std::string kScheme = "Digest";

struct Challenge
{
	std::string realm;
	std::string nonce;
	std::string opaque;
	std::string algorithm; ///< as the server spelled it: MD5, SHA-256, MD5-sess, SHA-256-sess
	bool qopAuth = false;  ///< false: an RFC 2069 server that offered no qop
};

bool isSha256(const std::string& algorithm)
{
	return Poco::icompare(algorithm, 0, 7, std::string("SHA-256")) == 0;
}

bool isSession(const std::string& algorithm)
{
	return algorithm.size() > 5 && Poco::icompare(algorithm.substr(algorithm.size() - 5), "-sess") == 0;
}

std::string hash(const std::string& algorithm, const std::string& text)
{
	std::unique_ptr<Poco::DigestEngine> engine;
	if (isSha256(algorithm))
		engine = std::make_unique<Poco::SHA2Engine>(Poco::SHA2Engine::SHA_256);
	else
		engine = std::make_unique<Poco::MD5Engine>();
	engine->update(text);
	return Poco::DigestEngine::digestToHex(engine->digest());
}

std::string randomHex(std::size_t bytes)
{
	Poco::RandomInputStream random;
	std::string result;
	for (std::size_t i = 0; i < bytes; ++i)
		Poco::NumberFormatter::appendHex(result, static_cast<unsigned>(static_cast<unsigned char>(random.get())), 2);
	return result;
}

class DigestAuth: public datatap::AuthStrategy
{
public:
	void configure(const datatap::PluginOptions& options) override
	{
		_username = options.getHeaderValue("username");
		_password = options.getString("password");
		if (_username.find_first_of("\"\\") != std::string::npos)
			options.fail("username", "must not contain '\"' or '\\'");
		const std::string algorithm = options.getString("algorithm");
		if (algorithm != "auto" && algorithm != "MD5" && algorithm != "SHA-256")
			options.fail("algorithm", "must be auto, MD5 or SHA-256, found '" + algorithm + "'");
		_algorithm = algorithm;
	}

	void apply(datatap::AuthRequest& request) override
	{
		std::unique_lock<std::mutex> lock(_mutex);
		if (_challenge.nonce.empty())
			return;
		const Challenge challenge = _challenge;
		const unsigned long count = ++_nonceCount;
		lock.unlock();

		const std::string uri = request.uri().getPathAndQuery().empty() ? "/" : request.uri().getPathAndQuery();
		const std::string nc = Poco::NumberFormatter::formatHex(count, 8);
		const std::string cnonce = randomHex(16);
		std::string ha1 = hash(challenge.algorithm, _username + ":" + challenge.realm + ":" + _password);
		if (isSession(challenge.algorithm))
			ha1 = hash(challenge.algorithm, ha1 + ":" + challenge.nonce + ":" + cnonce);
		const std::string ha2 = hash(challenge.algorithm, request.method() + ":" + uri);
		const std::string response = challenge.qopAuth
			? hash(challenge.algorithm, ha1 + ":" + challenge.nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)
			: hash(challenge.algorithm, ha1 + ":" + challenge.nonce + ":" + ha2);

		std::string header = kScheme + " username=\"" + _username + "\", realm=\"" + challenge.realm + "\", uri=\"" + uri + "\", algorithm=" + challenge.algorithm + ", nonce=\"" + challenge.nonce + "\"";
		if (challenge.qopAuth)
			header += ", nc=" + nc + ", cnonce=\"" + cnonce + "\", qop=auth";
		header += ", response=\"" + response + "\"";
		if (!challenge.opaque.empty())
			header += ", opaque=\"" + challenge.opaque + "\"";
		request.setCredentialHeader("Authorization", header);
	}

	datatap::ChallengeResponse onChallenge(const datatap::AuthChallenge& challenge) override
	{
		if (challenge.status != 401)
			return datatap::ChallengeResponse::Fail;
		Challenge best;
		std::vector<std::string> offered;
		for (const std::string& header: challenge.wwwAuthenticate)
		{
			if (Poco::icompare(header, 0, kScheme.size(), kScheme) != 0 || (header.size() > kScheme.size() && header[kScheme.size()] != ' '))
			{
				offered.push_back(header.substr(0, header.find(' ')));
				continue;
			}
			Poco::Net::HTTPAuthenticationParams params;
			params.fromAuthInfo(header.substr(kScheme.size()));
			Challenge candidate;
			candidate.realm = params.get("realm", "");
			candidate.nonce = params.get("nonce", "");
			candidate.opaque = params.get("opaque", "");
			candidate.algorithm = params.get("algorithm", "MD5");
			offered.push_back(kScheme + " " + candidate.algorithm);
			bool qopOffered = false;
			Poco::StringTokenizer qops(params.get("qop", ""), ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
			for (const std::string& qop: qops)
			{
				qopOffered = true;
				candidate.qopAuth = candidate.qopAuth || qop == "auth";
			}
			if (candidate.nonce.empty() || (qopOffered && !candidate.qopAuth) || !acceptable(candidate.algorithm))
				continue;
			if (best.nonce.empty() || (isSha256(candidate.algorithm) && !isSha256(best.algorithm)))
				best = candidate;
		}
		if (best.nonce.empty())
			throw datatap::AuthError("the server offers no Digest challenge this strategy can answer (algorithm " + _algorithm + ", qop=auth); it offers: " + (offered.empty() ? std::string("nothing") : Poco::cat(std::string(", "), offered.begin(), offered.end())));

		std::lock_guard<std::mutex> lock(_mutex);
		_challenge = best;
		_nonceCount = 0;
		return datatap::ChallengeResponse::RetryOnce;
	}

private:
	bool acceptable(const std::string& algorithm) const
	{
		const bool md5 = Poco::icompare(algorithm, "MD5") == 0 || Poco::icompare(algorithm, "MD5-sess") == 0;
		const bool sha256 = Poco::icompare(algorithm, "SHA-256") == 0 || Poco::icompare(algorithm, "SHA-256-sess") == 0;
		if (_algorithm == "MD5")
			return md5;
		if (_algorithm == "SHA-256")
			return sha256;
		return md5 || sha256;
	}

	std::string _username;
	std::string _password;
	std::string _algorithm;
	std::mutex _mutex;
	Challenge _challenge;
	unsigned long _nonceCount = 0;
};

const DatatapOption kOptions[] = {
	{"username", DATATAP_OPTION_STRING, DATATAP_OPTION_REQUIRED, nullptr, "the user name"},
	{"password", DATATAP_OPTION_STRING, DATATAP_OPTION_REQUIRED | DATATAP_OPTION_SECRET, nullptr, "the password; only its hash is sent"},
	{"algorithm", DATATAP_OPTION_STRING, 0, "auto", "auto (SHA-256 when offered, else MD5), MD5 or SHA-256"},
};

const DatatapClass kClasses[] = {
	{"digest", DATATAP_KIND_AUTH, "DigestAuth", "1.0.0", "HTTP Digest (RFC 7616): MD5 or SHA-256, qop=auth, answering the server's challenge", kOptions, datatap::countOf(kOptions)},
};

} // namespace

DATATAP_PLUGIN_HANDSHAKE(kClasses)

DATATAP_BEGIN_AUTH_MANIFEST
	POCO_EXPORT_CLASS(DigestAuth)
POCO_END_MANIFEST
