#include "transport/ResponseParser.h"

#include "datatap/Exceptions.h"
#include "transport/ChunkedBodyReader.h"
#include "transport/HttpTransport.h"

#include <Poco/Ascii.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <string_view>

namespace datatap {

namespace {

// POCO allows 100 fields of up to 8 KiB each; a head larger than this is not
// a server worth waiting for.
const std::size_t kMaxHead = std::size_t{256} << 10;
// A chunk-size line or a trailer longer than this is not HTTP.
const std::size_t kMaxLine = 4096;
const std::size_t kMaxTrailers = 100;
// POCO's own limits for a message head (private in MessageHeader).
const std::size_t kMaxFields = 100;
const std::size_t kMaxName = 256;
const std::size_t kMaxValue = 8192;

} // namespace

ResponseParser::ResponseParser(std::uint64_t maxBody, std::string displayUrl):
	_maxBody(maxBody),
	_displayUrl(std::move(displayUrl))
{
}

bool ResponseParser::headComplete() const
{
	return _state != State::Head;
}

bool ResponseParser::complete() const
{
	return _state == State::Done;
}

bool ResponseParser::reusable() const
{
	return _state == State::Done && _keepAlive;
}

std::uint64_t ResponseParser::bytesSeen() const
{
	return _seen;
}

const Poco::Net::HTTPResponse& ResponseParser::response() const
{
	return _response;
}

std::string& ResponseParser::body()
{
	return _body;
}

void ResponseParser::skipBody()
{
	_keepAlive = false;
	_state = State::Done;
}

std::size_t ResponseParser::feed(const char* data, std::size_t size)
{
	std::size_t at = 0;
	while (at < size && _state != State::Done)
	{
		switch (_state)
		{
		case State::Head:
			at += feedHead(data + at, size - at);
			if (_state != State::Head)
			{
				_seen += at;
				return at;
			}
			break;
		case State::Fixed:
		{
			const std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(_left, size - at));
			append(data + at, take);
			at += take;
			_left -= take;
			if (_left == 0)
				_state = State::Done;
			break;
		}
		case State::UntilClose:
			append(data + at, size - at);
			at = size;
			break;
		case State::ChunkSize:
			if (takeLine(data, size, at))
				chunkSizeLine();
			break;
		case State::ChunkData:
		{
			const std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(_left, size - at));
			append(data + at, take);
			at += take;
			_left -= take;
			if (_left == 0)
				_state = State::ChunkDataEnd;
			break;
		}
		case State::ChunkDataEnd:
			if (takeLine(data, size, at))
			{
				if (!_line.empty())
					malformedChunk("no line end after a chunk");
				_state = State::ChunkSize;
			}
			break;
		case State::Trailer:
			if (takeLine(data, size, at))
			{
				if (_line.empty())
					_state = State::Done;
				else if (++_trailers > kMaxTrailers)
					malformedChunk("too many trailers");
			}
			break;
		case State::Done:
			break;
		}
	}
	_seen += at;
	return at;
}

std::size_t ResponseParser::feedHead(const char* data, std::size_t size)
{
	// The head ends at the first empty line; a CR before each LF is optional,
	// as it is for POCO's own parser.
	const std::size_t before = _head.size();
	_head.append(data, size);
	std::size_t end = std::string::npos;
	for (std::size_t lf = _head.find('\n', before >= 2 ? before - 2 : 0); lf != std::string::npos; lf = _head.find('\n', lf + 1))
	{
		if (lf + 1 < _head.size() && _head[lf + 1] == '\n')
		{
			end = lf + 2;
			break;
		}
		if (lf + 2 < _head.size() && _head[lf + 1] == '\r' && _head[lf + 2] == '\n')
		{
			end = lf + 3;
			break;
		}
	}
	if (end == std::string::npos)
	{
		if (_head.size() > kMaxHead)
			throw ConnectionFailure(fmt::format("{}: the response head is larger than {} KiB", _displayUrl, kMaxHead >> 10));
		return size;
	}
	_head.resize(end);
	const std::size_t used = end - before;
	parseHead();
	return used;
}

