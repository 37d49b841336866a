#pragma once

#include "datatap/Api.h"

#include <Poco/Net/HTTPResponse.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace datatap {

/// Reads one HTTP/1.1 response from bytes as they arrive, for the event-driven
/// transport: the head (into POCO's HTTPResponse, keeping only the fields the
/// core reads, within POCO's limits), then the body framed by
/// Content-Length, chunked encoding or the end of the connection. It keeps the
/// promises ResponseBody and ChunkedBodyReader keep for the blocking transport:
/// a size limit, and a ServiceError, never a silent end, for a body shorter than
/// announced or a chunked body without its last chunk.
class DATATAP_API ResponseParser
{
public:
	/// maxBody: 0 for no limit. Messages start with displayUrl.
	ResponseParser(std::uint64_t maxBody, std::string displayUrl);

	/// Takes bytes of the connection and returns how many belong to this
	/// response; it stops at the end of the head (see headComplete()) and at the
	/// end of the response.
	std::size_t feed(const char* data, std::size_t size);

	/// The connection ended: ends a body framed by the connection's end, and
	/// throws ServiceError for any other unfinished body.
	void end();

	/// Stop after the head: the caller does not want the body. The connection
	/// can then not carry another request.
	void skipBody();

	bool headComplete() const;
	bool complete() const;
	/// Whether the connection may carry the next request.
	bool reusable() const;
	/// Bytes of this response seen so far, head included.
	std::uint64_t bytesSeen() const;

	const Poco::Net::HTTPResponse& response() const;
	/// The body's framing, once the head is complete.
	bool chunked() const;
	std::int64_t contentLength() const; ///< -1: none declared
	/// The body with the chunked framing removed (content codings are not undone).
	std::string& body();

private:
	enum class State
	{
		Head,
		Fixed, ///< Content-Length bytes
		ChunkSize,
		ChunkData,
		ChunkDataEnd,
		Trailer,
		UntilClose,
		Done
	};

	std::size_t feedHead(const char* data, std::size_t size);
	void parseHead();
	/// The fields the core reads (framing, Content-Type and -Encoding,
	/// redirects, retries, challenges, pagination); the others are dropped.
	static bool kept(std::string_view name);
	static bool equalsIgnoringCase(std::string_view text, std::string_view known);
	void startBody();
	/// Moves the bytes up to the next LF into _line; true when the line is whole.
	bool takeLine(const char* data, std::size_t size, std::size_t& at);
	void append(const char* data, std::size_t size);
	void chunkSizeLine();
	[[noreturn]] void malformedChunk(const std::string& why) const;

	std::uint64_t _maxBody;
	std::string _displayUrl;
	State _state = State::Head;
	Poco::Net::HTTPResponse _response;
	std::string _head;
	std::string _line;
	std::string _body;
	std::uint64_t _left = 0; ///< of the Content-Length or the current chunk
	std::int64_t _contentLength = -1;
	std::size_t _trailers = 0;
	bool _linePending = false; ///< _line holds the start of a line still arriving
	std::uint64_t _seen = 0;
	bool _keepAlive = false;
	bool _chunked = false;
	bool _hasContentLength = false;
	std::string _contentLengthField;
	std::string _transferEncoding;
	std::string _connection;
};

} // namespace datatap
