#pragma once

#include <Poco/Timespan.h>

#include <cstdint>
#include <string>
#include <vector>

namespace datatap {

/// How the requests of one source are sent: time limits, retries, redirects,
/// size limits and TLS. `[datatap]` sets the defaults, each source may override.
struct TransportOptions
{
	Poco::Timespan connectTimeout = Poco::Timespan(10, 0);
	Poco::Timespan readTimeout = Poco::Timespan(30, 0);   ///< per read
	Poco::Timespan deadline = Poco::Timespan(300, 0);     ///< per request, body included

	int maxTries = 4;                                      ///< first try included
	Poco::Timespan backoff = Poco::Timespan(0, 500000);    ///< before the second try
	Poco::Timespan backoffMax = Poco::Timespan(30, 0);
	Poco::Timespan retryAfterMax = Poco::Timespan(60, 0);

	int maxRedirects = 5;
	std::vector<std::string> trustedOrigins;               ///< "scheme://host:port" that may receive credentials
	bool allowDowngrade = false;                           ///< follow https -> http redirects

	std::uint64_t maxBodyBytes = std::uint64_t{256} << 20;

	std::string caFile;                                    ///< extra CA bundle (PEM); the system store is always used
	bool insecure = false;                                 ///< no certificate verification at all
};

} // namespace datatap
