#include "transport/HttpFetcher.h"

#include "datatap/AuthRequest.h"
#include "datatap/Exceptions.h"
#include "datatap/Version.h"
#include "pipeline/PluginBoundary.h"
#include "transport/RetryPolicy.h"

#include <Poco/Net/HTTPResponse.h>
#include <Poco/Stopwatch.h>
#include <Poco/String.h>
#include <Poco/Thread.h>
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
	return std::any_of(names.begin(), names.end(), [&](const std::string& n) { return Poco::icompare(n, name) == 0; });
}

double milliseconds(const Poco::Stopwatch& clock)
{
	return static_cast<double>(clock.elapsed()) / 1000.0;
}

} // namespace

HttpFetcher::HttpFetcher(HttpTransport& transport, Redactor& redactor):
	_transport(transport),
	_redactor(redactor),
	_logger(Poco::Logger::get("datatap"))
{
}

void HttpFetcher::prepare(const Poco::URI& uri, AuthStrategy* auth, const std::string& authSection, Redactor& redactor, PreparedRequest& prepared, bool dryRun)
{
	prepared.uri = uri;
	std::string target = uri.getPathAndQuery();
	prepared.request = Poco::Net::HTTPRequest(Poco::Net::HTTPRequest::HTTP_GET, target.empty() ? "/" : target, Poco::Net::HTTPMessage::HTTP_1_1);
	prepared.request.set("User-Agent", fmt::format("datatap/{}", version()));
	prepared.request.set("Accept", "application/json");
	prepared.request.set("Accept-Encoding", "gzip, deflate");
	prepared.request.setKeepAlive(true);
	prepared.credentialHeaders.clear();
	prepared.credentialQueryParameters.clear();
	if (auth == nullptr)
		return;
	const std::string body;
	AuthRequest authRequest(prepared.request, prepared.uri, body);
	authRequest.setDryRun(dryRun);
	try
	{
		PluginBoundary::call(fmt::format("auth strategy for [{}]", authSection), [&] { auth->apply(authRequest); });
	}
	catch (...)
	{
		for (const std::string& secret: authRequest.secretValues())
			redactor.add(secret);
		throw;
	}
	for (const std::string& secret: authRequest.secretValues())
		redactor.add(secret);
	prepared.credentialHeaders = authRequest.credentialHeaders();
	prepared.credentialQueryParameters = authRequest.credentialQueryParameters();
}

std::string HttpFetcher::displayUrl(const Poco::URI& uri, const std::vector<std::string>& credentialQueryParameters)
{
	if (credentialQueryParameters.empty())
		return uri.toString();
	// A placeholder of URL-safe letters, swapped for the mask once the URI has
	// been written out: the mask itself would come out percent-encoded.
	const std::string placeholder = "DATATAPMASKEDVALUE";
	Poco::URI shown(uri);
	Poco::URI::QueryParameters parameters = shown.getQueryParameters();
	for (auto& [name, value]: parameters)
	{
		if (contains(credentialQueryParameters, name))
			value = placeholder;
	}
	shown.setQueryParameters(parameters);
	return Poco::replace(shown.toString(), placeholder, std::string(Redactor::kMask));
}

void HttpFetcher::logRequest(const PreparedRequest& prepared, const std::string& shown) const
{
	if (!_logger.information())
		return;
	_logger.information(fmt::format("> {} {}", prepared.request.getMethod(), shown));
	for (const auto& [name, value]: prepared.request)
		_logger.information(fmt::format("> {}: {}", name, contains(prepared.credentialHeaders, name) ? Redactor::kMask : _redactor.apply(value)));
}

