#include "FixedResponseHandler.h"

#include "JsonResponse.h"

#include <Poco/Net/HTTPServerResponse.h>

#include <utility>

namespace datatap {
namespace mock {

FixedResponseHandler::FixedResponseHandler(Poco::Net::HTTPResponse::HTTPStatus status, std::string body, Poco::Net::NameValueCollection headers):
	_status(status),
	_body(std::move(body)),
	_headers(std::move(headers))
{
}

void FixedResponseHandler::handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
	for (const auto& header : _headers)
	{
		// add, not set: a server may send several WWW-Authenticate challenges.
		response.add(header.first, header.second);
	}
	JsonResponse::send(request, response, _status, _body);
}

} // namespace mock
} // namespace datatap
