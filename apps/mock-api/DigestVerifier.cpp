#include "DigestVerifier.h"

#include <Poco/DigestEngine.h>
#include <Poco/MD5Engine.h>
#include <Poco/Net/HTTPAuthenticationParams.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/NumberFormatter.h>
#include <Poco/NumberParser.h>
#include <Poco/RandomStream.h>
#include <Poco/SHA2Engine.h>

#include <utility>

namespace datatap {
namespace mock {

namespace {

std::string digestHex(const std::string& algorithm, const std::string& text)
{
	if (algorithm == "SHA-256")
	{
		Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
		engine.update(text);
		return Poco::DigestEngine::digestToHex(engine.digest());
	}
	Poco::MD5Engine engine;
	engine.update(text);
	return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string freshNonce()
{
	Poco::RandomInputStream random;
	std::string nonce;
	for (int i = 0; i < 16; ++i)
		Poco::NumberFormatter::appendHex(nonce, static_cast<unsigned>(static_cast<unsigned char>(random.get())), 2);
	return nonce;
}

} // namespace

const std::string DigestVerifier::REALM = "datatap-mock-api";

DigestVerifier::DigestVerifier(std::string user, std::string password):
	_user(std::move(user)),
	_password(std::move(password))
{
}

std::vector<std::string> DigestVerifier::challenges()
{
	std::vector<std::string> result;
	Poco::FastMutex::ScopedLock lock(_mutex);
	for (const char* algorithm: {"SHA-256", "MD5"})
	{
		const std::string nonce = freshNonce();
		_lastCountByNonce[nonce] = 0;
		result.push_back("Digest realm=\"" + REALM + "\", qop=\"auth\", algorithm=" + algorithm + ", nonce=\"" + nonce + "\", opaque=\"mock-opaque\"");
	}
	return result;
}

bool DigestVerifier::admits(const Poco::Net::HTTPServerRequest& request)
{
	const std::string authorization = request.get(Poco::Net::HTTPRequest::AUTHORIZATION, "");
	if (authorization.compare(0, 7, "Digest ") != 0)
		return false;
	Poco::Net::HTTPAuthenticationParams params;
	try
	{
		params.fromAuthInfo(authorization.substr(7));
	}
	catch (const Poco::Exception&)
	{
		return false;
	}
	const std::string algorithm = params.get("algorithm", "MD5");
	const std::string nonce = params.get("nonce", "");
	const std::string nc = params.get("nc", "");
	const std::string cnonce = params.get("cnonce", "");
	unsigned count = 0;
	if ((algorithm != "MD5" && algorithm != "SHA-256") || params.get("qop", "") != "auth" || params.get("username", "") != _user
		|| params.get("realm", "") != REALM || params.get("uri", "") != request.getURI() || params.get("opaque", "") != "mock-opaque"
		|| cnonce.empty() || !Poco::NumberParser::tryParseHex(nc, count))
		return false;

	const std::string ha1 = digestHex(algorithm, _user + ":" + REALM + ":" + _password);
	const std::string ha2 = digestHex(algorithm, request.getMethod() + ":" + params.get("uri", ""));
	const std::string expected = digestHex(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
	if (params.get("response", "") != expected)
		return false;

	Poco::FastMutex::ScopedLock lock(_mutex);
	auto it = _lastCountByNonce.find(nonce);
	if (it == _lastCountByNonce.end() || count <= it->second)
		return false;
	it->second = count;
	return true;
}

} // namespace mock
} // namespace datatap
