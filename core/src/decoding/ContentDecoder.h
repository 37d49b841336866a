#pragma once

#include "datatap/Api.h"

#include <Poco/InflatingStream.h>

#include <cstdint>
#include <istream>
#include <memory>
#include <streambuf>
#include <string>
#include <vector>

namespace datatap {

/// Undoes a response's Content-Encoding while the body is read, so that a decoder
/// sees the plain body: gzip, deflate (the zlib format, as RFC 9110 defines it) or
/// identity. The inflated size is limited, because a small gzip body can inflate
/// to gigabytes, and only one encoding layer is accepted, because stacked layers
/// serve no purpose but to multiply that.
///
/// Reading stream() throws DecodeError when the encoded data is corrupt or
/// inflates beyond the limit; the istream is set to rethrow, not to swallow.
class DATATAP_API ContentDecoder: public std::streambuf
{
public:
	/// contentEncoding is the header's value, empty when there is none. Throws
	/// DecodeError for an encoding it does not know and for more than one layer.
	ContentDecoder(std::istream& body, const std::string& contentEncoding, std::uint64_t maxInflatedBytes);
	~ContentDecoder() override;

	std::istream& stream();
	/// "gzip", "deflate", or "" for a body that passes through as it is.
	const std::string& encoding() const;

protected:
	int_type underflow() override;

private:
	std::unique_ptr<Poco::InflatingInputStream> _inflater;
	std::streambuf* _body;
	std::streambuf* _source;
	std::string _encoding;
	std::uint64_t _limit;
	std::uint64_t _total = 0;
	std::unique_ptr<char[]> _buffer; ///< not a vector: zeroing 64 KiB per response showed in profiles
	std::istream _stream;
};

} // namespace datatap
