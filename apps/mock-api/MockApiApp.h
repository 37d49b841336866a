#pragma once

#include "MockAccount.h"

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
	void handleUser(const std::string& name, const std::string& value);
	void handlePassword(const std::string& name, const std::string& value);
	void handleTokenLifetime(const std::string& name, const std::string& value);
	void handleTokenUses(const std::string& name, const std::string& value);
	void handleTokenDelay(const std::string& name, const std::string& value);
	void handleRequestLog(const std::string& name, const std::string& value);
	void handleNoAuth(const std::string& name, const std::string& value);
	void handleKeepAliveTimeout(const std::string& name, const std::string& value);
	void handleTlsCert(const std::string& name, const std::string& value);
	void handleTlsKey(const std::string& name, const std::string& value);

	void displayHelp() const;
	std::string baseUrl(Poco::UInt16 port) const;

	bool _helpRequested = false;
	Poco::UInt16 _port = 0;
	Poco::Net::IPAddress _bindAddress;
	MockAccount _account;
	std::string _requestLogPath;
	int _keepAliveTimeoutMs = 10000;
	std::string _tlsCert;
	std::string _tlsKey;
};

} // namespace mock
} // namespace datatap
