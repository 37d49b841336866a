#pragma once

#include "datatap/Api.h"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Timespan.h>
#include <Poco/URI.h>

#include <cstddef>
#include <string>

namespace datatap {

/// Sends one request and reads the whole answer, for strategies that talk to a
/// service of their own (a token endpoint, a login URL). Each call opens its own
/// connection, so one client may serve several threads at once. Errors and the
/// `-v` log name the method and the URL without its query or user info, never a
/// header or a body.
class DATATAP_API HttpClient
{
public:
	struct Response
	{
		int status = 0;
		std::string reason;
		std::string contentType;
		std::string body;
	};

	static constexpr std::size_t kDefaultMaxBodySize = std::size_t{1} << 20;

	HttpClient();

	void setTimeouts(Poco::Timespan connectTimeout, Poco::Timespan readTimeout);
	/// A longer answer is refused: a token endpoint has no reason to send megabytes.
	void setMaxBodySize(std::size_t bytes);

	/// Sends request (its URI is set from uri) with body to uri over HTTP or HTTPS.
	/// Answers 401 and 403 throw AuthError, any other status outside 2xx and every
	/// connection failure or timeout throws ServiceError.
	Response send(Poco::Net::HTTPRequest& request, const Poco::URI& uri, const std::string& body) const;

	/// The URL as errors and logs show it: scheme, host, port and path only.
	static std::string displayUrl(const Poco::URI& uri);

private:
	Response exchange(Poco::Net::HTTPRequest& request, const Poco::URI& uri, const std::string& body, const std::string& where) const;

	Poco::Timespan _connectTimeout;
	Poco::Timespan _readTimeout;
	std::size_t _maxBodySize = kDefaultMaxBodySize;
};

} // namespace datatap
