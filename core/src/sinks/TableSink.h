#pragma once

#include "sinks/OutputSink.h"

#include <string>
#include <vector>

namespace datatap {

/// `output = table`: aligned columns for a terminal. Column widths depend on every
/// row, so it keeps the cells until finish(); use ndjson for large outputs.
class DATATAP_API TableSink: public OutputSink
{
public:
	explicit TableSink(std::ostream& out);
	void write(const Record& record) override;
	void finish() override;

	/// Display width in columns: UTF-8 code points, not bytes.
	static std::size_t displayWidth(const std::string& text);

private:
	std::size_t column(const std::string& name);

	std::vector<std::string> _columns;
	std::vector<std::vector<std::string>> _rows;
};

} // namespace datatap
