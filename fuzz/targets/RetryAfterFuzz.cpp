// Retry-After values (seconds or an HTTP-date): any value gives a wait within
// [0, retry_after_max] or none.

#include "FuzzTarget.h"
#include "transport/RetryPolicy.h"

#include <cstdlib>

int fuzzOne(const std::uint8_t* data, std::size_t size)
{
	static const datatap::TransportOptions options;
	static const datatap::RetryPolicy policy(options);
	// A fixed clock: Thu, 03 Dec 2026 12:00:00 GMT.
	static const Poco::Timestamp now = Poco::Timestamp::fromEpochTime(1796385600);
	const std::string value(reinterpret_cast<const char*>(data), size);
	const std::optional<Poco::Timespan> wait = policy.retryAfter(value, now);
	if (wait && (*wait < Poco::Timespan(0) || *wait > options.retryAfterMax))
		std::abort();
	return 0;
}
