#pragma once

#include "datatap/Api.h"
#include "transport/TransportOptions.h"

#include <Poco/Timespan.h>
#include <Poco/Timestamp.h>

#include <optional>
#include <string>

namespace datatap {

/// When to try a request again and how long to wait first: exponential backoff
/// with jitter, capped, or the server's Retry-After (seconds or an HTTP-date),
/// capped by retry_after_max.
class DATATAP_API RetryPolicy
{
public:
	explicit RetryPolicy(const TransportOptions& options);

	/// 429, 502, 503 and 504: the server asks to come back later.
	static bool retryableStatus(int status);
	static bool idempotent(const std::string& method);

	/// The wait before try number `nextTry` (2 for the first retry).
	Poco::Timespan backoff(int nextTry) const;
	/// The wait the server asked for, capped; nullopt for a missing or invalid value.
	std::optional<Poco::Timespan> retryAfter(const std::string& value, const Poco::Timestamp& now = Poco::Timestamp()) const;

	int maxTries() const;

private:
	const TransportOptions& _options;
};

} // namespace datatap
