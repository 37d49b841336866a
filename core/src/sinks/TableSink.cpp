#include "sinks/TableSink.h"

#include "datatap/JsonText.h"

#include <fmt/format.h>

#include <algorithm>

namespace datatap {

namespace {

std::string oneLine(std::string text)
{
	std::replace_if(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
	return text;
}

} // namespace

TableSink::TableSink(std::ostream& out):
	OutputSink(out)
{
}

std::size_t TableSink::displayWidth(const std::string& text)
{
	return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
		return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
	}));
}

std::size_t TableSink::column(const std::string& name)
{
	auto it = std::find(_columns.begin(), _columns.end(), name);
	if (it != _columns.end())
		return static_cast<std::size_t>(it - _columns.begin());
	_columns.push_back(name);
	return _columns.size() - 1;
}

void TableSink::write(const Record& record)
{
	std::vector<std::string> row(_columns.size());
	for (const Field& field: record.fields())
	{
		const std::size_t at = column(field.name);
		if (at >= row.size())
			row.resize(at + 1);
		row[at] = oneLine(JsonText::cellText(field.value));
	}
	_rows.push_back(std::move(row));
	++_count;
}

void TableSink::finish()
{
	if (_columns.empty())
	{
		flushBuffer(true);
		return;
	}
	std::vector<std::size_t> widths;
	for (const std::string& name: _columns)
		widths.push_back(displayWidth(name));
	for (const auto& row: _rows)
	{
		for (std::size_t i = 0; i < row.size(); ++i)
			widths[i] = std::max(widths[i], displayWidth(row[i]));
	}
	const auto appendRow = [&](const std::vector<std::string>& cells) {
		std::string line;
		for (std::size_t i = 0; i < _columns.size(); ++i)
		{
			const std::string& cell = i < cells.size() ? cells[i] : std::string();
			if (i > 0)
				line += "  ";
			line += cell;
			if (i + 1 < _columns.size())
				line.append(widths[i] - displayWidth(cell), ' ');
		}
		while (!line.empty() && line.back() == ' ')
			line.pop_back();
		_buffer += line;
		_buffer += '\n';
		flushBuffer(false);
	};
	appendRow(_columns);
	std::vector<std::string> rule;
	rule.reserve(widths.size());
	for (std::size_t width: widths)
		rule.emplace_back(width, '-');
	appendRow(rule);
	for (const auto& row: _rows)
		appendRow(row);
	flushBuffer(true);
}

} // namespace datatap
