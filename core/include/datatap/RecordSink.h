#pragma once

#include "datatap/Api.h"
#include "datatap/Record.h"

namespace datatap {

/// Where a decoder pushes records, one at a time, as it parses them.
class DATATAP_API RecordSink
{
public:
	RecordSink() = default;
	RecordSink(const RecordSink&) = delete;
	RecordSink& operator=(const RecordSink&) = delete;
	virtual ~RecordSink();

	virtual void write(const Record& record) = 0;
};

} // namespace datatap
