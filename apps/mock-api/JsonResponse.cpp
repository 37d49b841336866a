#include "JsonResponse.h"

#include <Poco/NullStream.h>
#include <Poco/StreamCopier.h>

namespace datatap {
namespace mock {

namespace {

// What JSONPlaceholder sends, so clients that check the charset see the same.
const std::string CONTENT_TYPE = "application/json; charset=utf-8";

} // namespace

const std::string JsonResponse::NOT_FOUND_BODY = "{}";

void JsonResponse::send(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status, const std::string& body)
{
	// On a kept-alive connection an unread request body would be parsed as the
	// start of the next request.
	Poco::NullOutputStream discard;
	Poco::StreamCopier::copyStream(request.stream(), discard);

	response.setStatusAndReason(status);
	response.setContentType(CONTENT_TYPE);
	response.sendBuffer(body.data(), body.size());
}

} // namespace mock
} // namespace datatap
