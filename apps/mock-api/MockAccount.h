#pragma once

#include <string>

namespace datatap {
namespace mock {

/// The one account the mock knows, in every form its routes check: a static
/// token (Basic-token, Bearer, API key), and a user and password (Basic, Digest,
/// OAuth client credentials, session login, HMAC key id and secret).
struct MockAccount
{
	std::string token = "your_api_token_here";
	std::string user = "datatap";
	std::string password = "open sesame";
	/// What the token endpoint and the login route hand out.
	int tokenLifetimeSeconds = 3600;
	/// Requests an issued token is good for; 0 for no limit.
	int tokenUses = 0;
	/// How long the token endpoint takes to answer, so tests can overlap requests.
	int tokenDelayMilliseconds = 0;
};

} // namespace mock
} // namespace datatap
