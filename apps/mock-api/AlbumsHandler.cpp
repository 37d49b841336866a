#include "AlbumsHandler.h"

#include "JsonResponse.h"

#include <Poco/NumberFormatter.h>
#include <Poco/NumberParser.h>

#include <set>
#include <vector>

namespace datatap {
namespace mock {

namespace {

// Only the canonical decimal spelling counts as an id, as on JSONPlaceholder:
// NumberParser alone would also take "+1" and "1,0" (thousands separator).
bool parseId(const std::string& text, int& id)
{
	return Poco::NumberParser::tryParse(text, id) && Poco::NumberFormatter::format(id) == text;
}

} // namespace

const std::string AlbumsHandler::PATH = "/albums";

AlbumsHandler::AlbumsHandler(const AlbumCatalog& catalog, const Poco::URI& uri, const std::string& mountPath):
	_catalog(catalog),
	_uri(uri),
	_mountPath(mountPath)
{
}

void AlbumsHandler::handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
	// The factory routes the mount path and everything below it here.
	const std::string rest = _uri.getPath().substr(_mountPath.size());
	if (rest.empty())
		sendCollection(request, response);
	else
		sendAlbum(rest.substr(1), request, response);
}

void AlbumsHandler::sendCollection(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) const
{
	// Repeated userId parameters select the union, as json-server (behind
	// JSONPlaceholder) does; a value that is no id matches nothing.
	std::set<int> userIds;
	bool filtered = false;
	for (const auto& parameter : _uri.getQueryParameters())
	{
		if (parameter.first != "userId") continue;
		filtered = true;
		int userId = 0;
		if (parseId(parameter.second, userId)) userIds.insert(userId);
	}

	std::vector<const AlbumCatalog::Album*> selected;
	for (const auto& album : _catalog.albums())
	{
		if (!filtered || userIds.count(album.userId) != 0) selected.push_back(&album);
	}
	JsonResponse::send(request, response, Poco::Net::HTTPResponse::HTTP_OK, AlbumCatalog::toJson(selected));
}

void AlbumsHandler::sendAlbum(const std::string& idSegment, Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) const
{
	int id = 0;
	const AlbumCatalog::Album* album = parseId(idSegment, id) ? _catalog.find(id) : nullptr;
	if (album)
		JsonResponse::send(request, response, Poco::Net::HTTPResponse::HTTP_OK, AlbumCatalog::toJson(*album));
	else
		JsonResponse::send(request, response, Poco::Net::HTTPResponse::HTTP_NOT_FOUND, JsonResponse::NOT_FOUND_BODY);
}

} // namespace mock
} // namespace datatap
