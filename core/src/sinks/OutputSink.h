#pragma once

#include "datatap/Api.h"
#include "datatap/RecordSink.h"

#include <memory>
#include <ostream>
#include <string>

namespace datatap {

/// A record sink that writes the run's output in one of the formats the user
/// picks with `output =` or `-o`. finish() completes the document.
class DATATAP_API OutputSink: public RecordSink
{
public:
	/// "json", "ndjson" or "table"; throws UsageError for anything else.
	static std::unique_ptr<OutputSink> create(const std::string& format, std::ostream& out);

	virtual void finish() = 0;
	/// After a failure: writes out what was buffered, without completing the
	/// document, so the records that did arrive are not lost.
	void abandon();
	std::size_t count() const;

protected:
	explicit OutputSink(std::ostream& out);
	/// Writes the buffer out when it has grown large, or always when forced.
	void flushBuffer(bool force);

	std::ostream& _out;
	std::string _buffer;
	std::size_t _count = 0;
};

} // namespace datatap
