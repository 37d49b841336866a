#pragma once

#include "AlbumCatalog.h"
#include "RequestLog.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/URI.h>

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace datatap {
namespace mock {

/// Decides how the mock answers each request: logs it, checks the credential,
/// then hands it to the handler of the first route that matches its path.
class MockRequestHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory
{
public:
	/// An empty apiKey accepts no X-API-Key header; requestLog may be null when
	/// no log was asked for.
	MockRequestHandlerFactory(const std::string& token, const std::string& apiKey, std::shared_ptr<RequestLog> requestLog);

	Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
	/// Makes the handler for a request whose path and method matched a route.
	using HandlerCreator = std::function<Poco::Net::HTTPRequestHandler*(const Poco::URI& uri)>;

	struct Route
	{
		std::string path;
		std::set<std::string> methods;
		HandlerCreator create;
	};

	/// A route matches its path and every path below it ("/albums", "/albums/7").
	void addRoute(const std::string& path, std::set<std::string> methods, HandlerCreator create);
	const Route* findRoute(const std::string& path) const;
	bool isAuthorized(const Poco::Net::HTTPServerRequest& request) const;

	const std::string _expectedAuthorization;
	const std::string _apiKey;
	const std::shared_ptr<RequestLog> _requestLog;
	const AlbumCatalog _catalog;
	std::vector<Route> _routes;
};

} // namespace mock
} // namespace datatap
