#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace datatap::csv {

/// Reads RFC 4180 CSV one row at a time from a stream: fields separated by the
/// delimiter, rows by CRLF or LF, quoted fields may hold delimiters, doubled
/// quotes and line breaks. Stricter than the RFC's "should": a quote inside an
/// unquoted field, anything but a delimiter or line end after a closing quote,
/// and an unclosed quote are errors. Blank lines are skipped; a leading UTF-8
/// byte order mark is dropped.
class CsvReader
{
public:
	CsvReader(std::istream& in, char delimiter, std::size_t maxFieldBytes);

	/// Reads the next row into fields (only the first fieldCount() entries are
	/// the row's; the vectors keep their capacity between rows). False at the
	/// end of the input. Throws DecodeError "row N (line L): what".
	bool readRow();

	std::size_t fieldCount() const;
	const std::string& field(std::size_t at) const;
	/// Whether the field was written in quotes.
	bool quoted(std::size_t at) const;
	/// The row last read, 1 for the first (blank lines not counted).
	std::uint64_t row() const;
	/// "row N (line L)" for messages: L is the line where the row starts.
	std::string where() const;

private:
	static constexpr int kEnd = -1;

	int next();
	int peek();
	bool refill();
	/// Reads one field; returns the byte that ended it (delimiter, '\n' or kEnd).
	int readField(std::string& field, bool& quoted);
	void append(std::string& field, char c);
	[[noreturn]] void fail(const std::string& problem) const;

	std::streambuf& _source;
	int _delimiter; ///< as the unsigned byte next() returns
	std::size_t _maxFieldBytes;
	std::vector<char> _buffer;
	const char* _pos = nullptr;
	const char* _end = nullptr;
	std::vector<std::string> _fields;
	std::vector<bool> _quoted;
	std::size_t _count = 0;
	std::uint64_t _row = 0;
	std::uint64_t _line = 1;
	std::uint64_t _rowLine = 1;
};

} // namespace datatap::csv
