#include "transport/RetryPolicy.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>

#include <algorithm>
#include <random>

namespace datatap {

RetryPolicy::RetryPolicy(const TransportOptions& options):
	_options(options)
{
}

bool RetryPolicy::retryableStatus(int status)
{
	return status == 429 || status == 502 || status == 503 || status == 504;
}

bool RetryPolicy::idempotent(const std::string& method)
{
	return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" || method == "OPTIONS";
}

int RetryPolicy::maxTries() const
{
	return _options.maxTries;
}

Poco::Timespan RetryPolicy::backoff(int nextTry) const
{
	const double base = static_cast<double>(_options.backoff.totalMicroseconds());
	const double cap = static_cast<double>(_options.backoffMax.totalMicroseconds());
	const double exponential = std::min(cap, base * static_cast<double>(1ull << std::min(nextTry - 2, 30)));
	// "Equal jitter": at least half the exponential wait, so tries stay spaced,
	// and a random rest, so many clients that failed together do not return together.
	thread_local std::mt19937_64 random{std::random_device{}()};
	std::uniform_real_distribution<double> rest(0.0, exponential / 2);
	return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(exponential / 2 + rest(random)));
}

std::optional<Poco::Timespan> RetryPolicy::retryAfter(const std::string& value, const Poco::Timestamp& now) const
{
	const std::string text = Poco::trim(value);
	if (text.empty())
		return std::nullopt;
	Poco::Timespan wait;
	unsigned seconds = 0;
	if (std::all_of(text.begin(), text.end(), [](char c) { return Poco::Ascii::isDigit(c); }))
	{
		if (!Poco::NumberParser::tryParseUnsigned(text, seconds))
			return _options.retryAfterMax;
		wait = Poco::Timespan(static_cast<long>(seconds), 0);
	}
	else
	{
		// POCO's parser takes almost anything; an HTTP-date is at least
		// "Sun Nov  6 08:49:37 1994" long and has a time of day.
		if (text.size() < 24 || std::count(text.begin(), text.end(), ':') != 2)
			return std::nullopt;
		Poco::DateTime when;
		int zone = 0;
		if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::HTTP_FORMAT, text, when, zone) && !Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::RFC850_FORMAT, text, when, zone) && !Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ASCTIME_FORMAT, text, when, zone))
			return std::nullopt;
		when.makeUTC(zone);
		const Poco::Timestamp at = when.timestamp();
		wait = at > now ? Poco::Timespan(at - now) : Poco::Timespan(0);
	}
	return std::min(wait, _options.retryAfterMax);
}

} // namespace datatap
