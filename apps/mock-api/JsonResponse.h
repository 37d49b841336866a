#pragma once

#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <string>

namespace datatap {
namespace mock {

/// Sends a complete JSON response the way every route of the mock does.
class JsonResponse
{
public:
	/// Sends body with the given status. Whatever is left of the request body is
	/// read first and the response goes out in one buffer with a Content-Length,
	/// so the connection stays usable for the client's next request.
	static void send(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status, const std::string& body);

	/// The body JSONPlaceholder sends with a 404: an empty object, not an error message.
	static const std::string NOT_FOUND_BODY;
};

} // namespace mock
} // namespace datatap
