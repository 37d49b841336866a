#pragma once

#include <Poco/URI.h>

#include <string>
#include <vector>

namespace datatap {

/// What the server answered when it refused a request (401 or 403).
struct AuthChallenge
{
	int status = 0;
	std::string method;
	Poco::URI uri;
	std::vector<std::string> wwwAuthenticate; ///< every WWW-Authenticate header, in order
};

/// An auth strategy's answer to a challenge: give up (the runner exits 77), or
/// have the transport send the request once more through apply().
enum class ChallengeResponse
{
	Fail,
	RetryOnce
};

} // namespace datatap
