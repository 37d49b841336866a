#pragma once

#include <cstdint>
#include <streambuf>
#include <vector>

namespace datatap::decoding {

/// Presents one line of another stream buffer at a time as a stream of its own,
/// ending at the '\n' (which is not part of it), so a parser that reads a stream
/// to its end can parse a line without the line ever being copied whole.
class LineStreamBuf: public std::streambuf
{
public:
	explicit LineStreamBuf(std::streambuf& source);

	/// Skips what is left of the current line and moves to the next one; false
	/// when the input has no more bytes. Call it once before the first line.
	bool nextLine();
	/// 1 for the first line.
	std::uint64_t lineNumber() const;

protected:
	int_type underflow() override;

private:
	bool refill();

	std::streambuf& _source;
	std::vector<char> _buffer;
	char* _pos = nullptr; ///< the unread bytes of _buffer are [_pos, _end)
	char* _end = nullptr;
	bool _lineEnded = true;
	std::uint64_t _lineNumber = 0;
};

} // namespace datatap::decoding
