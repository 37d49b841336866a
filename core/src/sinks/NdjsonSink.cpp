#include "sinks/NdjsonSink.h"

#include "datatap/JsonText.h"

namespace datatap {

NdjsonSink::NdjsonSink(std::ostream& out):
	OutputSink(out)
{
}

void NdjsonSink::write(const Record& record)
{
	JsonText::appendRecord(_buffer, record);
	_buffer += '\n';
	++_count;
	flushBuffer(false);
}

void NdjsonSink::finish()
{
	flushBuffer(true);
}

} // namespace datatap
