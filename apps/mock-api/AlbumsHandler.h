#pragma once

#include "AlbumCatalog.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/URI.h>

#include <string>

namespace datatap {
namespace mock {

/// Serves JSONPlaceholder's /albums collection and /albums/{id} items from the catalog.
class AlbumsHandler : public Poco::Net::HTTPRequestHandler
{
public:
	/// The route this handler serves, together with everything below it; the
	/// routes guarded by other credentials serve it below a prefix ("/bearer/albums").
	static const std::string PATH;

	/// mountPath: the route's path, PATH itself or PATH below a prefix.
	AlbumsHandler(const AlbumCatalog& catalog, const Poco::URI& uri, const std::string& mountPath);

	void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
	void sendCollection(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) const;
	void sendAlbum(const std::string& idSegment, Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) const;
	std::string parameter(const std::string& name) const;
	std::string pageLinks(const Poco::Net::HTTPServerRequest& request, int page, int limit, std::size_t total) const;

	const AlbumCatalog& _catalog;
	Poco::URI _uri;
	std::string _mountPath;
};

} // namespace mock
} // namespace datatap
