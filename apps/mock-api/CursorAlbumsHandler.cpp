#include "CursorAlbumsHandler.h"

#include "JsonResponse.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/NumberParser.h>

#include <sstream>
#include <vector>

namespace datatap {
namespace mock {

namespace {

const std::size_t PAGE_SIZE = 10;

// Opaque on purpose: a client must take the cursor from the body, not compute it.
std::string encodeCursor(std::size_t offset)
{
	std::ostringstream out;
	Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
	encoder << "offset:" << offset;
	encoder.close();
	return out.str();
}

std::size_t decodeCursor(const std::string& cursor)
{
	std::istringstream in(cursor);
	Poco::Base64Decoder decoder(in, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
	std::string text;
	decoder >> text;
	unsigned offset = 0;
	if (text.compare(0, 7, "offset:") == 0)
		Poco::NumberParser::tryParseUnsigned(text.substr(7), offset);
	return offset;
}

} // namespace

const std::string CursorAlbumsHandler::PATH = "/cursor/albums";

CursorAlbumsHandler::CursorAlbumsHandler(const AlbumCatalog& catalog, const Poco::URI& uri):
	_catalog(catalog),
	_uri(uri)
{
}

void CursorAlbumsHandler::handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
	std::size_t offset = 0;
	for (const auto& [key, value] : _uri.getQueryParameters())
	{
		if (key == "cursor") offset = decodeCursor(value);
	}
	const auto& albums = _catalog.albums();
	std::vector<const AlbumCatalog::Album*> page;
	for (std::size_t i = offset; i < albums.size() && page.size() < PAGE_SIZE; ++i)
		page.push_back(&albums[i]);
	const std::size_t next = offset + page.size();
	const std::string nextCursor = next < albums.size() ? "\"" + encodeCursor(next) + "\"" : "null";
	JsonResponse::send(request, response, Poco::Net::HTTPResponse::HTTP_OK, R"({"data":)" + AlbumCatalog::toJson(page) + R"(,"next":)" + nextCursor + "}");
}

} // namespace mock
} // namespace datatap
