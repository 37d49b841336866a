#pragma once

#include "datatap/Api.h"

#include <cstdint>
#include <functional>
#include <istream>
#include <streambuf>
#include <string>
#include <memory>

namespace datatap {

/// Decodes a chunked body (RFC 9112 section 7.1) from the raw connection. POCO
/// 1.11's own chunked stream ends quietly when the connection drops mid-body,
/// which would turn a broken response into a short one; this one insists on the
/// last chunk and throws ServiceError when it does not come.
class DATATAP_API ChunkedBodyReader: public std::istream
{
public:
	/// read(buffer, n) returns up to n raw bytes of the connection, 0 at its end.
	using RawRead = std::function<int(char*, std::streamsize)>;

	ChunkedBodyReader(RawRead read, std::string displayUrl);

	/// The size on a chunk-size line (extensions ignored); ServiceError if it is none.
	static std::uint64_t chunkSize(std::string line, const std::string& displayUrl);

private:
	class Buffer: public std::streambuf
	{
	public:
		Buffer(RawRead read, std::string displayUrl);

	protected:
		int_type underflow() override;

	private:
		int next();
		std::string line();
		[[noreturn]] void brokenOff() const;

		RawRead _read;
		std::string _displayUrl;
		std::unique_ptr<char[]> _raw; ///< not a vector: zeroing 64 KiB per response showed in profiles
		std::size_t _rawAt = 0;
		std::size_t _rawEnd = 0;
		std::unique_ptr<char[]> _out;
		std::uint64_t _chunkLeft = 0;
		std::uint64_t _bytes = 0;
		bool _needLineEnd = false; ///< a chunk's data was read; its CRLF comes next
		bool _finished = false;
	};

	Buffer _buffer;
};

} // namespace datatap
