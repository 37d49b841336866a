#pragma once

#include "datatap/Api.h"
#include "transport/HttpFetcher.h"
#include "transport/RetryPolicy.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Stopwatch.h>
#include <Poco/Timespan.h>
#include <Poco/URI.h>

#include <string>

namespace datatap {

/// The decisions of one fetch, apart from how its requests travel: which
/// request goes out next (with or without credentials, for which origin), what
/// an answer means (success, skip, retry after how long, redirect where, one
/// challenge for the auth strategy, or the error of its exit code), and when to
/// give up. The blocking fetcher and the event-driven runner both walk a fetch
/// through it, so both keep the same promises.
class DATATAP_API FetchProgress
{
public:
	enum class Next
	{
		Success,  ///< a 2xx answer: its body is the fetch's result
		Done,     ///< finished without a body (skip_status)
		Retry,    ///< send again after retryWait()
		Redirect, ///< follow the Location, see advance()
		Challenge ///< the strategy asked to try once more
	};

	FetchProgress(const FetchRequest& request, Redactor& redactor, Poco::Logger& logger);

	/// The next request, with credentials when its origin may have them; logs it
	/// (-v) and counts the try.
	PreparedRequest& prepare();
	/// "source 'NAME': GET URL", credentials masked: the start of every message.
	const std::string& context() const;
	const Poco::URI& uri() const;
	/// The prepared request's URL as messages show it, credentials masked.
	const std::string& shownUrl() const;

	/// What the response head of the prepared request means; throws the error
	/// of its exit code when it ends the fetch.
	Next judge(const Poco::Net::HTTPResponse& response);
	/// What a failure before any response head means: Retry, or it throws.
	Next failed(const ConnectionFailure& failure);
	/// Logs the warning for a retry and returns how long to wait before it.
	Poco::Timespan retryWait() const;
	/// Moves on after Retry, Redirect or Challenge; a redirect that must not be
	/// followed throws.
	void advance(Next next);
	/// After Success: logs the size and time of the body (-v).
	void received(std::uint64_t bytes) const;

	FetchOutcome& outcome();

private:
	const FetchRequest& _request;
	const TransportOptions& _options;
	Redactor& _redactor;
	Poco::Logger& _logger;
	RetryPolicy _retry;
	std::string _startOrigin;
	Poco::URI _uri;
	int _redirects = 0;
	int _tries = 0;
	bool _challenged = false;

	// The current try.
	AuthStrategy* _auth = nullptr;
	std::string _origin;
	PreparedRequest _prepared;
	std::string _shown;
	std::string _context;
	Poco::Stopwatch _clock;
	Poco::Timespan _wait;
	std::string _location;
	std::string _lastAnswer;
	FetchOutcome _outcome;
};

} // namespace datatap
