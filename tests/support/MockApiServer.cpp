#include "support/MockApiServer.h"

#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/NumberParser.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/TemporaryFile.h>

#include <stdexcept>

namespace datatap::test {

MockApiServer::MockApiServer(const std::vector<std::string>& args)
{
	_logFile = Poco::TemporaryFile::tempName();
	std::vector<std::string> all{"--port", "0", "--request-log", _logFile};
	all.insert(all.end(), args.begin(), args.end());
	Poco::Pipe outPipe;
	_handle = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch(std::string(DATATAP_TEST_BIN_DIR) + "/datatap-mock-api", all, nullptr, &outPipe, nullptr));
	Poco::PipeInputStream out(outPipe);
	std::string line;
	std::getline(out, line);
	const std::size_t colon = line.rfind(':');
	unsigned port = 0;
	if (line.find("listening on") == std::string::npos || colon == std::string::npos || !Poco::NumberParser::tryParseUnsigned(line.substr(colon + 1), port))
	{
		stop();
		throw std::runtime_error("datatap-mock-api did not start: '" + line + "'");
	}
	_port = static_cast<unsigned short>(port);
}

MockApiServer::~MockApiServer()
{
	stop();
	Poco::File log(_logFile);
	if (log.exists())
		log.remove();
}

void MockApiServer::stop()
{
	if (!_handle)
		return;
	Poco::Process::requestTermination(_handle->id());
	_handle->wait();
	_handle.reset();
}

unsigned short MockApiServer::port() const
{
	return _port;
}

std::string MockApiServer::url() const
{
	return "http://127.0.0.1:" + std::to_string(_port);
}

std::vector<std::string> MockApiServer::requests() const
{
	std::vector<std::string> lines;
	if (!Poco::File(_logFile).exists())
		return lines;
	Poco::FileInputStream in(_logFile);
	std::string line;
	while (std::getline(in, line))
		lines.push_back(line);
	return lines;
}

} // namespace datatap::test
