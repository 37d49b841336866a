#pragma once

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NameValueCollection.h>

#include <string>

namespace datatap {
namespace mock {

/// Answers a request with a status, headers and JSON body decided before the
/// request is handled; the factory uses it for every error response.
class FixedResponseHandler : public Poco::Net::HTTPRequestHandler
{
public:
	FixedResponseHandler(Poco::Net::HTTPResponse::HTTPStatus status, std::string body, Poco::Net::NameValueCollection headers = {});

	void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
	Poco::Net::HTTPResponse::HTTPStatus _status;
	std::string _body;
	Poco::Net::NameValueCollection _headers;
};

} // namespace mock
} // namespace datatap
