#include "transport/HttpTransport.h"

#include "datatap/Exceptions.h"
#include "transport/TlsContext.h"

#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SocketStream.h>
#include <fmt/format.h>

#include <limits>

namespace datatap {

HttpTransport::HttpTransport() = default;

HttpTransport::~HttpTransport() = default;

std::string HttpTransport::originOf(const Poco::URI& uri)
{
	return fmt::format("{}://{}:{}", uri.getScheme(), uri.getHost(), uri.getPort());
}

std::size_t HttpTransport::connectionsOpened() const
{
	return _connectionsOpened;
}

Poco::Net::HTTPClientSession& HttpTransport::session(const Poco::URI& uri, const TransportOptions& options, bool& reused)
{
	const std::string origin = originOf(uri);
	auto it = _sessions.find(origin);
	if (it != _sessions.end() && it->second->connected())
	{
		reused = true;
		it->second->setTimeout(options.connectTimeout, options.readTimeout, options.readTimeout);
		return *it->second;
	}
	reused = false;
	std::unique_ptr<Poco::Net::HTTPClientSession> fresh;
	if (uri.getScheme() == "https")
		fresh = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), TlsContext::client());
	else
		fresh = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
	fresh->setKeepAlive(true);
	fresh->setTimeout(options.connectTimeout, options.readTimeout, options.readTimeout);
	++_connectionsOpened;
	auto& slot = _sessions[origin];
	slot = std::move(fresh);
	return *slot;
}

void HttpTransport::discard(const Poco::URI& uri)
{
	auto it = _sessions.find(originOf(uri));
	if (it != _sessions.end())
	{
		it->second->reset();
		_sessions.erase(it);
	}
}

void HttpTransport::send(const Poco::URI& uri, Poco::Net::HTTPRequest& request, const TransportOptions& options, const std::string& displayUrl, const ResponseHandler& handler)
{
	for (int attempt = 0;; ++attempt)
	{
		bool reused = false;
		Poco::Net::HTTPResponse response;
		std::istream* body = nullptr;
		try
		{
			Poco::Net::HTTPClientSession& client = session(uri, options, reused);
			client.sendRequest(request);
			body = &client.receiveResponse(response);
		}
		catch (const Poco::Net::SSLException& exc)
		{
			discard(uri);
			throw ServiceError(fmt::format("{}: TLS failed: {}", displayUrl, exc.message()));
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
				throw ServiceError(fmt::format("{}: no answer within {} s", displayUrl, options.readTimeout.totalSeconds()));
			throw ServiceError(fmt::format("{}: {}", displayUrl, exc.displayText()));
		}

		try
		{
			handler(response, *body);
			// Drain what the handler left so the connection can serve the next request.
			body->ignore(std::numeric_limits<std::streamsize>::max());
			if (!response.getKeepAlive())
				discard(uri);
		}
		catch (const Poco::TimeoutException&)
		{
			discard(uri);
			throw ServiceError(fmt::format("{}: timed out reading the response (timeout {} s)", displayUrl, options.readTimeout.totalSeconds()));
		}
		catch (const Poco::Net::NetException& exc)
		{
			discard(uri);
			throw ServiceError(fmt::format("{}: connection failed while reading the response: {}", displayUrl, exc.displayText()));
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
