#pragma once

#include "config/Config.h"
#include "datatap/Api.h"
#include "datatap/AuthStrategy.h"
#include "datatap/ResourceDecoder.h"
#include "pipeline/JobScheduler.h"
#include "pipeline/PlannedRequest.h"
#include "transport/HttpFetcher.h"
#include "util/Redactor.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace datatap {

class PluginRegistry;
class HttpTransport;

/// Composes the configured sources into requests: for each source, each URL its
/// partitions make and each page, build the request, let its auth strategy add
/// credentials, fetch it, and let its decoder turn the body into records for the
/// sink. Requests run on `concurrency` threads; records come out in source order,
/// then partition order, then page order. Every call into a plugin goes through
/// a boundary that turns whatever it throws into a datatap error naming it.
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
	void run(const std::vector<const SourceConfig*>& sources, RecordSink& sink, int concurrency, const JobScheduler::Progress& progress = {});

private:
	struct Worker;

	/// A fetch of the source, its URL still to be set.
	FetchRequest requestFor(const SourceConfig& source) const;
	void runJob(const SourceConfig& source, const std::string& url, Worker& worker, RecordSink& sink);
	void runFileJob(const SourceConfig& source, const std::string& url, Worker& worker, RecordSink& sink);
	ResourceDecoder& decoderFor(Worker& worker, const SourceConfig& source);

	const Config& _config;
	const PluginRegistry& _registry;
	Redactor& _redactor;
	std::map<std::string, std::unique_ptr<AuthStrategy>> _auths;
	std::vector<std::unique_ptr<Worker>> _workers;
	std::mutex _decoderMutex;
};

} // namespace datatap
