#include "decoding/ContentDecoder.h"

#include "datatap/Exceptions.h"

#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

namespace datatap {

namespace {

const std::size_t kBufferSize = std::size_t{64} << 10;

} // namespace

ContentDecoder::ContentDecoder(std::istream& body, const std::string& contentEncoding, std::uint64_t maxInflatedBytes):
	_body(body.rdbuf()),
	_source(body.rdbuf()),
	_limit(maxInflatedBytes),
	_buffer(new char[kBufferSize]),
	_stream(this)
{
	std::vector<std::string> layers;
	const Poco::StringTokenizer codings(Poco::toLower(contentEncoding), ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
	for (const std::string& coding: codings)
	{
		if (coding != "identity")
			layers.push_back(coding);
	}
	if (layers.size() > 1)
		throw DecodeError("Content-Encoding '" + contentEncoding + "': more than one encoding layer is not accepted");
	if (!layers.empty())
	{
		const std::string& coding = layers.front();
		if (coding == "gzip" || coding == "x-gzip")
			_encoding = "gzip";
		else if (coding == "deflate")
			_encoding = "deflate";
		else
			throw DecodeError("Content-Encoding '" + contentEncoding + "' is not supported (gzip, deflate and identity are)");
		_inflater = std::make_unique<Poco::InflatingInputStream>(body, _encoding == "gzip" ? Poco::InflatingStreamBuf::STREAM_GZIP : Poco::InflatingStreamBuf::STREAM_ZLIB);
		_source = _inflater->rdbuf();
	}
	_stream.exceptions(std::ios::badbit);
}

ContentDecoder::~ContentDecoder() = default;

std::istream& ContentDecoder::stream()
{
	return _stream;
}

const std::string& ContentDecoder::encoding() const
{
	return _encoding;
}

ContentDecoder::int_type ContentDecoder::underflow()
{
	if (gptr() < egptr())
		return traits_type::to_int_type(*gptr());
	// An empty body is empty whatever its header says (a 204 may carry
	// Content-Encoding: gzip); zlib would call it a truncated stream.
	if (_inflater && _total == 0 && traits_type::eq_int_type(_body->sgetc(), traits_type::eof()))
		return traits_type::eof();
	std::streamsize count = 0;
	try
	{
		count = _source->sgetn(_buffer.get(), static_cast<std::streamsize>(kBufferSize));
	}
	catch (const Poco::IOException& exc)
	{
		throw DecodeError("the " + _encoding + " body is corrupt: " + exc.message());
	}
	if (count <= 0)
		return traits_type::eof();
	_total += static_cast<std::uint64_t>(count);
	if (_inflater && _total > _limit)
		throw DecodeError("the " + _encoding + " body inflates to more than " + std::to_string(_limit) + " bytes, the limit");
	setg(_buffer.get(), _buffer.get(), _buffer.get() + count);
	return traits_type::to_int_type(*gptr());
}

} // namespace datatap
