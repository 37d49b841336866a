#include "pipeline/JobScheduler.h"

#include "pipeline/RecordBuffer.h"

#include <chrono>
#include <condition_variable>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace datatap {

namespace {

struct Slot
{
	bool done = false;
	std::exception_ptr error;
	RecordBuffer sink;
};

} // namespace

JobScheduler::JobScheduler(std::size_t workers, std::size_t window):
	_workers(workers == 0 ? 1 : workers),
	_window(window < _workers ? _workers : window)
{
}

void JobScheduler::run(std::size_t count, const Job& job, RecordSink& sink, const Progress& progress)
{
	if (count == 0)
		return;
	if (_workers == 1 || count == 1)
	{
		// Straight to the sink: nothing is held, so one huge body streams through.
		for (std::size_t i = 0; i < count; ++i)
		{
			job(i, 0, sink);
			if (progress)
				progress(i + 1, count);
		}
		return;
	}

	std::mutex mutex;
	// Two conditions, so a finished job wakes only the writer, and a written one
	// only one worker: with notify_all on one condition, every completion woke
	// every thread, and at 8 threads on 2 cores the wake-ups showed in the profile.
	std::condition_variable windowOpen;
	std::condition_variable slotDone;
	std::map<std::size_t, std::unique_ptr<Slot>> slots;
	std::size_t nextJob = 0;
	std::size_t written = 0;
	bool stopping = false;

	const auto work = [&](std::size_t worker) {
		for (;;)
		{
			std::size_t index = 0;
			Slot* slot = nullptr;
			{
				std::unique_lock<std::mutex> lock(mutex);
				windowOpen.wait(lock, [&] { return stopping || nextJob >= count || nextJob < written + _window; });
				if (stopping || nextJob >= count)
					return;
				index = nextJob++;
				auto& owned = slots[index];
				owned = std::make_unique<Slot>();
				slot = owned.get();
			}
			std::exception_ptr error;
			try
			{
				job(index, worker, slot->sink);
			}
			catch (...)
			{
				error = std::current_exception();
			}
			std::lock_guard<std::mutex> lock(mutex);
			slot->error = error;
			slot->done = true;
			if (index == written)
				slotDone.notify_one();
		}
	};

	std::vector<std::thread> threads;
	const std::size_t threadCount = count < _workers ? count : _workers;
	for (std::size_t w = 0; w < threadCount; ++w)
		threads.emplace_back(work, w);

	std::exception_ptr failure;
	while (written < count)
	{
		std::unique_ptr<Slot> ready;
		{
			std::unique_lock<std::mutex> lock(mutex);
			const auto isDone = [&] {
				auto it = slots.find(written);
				return it != slots.end() && it->second->done;
			};
			while (!isDone())
			{
				slotDone.wait_for(lock, std::chrono::milliseconds(200));
				if (progress && !isDone())
				{
					lock.unlock();
					progress(written, count);
					lock.lock();
				}
			}
			auto it = slots.find(written);
			ready = std::move(it->second);
			slots.erase(it);
		}
		if (ready->error)
		{
			failure = ready->error;
			break;
		}
		try
		{
			for (const Record& record: ready->sink.records)
				sink.write(record);
		}
		catch (...)
		{
			failure = std::current_exception();
			break;
		}
		std::size_t done = 0;
		{
			std::lock_guard<std::mutex> lock(mutex);
			done = ++written;
			windowOpen.notify_one();
		}
		if (progress)
			progress(done, count);
	}
	{
		std::lock_guard<std::mutex> lock(mutex);
		stopping = true;
		windowOpen.notify_all();
	}
	for (std::thread& thread: threads)
		thread.join();
	if (failure)
		std::rethrow_exception(failure);
}

} // namespace datatap
