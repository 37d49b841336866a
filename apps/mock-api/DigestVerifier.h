#pragma once

#include <Poco/Mutex.h>
#include <Poco/Net/HTTPServerRequest.h>

#include <map>
#include <string>
#include <vector>

namespace datatap {
namespace mock {

/// The server side of HTTP Digest (RFC 7616, qop=auth): issues challenges for
/// SHA-256 and MD5 and checks the answers, including that each nonce count
/// rises, so a replayed Authorization header is refused.
class DigestVerifier
{
public:
	static const std::string REALM;

	DigestVerifier(std::string user, std::string password);

	/// One WWW-Authenticate value per algorithm, SHA-256 first (RFC 7616 3.7),
	/// each with a fresh nonce.
	std::vector<std::string> challenges();
	bool admits(const Poco::Net::HTTPServerRequest& request);

private:
	const std::string _user;
	const std::string _password;
	Poco::FastMutex _mutex;
	std::map<std::string, unsigned long> _lastCountByNonce;
};

} // namespace mock
} // namespace datatap
