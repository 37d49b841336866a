#pragma once

#include <Poco/Mutex.h>
#include <Poco/Timestamp.h>

#include <map>
#include <string>

namespace datatap {
namespace mock {

/// Hands out access and session tokens that expire after a lifetime or a number
/// of uses, and checks them, so clients can be tested for refreshing in time.
class TokenIssuer
{
public:
	/// uses: how many requests a token admits; 0 for no limit.
	TokenIssuer(int lifetimeSeconds, int uses);

	std::string issue();
	/// True for a token issued here that has neither expired nor been used up;
	/// counts the use.
	bool admit(const std::string& token);
	int lifetimeSeconds() const;

private:
	struct Grant
	{
		Poco::Timestamp expires;
		int usesLeft;
	};

	const int _lifetimeSeconds;
	const int _uses;
	Poco::FastMutex _mutex;
	std::map<std::string, Grant> _grants;
};

} // namespace mock
} // namespace datatap
