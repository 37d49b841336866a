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
	/// The route this handler serves, together with everything below it.
	static const std::string PATH;

	AlbumsHandler(const AlbumCatalog& catalog, const Poco::URI& uri);

	void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
	void sendCollection(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) const;
	void sendAlbum(const std::string& idSegment, Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) const;
	std::string parameter(const std::string& name) const;
	std::string pageLinks(const Poco::Net::HTTPServerRequest& request, int page, int limit, std::size_t total) const;

	const AlbumCatalog& _catalog;
	Poco::URI _uri;
};

} // namespace mock
} // namespace datatap
