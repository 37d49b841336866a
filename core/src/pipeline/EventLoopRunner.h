#pragma once

#include "config/Config.h"
#include "datatap/Api.h"
#include "datatap/AuthStrategy.h"
#include "datatap/RecordSink.h"
#include "datatap/ResourceDecoder.h"
#include "pipeline/JobScheduler.h"
#include "transport/HttpFetcher.h"
#include "util/Redactor.h"

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace datatap {

/// Runs the requests of a run of plain-http sources on one thread: up to
/// `concurrency` fetches at once over EventTransport's non-blocking keep-alive
/// connections, each walked through FetchProgress (retries, redirects,
/// challenges) and Paginator like a fetch on a worker thread, and each page
/// decoded on this thread as soon as its body is in. Records come out as
/// JobScheduler's do: in job order, at most `window` jobs ahead of the one
/// being written, and the first failing job in order ends the run with its
/// error. A redirect to https is followed with the blocking transport.
class DATATAP_API EventLoopRunner
{
public:
	/// One job: a URL of a source, the source's fetch (its URL still to be
	/// set) and the decoder this thread uses for the source.
	struct Job
	{
		const SourceConfig* source = nullptr;
		std::string url;
		FetchRequest request;
		ResourceDecoder* decoder = nullptr;
	};
	using JobAt = std::function<Job(std::size_t index)>;

	EventLoopRunner(Redactor& redactor, std::size_t concurrency, std::size_t window);
	~EventLoopRunner();
	EventLoopRunner(const EventLoopRunner&) = delete;
	EventLoopRunner& operator=(const EventLoopRunner&) = delete;

	void run(std::size_t count, const JobAt& jobAt, RecordSink& sink, const JobScheduler::Progress& progress);

	/// Whether a source's requests can go this way: plain http.
	static bool handles(const SourceConfig& source);

private:
	struct Active;

	void start(Active& job);
	void send(Active& job);
	void sendBlocking(Active& job, PreparedRequest& prepared);
	void onAnswer(Active& job, const Poco::Net::HTTPResponse& head, std::string& body);
	void onFailure(Active& job, const std::exception_ptr& error);
	void decodePage(Active& job, const Poco::Net::HTTPResponse& head, std::string& body);
	void finish(Active& job, std::exception_ptr error);

	class State;
	Redactor& _redactor;
	std::size_t _concurrency;
	std::size_t _window;
	std::unique_ptr<State> _state;
};

} // namespace datatap
