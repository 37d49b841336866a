#pragma once

#include "config/Config.h"
#include "datatap/Api.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/URI.h>

#include <functional>
#include <istream>
#include <map>
#include <memory>
#include <string>

namespace datatap {

/// Sends HTTP and HTTPS requests over keep-alive sessions kept per origin
/// (scheme, host, port). TLS certificates are verified against the system store.
class DATATAP_API HttpTransport
{
public:
	/// Receives the response head and the body stream. It must not keep the stream.
	using ResponseHandler = std::function<void(const Poco::Net::HTTPResponse&, std::istream&)>;

	HttpTransport();
	~HttpTransport();
	HttpTransport(const HttpTransport&) = delete;
	HttpTransport& operator=(const HttpTransport&) = delete;

	/// Sends the request (whose URI is the path and query of uri) and hands the
	/// response to handler. A request on a reused connection that the server had
	/// already closed is sent once more on a fresh connection. Connection failures
	/// and timeouts throw ServiceError naming the URL; handler exceptions pass through.
	void send(const Poco::URI& uri, Poco::Net::HTTPRequest& request, const TransportOptions& options, const std::string& displayUrl, const ResponseHandler& handler);

	/// The origin key used for session reuse: "scheme://host:port".
	static std::string originOf(const Poco::URI& uri);

	/// How many connections were opened so far (for tests and -v).
	std::size_t connectionsOpened() const;

private:
	Poco::Net::HTTPClientSession& session(const Poco::URI& uri, const TransportOptions& options, bool& reused);
	void discard(const Poco::URI& uri);

	std::map<std::string, std::unique_ptr<Poco::Net::HTTPClientSession>> _sessions;
	std::size_t _connectionsOpened = 0;
};

} // namespace datatap
