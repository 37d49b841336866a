#pragma once

#include "MockAccount.h"
#include "TokenIssuer.h"

#include <Poco/Net/HTTPRequestHandler.h>

namespace datatap {
namespace mock {

/// An OAuth 2.0 token endpoint for the client credentials grant (RFC 6749 4.4):
/// the account's user and password are client id and secret, sent with Basic
/// auth or in the form; the answer is an access token from the issuer.
class TokenEndpointHandler : public Poco::Net::HTTPRequestHandler
{
public:
	static const std::string PATH;

	TokenEndpointHandler(const MockAccount& account, TokenIssuer& issuer);

	void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
	const MockAccount& _account;
	TokenIssuer& _issuer;
};

} // namespace mock
} // namespace datatap
