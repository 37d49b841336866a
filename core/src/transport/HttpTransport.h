#pragma once

#include "datatap/Api.h"
#include "datatap/Exceptions.h"
#include "transport/ResponseBody.h"
#include "transport/TransportOptions.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Timestamp.h>
#include <Poco/URI.h>

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace datatap {

/// A request that never got an answer (no connection, or the connection failed
/// before the response head arrived): safe to try again for idempotent requests.
POCO_DECLARE_EXCEPTION(DATATAP_API, ConnectionFailure, ServiceError)

/// Sends one HTTP or HTTPS request and hands over the response, over keep-alive
/// sessions kept per origin. One instance per thread: it is not thread-safe.
class DATATAP_API HttpTransport
{
public:
	/// Receives the response head and the guarded body. It must not keep either.
	using ResponseHandler = std::function<void(const Poco::Net::HTTPResponse&, ResponseBody&)>;

	HttpTransport();
	~HttpTransport();
	HttpTransport(const HttpTransport&) = delete;
	HttpTransport& operator=(const HttpTransport&) = delete;

	/// Sends the request (whose URI is uri's path and query) and hands the response
	/// to handler. A reused connection the server had closed meanwhile is retried
	/// once on a new one. Throws ConnectionFailure when no response head arrived,
	/// ServiceError for a broken body; handler exceptions pass through.
	void send(const Poco::URI& uri, Poco::Net::HTTPRequest& request, const TransportOptions& options, const Poco::Timestamp& deadline, const std::string& displayUrl, const ResponseHandler& handler);

	/// "scheme://host:port"
	static std::string originOf(const Poco::URI& uri);

	std::size_t connectionsOpened() const;

private:
	Poco::Net::HTTPClientSession& session(const Poco::URI& uri, const TransportOptions& options, bool& reused);
	void discard(const Poco::URI& uri);

	std::map<std::string, std::unique_ptr<Poco::Net::HTTPClientSession>> _sessions;
	std::size_t _connectionsOpened = 0;
};

} // namespace datatap
