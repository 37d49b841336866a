#include "transport/HttpFetcher.h"

#include "datatap/AuthRequest.h"
#include "datatap/Exceptions.h"
#include "datatap/Version.h"
#include "pipeline/PluginBoundary.h"
#include "transport/FetchProgress.h"

#include <Poco/Net/HTTPResponse.h>
#include <Poco/String.h>
#include <Poco/Thread.h>
#include <fmt/format.h>

#include <algorithm>

namespace datatap {

namespace {

bool contains(const std::vector<std::string>& names, const std::string& name)
{
	return std::any_of(names.begin(), names.end(), [&](const std::string& n) { return Poco::icompare(n, name) == 0; });
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
	static const std::string userAgent = fmt::format("datatap/{}", version());
	prepared.request.set("User-Agent", userAgent);
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
		PluginBoundary::callDescribed([&] { return fmt::format("auth strategy for [{}]", authSection); }, [&] { auth->apply(authRequest); });
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

FetchOutcome HttpFetcher::fetch(const FetchRequest& request, const BodyHandler& onSuccess)
{
	FetchProgress progress(request, _redactor, _logger);
	for (;;)
	{
		PreparedRequest& prepared = progress.prepare();
		FetchProgress::Next next = FetchProgress::Next::Done;
		try
		{
			_transport.send(prepared.uri, prepared.request, *request.options, Poco::Timestamp() + request.options->deadline, progress.context(), [&](const Poco::Net::HTTPResponse& response, ResponseBody& body) {
				next = progress.judge(response);
				if (next == FetchProgress::Next::Success)
				{
					onSuccess(response, body, progress.shownUrl());
					progress.received(body.bytesRead());
				}
			});
		}
		catch (const ConnectionFailure& exc)
		{
			next = progress.failed(exc);
		}
		if (next == FetchProgress::Next::Success || next == FetchProgress::Next::Done)
			return progress.outcome();
		if (next == FetchProgress::Next::Retry)
			Poco::Thread::sleep(static_cast<long>(progress.retryWait().totalMilliseconds()));
		progress.advance(next);
	}
}

} // namespace datatap
