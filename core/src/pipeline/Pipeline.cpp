#include "pipeline/Pipeline.h"

#include "datatap/Exceptions.h"
#include "pipeline/EventLoopRunner.h"
#include "pipeline/PageDecoder.h"
#include "pipeline/Paginator.h"
#include "pipeline/PluginBoundary.h"
#include "pipeline/UrlTemplate.h"
#include "registry/PluginRegistry.h"
#include "transport/HttpFetcher.h"
#include "transport/HttpTransport.h"
#include "util/Suggestion.h"

#include <Poco/FileStream.h>
#include <Poco/Logger.h>
#include <fmt/format.h>

#include <algorithm>

namespace datatap {

namespace {

const char* paginationName(PaginationConfig::Kind kind)
{
	switch (kind)
	{
	case PaginationConfig::Kind::Link: return "link";
	case PaginationConfig::Kind::Page: return "page";
	case PaginationConfig::Kind::Offset: return "offset";
	case PaginationConfig::Kind::Cursor: return "cursor";
	case PaginationConfig::Kind::None: break;
	}
	return "";
}

class CountingSink: public RecordSink
{
public:
	explicit CountingSink(RecordSink& target):
		_target(target)
	{
	}

	void write(const Record& record) override
	{
		_target.write(record);
		++count;
	}

	std::size_t count = 0;

private:
	RecordSink& _target;
};

} // namespace

/// What one thread of a run owns: its connections and its decoder instances,
/// so decoders never see two bodies at once.
struct Pipeline::Worker
{
	explicit Worker(Redactor& redactor):
		fetcher(transport, redactor)
	{
	}

