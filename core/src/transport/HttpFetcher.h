#pragma once

#include "datatap/Api.h"
#include "datatap/AuthStrategy.h"
#include "transport/HttpTransport.h"
#include "transport/TransportOptions.h"
#include "util/Redactor.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/URI.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

namespace datatap {

/// One request of a source, as the pipeline asks for it.
struct FetchRequest
{
	std::string source;                ///< the `[source.*]` name, for messages
	Poco::URI uri;
	const TransportOptions* options = nullptr;
	AuthStrategy* auth = nullptr;      ///< nullptr: no credentials
	std::string authSection;           ///< "auth.NAME", for messages
	const std::set<int>* skipStatus = nullptr;
};

/// What came of a fetch besides the body.
struct FetchOutcome
{
	Poco::URI finalUri;                ///< after redirects
	int status = 0;
	bool skipped = false;              ///< a skip_status answer: no body was handed over
	std::vector<std::string> links;    ///< the Link header values of the final response
};

/// A request as it would go out: for `--dry-run` and `-v`.
struct PreparedRequest
{
	Poco::URI uri;
	Poco::Net::HTTPRequest request;
	std::vector<std::string> credentialHeaders;
	std::vector<std::string> credentialQueryParameters;
};

/// Fetches one URL the way a careful client does: retries connection failures
/// and 429/502/503/504 with backoff or the server's Retry-After, follows
/// redirects without ever handing credentials to another origin (unless it is
/// trusted) or downgrading https to http, lets the auth strategy answer one
/// challenge, and maps every other status to the error class of its exit code.
/// Thread-safe as long as each thread has its own transport.
class DATATAP_API HttpFetcher
{
public:
	/// shownUrl: the URL after redirects, credentials masked, as decoders and messages see it.
	using BodyHandler = std::function<void(const Poco::Net::HTTPResponse&, ResponseBody&, const std::string& shownUrl)>;

	HttpFetcher(HttpTransport& transport, Redactor& redactor);

	FetchOutcome fetch(const FetchRequest& request, const BodyHandler& onSuccess);

	/// Builds the request for uri and lets auth (if any) add its credentials;
	/// dryRun tells the strategy nothing will be sent (so it must not log in).
	static void prepare(const Poco::URI& uri, AuthStrategy* auth, const std::string& authSection, Redactor& redactor, PreparedRequest& prepared, bool dryRun = false);

	/// The URL for messages and logs: credential query parameters masked.
	static std::string displayUrl(const Poco::URI& uri, const std::vector<std::string>& credentialQueryParameters);

private:
	HttpTransport& _transport;
	Redactor& _redactor;
	Poco::Logger& _logger;
};

} // namespace datatap
