#include "TokenEndpointHandler.h"

#include "JsonResponse.h"

#include <Poco/Base64Decoder.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Thread.h>
#include <Poco/URI.h>

#include <sstream>

namespace datatap {
namespace mock {

namespace {

std::string formDecoded(const std::string& text)
{
	std::string plus = text;
	for (char& c : plus)
	{
		if (c == '+') c = ' ';
	}
	std::string decoded;
	Poco::URI::decode(plus, decoded);
	return decoded;
}

// RFC 6749 2.3.1: base64 of "id:secret", each part form-encoded first.
bool basicClient(const std::string& authorization, std::string& id, std::string& secret)
{
	if (authorization.compare(0, 6, "Basic ") != 0) return false;
	std::istringstream in(authorization.substr(6));
	Poco::Base64Decoder decoder(in);
	std::string pair((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
	const std::size_t colon = pair.find(':');
	if (colon == std::string::npos) return false;
	id = formDecoded(pair.substr(0, colon));
	secret = formDecoded(pair.substr(colon + 1));
	return true;
}

} // namespace

const std::string TokenEndpointHandler::PATH = "/oauth/token";

TokenEndpointHandler::TokenEndpointHandler(const MockAccount& account, TokenIssuer& issuer):
	_account(account),
	_issuer(issuer)
{
}

void TokenEndpointHandler::handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
	if (_account.tokenDelayMilliseconds > 0) Poco::Thread::sleep(_account.tokenDelayMilliseconds);

	Poco::Net::HTMLForm form(request, request.stream());
	if (form.get("grant_type", "") != "client_credentials")
	{
		JsonResponse::send(request, response, Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, R"({"error":"unsupported_grant_type"})");
		return;
	}
	std::string id;
	std::string secret;
	if (!basicClient(request.get("Authorization", ""), id, secret))
	{
		id = form.get("client_id", "");
		secret = form.get("client_secret", "");
	}
	if (id != _account.user || secret != _account.password)
	{
		response.set("WWW-Authenticate", "Basic realm=\"datatap-mock-api\"");
		JsonResponse::send(request, response, Poco::Net::HTTPResponse::HTTP_UNAUTHORIZED, R"({"error":"invalid_client"})");
		return;
	}

	Poco::JSON::Object answer;
	answer.set("access_token", _issuer.issue());
	answer.set("token_type", "Bearer");
	answer.set("expires_in", _issuer.lifetimeSeconds());
	if (form.has("scope")) answer.set("scope", form.get("scope"));
	std::ostringstream body;
	answer.stringify(body);
	response.set("Cache-Control", "no-store");
	JsonResponse::send(request, response, Poco::Net::HTTPResponse::HTTP_OK, body.str());
}

} // namespace mock
} // namespace datatap
