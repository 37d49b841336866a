#pragma once

#include "datatap/Api.h"

#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <string>

namespace datatap {

/// Keeps the one access token a strategy shares between all its threads, and
/// fetches a new one single-flight: however many threads find it missing or
/// expired at once, one of them fetches and the others wait for its answer.
class DATATAP_API TokenCache
{
public:
	struct Token
	{
		std::string value;
		/// Zero or less: the issuer named no lifetime; kept until invalidate().
		std::chrono::seconds lifetime{0};
	};

	using Fetch = std::function<Token()>;

	/// A token is replaced refreshEarly before it expires, so it does not expire
	/// in flight; never earlier than half its lifetime, so short-lived tokens are
	/// still reused.
	explicit TokenCache(std::chrono::seconds refreshEarly = std::chrono::seconds(30));
	TokenCache(const TokenCache&) = delete;
	TokenCache& operator=(const TokenCache&) = delete;

	void setRefreshEarly(std::chrono::seconds refreshEarly);

	/// The current token, fetched first when there is none or it is due. When the
	/// fetch throws, every thread that waited for it gets the same exception.
	std::string get(const Fetch& fetch);

	/// Forgets the current token (the server refused it), so the next get() fetches.
	void invalidate();

private:
	using Clock = std::chrono::steady_clock;

	bool isFresh() const;

	std::mutex _mutex;
	std::condition_variable _fetched;
	std::chrono::seconds _refreshEarly;
	std::string _token;
	Clock::time_point _refreshAt;
	bool _expires = false;
	bool _fetching = false;
	unsigned long _generation = 0;
	std::exception_ptr _failure;
};

} // namespace datatap
