#pragma once

#include "MockAccount.h"
#include "TokenIssuer.h"

#include <Poco/Net/HTTPRequestHandler.h>

namespace datatap {
namespace mock {

/// A JSON login: {"username": ..., "password": ...} in, a session token from
/// the issuer out, at /session/token of the answer, as many web APIs nest it.
class LoginHandler : public Poco::Net::HTTPRequestHandler
{
public:
	static const std::string PATH;

	LoginHandler(const MockAccount& account, TokenIssuer& issuer);

	void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
	const MockAccount& _account;
	TokenIssuer& _issuer;
};

} // namespace mock
} // namespace datatap
