#pragma once

#include <Poco/Process.h>

#include <memory>
#include <string>
#include <vector>

namespace datatap::test {

/// Runs bin/datatap-mock-api on a free loopback port for the life of the object.
class MockApiServer
{
public:
	/// Extra arguments go to the server (e.g. {"--token", "t"}); it always gets
	/// --port 0 and a request log in a temporary file.
	explicit MockApiServer(const std::vector<std::string>& args = {});
	~MockApiServer();
	MockApiServer(const MockApiServer&) = delete;
	MockApiServer& operator=(const MockApiServer&) = delete;

	unsigned short port() const;
	/// "http://127.0.0.1:PORT"
	std::string url() const;
	/// The request log so far, one line a request.
	std::vector<std::string> requests() const;
	void stop();

private:
	std::unique_ptr<Poco::ProcessHandle> _handle;
	std::string _logFile;
	unsigned short _port = 0;
};

} // namespace datatap::test
