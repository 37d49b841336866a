#include "sinks/JsonArraySink.h"

#include "datatap/JsonText.h"

namespace datatap {

JsonArraySink::JsonArraySink(std::ostream& out):
	OutputSink(out)
{
}

void JsonArraySink::write(const Record& record)
{
	_buffer += _count == 0 ? "[\n  " : ",\n  ";
	JsonText::appendRecord(_buffer, record);
	++_count;
	flushBuffer(false);
}

void JsonArraySink::finish()
{
	_buffer += _count == 0 ? "[]\n" : "\n]\n";
	flushBuffer(true);
}

} // namespace datatap
