#include "RouteGuard.h"

#include <Poco/Base64Encoder.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/DigestEngine.h>
#include <Poco/HMACEngine.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/SHA2Engine.h>
#include <Poco/Timestamp.h>
#include <Poco/URI.h>

#include <cstddef>
#include <sstream>
#include <utility>

namespace datatap {
namespace mock {

namespace {

const std::string REALM_CHALLENGE = " realm=\"datatap-mock-api\"";

// Looks at every byte of the expected value whatever the guess, so response
// times do not tell a client how much of its guess was right.
bool constantTimeEquals(const std::string& expected, const std::string& actual)
{
	unsigned difference = expected.size() == actual.size() ? 0u : 1u;
	for (std::size_t i = 0; i < expected.size(); ++i)
	{
		const char guessed = i < actual.size() ? actual[i] : '\0';
		difference |= static_cast<unsigned>(static_cast<unsigned char>(expected[i]) ^ static_cast<unsigned char>(guessed));
	}
	return difference == 0;
}

// POCO 1.11's HMACEngine needs BLOCK_SIZE and DIGEST_SIZE, which SHA2Engine lacks.
class Sha256: public Poco::SHA2Engine
{
public:
	enum
	{
		BLOCK_SIZE = 64,
		DIGEST_SIZE = 32
	};
};

std::string sha256Hex(const std::string& text)
{
	Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
	engine.update(text);
	return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string hmacBase64(const std::string& secret, const std::string& text)
{
	Poco::HMACEngine<Sha256> hmac(secret);
	hmac.update(text);
	const Poco::DigestEngine::Digest& digest = hmac.digest();
	std::ostringstream out;
	Poco::Base64Encoder encoder(out);
	encoder.rdbuf()->setLineLength(0);
	encoder.write(reinterpret_cast<const char*>(digest.data()), static_cast<std::streamsize>(digest.size()));
	encoder.close();
	return out.str();
}

bool hasQueryValue(const Poco::Net::HTTPServerRequest& request, const std::string& name, const std::string& value)
{
	try
	{
		for (const auto& parameter : Poco::URI(request.getURI()).getQueryParameters())
		{
			if (parameter.first == name && constantTimeEquals(value, parameter.second)) return true;
		}
	}
	catch (const Poco::SyntaxException&)
	{
	}
	return false;
}

bool validHmac(const Poco::Net::HTTPServerRequest& request, const std::string& keyId, const std::string& secret)
{
	const std::string date = request.get("X-Date", "");
	const std::string contentHash = request.get("X-Content-SHA256", "");
	Poco::DateTime signedAt;
	int zone = 0;
	if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::HTTP_FORMAT, date, signedAt, zone)) return false;
	const Poco::Timespan skew = Poco::Timestamp() - signedAt.timestamp();
	if (skew > Poco::Timespan(300, 0) || skew < Poco::Timespan(-300, 0)) return false;
	// The guarded routes take GET only, so the body that was signed is empty.
	if (contentHash != sha256Hex("")) return false;
	const std::string signature = hmacBase64(secret, request.getMethod() + "\n" + request.getURI() + "\n" + date + "\n" + contentHash);
	const std::string expected = "HMAC-SHA256 keyId=\"" + keyId + "\", signature=\"" + signature + "\"";
	return constantTimeEquals(expected, request.get(Poco::Net::HTTPRequest::AUTHORIZATION, ""));
}

} // namespace

RouteGuard::RouteGuard(Check check, Challenges challenges):
	_check(std::move(check)),
	_challenges(std::move(challenges))
{
}

RouteGuard RouteGuard::open()
{
	return RouteGuard([](const Poco::Net::HTTPServerRequest&) { return true; }, [] { return std::vector<std::string>{}; });
}

RouteGuard RouteGuard::header(const std::string& name, const std::string& value, const std::string& challenge)
{
	return RouteGuard(
		[name, value](const Poco::Net::HTTPServerRequest& request) { return constantTimeEquals(value, request.get(name, "")); },
		[challenge] { return std::vector<std::string>{challenge + REALM_CHALLENGE}; });
}

RouteGuard RouteGuard::apiKey(const std::string& key)
{
	return RouteGuard(
		[key](const Poco::Net::HTTPServerRequest& request)
		{
			Poco::Net::NameValueCollection cookies;
			request.getCookies(cookies);
			return constantTimeEquals(key, request.get("X-API-Key", "")) || hasQueryValue(request, "api_key", key) || constantTimeEquals(key, cookies.get("api_key", ""));
		},
		[] { return std::vector<std::string>{"ApiKey" + REALM_CHALLENGE}; });
}

RouteGuard RouteGuard::issuedToken(TokenIssuer& issuer)
{
	return RouteGuard(
		[&issuer](const Poco::Net::HTTPServerRequest& request)
		{
			const std::string authorization = request.get(Poco::Net::HTTPRequest::AUTHORIZATION, "");
			return authorization.compare(0, 7, "Bearer ") == 0 && issuer.admit(authorization.substr(7));
		},
		[] { return std::vector<std::string>{"Bearer" + REALM_CHALLENGE + ", error=\"invalid_token\""}; });
}

RouteGuard RouteGuard::digest(DigestVerifier& verifier)
{
	return RouteGuard(
		[&verifier](const Poco::Net::HTTPServerRequest& request) { return verifier.admits(request); },
		[&verifier] { return verifier.challenges(); });
}

RouteGuard RouteGuard::hmac(const std::string& keyId, const std::string& secret)
{
	return RouteGuard(
		[keyId, secret](const Poco::Net::HTTPServerRequest& request) { return validHmac(request, keyId, secret); },
		[] { return std::vector<std::string>{"HMAC-SHA256" + REALM_CHALLENGE}; });
}

bool RouteGuard::admits(const Poco::Net::HTTPServerRequest& request) const
{
	return _check(request);
}

std::vector<std::string> RouteGuard::challenges() const
{
	return _challenges();
}

} // namespace mock
} // namespace datatap

