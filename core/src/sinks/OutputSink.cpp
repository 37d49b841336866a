#include "sinks/OutputSink.h"

#include "datatap/Exceptions.h"
#include "sinks/JsonArraySink.h"
#include "sinks/NdjsonSink.h"
#include "sinks/TableSink.h"

namespace datatap {

OutputSink::OutputSink(std::ostream& out):
	_out(out)
{
}

std::unique_ptr<OutputSink> OutputSink::create(const std::string& format, std::ostream& out)
{
	if (format == "json")
		return std::make_unique<JsonArraySink>(out);
	if (format == "ndjson")
		return std::make_unique<NdjsonSink>(out);
	if (format == "table")
		return std::make_unique<TableSink>(out);
	throw UsageError("unknown output '" + format + "'; use json, ndjson or table");
}

void OutputSink::abandon()
{
	flushBuffer(true);
}

std::size_t OutputSink::count() const
{
	return _count;
}

void OutputSink::flushBuffer(bool force)
{
	if (force || _buffer.size() >= (std::size_t{1} << 16))
	{
		_out.write(_buffer.data(), static_cast<std::streamsize>(_buffer.size()));
		_buffer.clear();
		if (force)
			_out.flush();
	}
}

} // namespace datatap
