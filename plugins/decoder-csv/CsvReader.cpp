#include "CsvReader.h"

#include <datatap/Exceptions.h>

namespace datatap::csv {

CsvReader::CsvReader(std::istream& in, char delimiter, std::size_t maxFieldBytes):
	_source(*in.rdbuf()),
	_delimiter(static_cast<unsigned char>(delimiter)),
	_maxFieldBytes(maxFieldBytes),
	_buffer(std::size_t{64} << 10)
{
	_pos = _end = _buffer.data();
	if (peek() == 0xEF && _end - _pos >= 3 && static_cast<unsigned char>(_pos[1]) == 0xBB && static_cast<unsigned char>(_pos[2]) == 0xBF)
		_pos += 3;
}

bool CsvReader::refill()
{
	const std::streamsize count = _source.sgetn(_buffer.data(), static_cast<std::streamsize>(_buffer.size()));
	_pos = _buffer.data();
	_end = _pos + (count > 0 ? count : 0);
	return count > 0;
}

int CsvReader::peek()
{
	if (_pos == _end && !refill())
		return kEnd;
	return static_cast<unsigned char>(*_pos);
}

int CsvReader::next()
{
	const int c = peek();
	if (c != kEnd)
		++_pos;
	return c;
}

void CsvReader::fail(const std::string& problem) const
{
	throw DecodeError(where() + ": " + problem);
}

std::string CsvReader::where() const
{
	return "row " + std::to_string(_row) + " (line " + std::to_string(_rowLine) + ")";
}

void CsvReader::append(std::string& field, char c)
{
	if (field.size() >= _maxFieldBytes)
		fail("field " + std::to_string(_count + 1) + " is longer than " + std::to_string(_maxFieldBytes) + " bytes");
	field += c;
}

int CsvReader::readField(std::string& field, bool& quoted)
{
	field.clear();
	quoted = peek() == '"';
	if (!quoted)
	{
		for (;;)
		{
			const int c = next();
			if (c == kEnd || c == '\n' || c == _delimiter)
				return c;
			if (c == '\r' && peek() == '\n')
				return next();
			if (c == '"')
				fail("field " + std::to_string(_count + 1) + ": a quote inside an unquoted field (quote the whole field and double the quote: \"a \"\"b\"\"\")");
			append(field, static_cast<char>(c));
		}
	}
	next();
	const std::uint64_t openedAt = _line;
	for (;;)
	{
		const int c = next();
		if (c == kEnd)
			fail("field " + std::to_string(_count + 1) + ": the quote opened at line " + std::to_string(openedAt) + " is never closed");
		if (c == '"')
		{
			if (peek() != '"')
				break;
			next();
		}
		else if (c == '\n')
			++_line;
		append(field, static_cast<char>(c));
	}
	const int c = next();
	if (c == kEnd || c == '\n' || c == _delimiter)
		return c;
	if (c == '\r' && peek() == '\n')
		return next();
	fail("field " + std::to_string(_count + 1) + ": unexpected character after the closing quote (a delimiter or the end of the line must follow)");
}

bool CsvReader::readRow()
{
	for (;;)
	{
		if (peek() == kEnd)
			return false;
		++_row;
		_rowLine = _line;
		_count = 0;
		int end = 0;
		do
		{
			if (_count == _fields.size())
			{
				_fields.emplace_back();
				_quoted.push_back(false);
			}
			bool quoted = false;
			end = readField(_fields[_count], quoted);
			_quoted[_count] = quoted;
			++_count;
		} while (end == _delimiter);
		if (end == '\n')
			++_line;
		if (_count == 1 && _fields[0].empty() && !_quoted[0])
		{
			--_row;
			continue;
		}
		return true;
	}
}

std::size_t CsvReader::fieldCount() const
{
	return _count;
}

const std::string& CsvReader::field(std::size_t at) const
{
	return _fields[at];
}

bool CsvReader::quoted(std::size_t at) const
{
	return _quoted[at];
}

std::uint64_t CsvReader::row() const
{
	return _row;
}

} // namespace datatap::csv
