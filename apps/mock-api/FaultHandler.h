#pragma once

#include "AlbumCatalog.h"
#include "FaultCounter.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/URI.h>

#include <string>

namespace datatap {
namespace mock {

/// Misbehaves on purpose, as real servers do, so datatap's transport can be
/// tested over loopback. Routes below /fault:
///   /fault/delay?ms=N                  album 1 after N ms
///   /fault/trickle?interval_ms=N       album 1, one byte every N ms
///   /fault/lie-length                  Content-Length larger than the body, then close
///   /fault/chunked                     the 100 albums as a well-formed chunked body
///   /fault/broken-chunked              a chunked body cut off mid-chunk
///   /fault/status?code=C&times=N&key=K[&retry_after=V]
///                                      C (with Retry-After V) for the first N requests of K, then album 1
///   /fault/redirect?to=URL[&code=C]    a C (302) redirect to URL
///   /fault/redirect-loop               a redirect to itself
///   /fault/big?bytes=N                 a JSON array of albums of at least N bytes
///   /fault/gzip, /fault/deflate        album 1, compressed (Content-Encoding gzip or deflate)
///   /fault/double-gzip                 album 1 with "Content-Encoding: gzip, gzip"
///   /fault/gzip-bomb?mb=N              a small gzip body that inflates to N MiB (default 64)
///   /fault/link-loop                   a page whose Link rel="next" is itself
///   /fault/echo?body=TEXT              TEXT as the body, status 200
///   /fault/album/N                     album (N - 1) % 100 + 1, for any N > 0
///   /fault/cursor-loop                 a cursor page whose next cursor never changes
class FaultHandler: public Poco::Net::HTTPRequestHandler
{
public:
	static const std::string PATH;

	FaultHandler(const AlbumCatalog& catalog, FaultCounter& counter, const Poco::URI& uri);

	void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
	std::string parameter(const std::string& name, const std::string& fallback = std::string()) const;
	int number(const std::string& name, int fallback) const;

	const AlbumCatalog& _catalog;
	FaultCounter& _counter;
	Poco::URI _uri;
};

} // namespace mock
} // namespace datatap
