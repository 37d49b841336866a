#include "transport/EventTransport.h"

#include "datatap/Exceptions.h"
#include "transport/HttpTransport.h"

#include <Poco/Error.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/StreamSocket.h>
#include <fmt/format.h>

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>

namespace datatap {

namespace {

const std::size_t kReadSize = std::size_t{1} << 16;
// Error bodies this small are read so the connection can be reused; a longer
// one is not worth it (the fetcher does not read error bodies).
const std::int64_t kDrainLimit = std::int64_t{64} * 1024;

double seconds(const Poco::Timespan& span)
{
	return static_cast<double>(span.totalMicroseconds()) / 1e6;
}

std::string hostHeader(const Poco::URI& uri)
{
	const std::string host = uri.getHost().find(':') != std::string::npos ? "[" + uri.getHost() + "]" : uri.getHost();
	return uri.getPort() == 80 ? host : fmt::format("{}:{}", host, uri.getPort());
}

} // namespace

struct EventTransport::Connection
{
	Poco::Net::StreamSocket socket;
	std::string origin;
	int mode = 0;
	bool connecting = false;
	bool used = false; ///< has carried a response: the server may have closed it since
	bool busy = false;
	bool closed = false;

	Exchange exchange; ///< while busy
	std::size_t sent = 0;
	Poco::Timestamp lastProgress;
	std::unique_ptr<ResponseParser> parser;
	bool headSeen = false;
	bool leftover = false; ///< bytes after the response: nothing more to trust on it
};

EventTransport::EventTransport():
	_buffer(new char[kReadSize])
{
}

EventTransport::~EventTransport()
{
	for (auto& connection: _connections)
	{
		if (!connection->closed)
			close(*connection);
	}
}

std::size_t EventTransport::active() const
{
	return _active;
}

std::size_t EventTransport::connectionsOpened() const
{
	return _connectionsOpened;
}

void EventTransport::start(std::size_t id, const Poco::URI& uri, const Poco::Net::HTTPRequest& request, const TransportOptions& options, const Poco::Timestamp& deadline, const std::string& displayUrl)
{
	++_active;
	std::string head;
	head.reserve(512);
	head += request.getMethod();
	head += ' ';
	head += request.getURI();
	head += ' ';
	head += request.getVersion();
	head += "\r\n";
	if (!request.has("Host"))
	{
		head += "Host: ";
		head += hostHeader(uri);
		head += "\r\n";
	}
	for (const auto& field: request)
	{
		head += field.first;
		head += ": ";
		head += field.second;
		head += "\r\n";
	}
	head += "\r\n";

	place(Exchange{id, uri, std::move(head), &options, deadline, displayUrl, false});
}

void EventTransport::place(Exchange exchange)
{
	Connection* connection = nullptr;
	try
	{
		connection = &connectionFor(HttpTransport::originOf(exchange.uri), exchange.uri);
	}
	catch (const Poco::Exception& exc)
	{
		Completion failed;
		failed.id = exchange.id;
		failed.error = std::make_exception_ptr(ConnectionFailure(fmt::format("{}: {}", exchange.displayUrl, exc.displayText())));
		_completed.push_back(std::move(failed));
		return;
	}
	connection->busy = true;
	connection->exchange = std::move(exchange);
	begin(*connection);
}

EventTransport::Connection& EventTransport::connectionFor(const std::string& origin, const Poco::URI& uri)
{
	for (auto& connection: _connections)
	{
		if (!connection->busy && !connection->closed && connection->origin == origin)
			return *connection;
	}
	auto address = _addresses.find(origin);
	if (address == _addresses.end())
		address = _addresses.emplace(origin, Poco::Net::SocketAddress(uri.getHost(), uri.getPort())).first;
	auto fresh = std::make_unique<Connection>();
	fresh->origin = origin;
	fresh->socket.connectNB(address->second);
	fresh->socket.setNoDelay(true);
	fresh->connecting = true;
	fresh->lastProgress.update();
	++_connectionsOpened;
	_pollSet.add(fresh->socket, Poco::Net::PollSet::POLL_WRITE);
	fresh->mode = Poco::Net::PollSet::POLL_WRITE;
	_byDescriptor[fresh->socket.impl()->sockfd()] = fresh.get();
	_connections.push_back(std::move(fresh));
	return *_connections.back();
}

void EventTransport::begin(Connection& connection)
{
	connection.sent = 0;
	connection.headSeen = false;
	connection.leftover = false;
	connection.parser = std::make_unique<ResponseParser>(connection.exchange.options->maxBodyBytes, connection.exchange.displayUrl);
	connection.lastProgress.update();
	if (!connection.connecting)
		send(connection);
}

void EventTransport::setMode(Connection& connection, int mode)
{
	if (connection.mode == mode)
		return;
	_pollSet.update(connection.socket, mode);
	connection.mode = mode;
}

void EventTransport::send(Connection& connection)
{
	const int descriptor = connection.socket.impl()->sockfd();
	while (connection.sent < connection.exchange.request.size())
	{
		const ssize_t written = ::send(descriptor, connection.exchange.request.data() + connection.sent, connection.exchange.request.size() - connection.sent, MSG_NOSIGNAL);
		if (written < 0)
		{
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
			{
				setMode(connection, Poco::Net::PollSet::POLL_READ | Poco::Net::PollSet::POLL_WRITE);
				return;
			}
			const int error = errno;
			fail(connection, std::make_exception_ptr(ConnectionFailure(fmt::format("{}: {}", connection.exchange.displayUrl, Poco::Error::getMessage(error)))));
			return;
		}
		connection.sent += static_cast<std::size_t>(written);
	}
	setMode(connection, Poco::Net::PollSet::POLL_READ);
}

void EventTransport::onWritable(Connection& connection)
{
	if (!connection.busy)
		return;
	if (connection.connecting)
	{
		const int error = connection.socket.impl()->socketError();
		if (error != 0)
		{
			fail(connection, std::make_exception_ptr(ConnectionFailure(fmt::format("{}: {}", connection.exchange.displayUrl, Poco::Error::getMessage(error)))));
			return;
		}
		connection.connecting = false;
		connection.lastProgress.update();
	}
	send(connection);
}

void EventTransport::onReadable(Connection& connection)
{
	const int descriptor = connection.socket.impl()->sockfd();
	ssize_t got = 0;
	do
		got = ::recv(descriptor, _buffer.get(), kReadSize, 0);
	while (got < 0 && errno == EINTR);
	if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return;
	if (!connection.busy)
	{
		// An idle connection has nothing to say: the server closed it, or sent
		// something no request asked for.
		close(connection);
		return;
	}
	const int error = got < 0 ? errno : 0;
	// A kept-alive connection the server closed in the meantime fails before the
	// first byte; that is not the server being down, so try once on a new one.
	if (got <= 0 && connection.used && !connection.exchange.retried && connection.parser->bytesSeen() == 0 && !connection.connecting)
	{
		Exchange exchange = std::move(connection.exchange);
		exchange.retried = true;
		connection.busy = false;
		close(connection);
		place(std::move(exchange));
		return;
	}
	if (got < 0)
	{
		const std::string reason = Poco::Error::getMessage(error);
		if (!connection.headSeen)
			fail(connection, std::make_exception_ptr(ConnectionFailure(fmt::format("{}: {}", connection.exchange.displayUrl, reason))));
		else
			fail(connection, std::make_exception_ptr(ServiceError(fmt::format("{}: the connection failed after {} bytes of the body: {}", connection.exchange.displayUrl, connection.parser->body().size(), reason))));
		return;
	}
	ResponseParser& parser = *connection.parser;
	try
	{
		if (got == 0)
		{
			parser.end();
			finish(connection);
			return;
		}
		connection.lastProgress.update();
		const std::size_t size = static_cast<std::size_t>(got);
		std::size_t at = 0;
		while (at < size && !parser.complete())
		{
			at += parser.feed(_buffer.get() + at, size - at);
			if (parser.headComplete() && !connection.headSeen)
			{
				connection.headSeen = true;
				const int status = static_cast<int>(parser.response().getStatus());
				const bool success = status >= 200 && status < 300;
				if (!success && (parser.chunked() || parser.contentLength() < 0 || parser.contentLength() > kDrainLimit))
					parser.skipBody();
			}
		}
		if (parser.complete())
		{
			connection.leftover = at < size;
			finish(connection);
		}
	}
	catch (...)
	{
		fail(connection, std::current_exception());
	}
}

void EventTransport::finish(Connection& connection)
{
	Completion done;
	done.id = connection.exchange.id;
	const bool reusable = connection.parser->reusable() && !connection.leftover;
	done.response = std::move(connection.parser);
	_completed.push_back(std::move(done));
	connection.busy = false;
	connection.used = true;
	connection.exchange.request.clear();
	if (reusable)
		setMode(connection, Poco::Net::PollSet::POLL_READ);
	else
		close(connection);
}

void EventTransport::fail(Connection& connection, std::exception_ptr error)
{
	Completion failed;
	failed.id = connection.exchange.id;
	failed.error = std::move(error);
	_completed.push_back(std::move(failed));
	connection.busy = false;
	close(connection);
}

void EventTransport::close(Connection& connection)
{
	if (connection.closed)
		return;
	connection.closed = true;
	try
	{
		_pollSet.remove(connection.socket);
	}
	catch (const Poco::Exception&)
	{
	}
	_byDescriptor.erase(connection.socket.impl()->sockfd());
	connection.socket.close();
}

void EventTransport::checkTimers()
{
	const Poco::Timestamp now;
	for (auto& owned: _connections)
	{
		Connection& connection = *owned;
		if (!connection.busy || connection.closed)
			continue;
		const TransportOptions& options = *connection.exchange.options;
		const bool pastDeadline = now >= connection.exchange.deadline;
		if (connection.connecting)
		{
			if (pastDeadline || now - connection.lastProgress >= options.connectTimeout.totalMicroseconds())
				fail(connection, std::make_exception_ptr(ConnectionFailure(fmt::format("{}: no connection within {:.3g} s", connection.exchange.displayUrl, seconds(pastDeadline ? options.deadline : options.connectTimeout)))));
		}
		else if (!connection.headSeen)
		{
			if (pastDeadline || now - connection.lastProgress >= options.readTimeout.totalMicroseconds())
				fail(connection, std::make_exception_ptr(ConnectionFailure(fmt::format("{}: no answer within {:.3g} s", connection.exchange.displayUrl, seconds(pastDeadline ? options.deadline : options.readTimeout)))));
		}
		else if (pastDeadline)
			fail(connection, std::make_exception_ptr(ServiceError(fmt::format("{}: the response did not finish within the deadline ({} bytes read); raise deadline = if the server is just slow", connection.exchange.displayUrl, connection.parser->body().size()))));
		else if (now - connection.lastProgress >= options.readTimeout.totalMicroseconds())
			fail(connection, std::make_exception_ptr(ServiceError(fmt::format("{}: no data for the read timeout after {} bytes of the body", connection.exchange.displayUrl, connection.parser->body().size()))));
	}
}

std::vector<EventTransport::Completion> EventTransport::wait(const Poco::Timestamp& until)
{
	for (;;)
	{
		const Poco::Timestamp now;
		Poco::Timestamp wake = until;
		for (const auto& connection: _connections)
		{
			if (!connection->busy || connection->closed)
				continue;
			const Poco::Timespan limit = connection->connecting ? connection->exchange.options->connectTimeout : connection->exchange.options->readTimeout;
			wake = std::min({wake, connection->exchange.deadline, connection->lastProgress + limit});
		}
		// Whatever has completed goes out now; the poll only collects what else is ready.
		Poco::Timespan timeout = _completed.empty() && wake > now ? Poco::Timespan(wake - now) : Poco::Timespan(0);
		// The poll counts whole milliseconds: round up rather than spin.
		if (timeout.totalMicroseconds() > 0)
			timeout += Poco::Timespan(0, 999);
		const Poco::Net::PollSet::SocketModeMap ready = _pollSet.poll(timeout);
		for (const auto& [socket, mode]: ready)
		{
			auto found = _byDescriptor.find(socket.impl()->sockfd());
			if (found == _byDescriptor.end())
				continue;
			Connection& connection = *found->second;
			if ((mode & Poco::Net::PollSet::POLL_WRITE) != 0 && !connection.closed)
				onWritable(connection);
			if ((mode & (Poco::Net::PollSet::POLL_READ | Poco::Net::PollSet::POLL_ERROR)) != 0 && !connection.closed && !connection.connecting)
				onReadable(connection);
			else if ((mode & Poco::Net::PollSet::POLL_ERROR) != 0 && !connection.closed && connection.connecting)
				onWritable(connection);
		}
		checkTimers();
		_connections.erase(std::remove_if(_connections.begin(), _connections.end(), [](const std::unique_ptr<Connection>& c)
		                                  { return c->closed; }),
		                   _connections.end());
		if (!_completed.empty() || Poco::Timestamp() >= until)
			break;
	}
	std::vector<Completion> done;
	done.swap(_completed);
	_active -= done.size();
	return done;
}

} // namespace datatap
