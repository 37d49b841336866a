#pragma once

#include <Poco/Net/IPAddress.h>
#include <Poco/Types.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>

#include <string>
#include <vector>

namespace datatap {
namespace mock {

/// The datatap-mock-api program: parses the command line, serves the mock API on
/// a loopback address until SIGINT or SIGTERM, then shuts down cleanly.
class MockApiApp : public Poco::Util::ServerApplication
{
public:
	MockApiApp();

protected:
	void defineOptions(Poco::Util::OptionSet& options) override;
	int main(const std::vector<std::string>& args) override;

private:
	void handleHelp(const std::string& name, const std::string& value);
	void handlePort(const std::string& name, const std::string& value);
	void handleBind(const std::string& name, const std::string& value);
	void handleToken(const std::string& name, const std::string& value);
	void handleApiKey(const std::string& name, const std::string& value);
	void handleRequestLog(const std::string& name, const std::string& value);

	void displayHelp() const;
	std::string baseUrl(Poco::UInt16 port) const;

	bool _helpRequested = false;
	Poco::UInt16 _port = 0;
	Poco::Net::IPAddress _bindAddress;
	std::string _token = "your_api_token_here";
	std::string _apiKey;
	std::string _requestLogPath;
};

} // namespace mock
} // namespace datatap
