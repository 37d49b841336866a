#include "MockRequestHandlerFactory.h"

#include "AlbumsHandler.h"
#include "CursorAlbumsHandler.h"
#include "FaultHandler.h"
#include "FixedResponseHandler.h"
#include "JsonResponse.h"
#include "LoginHandler.h"
#include "TokenEndpointHandler.h"

#include <Poco/Base64Encoder.h>
#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPServerRequest.h>

#include <cstddef>
#include <sstream>
#include <utility>

namespace datatap {
namespace mock {

namespace {

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

// The API-key route accepts the key as a query parameter; the log must not keep it.
std::string maskedTarget(std::string target)
{
	const std::size_t query = target.find('?');
	for (std::size_t at = target.find("api_key=", query); query != std::string::npos && at != std::string::npos; at = target.find("api_key=", at + 1))
	{
		if (target[at - 1] != '?' && target[at - 1] != '&') continue;
		const std::size_t value = at + 8;
		const std::size_t end = target.find('&', value);
		target.replace(value, (end == std::string::npos ? target.size() : end) - value, "****");
	}
	return target;
}

std::string base64(const std::string& text)
{
	std::ostringstream out;
	Poco::Base64Encoder encoder(out);
	encoder.rdbuf()->setLineLength(0);
	encoder << text;
	encoder.close();
	return out.str();
}

} // namespace

MockRequestHandlerFactory::MockRequestHandlerFactory(MockAccount account, std::shared_ptr<RequestLog> requestLog):
	_account(std::move(account)),
	_requestLog(std::move(requestLog)),
	_issuer(_account.tokenLifetimeSeconds, _account.tokenUses),
	_digest(_account.user, _account.password),
	_defaultGuard(_account.token.empty() ? RouteGuard::open() : RouteGuard::header(Poco::Net::HTTPRequest::AUTHORIZATION, "Basic " + _account.token, "Basic"))
{
	const std::string authorization = Poco::Net::HTTPRequest::AUTHORIZATION;
	addAlbums(AlbumsHandler::PATH, _defaultGuard);
	addAlbums("/basic" + AlbumsHandler::PATH, RouteGuard::header(authorization, "Basic " + base64(_account.user + ":" + _account.password), "Basic"));
	addAlbums("/bearer" + AlbumsHandler::PATH, RouteGuard::header(authorization, "Bearer " + _account.token, "Bearer"));
	addAlbums("/api-key" + AlbumsHandler::PATH, RouteGuard::apiKey(_account.token));
	addAlbums("/digest" + AlbumsHandler::PATH, RouteGuard::digest(_digest));
	addAlbums("/oauth" + AlbumsHandler::PATH, RouteGuard::issuedToken(_issuer));
	addAlbums("/session" + AlbumsHandler::PATH, RouteGuard::issuedToken(_issuer));
	addAlbums("/hmac" + AlbumsHandler::PATH, RouteGuard::hmac(_account.user, _account.password));
	addRoute(TokenEndpointHandler::PATH, {Poco::Net::HTTPRequest::HTTP_POST}, RouteGuard::open(), [this](const Poco::URI&)
	{
		return new TokenEndpointHandler(_account, _issuer);
	});
	addRoute(LoginHandler::PATH, {Poco::Net::HTTPRequest::HTTP_POST}, RouteGuard::open(), [this](const Poco::URI&)
	{
		return new LoginHandler(_account, _issuer);
	});
	addRoute(CursorAlbumsHandler::PATH, {Poco::Net::HTTPRequest::HTTP_GET}, _defaultGuard, [this](const Poco::URI& uri)
	{
		return new CursorAlbumsHandler(_catalog, uri);
	});
	addRoute(FaultHandler::PATH, {Poco::Net::HTTPRequest::HTTP_GET}, _defaultGuard, [this](const Poco::URI& uri)
	{
		return new FaultHandler(_catalog, _faultCounter, uri);
	});
}

Poco::Net::HTTPRequestHandler* MockRequestHandlerFactory::createRequestHandler(const Poco::Net::HTTPServerRequest& request)
{
	if (_requestLog)
	{
		std::vector<std::string> headerNames;
		for (const auto& header : request)
			headerNames.push_back(header.first);
		_requestLog->record(request.getMethod(), maskedTarget(request.getURI()), request.has(Poco::Net::HTTPRequest::AUTHORIZATION), headerNames);
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
	{
		if (!_defaultGuard.admits(request)) return refuse(_defaultGuard);
		return new FixedResponseHandler(Poco::Net::HTTPResponse::HTTP_NOT_FOUND, JsonResponse::NOT_FOUND_BODY);
	}
	if (!route->guard.admits(request)) return refuse(route->guard);

	if (route->methods.count(request.getMethod()) == 0)
	{
		Poco::Net::NameValueCollection headers;
		headers.set("Allow", joined(route->methods));
		return new FixedResponseHandler(Poco::Net::HTTPResponse::HTTP_METHOD_NOT_ALLOWED, R"({"error":"method not allowed"})", std::move(headers));
	}

	return route->create(uri);
}

void MockRequestHandlerFactory::addRoute(const std::string& path, std::set<std::string> methods, RouteGuard guard, HandlerCreator create)
{
	_routes.push_back({path, std::move(methods), std::move(guard), std::move(create)});
}

void MockRequestHandlerFactory::addAlbums(const std::string& path, RouteGuard guard)
{
	addRoute(path, {Poco::Net::HTTPRequest::HTTP_GET}, std::move(guard), [this, path](const Poco::URI& uri)
	{
		return new AlbumsHandler(_catalog, uri, path);
	});
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

Poco::Net::HTTPRequestHandler* MockRequestHandlerFactory::refuse(const RouteGuard& guard)
{
	Poco::Net::NameValueCollection headers;
	for (const std::string& challenge : guard.challenges())
	{
		headers.add("WWW-Authenticate", challenge);
	}
	return new FixedResponseHandler(Poco::Net::HTTPResponse::HTTP_UNAUTHORIZED, R"({"error":"unauthorized"})", std::move(headers));
}

} // namespace mock
} // namespace datatap
