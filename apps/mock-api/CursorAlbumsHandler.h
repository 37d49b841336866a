#pragma once

#include "AlbumCatalog.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/URI.h>

#include <string>

namespace datatap {
namespace mock {

/// `/cursor/albums?cursor=C`: the albums ten at a time in an envelope,
/// `{"data": [...], "next": "C2"}`, with `"next": null` on the last page — the
/// shape of APIs that paginate by an opaque cursor.
class CursorAlbumsHandler: public Poco::Net::HTTPRequestHandler
{
public:
	static const std::string PATH;

	CursorAlbumsHandler(const AlbumCatalog& catalog, const Poco::URI& uri);

	void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
	const AlbumCatalog& _catalog;
	Poco::URI _uri;
};

} // namespace mock
} // namespace datatap
