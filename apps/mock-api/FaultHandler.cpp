#include "FaultHandler.h"

#include "JsonResponse.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/NumberParser.h>
#include <Poco/DeflatingStream.h>
#include <Poco/Thread.h>

#include <sstream>


namespace datatap {
namespace mock {

const std::string FaultHandler::PATH = "/fault";

FaultHandler::FaultHandler(const AlbumCatalog& catalog, FaultCounter& counter, const Poco::URI& uri):
	_catalog(catalog),
	_counter(counter),
	_uri(uri)
{
}

std::string FaultHandler::parameter(const std::string& name, const std::string& fallback) const
{
	for (const auto& [key, value]: _uri.getQueryParameters())
	{
		if (key == name)
			return value;
	}
	return fallback;
}

int FaultHandler::number(const std::string& name, int fallback) const
{
	int value = fallback;
	Poco::NumberParser::tryParse(parameter(name), value);
	return value;
}

void FaultHandler::handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
	const std::string fault = _uri.getPath().substr(PATH.size());
	const std::string album = AlbumCatalog::toJson(*_catalog.find(1));
	using Status = Poco::Net::HTTPResponse::HTTPStatus;

	if (fault == "/delay")
	{
		Poco::Thread::sleep(number("ms", 1000));
		JsonResponse::send(request, response, Status::HTTP_OK, album);
	}
	else if (fault == "/trickle")
	{
		const int interval = number("interval_ms", 500);
		response.setContentType("application/json");
		response.setContentLength(static_cast<std::streamsize>(album.size()));
		std::ostream& out = response.send();
		for (const char c: album)
		{
			out.put(c).flush();
			if (!out)
				return;
			Poco::Thread::sleep(interval);
		}
	}
	else if (fault == "/lie-length")
	{
		response.setContentType("application/json");
		response.setContentLength(static_cast<std::streamsize>(album.size() + 100));
		response.setKeepAlive(false);
		response.send() << album << std::flush;
	}
	else if (fault == "/broken-chunked")
	{
		// The chunks are written by hand, since POCO's own chunked stream would end
		// the body properly. The leading blank keeps POCO's server from seeing
		// "chunked" (and wrapping our chunks in its own); clients trim it.
		response.setContentType("application/json");
		response.setChunkedTransferEncoding(false);
		response.set("Transfer-Encoding", " chunked");
		response.setKeepAlive(true);
		std::ostream& out = response.send();
		out << std::hex << album.size() << "\r\n" << album.substr(0, album.size() / 2) << std::flush;
		// Thrown, so POCO drops the connection instead of waiting for the next request.
		throw Poco::Net::NetException("broken-chunked: closing mid-chunk on purpose");
	}
	else if (fault == "/status")
	{
		const int code = number("code", 503);
		const int times = number("times", 1);
		if (_counter.next(parameter("key", "status")) < times)
		{
			if (!parameter("retry_after").empty())
				response.set("Retry-After", parameter("retry_after"));
			JsonResponse::send(request, response, static_cast<Status>(code), R"({"error":"try later"})");
		}
		else
			JsonResponse::send(request, response, Status::HTTP_OK, album);
	}
	else if (fault == "/redirect")
	{
		response.set("Location", parameter("to", "/albums/1"));
		JsonResponse::send(request, response, static_cast<Status>(number("code", 302)), "{}");
	}
	else if (fault == "/chunked")
	{
		// A well-formed chunked body in many chunks, as most real servers send.
		response.setContentType("application/json");
		response.setChunkedTransferEncoding(true);
		std::ostream& out = response.send();
		out << '[';
		for (std::size_t i = 0; i < _catalog.albums().size(); ++i)
			out << (i > 0 ? "," : "") << AlbumCatalog::toJson(_catalog.albums()[i]) << std::flush;
		out << ']';
	}
	else if (fault == "/gzip" || fault == "/deflate" || fault == "/double-gzip" || fault == "/gzip-bomb")
	{
		// A bomb: a few KiB of gzip that inflate to a string of `mb` MiB of zeros.
		std::string plain = album;
		if (fault == "/gzip-bomb")
			plain = R"({"userId":1,"id":1,"title":")" + std::string(static_cast<std::size_t>(number("mb", 64)) << 20, '0') + R"("})";
		std::ostringstream packed;
		{
			Poco::DeflatingOutputStream deflater(packed, fault == "/deflate" ? Poco::DeflatingStreamBuf::STREAM_ZLIB : Poco::DeflatingStreamBuf::STREAM_GZIP);
			deflater << plain;
			deflater.close();
		}
		response.set("Content-Encoding", fault == "/deflate" ? "deflate" : fault == "/double-gzip" ? "gzip, gzip" : "gzip");
		JsonResponse::send(request, response, Status::HTTP_OK, packed.str());
	}
	else if (fault == "/redirect-loop")
	{
		response.set("Location", _uri.getPathAndQuery());
		JsonResponse::send(request, response, Status::HTTP_FOUND, "{}");
	}
	else if (fault == "/big")
	{
		const int bytes = number("bytes", 1 << 20);
		std::string body = "[";
		for (int i = 0; static_cast<int>(body.size()) < bytes; ++i)
			body += (i > 0 ? "," : "") + AlbumCatalog::toJson(_catalog.albums()[static_cast<std::size_t>(i) % _catalog.albums().size()]);
		body += "]";
		JsonResponse::send(request, response, Status::HTTP_OK, body);
	}
	else if (fault == "/link-loop")
	{
		response.set("Link", "<" + _uri.getPathAndQuery() + ">; rel=\"next\"");
		JsonResponse::send(request, response, Status::HTTP_OK, "[" + album + "]");
	}
	else if (fault == "/echo")
	{
		// Any body a test needs, e.g. a malformed document for the decoders.
		JsonResponse::send(request, response, Status::HTTP_OK, parameter("body"));
	}
	else if (fault.rfind("/album/", 0) == 0)
	{
		// Ids beyond the catalog wrap around, so a long run (the soak test) can
		// fetch as many distinct URLs as it likes.
		int id = 0;
		if (Poco::NumberParser::tryParse(fault.substr(7), id) && id > 0)
			JsonResponse::send(request, response, Status::HTTP_OK, AlbumCatalog::toJson(_catalog.albums()[static_cast<std::size_t>(id - 1) % _catalog.albums().size()]));
		else
			JsonResponse::send(request, response, Status::HTTP_NOT_FOUND, JsonResponse::NOT_FOUND_BODY);
	}
	else if (fault == "/cursor-loop")
	{
		JsonResponse::send(request, response, Status::HTTP_OK, R"({"data":[)" + album + R"(],"next":"same"})");
	}
	else
	{
		JsonResponse::send(request, response, Status::HTTP_NOT_FOUND, JsonResponse::NOT_FOUND_BODY);
	}
}

} // namespace mock
} // namespace datatap
