#pragma once

#include "AlbumCatalog.h"
#include "DigestVerifier.h"
#include "FaultCounter.h"
#include "MockAccount.h"
#include "RequestLog.h"
#include "RouteGuard.h"
#include "TokenIssuer.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/URI.h>

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace datatap {
namespace mock {

/// Decides how the mock answers each request: logs it, finds the first route
/// that matches its path, lets the route's guard check the credential, then
/// hands it to the route's handler.
class MockRequestHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory
{
public:
	/// requestLog may be null when no log was asked for.
	/// An account with an empty token serves /albums without credentials (a
	/// second instance that a redirect test points at, to see what arrives there).
	MockRequestHandlerFactory(MockAccount account, std::shared_ptr<RequestLog> requestLog);

	Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
	/// Makes the handler for a request whose path and method matched a route.
	using HandlerCreator = std::function<Poco::Net::HTTPRequestHandler*(const Poco::URI& uri)>;

	struct Route
	{
		std::string path;
		std::set<std::string> methods;
		RouteGuard guard;
		HandlerCreator create;
	};

	/// A route matches its path and every path below it ("/albums", "/albums/7").
	void addRoute(const std::string& path, std::set<std::string> methods, RouteGuard guard, HandlerCreator create);
	/// The album routes, at path ("/albums" or a prefixed copy), behind guard.
	void addAlbums(const std::string& path, RouteGuard guard);
	const Route* findRoute(const std::string& path) const;
	static Poco::Net::HTTPRequestHandler* refuse(const RouteGuard& guard);

	const MockAccount _account;
	const std::shared_ptr<RequestLog> _requestLog;
	const AlbumCatalog _catalog;
	TokenIssuer _issuer;
	DigestVerifier _digest;
	FaultCounter _faultCounter;
	/// Guards paths no route serves, so a client without the right credential
	/// learns nothing about which paths exist.
	const RouteGuard _defaultGuard;
	std::vector<Route> _routes;
};

} // namespace mock
} // namespace datatap
