#pragma once

#include "sinks/OutputSink.h"

namespace datatap {

/// `output = json`: one JSON array holding every record, one record a line.
class DATATAP_API JsonArraySink: public OutputSink
{
public:
	explicit JsonArraySink(std::ostream& out);
	void write(const Record& record) override;
	void finish() override;
};

} // namespace datatap
