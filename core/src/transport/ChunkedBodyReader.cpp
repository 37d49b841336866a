#include "transport/ChunkedBodyReader.h"

#include "datatap/Exceptions.h"

#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <fmt/format.h>

#include <algorithm>

namespace datatap {

namespace {

// A chunk-size line or a trailer longer than this is not HTTP.
const std::size_t kMaxLine = 4096;
const std::size_t kBufferSize = std::size_t{1} << 16;

} // namespace

ChunkedBodyReader::Buffer::Buffer(RawRead read, std::string displayUrl):
	_read(std::move(read)),
	_displayUrl(std::move(displayUrl)),
	_raw(new char[kBufferSize]),
	_out(new char[kBufferSize])
{
}

void ChunkedBodyReader::Buffer::brokenOff() const
{
	throw ServiceError(fmt::format("{}: the chunked body broke off after {} bytes (the connection closed before the last chunk)", _displayUrl, _bytes));
}

int ChunkedBodyReader::Buffer::next()
{
	if (_rawAt == _rawEnd)
	{
		const int got = _read(_raw.get(), static_cast<std::streamsize>(kBufferSize));
		if (got <= 0)
			return -1;
		_rawAt = 0;
		_rawEnd = static_cast<std::size_t>(got);
	}
	return static_cast<unsigned char>(_raw[_rawAt++]);
}

std::string ChunkedBodyReader::Buffer::line()
{
	std::string text;
	for (;;)
	{
		const int c = next();
		if (c < 0)
			brokenOff();
		if (c == '\n')
			break;
		text += static_cast<char>(c);
		if (text.size() > kMaxLine)
			throw ServiceError(fmt::format("{}: malformed chunked body (a line of over {} bytes)", _displayUrl, kMaxLine));
	}
	if (!text.empty() && text.back() == '\r')
		text.pop_back();
	return text;
}

ChunkedBodyReader::Buffer::int_type ChunkedBodyReader::Buffer::underflow()
{
	if (gptr() < egptr())
		return traits_type::to_int_type(*gptr());
	if (_finished)
		return traits_type::eof();
	if (_chunkLeft == 0)
	{
		if (_needLineEnd)
		{
			if (!line().empty())
				throw ServiceError(fmt::format("{}: malformed chunked body (no line end after a chunk)", _displayUrl));
			_needLineEnd = false;
		}
		const std::uint64_t length = chunkSize(line(), _displayUrl);
		if (length == 0)
		{
			// Trailers until the empty line that ends the message.
			for (std::size_t count = 0; !line().empty(); ++count)
			{
				if (count > 100)
					throw ServiceError(fmt::format("{}: malformed chunked body (too many trailers)", _displayUrl));
			}
			_finished = true;
			return traits_type::eof();
		}
		_chunkLeft = length;
		_needLineEnd = true;
	}
	std::size_t produced = 0;
	while (produced < kBufferSize && _chunkLeft > 0)
	{
		if (_rawAt == _rawEnd && produced > 0)
			break;
		const int c = next();
		if (c < 0)
			brokenOff();
		_out[produced++] = static_cast<char>(c);
		--_chunkLeft;
		const std::size_t run = std::min<std::size_t>({_rawEnd - _rawAt, kBufferSize - produced, static_cast<std::size_t>(std::min<std::uint64_t>(_chunkLeft, kBufferSize))});
		std::copy(_raw.get() + _rawAt, _raw.get() + _rawAt + run, _out.get() + produced);
		_rawAt += run;
		produced += run;
		_chunkLeft -= run;
	}
	_bytes += produced;
	setg(_out.get(), _out.get(), _out.get() + produced);
	return traits_type::to_int_type(*gptr());
}

std::uint64_t ChunkedBodyReader::chunkSize(std::string line, const std::string& displayUrl)
{
	const std::size_t extension = line.find(';');
	if (extension != std::string::npos)
		line.erase(extension);
	line = Poco::trim(line);
	Poco::UInt64 length = 0;
	if (line.empty() || line.size() > 15 || !Poco::NumberParser::tryParseHex64(line, length))
		throw ServiceError(fmt::format("{}: malformed chunked body (chunk size '{}')", displayUrl, line.substr(0, 20)));
	return length;
}

ChunkedBodyReader::ChunkedBodyReader(RawRead read, std::string displayUrl):
	std::istream(nullptr),
	_buffer(std::move(read), std::move(displayUrl))
{
	rdbuf(&_buffer);
	exceptions(std::ios::badbit);
}

} // namespace datatap
