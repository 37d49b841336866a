#include "pipeline/EventLoopRunner.h"

#include "pipeline/PageDecoder.h"
#include "pipeline/Paginator.h"
#include "pipeline/RecordBuffer.h"
#include "transport/EventTransport.h"
#include "transport/FetchProgress.h"
#include "transport/HttpFetcher.h"
#include "transport/HttpTransport.h"

#include <Poco/Logger.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <limits>
#include <map>
#include <istream>
#include <streambuf>
#include <vector>

namespace datatap {

namespace {

const std::string kNoEncoding;

/// A body in memory as a stream buffer that can be pointed at the next body:
/// one stream for every page, where a stream a page showed in profiles
/// (an istream's locale set-up costs more than decoding a small album).
class BodyBuffer: public std::streambuf
{
public:
	void reset(std::string& body)
	{
		setg(body.data(), body.data(), body.data() + body.size());
	}

protected:
	pos_type seekoff(off_type offset, std::ios_base::seekdir direction, std::ios_base::openmode which) override
	{
		if ((which & std::ios_base::in) == 0)
			return pos_type(off_type(-1));
		const off_type base = direction == std::ios_base::beg ? 0 : direction == std::ios_base::cur ? gptr() - eback() : egptr() - eback();
		const off_type target = base + offset;
		if (target < 0 || target > egptr() - eback())
			return pos_type(off_type(-1));
		setg(eback(), eback() + target, egptr());
		return pos_type(target);
	}

	pos_type seekpos(pos_type position, std::ios_base::openmode which) override
	{
		return seekoff(off_type(position), std::ios_base::beg, which);
	}
};

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
	BodyBuffer bodyBuffer;
	std::istream body{&bodyBuffer};
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
	active.request = std::move(active.job.request);
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
	const ResponseInfo info{active.job.source->name, active.progress->shownUrl(), static_cast<int>(head.getStatus()), head.getContentType()};
	const std::size_t before = active.sink.records.size();
	_state->bodyBuffer.reset(body);
	std::istream& raw = _state->body;
	// Whatever the last decoder left on the stream goes.
	raw.clear();
	raw.exceptions(std::ios::goodbit);
	std::string page;
	PageDecoder::decode(*active.job.source, *active.job.decoder, info, raw, head.get("Content-Encoding", kNoEncoding), active.paginator->needsBody(), active.sink, page);
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
	std::size_t firstFailed = std::numeric_limits<std::size_t>::max();

	// At most `concurrency` requests in flight; a job whose answer is being
	// decoded holds no connection, so it does not count.
	const auto canSend = [&] { return _state->transport.active() < _concurrency; };
	// Sends what is ready (next pages, redirects, retries whose wait is over),
	// then starts new jobs, while there is room.
	const auto refill = [&] {
		const Poco::Timestamp now;
		for (auto& [index, active]: jobs)
		{
			if (active->phase == Active::Phase::Waiting && active->wakeAt <= now)
				active->phase = Active::Phase::Ready;
			while (active->phase == Active::Phase::Ready && canSend())
				send(*active);
		}
		while (canSend() && nextJob < count && nextJob < written + _window && nextJob <= firstFailed)
		{
			auto owned = std::make_unique<Active>();
			Active& active = *owned;
			active.index = nextJob;
			active.job = jobAt(nextJob);
			jobs.emplace(nextJob++, std::move(owned));
			try
			{
				start(active);
			}
			catch (...)
			{
				finish(active, std::current_exception());
			}
			while (active.phase == Active::Phase::Ready && canSend())
				send(active);
		}
	};

	while (written < count)
	{
		refill();

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

		Poco::Timestamp until = Poco::Timestamp() + kProgressTick;
		bool waiting = false;
		for (const auto& [index, active]: jobs)
		{
			if (active->phase == Active::Phase::Waiting)
			{
				until = std::min(until, active->wakeAt);
				waiting = true;
			}
		}
		if (_state->transport.active() == 0 && !waiting)
			until = Poco::Timestamp(); // nothing to wait for: round again at once
		std::vector<EventTransport::Completion> completions = _state->transport.wait(until);
		// Their connections are free now: give the server its next requests
		// before decoding these answers, so it never waits for us.
		refill();
		for (EventTransport::Completion& completion: completions)
		{
			Active& active = *jobs.at(completion.id);
			if (completion.error)
				onFailure(active, completion.error);
			else
				onAnswer(active, completion.response->response(), completion.response->body());
		}
		for (const auto& [index, active]: jobs)
		{
			if (active->phase == Active::Phase::Done && active->error && index < firstFailed)
				firstFailed = index;
		}
		if (!wroteAny && progress)
			progress(written, count);
	}
}

} // namespace datatap
