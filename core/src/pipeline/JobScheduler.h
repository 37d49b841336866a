#pragma once

#include "datatap/Api.h"
#include "datatap/RecordSink.h"

#include <cstddef>
#include <functional>

namespace datatap {

/// Runs numbered jobs on a bounded number of threads and writes their records
/// to the sink in job order, whatever order they finish in. Jobs may run at most
/// `window` ahead of the one being written, which bounds the memory held for
/// finished jobs waiting their turn. The first failing job in order stops the
/// run: no job after it starts, its error is rethrown, and nothing after it is written.
class DATATAP_API JobScheduler
{
public:
	/// job(index, worker, sink): worker is the thread's number, for per-thread state.
	using Job = std::function<void(std::size_t index, std::size_t worker, RecordSink& sink)>;
	using Progress = std::function<void(std::size_t done, std::size_t total)>;

	JobScheduler(std::size_t workers, std::size_t window);

	void run(std::size_t count, const Job& job, RecordSink& sink, const Progress& progress);

private:
	std::size_t _workers;
	std::size_t _window;
};

} // namespace datatap