FetchOutcome HttpFetcher::fetch(const FetchRequest& request, const BodyHandler& onSuccess)
{
	const TransportOptions& options = *request.options;
	const RetryPolicy retry(options);
	const std::string startOrigin = HttpTransport::originOf(request.uri);
	Poco::URI uri = request.uri;
	int redirects = 0;
	int tries = 0;
	bool challenged = false;

	for (;;)
	{
		const std::string origin = HttpTransport::originOf(uri);
		const bool credentialsAllowed = origin == startOrigin || std::find(options.trustedOrigins.begin(), options.trustedOrigins.end(), origin) != options.trustedOrigins.end();
		AuthStrategy* auth = credentialsAllowed ? request.auth : nullptr;
		PreparedRequest prepared;
		prepare(uri, auth, request.authSection, _redactor, prepared);
		const std::string shown = displayUrl(prepared.uri, prepared.credentialQueryParameters);
		const std::string context = fmt::format("source '{}': {} {}", request.source, prepared.request.getMethod(), shown);
		logRequest(prepared, shown);
		++tries;

		enum class Next
		{
			Done,
			Retry,
			Redirect,
			Challenge
		};
		Next next = Next::Done;
		Poco::Timespan wait;
		std::string location;
		std::string lastAnswer;
		FetchOutcome outcome;
		outcome.finalUri = uri;

		Poco::Stopwatch clock;
		clock.start();
		try
		{
			_transport.send(prepared.uri, prepared.request, options, Poco::Timestamp() + options.deadline, context, [&](const Poco::Net::HTTPResponse& response, ResponseBody& body) {
				const int status = static_cast<int>(response.getStatus());
				outcome.status = status;
				if (_logger.information())
					_logger.information(fmt::format("< {} after {:.1f} ms ({})", statusText(response), milliseconds(clock), response.getContentType()));

				if (status >= 200 && status < 300)
				{
					outcome.links = headerValues(response, "Link");
					onSuccess(response, body, uri);
					if (_logger.information())
						_logger.information(fmt::format("< {} bytes read in {:.1f} ms", body.bytesRead(), milliseconds(clock)));
					return;
				}
				if (request.skipStatus != nullptr && request.skipStatus->count(status) != 0)
				{
					_logger.information(fmt::format("source '{}': {} is in skip_status; no records", request.source, statusText(response)));
					outcome.skipped = true;
					return;
				}
				if (isRedirect(status) && response.has("Location"))
				{
					location = response.get("Location");
					next = Next::Redirect;
					return;
				}
				if ((status == 401 || status == 403) && auth != nullptr && !challenged)
				{
					AuthChallenge challenge{status, prepared.request.getMethod(), prepared.uri, headerValues(response, "WWW-Authenticate")};
					ChallengeResponse answer = ChallengeResponse::Fail;
					PluginBoundary::call(fmt::format("auth strategy for [{}], answering the server's challenge", request.authSection), [&] { answer = auth->onChallenge(challenge); });
					if (answer == ChallengeResponse::RetryOnce)
					{
						next = Next::Challenge;
						return;
					}
				}
				if (status == 401 || status == 403)
				{
					const std::string fix = request.auth == nullptr ? "the source has no auth = section"
						: auth == nullptr ? fmt::format("credentials are not sent to {} (add it to trusted_origins if it should get them)", origin)
						: fmt::format("check the credentials in [{}]", request.authSection);
					throw AuthError(fmt::format("{} answered {}; {}", context, statusText(response), fix));
				}
				if (RetryPolicy::retryableStatus(status) && RetryPolicy::idempotent(prepared.request.getMethod()))
				{
					lastAnswer = statusText(response);
					if (tries >= retry.maxTries())
						throw TemporaryError(fmt::format("{}: gave up after {} tries; the last answer was {}", context, tries, lastAnswer));
					wait = retry.retryAfter(response.get("Retry-After", "")).value_or(retry.backoff(tries + 1));
					next = Next::Retry;
					return;
				}
				if (isRedirect(status))
					throw ServiceError(fmt::format("{} answered {} without a Location", context, statusText(response)));
				if (status >= 300 && status < 400)
					throw ServiceError(fmt::format("{} answered {}", context, statusText(response)));
				if (status >= 400 && status < 500)
					throw DecodeError(fmt::format("{} answered {}; no records (add {} to skip_status to skip it)", context, statusText(response), status));
				throw ServiceError(fmt::format("{} answered {}", context, statusText(response)));
			});
		}
		catch (const ConnectionFailure& exc)
		{
			if (!RetryPolicy::idempotent(prepared.request.getMethod()) || tries >= retry.maxTries())
			{
				if (tries > 1)
					throw ServiceError(fmt::format("{} (gave up after {} tries)", exc.message(), tries));
				throw ServiceError(exc.message());
			}
			// The transport's message already starts with the context.
			lastAnswer = exc.message().substr(std::min(exc.message().size(), context.size() + 2));
			wait = retry.backoff(tries + 1);
			next = Next::Retry;
		}

		switch (next)
		{
		case Next::Done:
			return outcome;
		case Next::Retry:
			_logger.warning(fmt::format("warning: {}: {}; try {} of {} in {:.1f} s", context, lastAnswer, tries + 1, retry.maxTries(), static_cast<double>(wait.totalMilliseconds()) / 1000.0));
			Poco::Thread::sleep(static_cast<long>(wait.totalMilliseconds()));
			break;
		case Next::Challenge:
			challenged = true;
			break;
		case Next::Redirect:
		{
			if (++redirects > options.maxRedirects)
				throw ServiceError(fmt::format("{}: more than {} redirects (max_redirects)", context, options.maxRedirects));
			Poco::URI target(uri);
			try
			{
				target.resolve(location);
			}
			catch (const Poco::Exception&)
			{
				throw ServiceError(fmt::format("{}: redirect to an invalid Location", context));
			}
			if (target.getScheme() != "http" && target.getScheme() != "https")
				throw ServiceError(fmt::format("{}: redirect to a {}: URL refused", context, target.getScheme()));
			if (uri.getScheme() == "https" && target.getScheme() == "http" && !options.allowDowngrade)
				throw ServiceError(fmt::format("{}: redirect from https to http refused (set allow_downgrade = true to follow it)", context));
			const std::string targetOrigin = HttpTransport::originOf(target);
			const bool trusted = targetOrigin == startOrigin || std::find(options.trustedOrigins.begin(), options.trustedOrigins.end(), targetOrigin) != options.trustedOrigins.end();
			if (!trusted && !prepared.credentialQueryParameters.empty())
			{
				// A server that echoes the API key into Location must not hand it on.
				Poco::URI::QueryParameters kept;
				for (const auto& parameter: target.getQueryParameters())
				{
					if (!contains(prepared.credentialQueryParameters, parameter.first))
						kept.push_back(parameter);
				}
				target.setQueryParameters(kept);
			}
			_logger.information(fmt::format("< redirect to {}{}", displayUrl(target, prepared.credentialQueryParameters), trusted || request.auth == nullptr ? "" : " (another origin: no credentials)"));
			uri = target;
			tries = 0;
			challenged = false;
			break;
		}
		}
	}
}

} // namespace datatap