void ResponseParser::parseHead()
{
	_response.clear();
	const auto malformed = [&](const std::string& why) { return ConnectionFailure(fmt::format("{}: malformed response head ({})", _displayUrl, why)); };
	std::size_t at = 0;
	const auto nextLine = [&](std::string_view& line) {
		const std::size_t lf = _head.find('\n', at);
		if (lf == std::string::npos)
			return false;
		line = std::string_view(_head).substr(at, lf - at);
		if (!line.empty() && line.back() == '\r')
			line.remove_suffix(1);
		at = lf + 1;
		return true;
	};

	// HTTP/1.1 200 OK
	std::string_view line;
	nextLine(line);
	const std::size_t space = line.find(' ');
	if (line.compare(0, 5, "HTTP/") != 0 || space == std::string_view::npos || space + 4 > line.size())
		throw malformed(fmt::format("status line '{}'", line.substr(0, 40)));
	const std::string_view code = line.substr(space + 1, 3);
	if (!std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }) || (space + 4 < line.size() && line[space + 4] != ' '))
		throw malformed(fmt::format("status line '{}'", line.substr(0, 40)));
	_response.setVersion(std::string(line.substr(0, space)));
	const int status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
	// RFC 9110 knows 100 to 599; anything else is no HTTP status (nor a value of POCO's enum).
	if (status < 100 || status > 599)
		throw malformed(fmt::format("status {}", status));
	const std::string_view reason = space + 5 <= line.size() ? line.substr(space + 5) : std::string_view();
	// POCO's status enum ends at 511; RFC 9110 says to treat an unknown code
	// as the x00 of its class, which keeps 520 and the like out of undefined
	// behaviour (the reason says what was sent).
	if (status > 511)
		_response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, fmt::format("{} (status {})", reason, status));
	else
		_response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status), std::string(reason));

	// Fields, with POCO's limits. Only those the core reads are kept: POCO's
	// own reader and its map of every field cost more than the rest of a small
	// response together.
	std::size_t fields = 0;
	while (nextLine(line) && !line.empty())
	{
		if (line.front() == ' ' || line.front() == '\t')
			throw malformed("folded field lines are obsolete");
		if (++fields > kMaxFields)
			throw malformed(fmt::format("more than {} fields", kMaxFields));
		const std::size_t colon = line.find(':');
		if (colon == std::string_view::npos || colon == 0 || colon > kMaxName)
			throw malformed(fmt::format("field line '{}'", line.substr(0, 40)));
		std::string_view value = line.substr(colon + 1);
		if (value.size() > kMaxValue)
			throw malformed(fmt::format("a field of over {} bytes", kMaxValue));
		const std::string_view name = line.substr(0, colon);
		if (!kept(name))
			continue;
		while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
			value.remove_prefix(1);
		while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
			value.remove_suffix(1);
		// The framing is noted as it goes by, so that it is not looked up in
		// POCO's field list (a case-insensitive scan each) again and again.
		if (equalsIgnoringCase(name, "Content-Length"))
		{
			if (_hasContentLength && value != _contentLengthField)
				throw malformed("two different Content-Length fields");
			_hasContentLength = true;
			_contentLengthField = std::string(value);
		}
		else if (equalsIgnoringCase(name, "Transfer-Encoding"))
			_transferEncoding = std::string(value); // the last coding counts (RFC 9112 6.1)
		else if (equalsIgnoringCase(name, "Connection"))
			_connection = std::string(value);
		_response.add(std::string(name), std::string(value));
	}
	_head.clear();
	if (status >= 100 && status < 200 && status != 101)
		return; // an interim answer; the real head follows
	startBody();
}

bool ResponseParser::equalsIgnoringCase(std::string_view text, std::string_view known)
{
	if (text.size() != known.size())
		return false;
	for (std::size_t i = 0; i < text.size(); ++i)
	{
		if (Poco::Ascii::toLower(text[i]) != Poco::Ascii::toLower(known[i]))
			return false;
	}
	return true;
}

bool ResponseParser::kept(std::string_view name)
{
	static const std::string_view names[] = {"Connection", "Content-Encoding", "Content-Length", "Content-Type", "Link", "Location", "Retry-After", "Transfer-Encoding", "WWW-Authenticate"};
	return std::any_of(std::begin(names), std::end(names), [&](std::string_view known) { return equalsIgnoringCase(name, known); });
}

bool ResponseParser::chunked() const
{
	return _chunked;
}

std::int64_t ResponseParser::contentLength() const
{
	return _contentLength;
}

