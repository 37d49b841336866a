#include "TokenIssuer.h"

#include <Poco/NumberFormatter.h>
#include <Poco/RandomStream.h>
#include <Poco/Timespan.h>

namespace datatap {
namespace mock {

TokenIssuer::TokenIssuer(int lifetimeSeconds, int uses):
	_lifetimeSeconds(lifetimeSeconds),
	_uses(uses)
{
}

std::string TokenIssuer::issue()
{
	Poco::RandomInputStream random;
	std::string token = "mock-";
	for (int i = 0; i < 24; ++i)
		Poco::NumberFormatter::appendHex(token, static_cast<unsigned>(static_cast<unsigned char>(random.get())), 2);
	Poco::Timestamp expires;
	expires += Poco::Timespan(_lifetimeSeconds, 0).totalMicroseconds();

	Poco::FastMutex::ScopedLock lock(_mutex);
	_grants[token] = Grant{expires, _uses};
	return token;
}

bool TokenIssuer::admit(const std::string& token)
{
	Poco::FastMutex::ScopedLock lock(_mutex);
	auto it = _grants.find(token);
	if (it == _grants.end() || it->second.expires < Poco::Timestamp())
		return false;
	if (_uses == 0)
		return true;
	if (it->second.usesLeft == 0)
		return false;
	--it->second.usesLeft;
	return true;
}

int TokenIssuer::lifetimeSeconds() const
{
	return _lifetimeSeconds;
}

} // namespace mock
} // namespace datatap
