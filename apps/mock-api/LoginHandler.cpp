#include "LoginHandler.h"

#include "JsonResponse.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <sstream>

namespace datatap {
namespace mock {

const std::string LoginHandler::PATH = "/login";

LoginHandler::LoginHandler(const MockAccount& account, TokenIssuer& issuer):
	_account(account),
	_issuer(issuer)
{
}

void LoginHandler::handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
	Poco::JSON::Object::Ptr credentials;
	try
	{
		credentials = Poco::JSON::Parser().parse(request.stream()).extract<Poco::JSON::Object::Ptr>();
	}
	catch (const Poco::Exception&)
	{
		JsonResponse::send(request, response, Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, R"({"error":"expected a JSON object"})");
		return;
	}
	if (credentials->optValue<std::string>("username", "") != _account.user || credentials->optValue<std::string>("password", "") != _account.password)
	{
		JsonResponse::send(request, response, Poco::Net::HTTPResponse::HTTP_UNAUTHORIZED, R"({"error":"invalid username or password"})");
		return;
	}
	Poco::JSON::Object::Ptr session = new Poco::JSON::Object;
	session->set("token", _issuer.issue());
	session->set("user", _account.user);
	Poco::JSON::Object answer;
	answer.set("session", session);
	std::ostringstream body;
	answer.stringify(body);
	JsonResponse::send(request, response, Poco::Net::HTTPResponse::HTTP_OK, body.str());
}

} // namespace mock
} // namespace datatap
