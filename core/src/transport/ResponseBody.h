#pragma once

#include "datatap/Api.h"

#include <Poco/Timestamp.h>

#include <cstdint>
#include <istream>
#include <streambuf>
#include <string>
#include <memory>

namespace datatap {

/// The body of a response as a decoder reads it, with the guarantees POCO's own
/// HTTP streams lack: a total deadline (a server trickling a byte every few
/// seconds is cut off), a size limit, and a loud error instead of a silent
/// end when the body is shorter than its Content-Length or the connection
/// fails (a chunked body's end is checked by ChunkedBodyReader). Errors are thrown from the read, so they reach
/// the caller through the decoder unchanged (the stream rethrows, badbit set).
class DATATAP_API ResponseBody: public std::istream
{
public:
	struct Limits
	{
		std::uint64_t maxBytes = 0;       ///< 0: no limit
		Poco::Timestamp deadline;         ///< when reading must have finished
		bool hasDeadline = false;
		std::int64_t contentLength = -1;  ///< -1: none declared
		bool chunked = false;
	};

	ResponseBody(std::istream& source, Limits limits, std::string displayUrl);

	std::uint64_t bytesRead() const;

private:
	class Buffer: public std::streambuf
	{
	public:
		Buffer(std::istream& source, Limits limits, std::string displayUrl);
		std::uint64_t bytesRead() const;

	protected:
		int_type underflow() override;

	private:
		std::istream& _source;
		Limits _limits;
		std::string _displayUrl;
		std::unique_ptr<char[]> _buffer; ///< not a vector: zeroing 64 KiB per response showed in profiles
		std::uint64_t _bytes = 0;
	};

	Buffer _buffer;
};

} // namespace datatap
