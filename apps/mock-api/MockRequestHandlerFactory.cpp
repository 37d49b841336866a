#include "MockRequestHandlerFactory.h"

#include "AlbumsHandler.h"
#include "FixedResponseHandler.h"
#include "JsonResponse.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPServerRequest.h>

#include <cstddef>
#include <utility>

namespace datatap {
namespace mock {

namespace {

// Looks at every byte of the expected value whatever the guess, so response
// times do not tell a client how much of its guess was right.
bool constantTimeEquals(const std::string& expected, const std::string& actual)
{
	unsigned difference = expected.size() == actual.size() ? 0u : 1u;
	for (std::size_t i = 0; i < expected.size(); ++i)
	{
		const char guessed = i < actual.size() ? actual[i] : '\0';
		difference |= static_cast<unsigned>(static_cast<unsigned char>(expected[i]) ^ static_cast<unsigned char>(guessed));
	}
	return difference == 0;
}

std::string joined(const std::set<std::string>& values)
{
	std::string result;
	for (const auto& value : values)
	{
		if (!result.empty()) result += ", ";
		result += value;
	}
	return result;
}

const std::string API_KEY_HEADER = "X-API-Key";

} // namespace

MockRequestHandlerFactory::MockRequestHandlerFactory(const std::string& token, const std::string& apiKey, std::shared_ptr<RequestLog> requestLog):
	_expectedAuthorization("Basic " + token),
	_apiKey(apiKey),
	_requestLog(std::move(requestLog))
{
	addRoute(AlbumsHandler::PATH, {Poco::Net::HTTPRequest::HTTP_GET}, [this](const Poco::URI& uri)
	{
		return new AlbumsHandler(_catalog, uri);
	});
}

Poco::Net::HTTPRequestHandler* MockRequestHandlerFactory::createRequestHandler(const Poco::Net::HTTPServerRequest& request)
{
	if (_requestLog)
		_requestLog->record(request.getMethod(), request.getURI(), request.has(Poco::Net::HTTPRequest::AUTHORIZATION) || request.has(API_KEY_HEADER));

	// Before routing, like a real API gateway: a client without the right
	// credential learns nothing about which paths exist.
	if (!isAuthorized(request))
	{
		Poco::Net::NameValueCollection headers;
		headers.set("WWW-Authenticate", "Basic realm=\"datatap-mock-api\"");
		return new FixedResponseHandler(Poco::Net::HTTPResponse::HTTP_UNAUTHORIZED, R"({"error":"unauthorized"})", std::move(headers));
	}

	Poco::URI uri;
	try
	{
		uri = Poco::URI(request.getURI());
	}
	catch (const Poco::SyntaxException&)
	{
		return new FixedResponseHandler(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, R"({"error":"bad request"})");
	}

	const Route* route = findRoute(uri.getPath());
	if (!route)
		return new FixedResponseHandler(Poco::Net::HTTPResponse::HTTP_NOT_FOUND, JsonResponse::NOT_FOUND_BODY);

	if (route->methods.count(request.getMethod()) == 0)
	{
		Poco::Net::NameValueCollection headers;
		headers.set("Allow", joined(route->methods));
		return new FixedResponseHandler(Poco::Net::HTTPResponse::HTTP_METHOD_NOT_ALLOWED, R"({"error":"method not allowed"})", std::move(headers));
	}

	return route->create(uri);
}

void MockRequestHandlerFactory::addRoute(const std::string& path, std::set<std::string> methods, HandlerCreator create)
{
	_routes.push_back({path, std::move(methods), std::move(create)});
}

const MockRequestHandlerFactory::Route* MockRequestHandlerFactory::findRoute(const std::string& path) const
{
	for (const auto& route : _routes)
	{
		if (path.compare(0, route.path.size(), route.path) != 0) continue;
		if (path.size() == route.path.size() || path[route.path.size()] == '/') return &route;
	}
	return nullptr;
}

bool MockRequestHandlerFactory::isAuthorized(const Poco::Net::HTTPServerRequest& request) const
{
	if (!_apiKey.empty() && request.has(API_KEY_HEADER))
		return constantTimeEquals(_apiKey, request.get(API_KEY_HEADER));
	return constantTimeEquals(_expectedAuthorization, request.get(Poco::Net::HTTPRequest::AUTHORIZATION, ""));
}

} // namespace mock
} // namespace datatap
