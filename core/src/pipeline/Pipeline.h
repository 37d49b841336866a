#pragma once

#include "config/Config.h"
#include "datatap/Api.h"
#include "datatap/AuthStrategy.h"
#include "datatap/ResourceDecoder.h"
#include "pipeline/PlannedRequest.h"
#include "transport/HttpTransport.h"
#include "util/Redactor.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace datatap {

class PluginRegistry;

/// Composes the configured sources into requests: for each one, build the
/// request, let its auth strategy add credentials, send it, and let its decoder
/// turn the body into records for the sink. Every call into a plugin goes
/// through a boundary that turns whatever it throws into a datatap error naming it.
///
/// Must be destroyed before the PluginRegistry it was built from.
class DATATAP_API Pipeline
{
public:
	/// Creates and configures every plugin instance the config names (no network).
	Pipeline(const Config& config, const PluginRegistry& registry, Redactor& redactor);
	~Pipeline();
	Pipeline(const Pipeline&) = delete;
	Pipeline& operator=(const Pipeline&) = delete;

	/// The sources to run: all of them for an empty list, else the named ones in
	/// the order given (UsageError for an unknown name).
	std::vector<const SourceConfig*> select(const std::vector<std::string>& names) const;

	std::vector<PlannedRequest> plan(const std::vector<const SourceConfig*>& sources);
	void run(const std::vector<const SourceConfig*>& sources, RecordSink& sink);

private:
	struct PreparedRequest
	{
		Poco::URI uri;
		Poco::Net::HTTPRequest request;
		std::vector<std::string> credentialHeaders;
		std::vector<std::string> credentialQueryParameters;
	};

	/// The source's URL with the credential query parameters the strategy added
	/// shown as name=****, so -v and --dry-run say where the key goes.
	static std::string shownUrl(const SourceConfig& source, const PreparedRequest& prepared);

	void prepare(const SourceConfig& source, PreparedRequest& prepared, bool dryRun);
	void fetch(const SourceConfig& source, RecordSink& sink);

	const Config& _config;
	Redactor& _redactor;
	std::map<std::string, std::unique_ptr<AuthStrategy>> _auths;
	std::map<std::string, std::unique_ptr<ResourceDecoder>> _decoders;
	HttpTransport _transport;
	Poco::Logger& _logger;
};

} // namespace datatap
