#pragma once

#include "datatap/Api.h"
#include "transport/ResponseParser.h"
#include "transport/TransportOptions.h"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/PollSet.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Timestamp.h>
#include <Poco/URI.h>

#include <cstddef>
#include <exception>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace datatap {

/// Carries many plain-HTTP exchanges at once from one thread, over non-blocking
/// keep-alive connections kept per origin and one poll set: what lets a run of
/// many small requests keep the server busy without a thread, a wake-up and
/// POCO's stream layers per request. It keeps the blocking transport's
/// promises: connect and read timeouts, a total deadline, max_body, an error
/// for a short or broken body, and one transparent retry when a kept-alive
/// connection turns out to have been closed by the server. Not thread-safe.
class DATATAP_API EventTransport
{
public:
	/// How an exchange ended: a response (head and whole body; for an answer
	/// other than 2xx the body may have been skipped), or an error, which is a
	/// ConnectionFailure when no response head arrived (safe to retry) and a
	/// ServiceError otherwise.
	struct Completion
	{
		std::size_t id = 0;
		std::unique_ptr<ResponseParser> response;
		std::exception_ptr error;
	};

	EventTransport();
	~EventTransport();
	EventTransport(const EventTransport&) = delete;
	EventTransport& operator=(const EventTransport&) = delete;

	/// Starts sending request to uri, an http URL; request's URI must be uri's
	/// path and query. Its completion comes out of wait() under id.
	void start(std::size_t id, const Poco::URI& uri, const Poco::Net::HTTPRequest& request, const TransportOptions& options, const Poco::Timestamp& deadline, const std::string& displayUrl);

	/// Carries the exchanges on until at least one has completed or until has
	/// passed, and returns the completed ones.
	std::vector<Completion> wait(const Poco::Timestamp& until);

	/// Exchanges started and not yet handed out by wait().
	std::size_t active() const;
	std::size_t connectionsOpened() const;

private:
	/// One request on its way, as it moves to a new connection if need be.
	struct Exchange
	{
		std::size_t id = 0;
		Poco::URI uri;
		std::string request;  ///< the bytes to send
		const TransportOptions* options = nullptr;
		Poco::Timestamp deadline;
		std::string displayUrl;
		bool retried = false; ///< already moved off a stale connection once
	};
	struct Connection;

	/// Puts the exchange on an idle connection to its origin, or a new one.
	void place(Exchange exchange);
	Connection& connectionFor(const std::string& origin, const Poco::URI& uri);
	void send(Connection& connection);
	void begin(Connection& connection);
	void onReadable(Connection& connection);
	void onWritable(Connection& connection);
	void checkTimers();
	void fail(Connection& connection, std::exception_ptr error);
	void finish(Connection& connection);
	void setMode(Connection& connection, int mode);
	void close(Connection& connection);
	void release(Connection& connection);

	Poco::Net::PollSet _pollSet;
	std::vector<std::unique_ptr<Connection>> _connections;
	std::unordered_map<int, Connection*> _byDescriptor;
	std::map<std::string, Poco::Net::SocketAddress> _addresses;
	std::vector<Completion> _completed;
	std::unique_ptr<char[]> _buffer;
	std::size_t _active = 0;
	std::size_t _connectionsOpened = 0;
};

} // namespace datatap
