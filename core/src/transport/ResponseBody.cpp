#include "transport/ResponseBody.h"

#include "datatap/Exceptions.h"

#include <Poco/Exception.h>
#include <fmt/format.h>

#include <algorithm>

namespace datatap {

namespace {

const std::size_t kBufferSize = std::size_t{1} << 16;

} // namespace

ResponseBody::Buffer::Buffer(std::istream& source, Limits limits, std::string displayUrl):
	_source(source),
	_limits(std::move(limits)),
	_displayUrl(std::move(displayUrl)),
	_buffer(new char[kBufferSize])
{
}

std::uint64_t ResponseBody::Buffer::bytesRead() const
{
	return _bytes;
}

ResponseBody::Buffer::int_type ResponseBody::Buffer::underflow()
{
	if (gptr() < egptr())
		return traits_type::to_int_type(*gptr());
	if (_limits.hasDeadline && Poco::Timestamp() > _limits.deadline)
		throw ServiceError(fmt::format("{}: the response did not finish within the deadline ({} bytes read); raise deadline = if the server is just slow", _displayUrl, _bytes));

	std::size_t want = kBufferSize;
	if (_limits.contentLength >= 0)
	{
		const std::uint64_t left = static_cast<std::uint64_t>(_limits.contentLength) - std::min<std::uint64_t>(_bytes, static_cast<std::uint64_t>(_limits.contentLength));
		want = static_cast<std::size_t>(std::min<std::uint64_t>(want, left));
	}
	std::streamsize got = 0;
	if (want > 0)
	{
		// One read of what has arrived, not istream::read, which would wait for
		// the whole buffer and let a trickling server hold us past the deadline.
		// Read from POCO's stream buffer directly: its exceptions then reach us
		// instead of becoming a silent badbit.
		std::streambuf* source = _source.rdbuf();
		try
		{
			if (traits_type::eq_int_type(source->sgetc(), traits_type::eof()))
				got = 0;
			else
			{
				const std::streamsize available = std::max<std::streamsize>(1, source->in_avail());
				got = source->sgetn(_buffer.get(), std::min<std::streamsize>(available, static_cast<std::streamsize>(want)));
			}
		}
		catch (const DatatapException&)
		{
			throw;
		}
		catch (const Poco::TimeoutException&)
		{
			throw ServiceError(fmt::format("{}: no data for the read timeout after {} bytes of the body", _displayUrl, _bytes));
		}
		catch (const Poco::Exception& exc)
		{
			throw ServiceError(fmt::format("{}: the connection failed after {} bytes of the body: {}", _displayUrl, _bytes, exc.displayText()));
		}
	}
	if (got <= 0)
	{
		if (_limits.contentLength >= 0 && _bytes < static_cast<std::uint64_t>(_limits.contentLength))
			throw ServiceError(fmt::format("{}: the body ended after {} of the {} bytes its Content-Length announced", _displayUrl, _bytes, _limits.contentLength));
		return traits_type::eof();
	}
	_bytes += static_cast<std::uint64_t>(got);
	if (_limits.maxBytes != 0 && _bytes > _limits.maxBytes)
		throw ServiceError(fmt::format("{}: the body is larger than max_body ({} bytes)", _displayUrl, _limits.maxBytes));
	setg(_buffer.get(), _buffer.get(), _buffer.get() + got);
	return traits_type::to_int_type(*gptr());
}

ResponseBody::ResponseBody(std::istream& source, Limits limits, std::string displayUrl):
	std::istream(nullptr),
	_buffer(source, std::move(limits), std::move(displayUrl))
{
	rdbuf(&_buffer);
	exceptions(std::ios::badbit);
}

std::uint64_t ResponseBody::bytesRead() const
{
	return _buffer.bytesRead();
}

} // namespace datatap
