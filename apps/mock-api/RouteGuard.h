#pragma once

#include "DigestVerifier.h"
#include "TokenIssuer.h"

#include <Poco/Net/HTTPServerRequest.h>

#include <functional>
#include <string>
#include <vector>

namespace datatap {
namespace mock {

/// Decides whether a request may reach a route, and what a refused client is
/// told (its WWW-Authenticate challenges). Each credential the mock understands
/// is one factory, so a route states its auth in one word where it is added.
class RouteGuard
{
public:
	using Check = std::function<bool(const Poco::Net::HTTPServerRequest&)>;
	using Challenges = std::function<std::vector<std::string>()>;

	RouteGuard(Check check, Challenges challenges);

	/// Admits everyone: the token endpoint and the login route check their own input.
	static RouteGuard open();
	/// The header must carry exactly this value ("Basic <token>", "Bearer <token>").
	static RouteGuard header(const std::string& name, const std::string& value, const std::string& challenge);
	/// The key in the X-API-Key header, the api_key query parameter or the api_key cookie.
	static RouteGuard apiKey(const std::string& key);
	/// "Authorization: Bearer <token>" with a token the issuer handed out and still honours.
	static RouteGuard issuedToken(TokenIssuer& issuer);
	static RouteGuard digest(DigestVerifier& verifier);
	/// An HMAC-SHA256 signature over method, target, X-Date and X-Content-SHA256,
	/// dated within five minutes, as the hmac strategy signs by default.
	static RouteGuard hmac(const std::string& keyId, const std::string& secret);

	bool admits(const Poco::Net::HTTPServerRequest& request) const;
	std::vector<std::string> challenges() const;

private:
	Check _check;
	Challenges _challenges;
};

} // namespace mock
} // namespace datatap
