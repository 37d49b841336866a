#pragma once

#include "datatap/Record.h"
#include "datatap/RecordSink.h"

#include <vector>

namespace datatap {

/// Keeps the records of a job that finished before its turn to be written.
class RecordBuffer: public RecordSink
{
public:
	void write(const Record& record) override { records.push_back(record); }

	std::vector<Record> records;
};

} // namespace datatap
