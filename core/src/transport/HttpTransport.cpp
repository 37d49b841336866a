#include "transport/HttpTransport.h"

#include "transport/ChunkedBodyReader.h"
#include "transport/TlsContext.h"

#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <typeinfo>

namespace datatap {

POCO_IMPLEMENT_EXCEPTION(ConnectionFailure, ServiceError, "connection failure")

namespace {

/// Gives the transport the raw bytes of a connection, for reading chunked
/// bodies itself (see ChunkedBodyReader).
class RawConnection
{
public:
	virtual ~RawConnection() = default;
	virtual int readRaw(char* buffer, std::streamsize length) = 0;
};

template <class Session>
class PooledSession: public Session, public RawConnection
{
public:
	using Session::Session;

	int readRaw(char* buffer, std::streamsize length) override
	{
		return this->read(buffer, length);
	}
};

// What is left of the time for a request, for the socket timeouts of its head.
Poco::Timespan capped(const Poco::Timespan& limit, const Poco::Timestamp& deadline)
{
	const Poco::Timestamp now;
	const Poco::Timespan left = deadline > now ? Poco::Timespan(deadline - now) : Poco::Timespan(0, 1000);
	return std::max(Poco::Timespan(0, 1000), std::min(limit, left));
}

// Error bodies this small are read to the end so the connection can be reused.
const std::streamsize kDrainLimit = std::streamsize{64} * 1024;

} // namespace

HttpTransport::HttpTransport() = default;

HttpTransport::~HttpTransport() = default;

std::string HttpTransport::originOf(const Poco::URI& uri)
{
	// Once or twice a request: plain appends cost a third of fmt here.
	std::string origin = uri.getScheme();
	origin += "://";
	origin += uri.getHost();
	origin += ':';
	origin += std::to_string(uri.getPort());
	return origin;
}

std::size_t HttpTransport::connectionsOpened() const
{
	return _connectionsOpened;
}

Poco::Net::HTTPClientSession& HttpTransport::session(const Poco::URI& uri, const TransportOptions& options, bool& reused)
{
	const std::string key = originOf(uri) + (uri.getScheme() == "https" ? "|" + options.caFile + (options.insecure ? "|insecure" : "") : std::string());
	auto it = _sessions.find(key);
	if (it != _sessions.end() && it->second->connected())
	{
		reused = true;
		return *it->second;
	}
	reused = false;
	std::unique_ptr<Poco::Net::HTTPClientSession> fresh;
	if (uri.getScheme() == "https")
		fresh = std::make_unique<PooledSession<Poco::Net::HTTPSClientSession>>(uri.getHost(), uri.getPort(), TlsContext::client(options.caFile, options.insecure));
	else
		fresh = std::make_unique<PooledSession<Poco::Net::HTTPClientSession>>(uri.getHost(), uri.getPort());
	fresh->setKeepAlive(true);
	++_connectionsOpened;
	auto& slot = _sessions[key];
	slot = std::move(fresh);
	return *slot;
}

void HttpTransport::discard(const Poco::URI& uri)
{
	const std::string origin = originOf(uri);
	for (auto it = _sessions.begin(); it != _sessions.end();)
	{
		if (it->first.compare(0, origin.size(), origin) == 0)
		{
			it->second->reset();
			it = _sessions.erase(it);
		}
		else
			++it;
	}
}

void HttpTransport::send(const Poco::URI& uri, Poco::Net::HTTPRequest& request, const TransportOptions& options, const Poco::Timestamp& deadline, const std::string& displayUrl, const ResponseHandler& handler)
{
	for (int attempt = 0;; ++attempt)
	{
		bool reused = false;
		Poco::Net::HTTPResponse response;
		std::istream* source = nullptr;
		Poco::Net::HTTPClientSession* client = nullptr;
		try
		{
			client = &session(uri, options, reused);
			client->setTimeout(capped(options.connectTimeout, deadline), capped(options.readTimeout, deadline), capped(options.readTimeout, deadline));
			client->sendRequest(request);
			source = &client->receiveResponse(response);
		}
		catch (const Poco::Net::SSLException& exc)
		{
			discard(uri);
			throw ConnectionFailure(fmt::format("{}: TLS failed: {}", displayUrl, exc.message()));
		}
		catch (const Poco::Exception& exc)
		{
			discard(uri);
			// A kept-alive connection the server closed in the meantime fails on first
			// use; that is not the server being down, so try once on a new connection.
			const bool timedOut = dynamic_cast<const Poco::TimeoutException*>(&exc) != nullptr;
			if (reused && attempt == 0 && !timedOut)
				continue;
			if (timedOut)
				throw ConnectionFailure(fmt::format("{}: no answer within {:.3g} s", displayUrl, static_cast<double>(options.readTimeout.totalMicroseconds()) / 1e6));
			throw ConnectionFailure(fmt::format("{}: {}", displayUrl, exc.displayText()));
		}

		ResponseBody::Limits limits;
		limits.maxBytes = options.maxBodyBytes;
		limits.deadline = deadline;
		limits.hasDeadline = true;
		limits.chunked = response.getChunkedTransferEncoding();
		if (!limits.chunked && response.hasContentLength())
			limits.contentLength = response.getContentLength64();
		if (limits.contentLength > 0 && static_cast<std::uint64_t>(limits.contentLength) > options.maxBodyBytes)
		{
			discard(uri);
			throw ServiceError(fmt::format("{}: the body of {} bytes is larger than max_body ({} bytes)", displayUrl, limits.contentLength, options.maxBodyBytes));
		}
		std::unique_ptr<ChunkedBodyReader> chunked;
		if (limits.chunked)
		{
			auto* raw = dynamic_cast<RawConnection*>(client);
			chunked = std::make_unique<ChunkedBodyReader>([raw](char* buffer, std::streamsize length) { return raw->readRaw(buffer, length); }, displayUrl);
			source = chunked.get();
		}
		ResponseBody body(*source, limits, displayUrl);
		try
		{
			handler(response, body);
			const int status = static_cast<int>(response.getStatus());
			const bool success = status >= 200 && status < 300;
			// Whatever the handler left is read so the connection can serve the next
			// request; a long error body is not worth it.
			if (success || limits.contentLength < 0 || limits.contentLength <= kDrainLimit)
				body.ignore(success ? std::numeric_limits<std::streamsize>::max() : kDrainLimit);
			if (!response.getKeepAlive() || (!success && body.peek() != std::char_traits<char>::eof()))
				discard(uri);
		}
		catch (...)
		{
			discard(uri);
			throw;
		}
		return;
	}
}

} // namespace datatap
