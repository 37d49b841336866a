#include "AlbumsHandler.h"

#include "JsonResponse.h"

#include <Poco/NumberFormatter.h>
#include <Poco/NumberParser.h>

#include <algorithm>
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
	// json-server's slicing: _page (from 1) with _limit (default 10) answers with
	// a Link header (first, prev, next, last); _start with _limit or _end slices by offset.
	std::string page = parameter("_page");
	std::string start = parameter("_start");
	if (!page.empty() || !start.empty())
	{
		const std::size_t total = selected.size();
		int limit = 10;
		if (!parameter("_limit").empty() && (!parseId(parameter("_limit"), limit) || limit == 0))
			limit = 10;
		std::size_t from = 0;
		std::size_t to = total;
		int pageNumber = 1;
		if (!page.empty())
		{
			if (!parseId(page, pageNumber) || pageNumber < 1)
				pageNumber = 1;
			from = static_cast<std::size_t>(pageNumber - 1) * static_cast<std::size_t>(limit);
			to = from + static_cast<std::size_t>(limit);
		}
		else
		{
			int first = 0;
			int end = 0;
			parseId(start, first);
			from = static_cast<std::size_t>(first);
			to = !parameter("_end").empty() && parseId(parameter("_end"), end) ? static_cast<std::size_t>(end) : from + static_cast<std::size_t>(limit);
		}
		from = std::min(from, total);
		to = std::max(from, std::min(to, total));
		selected = std::vector<const AlbumCatalog::Album*>(selected.begin() + static_cast<std::ptrdiff_t>(from), selected.begin() + static_cast<std::ptrdiff_t>(to));
		response.set("X-Total-Count", std::to_string(total));
		if (!page.empty())
			response.set("Link", pageLinks(request, pageNumber, limit, total));
	}
	JsonResponse::send(request, response, Poco::Net::HTTPResponse::HTTP_OK, AlbumCatalog::toJson(selected));
}

std::string AlbumsHandler::parameter(const std::string& name) const
{
	for (const auto& [key, value] : _uri.getQueryParameters())
	{
		if (key == name) return value;
	}
	return std::string();
}

std::string AlbumsHandler::pageLinks(const Poco::Net::HTTPServerRequest& request, int page, int limit, std::size_t total) const
{
	const int last = std::max(1, static_cast<int>((total + static_cast<std::size_t>(limit) - 1) / static_cast<std::size_t>(limit)));
	const auto link = [&](int number, const char* rel) {
		Poco::URI target(_uri);
		Poco::URI::QueryParameters parameters;
		for (const auto& parameter : _uri.getQueryParameters())
		{
			if (parameter.first != "_page") parameters.push_back(parameter);
		}
		parameters.emplace_back("_page", std::to_string(number));
		target.setQueryParameters(parameters);
		return "<http://" + request.getHost() + target.getPathAndQuery() + ">; rel=\"" + rel + "\"";
	};
	std::string links = link(1, "first");
	if (page > 1) links += ", " + link(std::min(page - 1, last), "prev");
	if (page < last) links += ", " + link(page + 1, "next");
	links += ", " + link(last, "last");
	return links;
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
