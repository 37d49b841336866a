#include "LineStreamBuf.h"

#include <cstring>

namespace datatap::decoding {

LineStreamBuf::LineStreamBuf(std::streambuf& source):
	_source(source),
	_buffer(std::size_t{64} << 10)
{
	_pos = _end = _buffer.data();
}

bool LineStreamBuf::refill()
{
	const std::streamsize count = _source.sgetn(_buffer.data(), static_cast<std::streamsize>(_buffer.size()));
	_pos = _buffer.data();
	_end = _pos + (count > 0 ? count : 0);
	return count > 0;
}

LineStreamBuf::int_type LineStreamBuf::underflow()
{
	if (gptr() < egptr())
		return traits_type::to_int_type(*gptr());
	if (_lineEnded)
		return traits_type::eof();
	if (_pos == _end && !refill())
	{
		_lineEnded = true;
		return traits_type::eof();
	}
	char* newline = static_cast<char*>(std::memchr(_pos, '\n', static_cast<std::size_t>(_end - _pos)));
	char* const stop = newline ? newline : _end;
	char* const start = _pos;
	_pos = newline ? newline + 1 : _end;
	_lineEnded = newline != nullptr;
	setg(start, start, stop);
	if (start == stop)
		return traits_type::eof();
	return traits_type::to_int_type(*gptr());
}

bool LineStreamBuf::nextLine()
{
	// Drop the unread rest of the line, one buffered segment at a time.
	do
		setg(nullptr, nullptr, nullptr);
	while (!traits_type::eq_int_type(underflow(), traits_type::eof()));
	if (_pos == _end && !refill())
		return false;
	_lineEnded = false;
	++_lineNumber;
	return true;
}

std::uint64_t LineStreamBuf::lineNumber() const
{
	return _lineNumber;
}

} // namespace datatap::decoding
