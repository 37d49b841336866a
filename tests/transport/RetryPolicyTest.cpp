#include "transport/RetryPolicy.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>

#include <catch2/catch.hpp>

using datatap::RetryPolicy;
using datatap::TransportOptions;

TEST_CASE("retry: which statuses and methods are retried", "[retry]")
{
	for (int status: {429, 502, 503, 504})
		CHECK(RetryPolicy::retryableStatus(status));
	for (int status: {200, 400, 401, 404, 500, 501})
		CHECK_FALSE(RetryPolicy::retryableStatus(status));
	CHECK(RetryPolicy::idempotent("GET"));
	CHECK_FALSE(RetryPolicy::idempotent("POST"));
}

TEST_CASE("retry: Retry-After in seconds or as an HTTP-date - capped - invalid ignored", "[retry]")
{
	TransportOptions options;
	options.retryAfterMax = Poco::Timespan(60, 0);
	const RetryPolicy policy(options);
	CHECK(policy.retryAfter("7")->totalSeconds() == 7);
	CHECK(policy.retryAfter(" 0 ")->totalMicroseconds() == 0);
	CHECK(policy.retryAfter("3600")->totalSeconds() == 60);
	CHECK(policy.retryAfter("99999999999999999999")->totalSeconds() == 60);
	const Poco::Timestamp now;
	const std::string inTenSeconds = Poco::DateTimeFormatter::format(now + Poco::Timespan(10, 0), Poco::DateTimeFormat::HTTP_FORMAT);
	CHECK(policy.retryAfter(inTenSeconds, now)->totalSeconds() >= 9);
	CHECK(policy.retryAfter(inTenSeconds, now)->totalSeconds() <= 10);
	const std::string past = Poco::DateTimeFormatter::format(now - Poco::Timespan(10, 0), Poco::DateTimeFormat::HTTP_FORMAT);
	CHECK(policy.retryAfter(past, now)->totalMicroseconds() == 0);
	CHECK_FALSE(policy.retryAfter("soon").has_value());
	CHECK_FALSE(policy.retryAfter("-5").has_value());
	CHECK_FALSE(policy.retryAfter("").has_value());
}

TEST_CASE("retry: backoff doubles with jitter and stops at the cap", "[retry]")
{
	TransportOptions options;
	options.backoff = Poco::Timespan(1, 0);
	options.backoffMax = Poco::Timespan(5, 0);
	const RetryPolicy policy(options);
	for (int i = 0; i < 50; ++i)
	{
		const auto second = policy.backoff(2).totalMilliseconds();
		CHECK(second >= 500);
		CHECK(second <= 1000);
		const auto third = policy.backoff(3).totalMilliseconds();
		CHECK(third >= 1000);
		CHECK(third <= 2000);
		const auto late = policy.backoff(20).totalMilliseconds();
		CHECK(late >= 2500);
		CHECK(late <= 5000);
	}
}
