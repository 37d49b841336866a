#include "transport/FetchProgress.h"

#include "datatap/Exceptions.h"
#include "pipeline/PluginBoundary.h"

#include <Poco/String.h>
#include <fmt/format.h>

#include <algorithm>

namespace datatap {

namespace {

std::string statusText(const Poco::Net::HTTPResponse& response)
{
	return fmt::format("{} {}", static_cast<int>(response.getStatus()), response.getReason());
}

bool isRedirect(int status)
{
	return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

std::vector<std::string> headerValues(const Poco::Net::HTTPResponse& response, const std::string& name)
{
	std::vector<std::string> values;
	for (auto it = response.find(name); it != response.end() && Poco::icompare(it->first, name) == 0; ++it)
		values.push_back(it->second);
	return values;
}

bool contains(const std::vector<std::string>& names, const std::string& name)
{
	return std::any_of(names.begin(), names.end(), [&](const std::string& n)
	                   { return Poco::icompare(n, name) == 0; });
}

double milliseconds(const Poco::Stopwatch& clock)
{
	return static_cast<double>(clock.elapsed()) / 1000.0;
}

} // namespace

FetchProgress::FetchProgress(const FetchRequest& request, Redactor& redactor, Poco::Logger& logger):
	_request(request),
	_options(*request.options),
	_redactor(redactor),
	_logger(logger),
	_retry(*request.options),
	_startOrigin(HttpTransport::originOf(request.uri)),
	_uri(request.uri)
{
}

const std::string& FetchProgress::context() const
{
	return _context;
}

const Poco::URI& FetchProgress::uri() const
{
	return _uri;
}

const std::string& FetchProgress::shownUrl() const
{
	return _shown;
}

FetchOutcome& FetchProgress::outcome()
{
	return _outcome;
}

PreparedRequest& FetchProgress::prepare()
{
	_origin = HttpTransport::originOf(_uri);
	const bool credentialsAllowed = _origin == _startOrigin || std::find(_options.trustedOrigins.begin(), _options.trustedOrigins.end(), _origin) != _options.trustedOrigins.end();
	_auth = credentialsAllowed ? _request.auth : nullptr;
	HttpFetcher::prepare(_uri, _auth, _request.authSection, _redactor, _prepared);
	_shown = HttpFetcher::displayUrl(_prepared.uri, _prepared.credentialQueryParameters);
	_context = "source '" + _request.source + "': " + _prepared.request.getMethod() + " " + _shown;
	if (_logger.information())
	{
		_logger.information(fmt::format("> {} {}", _prepared.request.getMethod(), _shown));
		for (const auto& [name, value]: _prepared.request)
			_logger.information(fmt::format("> {}: {}", name, contains(_prepared.credentialHeaders, name) ? Redactor::kMask : _redactor.apply(value)));
	}
	++_tries;
	_outcome = FetchOutcome();
	_outcome.finalUri = _uri;
	_clock.restart();
	return _prepared;
}

FetchProgress::Next FetchProgress::judge(const Poco::Net::HTTPResponse& response)
{
	const int status = static_cast<int>(response.getStatus());
	_outcome.status = status;
	if (_logger.information())
		_logger.information(fmt::format("< {} after {:.1f} ms ({})", statusText(response), milliseconds(_clock), response.getContentType()));

	if (status >= 200 && status < 300)
	{
		_outcome.links = headerValues(response, "Link");
		return Next::Success;
	}
	if (_request.skipStatus != nullptr && _request.skipStatus->count(status) != 0)
	{
		_logger.information(fmt::format("source '{}': {} is in skip_status; no records", _request.source, statusText(response)));
		_outcome.skipped = true;
		return Next::Done;
	}
	if (isRedirect(status) && response.has("Location"))
	{
		_location = response.get("Location");
		return Next::Redirect;
	}
	if ((status == 401 || status == 403) && _auth != nullptr && !_challenged)
	{
		AuthChallenge challenge{status, _prepared.request.getMethod(), _prepared.uri, headerValues(response, "WWW-Authenticate")};
		ChallengeResponse answer = ChallengeResponse::Fail;
		PluginBoundary::call(fmt::format("auth strategy for [{}], answering the server's challenge", _request.authSection), [&]
		                     { answer = _auth->onChallenge(challenge); });
		if (answer == ChallengeResponse::RetryOnce)
			return Next::Challenge;
	}
	if (status == 401 || status == 403)
	{
		const std::string fix = _request.auth == nullptr ? "the source has no auth = section"
		                        : _auth == nullptr       ? fmt::format("credentials are not sent to {} (add it to trusted_origins if it should get them)", _origin)
		                                                 : fmt::format("check the credentials in [{}]", _request.authSection);
		throw AuthError(fmt::format("{} answered {}; {}", _context, statusText(response), fix));
	}
	if (RetryPolicy::retryableStatus(status) && RetryPolicy::idempotent(_prepared.request.getMethod()))
	{
		_lastAnswer = statusText(response);
		if (_tries >= _retry.maxTries())
			throw TemporaryError(fmt::format("{}: gave up after {} tries; the last answer was {}", _context, _tries, _lastAnswer));
		_wait = _retry.retryAfter(response.get("Retry-After", "")).value_or(_retry.backoff(_tries + 1));
		return Next::Retry;
	}
	if (isRedirect(status))
		throw ServiceError(fmt::format("{} answered {} without a Location", _context, statusText(response)));
	if (status >= 300 && status < 400)
		throw ServiceError(fmt::format("{} answered {}", _context, statusText(response)));
	if (status >= 400 && status < 500)
		throw DecodeError(fmt::format("{} answered {}; no records (add {} to skip_status to skip it)", _context, statusText(response), status));
	throw ServiceError(fmt::format("{} answered {}", _context, statusText(response)));
}

FetchProgress::Next FetchProgress::failed(const ConnectionFailure& failure)
{
	if (!RetryPolicy::idempotent(_prepared.request.getMethod()) || _tries >= _retry.maxTries())
	{
		if (_tries > 1)
			throw ServiceError(fmt::format("{} (gave up after {} tries)", failure.message(), _tries));
		throw ServiceError(failure.message());
	}
	// The transport's message starts with the context.
	const std::string& message = failure.message();
	_lastAnswer = message.compare(0, _context.size(), _context) == 0 ? message.substr(std::min(message.size(), _context.size() + 2)) : message;
	_wait = _retry.backoff(_tries + 1);
	return Next::Retry;
}

Poco::Timespan FetchProgress::retryWait() const
{
	_logger.warning(fmt::format("warning: {}: {}; try {} of {} in {:.1f} s", _context, _lastAnswer, _tries + 1, _retry.maxTries(), static_cast<double>(_wait.totalMilliseconds()) / 1000.0));
	return _wait;
}

void FetchProgress::received(std::uint64_t bytes) const
{
	if (_logger.information())
		_logger.information(fmt::format("< {} bytes read in {:.1f} ms", bytes, milliseconds(_clock)));
}

void FetchProgress::advance(Next next)
{
	if (next == Next::Challenge)
	{
		_challenged = true;
		return;
	}
	if (next != Next::Redirect)
		return;
	if (++_redirects > _options.maxRedirects)
		throw ServiceError(fmt::format("{}: more than {} redirects (max_redirects)", _context, _options.maxRedirects));
	Poco::URI target(_uri);
	try
	{
		target.resolve(_location);
	}
	catch (const Poco::Exception&)
	{
		throw ServiceError(fmt::format("{}: redirect to an invalid Location", _context));
	}
	if (target.getScheme() != "http" && target.getScheme() != "https")
		throw ServiceError(fmt::format("{}: redirect to a {}: URL refused", _context, target.getScheme()));
	if (_uri.getScheme() == "https" && target.getScheme() == "http" && !_options.allowDowngrade)
		throw ServiceError(fmt::format("{}: redirect from https to http refused (set allow_downgrade = true to follow it)", _context));
	const std::string targetOrigin = HttpTransport::originOf(target);
	const bool trusted = targetOrigin == _startOrigin || std::find(_options.trustedOrigins.begin(), _options.trustedOrigins.end(), targetOrigin) != _options.trustedOrigins.end();
	if (!trusted && !_prepared.credentialQueryParameters.empty())
	{
		// A server that echoes the API key into Location must not hand it on.
		Poco::URI::QueryParameters kept;
		for (const auto& parameter: target.getQueryParameters())
		{
			if (!contains(_prepared.credentialQueryParameters, parameter.first))
				kept.push_back(parameter);
		}
		target.setQueryParameters(kept);
	}
	_logger.information(fmt::format("< redirect to {}{}", HttpFetcher::displayUrl(target, _prepared.credentialQueryParameters), trusted || _request.auth == nullptr ? "" : " (another origin: no credentials)"));
	_uri = target;
	_tries = 0;
	_challenged = false;
}

} // namespace datatap
