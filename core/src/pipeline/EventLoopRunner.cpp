#include "pipeline/EventLoopRunner.h"

#include "decoding/ContentDecoder.h"
#include "pipeline/Paginator.h"
#include "pipeline/RecordBuffer.h"
#include "pipeline/PluginBoundary.h"
#include "transport/EventTransport.h"
#include "transport/FetchProgress.h"
#include "transport/HttpFetcher.h"
#include "transport/HttpTransport.h"

#include <Poco/Logger.h>
#include <Poco/MemoryStream.h>
#include <Poco/StreamCopier.h>
#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <sstream>
#include <vector>

namespace datatap {

namespace {

const std::string kNoEncoding;

// How often the progress line hears from a run that is waiting.
const Poco::Timespan kProgressTick(0, 200000);

} // namespace

struct EventLoopRunner::Active
{
	enum class Phase
	{
		Ready, ///< the next request is to be sent
		InFlight,
		Waiting, ///< for a retry, until wakeAt
		Done
	};

	std::size_t index = 0;
	Job job;
	FetchRequest request;
	std::unique_ptr<Paginator> paginator;
	std::unique_ptr<FetchProgress> progress;
	Phase phase = Phase::Ready;
	Poco::Timestamp wakeAt;
	RecordBuffer sink;
	std::exception_ptr error;
};

class EventLoopRunner::State
{
public:
	EventTransport transport;
	HttpTransport blocking;
	std::map<std::size_t, std::unique_ptr<Active>> jobs;
	Poco::Logger& logger = Poco::Logger::get("datatap");
};

EventLoopRunner::EventLoopRunner(Redactor& redactor, std::size_t concurrency, std::size_t window):
	_redactor(redactor),
	_concurrency(std::max<std::size_t>(1, concurrency)),
	_window(std::max(window, std::max<std::size_t>(1, concurrency)))
{
}

EventLoopRunner::~EventLoopRunner() = default;

bool EventLoopRunner::handles(const SourceConfig& source)
{
	return source.url.compare(0, 7, "http://") == 0;
}

void EventLoopRunner::start(Active& active)
{
	const SourceConfig& source = *active.job.source;
	active.paginator = std::make_unique<Paginator>(source.pagination, source.name);
	active.request.source = source.name;
	active.request.options = &source.transport;
	active.request.skipStatus = &source.skipStatus;
	if (active.job.auth != nullptr)
	{
		active.request.auth = active.job.auth;
		active.request.authSection = "auth." + source.auth;
	}
	active.request.uri = active.paginator->first(Poco::URI(active.job.url));
	active.progress = std::make_unique<FetchProgress>(active.request, _redactor, _state->logger);
	active.phase = Active::Phase::Ready;
}

void EventLoopRunner::finish(Active& active, std::exception_ptr error)
{
	active.error = std::move(error);
	active.phase = Active::Phase::Done;
	active.progress.reset();
	active.paginator.reset();
}

void EventLoopRunner::send(Active& active)
{
	try
	{
		PreparedRequest& prepared = active.progress->prepare();
		if (prepared.uri.getScheme() != "http")
		{
			sendBlocking(active, prepared);
			return;
		}
		active.phase = Active::Phase::InFlight;
		_state->transport.start(active.index, prepared.uri, prepared.request, *active.request.options, Poco::Timestamp() + active.request.options->deadline, active.progress->context());
	}
	catch (...)
	{
		finish(active, std::current_exception());
	}
}

void EventLoopRunner::sendBlocking(Active& active, PreparedRequest& prepared)
{
	try
	{
		_state->blocking.send(prepared.uri, prepared.request, *active.request.options, Poco::Timestamp() + active.request.options->deadline, active.progress->context(), [&](const Poco::Net::HTTPResponse& response, ResponseBody& stream)
		                      {
			std::string body;
			const int status = static_cast<int>(response.getStatus());
			if (status >= 200 && status < 300)
				Poco::StreamCopier::copyToString(stream, body);
			onAnswer(active, response, body); });
	}
	catch (const ConnectionFailure&)
	{
		onFailure(active, std::current_exception());
	}
	catch (...)
	{
		finish(active, std::current_exception());
	}
}

void EventLoopRunner::onFailure(Active& active, const std::exception_ptr& error)
{
	try
	{
		try
		{
			std::rethrow_exception(error);
		}
		catch (const ConnectionFailure& failure)
		{
			// Either a retry or it throws.
			active.progress->failed(failure);
			active.wakeAt = Poco::Timestamp() + active.progress->retryWait();
			active.phase = Active::Phase::Waiting;
		}
	}
	catch (...)
	{
		finish(active, std::current_exception());
	}
}

void EventLoopRunner::onAnswer(Active& active, const Poco::Net::HTTPResponse& head, std::string& body)
{
	try
	{
		const FetchProgress::Next next = active.progress->judge(head);
		switch (next)
		{
		case FetchProgress::Next::Success:
			active.progress->received(body.size());
			decodePage(active, head, body);
			return;
		case FetchProgress::Next::Done:
			finish(active, nullptr);
			return;
		case FetchProgress::Next::Retry:
			active.wakeAt = Poco::Timestamp() + active.progress->retryWait();
			active.phase = Active::Phase::Waiting;
			return;
		case FetchProgress::Next::Redirect:
		case FetchProgress::Next::Challenge:
			active.progress->advance(next);
			active.phase = Active::Phase::Ready;
			return;
		}
	}
	catch (...)
	{
		finish(active, std::current_exception());
	}
}

void EventLoopRunner::decodePage(Active& active, const Poco::Net::HTTPResponse& head, std::string& body)
{
	const SourceConfig& source = *active.job.source;
	const ResponseInfo info{source.name, active.progress->shownUrl(), static_cast<int>(head.getStatus()), head.getContentType()};
	const auto context = [&] { return fmt::format("source '{}': GET {}: decoder '{}'", source.name, info.url, source.decoder); };
	const std::size_t before = active.sink.records.size();
	ResourceDecoder& decoder = *active.job.decoder;
	Poco::MemoryInputStream raw(body.data(), static_cast<std::streamsize>(body.size()));
	const std::string& encoding = head.get("Content-Encoding", kNoEncoding);
	std::string page;
	if (active.paginator->needsBody())
	{
		// The cursor lives in the body the decoder reads too.
		if (encoding.empty())
			page = body;
		else
		{
			ContentDecoder content(raw, encoding, source.transport.maxBodyBytes);
			Poco::StreamCopier::copyToString(content.stream(), page);
		}
		std::istringstream copy(page);
		PluginBoundary::callDescribed(context, [&] { decoder.decode(copy, info, active.sink); });
	}
	else if (encoding.empty())
	{
		PluginBoundary::callDescribed(context, [&] { decoder.decode(raw, info, active.sink); });
	}
	else
	{
		// max_body limits the inflated bytes too: a small gzip body can inflate to gigabytes.
		ContentDecoder content(raw, encoding, source.transport.maxBodyBytes);
		PluginBoundary::callDescribed(context, [&] { decoder.decode(content.stream(), info, active.sink); });
	}
	const std::optional<Poco::URI> next = active.paginator->next(active.progress->outcome(), active.sink.records.size() - before, &page);
	if (!next)
	{
		finish(active, nullptr);
		return;
	}
	active.request.uri = *next;
	active.progress = std::make_unique<FetchProgress>(active.request, _redactor, _state->logger);
	active.phase = Active::Phase::Ready;
}

void EventLoopRunner::run(std::size_t count, const JobAt& jobAt, RecordSink& sink, const JobScheduler::Progress& progress)
{
	_state = std::make_unique<State>();
	auto& jobs = _state->jobs;
	std::size_t nextJob = 0;
	std::size_t written = 0;
	std::size_t running = 0;
	std::size_t firstFailed = std::numeric_limits<std::size_t>::max();

	while (written < count)
	{
		while (running < _concurrency && nextJob < count && nextJob < written + _window && nextJob <= firstFailed)
		{
			auto active = std::make_unique<Active>();
			active->index = nextJob;
			active->job = jobAt(nextJob);
			try
			{
				start(*active);
			}
			catch (...)
			{
				finish(*active, std::current_exception());
			}
			if (active->phase != Active::Phase::Done)
				++running;
			jobs.emplace(nextJob++, std::move(active));
		}

		// Send what is ready: new jobs, next pages, redirects, retries whose wait is over.
		const Poco::Timestamp now;
		Poco::Timestamp until = now + kProgressTick;
		for (auto& [index, active]: jobs)
		{
			if (active->phase == Active::Phase::Waiting && active->wakeAt <= now)
				active->phase = Active::Phase::Ready;
			while (active->phase == Active::Phase::Ready)
				send(*active);
			if (active->phase == Active::Phase::Waiting)
				until = std::min(until, active->wakeAt);
		}

		// Write what is finished, in order.
		bool wroteAny = false;
		for (auto it = jobs.find(written); it != jobs.end() && it->second->phase == Active::Phase::Done; it = jobs.find(written))
		{
			if (it->second->error)
				std::rethrow_exception(it->second->error);
			for (const Record& record: it->second->sink.records)
				sink.write(record);
			jobs.erase(it);
			++written;
			wroteAny = true;
		}
		if (wroteAny && progress)
			progress(written, count);
		if (written >= count)
			break;

		const bool startable = running < _concurrency && nextJob < count && nextJob < written + _window && nextJob <= firstFailed;
		if (startable)
			until = Poco::Timestamp();
		for (EventTransport::Completion& completion: _state->transport.wait(until))
		{
			Active& active = *jobs.at(completion.id);
			if (completion.error)
				onFailure(active, completion.error);
			else
				onAnswer(active, completion.response->response(), completion.response->body());
		}
		running = 0;
		for (const auto& [index, active]: jobs)
		{
			if (active->phase != Active::Phase::Done)
				++running;
			else if (active->error && index < firstFailed)
				firstFailed = index;
		}
		if (!wroteAny && progress)
			progress(written, count);
	}
}

} // namespace datatap
