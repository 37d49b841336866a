#include "datatap/Exceptions.h"
#include "pipeline/JobScheduler.h"

#include <Poco/Thread.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <set>

using datatap::JobScheduler;
using datatap::Record;

namespace {

class CollectingSink: public datatap::RecordSink
{
public:
	void write(const Record& record) override { ids.push_back(std::get<std::int64_t>(record.fields()[0].value)); }
	std::vector<std::int64_t> ids;
};

void emit(datatap::RecordSink& sink, std::size_t index)
{
	Record record;
	record.add("index", static_cast<std::int64_t>(index));
	sink.write(record);
}

} // namespace

TEST_CASE("scheduler: records come out in job order whatever order jobs finish in", "[scheduler]")
{
	CollectingSink sink;
	std::mutex mutex;
	std::set<std::size_t> workers;
	JobScheduler scheduler(4, 16);
	scheduler.run(40, [&](std::size_t index, std::size_t worker, datatap::RecordSink& out) {
		{
			std::lock_guard<std::mutex> lock(mutex);
			workers.insert(worker);
		}
		Poco::Thread::sleep(static_cast<long>((40 - index) % 7));
		emit(out, index);
		emit(out, index);
	}, sink, {});
	REQUIRE(sink.ids.size() == 80);
	for (std::size_t i = 0; i < 80; ++i)
		CHECK(sink.ids[i] == static_cast<std::int64_t>(i / 2));
	CHECK(workers.size() > 1);
	CHECK(*workers.rbegin() < 4);
}

TEST_CASE("scheduler: the first failing job in order stops the run and its error is rethrown", "[scheduler]")
{
	CollectingSink sink;
	std::atomic<std::size_t> started{0};
	JobScheduler scheduler(3, 6);
	CHECK_THROWS_AS(scheduler.run(1000, [&](std::size_t index, std::size_t, datatap::RecordSink& out) {
		++started;
		if (index == 5)
			throw datatap::DecodeError("job 5 failed");
		if (index == 7)
			throw datatap::ServiceError("job 7 failed");
		emit(out, index);
	}, sink, {}), datatap::DecodeError);
	CHECK(sink.ids == std::vector<std::int64_t>{0, 1, 2, 3, 4});
	// The window keeps jobs from running far ahead of the one being written.
	CHECK(started.load() <= 5 + 6 + 3);
}

TEST_CASE("scheduler: one worker writes straight to the sink", "[scheduler]")
{
	CollectingSink sink;
	std::vector<std::size_t> progress;
	JobScheduler scheduler(1, 1);
	scheduler.run(3, [&](std::size_t index, std::size_t worker, datatap::RecordSink& out) {
		CHECK(worker == 0);
		CHECK(&out == &sink);
		emit(out, index);
	}, sink, [&](std::size_t done, std::size_t total) {
		CHECK(total == 3);
		progress.push_back(done);
	});
	CHECK(sink.ids == std::vector<std::int64_t>{0, 1, 2});
	CHECK(progress == std::vector<std::size_t>{1, 2, 3});
}