	HttpTransport transport;
	HttpFetcher fetcher;
	std::map<std::string, std::unique_ptr<ResourceDecoder>> decoders;
};

Pipeline::Pipeline(const Config& config, const PluginRegistry& registry, Redactor& redactor):
	_config(config),
	_registry(registry),
	_redactor(redactor)
{
	for (const std::string& secret: config.secrets())
		_redactor.add(secret);

	for (const AuthConfig& auth: config.auths())
	{
		std::unique_ptr<AuthStrategy> strategy;
		PluginBoundary::call(fmt::format("auth strategy '{}' for [auth.{}]", auth.strategy, auth.name), [&] {
			strategy = registry.createAuth(auth.strategy);
			strategy->configure(auth.options);
		});
		_auths.emplace(auth.name, std::move(strategy));
	}
	// Every decoder is made and configured once now, so a bad option or a plugin
	// that cannot start fails --check and fails before the first request.
	_workers.push_back(std::make_unique<Worker>(_redactor));
	for (const SourceConfig& source: config.sources())
		decoderFor(*_workers.front(), source);
	for (const SourceConfig& source: config.sources())
	{
		if (source.transport.insecure && source.url.compare(0, 8, "https://") == 0)
			Poco::Logger::get("datatap").warning(fmt::format("warning: [source.{}] insecure = true: TLS certificates are not verified; anyone on the path can read and change this traffic", source.name));
	}
}

Pipeline::~Pipeline() = default;

ResourceDecoder& Pipeline::decoderFor(Worker& worker, const SourceConfig& source)
{
	auto it = worker.decoders.find(source.name);
	if (it != worker.decoders.end())
		return *it->second;
	std::unique_ptr<ResourceDecoder> decoder;
	{
		std::lock_guard<std::mutex> lock(_decoderMutex);
		PluginBoundary::call(fmt::format("decoder '{}' for [source.{}]", source.decoder, source.name), [&] {
			decoder = _registry.createDecoder(source.decoder);
			decoder->configure(source.decoderOptions);
		});
	}
	return *worker.decoders.emplace(source.name, std::move(decoder)).first->second;
}

std::vector<const SourceConfig*> Pipeline::select(const std::vector<std::string>& names) const
{
	std::vector<const SourceConfig*> selected;
	if (names.empty())
	{
		for (const SourceConfig& source: _config.sources())
			selected.push_back(&source);
		return selected;
	}
	for (const std::string& name: names)
	{
		const SourceConfig* source = _config.findSource(name);
		if (source == nullptr)
		{
			const std::vector<std::string> known = _config.sourceNames();
			throw UsageError(fmt::format("no source '{}' in {}{}; sources: {}", name, _config.path(), Suggestion::hint(name, known), Poco::cat(std::string(", "), known.begin(), known.end())));
		}
		selected.push_back(source);
	}
	return selected;
}

std::vector<PlannedRequest> Pipeline::plan(const std::vector<const SourceConfig*>& sources)
{
	std::vector<PlannedRequest> planned;
	for (const SourceConfig* source: sources)
	{
		const UrlTemplate urls(source->url, source->partitions);
		if (source->url == "-" || source->url.compare(0, 7, "file://") == 0)
		{
			planned.push_back(PlannedRequest{source->name, "READ", urls.at(0) == "-" ? std::string("standard input") : urls.at(0), {}, source->decoder, urls.size(), ""});
			continue;
		}
		Paginator paginator(source->pagination, source->name);
		PreparedRequest prepared;
		AuthStrategy* auth = source->auth.empty() ? nullptr : _auths.at(source->auth).get();
		HttpFetcher::prepare(paginator.first(Poco::URI(urls.at(0))), auth, "auth." + source->auth, _redactor, prepared, true);
		PlannedRequest entry{source->name, prepared.request.getMethod(), HttpFetcher::displayUrl(prepared.uri, prepared.credentialQueryParameters), {}, source->decoder, urls.size(), paginationName(source->pagination.kind)};
		for (const auto& header: prepared.request)
		{
			// Not a structured binding: C++17 lets no lambda capture one (clang refuses).
			const std::string& name = header.first;
			const bool secret = std::any_of(prepared.credentialHeaders.begin(), prepared.credentialHeaders.end(), [&](const std::string& h) { return Poco::icompare(h, name) == 0; });
			entry.headers.emplace_back(name, secret ? Redactor::kMask : _redactor.apply(header.second));
		}
		planned.push_back(std::move(entry));
	}
	return planned;
}

void Pipeline::runFileJob(const SourceConfig& source, const std::string& url, Worker& worker, RecordSink& sink)
{
	// "-" and file:///dev/stdin read standard input through /dev/stdin: a real
	// buffered file stream, where std::cin synchronised with stdio reads bytewise.
	std::string path = "/dev/stdin";
	if (url != "-")
	{
		path.clear();
		Poco::URI::decode(url.substr(7), path);
	}
	Poco::FileInputStream in;
	try
	{
		in.open(path, std::ios::in);
	}
	catch (const Poco::Exception& exc)
	{
		throw ServiceError(fmt::format("source '{}': cannot read {} ({})", source.name, path, exc.message()));
	}
	const ResponseInfo info{source.name, url, 200, ""};
	ResourceDecoder& decoder = decoderFor(worker, source);
	PluginBoundary::call(fmt::format("source '{}': {}: decoder '{}'", source.name, url, source.decoder), [&] { decoder.decode(in, info, sink); });
}

FetchRequest Pipeline::requestFor(const SourceConfig& source) const
{
	FetchRequest request;
	request.source = source.name;
	request.options = &source.transport;
	request.skipStatus = &source.skipStatus;
	if (!source.auth.empty())
	{
		request.auth = _auths.at(source.auth).get();
		request.authSection = "auth." + source.auth;
	}
	return request;
}

void Pipeline::runJob(const SourceConfig& source, const std::string& url, Worker& worker, RecordSink& sink)
{
	if (url == "-" || url.compare(0, 7, "file://") == 0)
	{
		runFileJob(source, url, worker, sink);
		return;
	}
	HttpFetcher& fetcher = worker.fetcher;
	ResourceDecoder& decoder = decoderFor(worker, source);
	Paginator paginator(source.pagination, source.name);
	FetchRequest request = requestFor(source);
	request.uri = paginator.first(Poco::URI(url));
	for (;;)
	{
		CountingSink counted(sink);
		std::string body;
		const FetchOutcome outcome = fetcher.fetch(request, [&](const Poco::Net::HTTPResponse& response, ResponseBody& stream, const std::string& shownUrl) {
			const ResponseInfo info{source.name, shownUrl, static_cast<int>(response.getStatus()), response.getContentType()};
			PageDecoder::decode(source, decoder, info, stream, response.get("Content-Encoding", ""), paginator.needsBody(), counted, body);
		});
		if (outcome.skipped)
			return;
		const std::optional<Poco::URI> next = paginator.next(outcome, counted.count, &body);
		if (!next)
			return;
		request.uri = *next;
	}
}

void Pipeline::run(const std::vector<const SourceConfig*>& sources, RecordSink& sink, int concurrency, const JobScheduler::Progress& progress)
{
	struct Job
	{
		const SourceConfig* source;
		UrlTemplate urls;
		std::size_t first;
	};
	std::vector<Job> jobs;
	std::size_t total = 0;
	for (const SourceConfig* source: sources)
	{
		jobs.push_back(Job{source, UrlTemplate(source->url, source->partitions), total});
		total += jobs.back().urls.size();
	}
	const std::size_t workers = static_cast<std::size_t>(std::max(1, concurrency));
	const auto jobAt = [&](std::size_t index) { return std::upper_bound(jobs.begin(), jobs.end(), index, [](std::size_t i, const Job& j) { return i < j.first; }) - 1; };

	// Many plain-http requests go out from one thread over non-blocking
	// connections: at 8 connections on 2 cores, a thread per connection spent
	// more time waking up than fetching. One request (a body that may be huge)
	// streams on the worker path; so do https and file sources.
	const bool eventDriven = workers > 1 && total > 1 && std::all_of(sources.begin(), sources.end(), [](const SourceConfig* source) { return EventLoopRunner::handles(*source); });
	if (eventDriven)
	{
		Worker& worker = *_workers.front();
		EventLoopRunner runner(_redactor, workers, workers * 4);
		runner.run(total, [&](std::size_t index) {
			auto job = jobAt(index);
			EventLoopRunner::Job next;
			next.source = job->source;
			next.url = job->urls.at(index - job->first);
			next.request = requestFor(*job->source);
			next.decoder = &decoderFor(worker, *job->source);
			return next;
		}, sink, progress);
		return;
	}

	while (_workers.size() < workers)
		_workers.push_back(std::make_unique<Worker>(_redactor));

	JobScheduler scheduler(workers, workers * 4);
	scheduler.run(total, [&](std::size_t index, std::size_t worker, RecordSink& out) {
		auto job = jobAt(index);
		runJob(*job->source, job->urls.at(index - job->first), *_workers[worker], out);
	}, sink, progress);
}

} // namespace datatap
