#pragma once

#include "sinks/OutputSink.h"

namespace datatap {

/// `output = ndjson`: one compact JSON object a line, nothing else.
class DATATAP_API NdjsonSink: public OutputSink
{
public:
	explicit NdjsonSink(std::ostream& out);
	void write(const Record& record) override;
	void finish() override;
};

} // namespace datatap