void ResponseParser::startBody()
{
	const int status = static_cast<int>(_response.getStatus());
	// As POCO's getKeepAlive(): HTTP/1.1 keeps the connection unless told to close it.
	_keepAlive = _connection.empty() ? _response.getVersion() == Poco::Net::HTTPMessage::HTTP_1_1 : !equalsIgnoringCase(_connection, "close");
	if (status < 200 || status == 204 || status == 304)
	{
		_state = State::Done;
		return;
	}
	if (!_transferEncoding.empty())
	{
		// Chunked only when it is the last coding; anything else runs to the end
		// of the connection.
		std::string_view last(_transferEncoding);
		const std::size_t comma = last.rfind(',');
		if (comma != std::string_view::npos)
			last.remove_prefix(comma + 1);
		while (!last.empty() && (last.front() == ' ' || last.front() == '\t'))
			last.remove_prefix(1);
		_chunked = equalsIgnoringCase(last, "chunked");
		_state = _chunked ? State::ChunkSize : State::UntilClose;
		if (!_chunked)
			_keepAlive = false;
		return;
	}
	if (_hasContentLength)
	{
		Poco::UInt64 length = 0;
		const bool digits = !_contentLengthField.empty() && _contentLengthField.size() <= 18 && std::all_of(_contentLengthField.begin(), _contentLengthField.end(), [](char c) { return c >= '0' && c <= '9'; });
		if (!digits || !Poco::NumberParser::tryParseUnsigned64(_contentLengthField, length))
			throw ConnectionFailure(fmt::format("{}: the response has an invalid Content-Length", _displayUrl));
		_contentLength = static_cast<std::int64_t>(length);
		if (_maxBody != 0 && length > _maxBody)
			throw ServiceError(fmt::format("{}: the body of {} bytes is larger than max_body ({} bytes)", _displayUrl, _contentLength, _maxBody));
		_left = length;
		_body.reserve(static_cast<std::size_t>(_left));
		_state = _left == 0 ? State::Done : State::Fixed;
		return;
	}
	_keepAlive = false;
	_state = State::UntilClose;
}

bool ResponseParser::takeLine(const char* data, std::size_t size, std::size_t& at)
{
	const void* found = std::memchr(data + at, '\n', size - at);
	const std::size_t end = found == nullptr ? size : static_cast<std::size_t>(static_cast<const char*>(found) - data);
	if (_line.size() + (end - at) > kMaxLine)
		malformedChunk(fmt::format("a line of over {} bytes", kMaxLine));
	if (!_linePending)
		_line.clear();
	_line.append(data + at, end - at);
	if (found == nullptr)
	{
		at = size;
		_linePending = true;
		return false;
	}
	at = end + 1;
	_linePending = false;
	if (!_line.empty() && _line.back() == '\r')
		_line.pop_back();
	return true;
}

void ResponseParser::chunkSizeLine()
{
	const std::uint64_t length = ChunkedBodyReader::chunkSize(_line, _displayUrl);
	if (length == 0)
	{
		_state = State::Trailer;
		return;
	}
	if (_maxBody != 0 && _body.size() + length > _maxBody)
		throw ServiceError(fmt::format("{}: the body is larger than max_body ({} bytes)", _displayUrl, _maxBody));
	_left = length;
	_state = State::ChunkData;
}

void ResponseParser::append(const char* data, std::size_t size)
{
	if (_maxBody != 0 && _body.size() + size > _maxBody)
		throw ServiceError(fmt::format("{}: the body is larger than max_body ({} bytes)", _displayUrl, _maxBody));
	_body.append(data, size);
}

void ResponseParser::malformedChunk(const std::string& why) const
{
	throw ServiceError(fmt::format("{}: malformed chunked body ({})", _displayUrl, why));
}

void ResponseParser::end()
{
	switch (_state)
	{
	case State::Done:
		return;
	case State::UntilClose:
		_state = State::Done;
		return;
	case State::Head:
		throw ConnectionFailure(fmt::format("{}: the connection closed before a complete response head", _displayUrl));
	case State::Fixed:
		throw ServiceError(fmt::format("{}: the body ended after {} of the {} bytes its Content-Length announced", _displayUrl, _body.size(), _contentLength));
	case State::ChunkSize:
	case State::ChunkData:
	case State::ChunkDataEnd:
	case State::Trailer:
		throw ServiceError(fmt::format("{}: the chunked body broke off after {} bytes (the connection closed before the last chunk)", _displayUrl, _body.size()));
	}
}

} // namespace datatap
