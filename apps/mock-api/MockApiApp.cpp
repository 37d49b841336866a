#include "MockApiApp.h"

#include "MockRequestHandlerFactory.h"
#include "RequestLog.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/NumberFormatter.h>
#include <Poco/NumberParser.h>
#include <Poco/ThreadPool.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/IntValidator.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionCallback.h>
#include <Poco/Util/OptionException.h>

#include <csignal>
#include <iostream>
#include <memory>

#include <pthread.h>

namespace datatap {
namespace mock {

namespace {

const char* const PROGRAM = "datatap-mock-api";

// Enough for a test suite's parallel clients; keep-alive connections each hold
// a thread until they close or time out.
const int MAX_THREADS = 16;

void reportError(const std::string& message)
{
	std::cerr << PROGRAM << ": " << message << std::endl;
}

// Blocked before any thread starts, so every thread inherits the mask and a
// signal that arrives early waits for waitForTerminationRequest() instead of
// killing the process through the default action.
void blockTerminationSignals()
{
	sigset_t signals;
	sigemptyset(&signals);
	sigaddset(&signals, SIGINT);
	sigaddset(&signals, SIGQUIT);
	sigaddset(&signals, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

} // namespace

MockApiApp::MockApiApp():
	_bindAddress("127.0.0.1")
{
}

void MockApiApp::defineOptions(Poco::Util::OptionSet& options)
{
	// Application's, not ServerApplication's: --daemon and --pidfile make no
	// sense for a stand-in that tests and scripts run in the foreground.
	Poco::Util::Application::defineOptions(options); // NOLINT(bugprone-parent-virtual-call): on purpose, as said above

	options.addOption(
		Poco::Util::Option("help", "h", "show this help and exit")
			.callback(Poco::Util::OptionCallback<MockApiApp>(this, &MockApiApp::handleHelp)));
	options.addOption(
		Poco::Util::Option("port", "p", "port to listen on; 0 (the default) picks a free one")
			.argument("N")
			.validator(new Poco::Util::IntValidator(0, 65535))
			.callback(Poco::Util::OptionCallback<MockApiApp>(this, &MockApiApp::handlePort)));
	options.addOption(
		Poco::Util::Option("bind", "b", "loopback address to listen on (127.0.0.0/8 or ::1); default 127.0.0.1")
			.argument("ADDRESS")
			.callback(Poco::Util::OptionCallback<MockApiApp>(this, &MockApiApp::handleBind)));
	options.addOption(
		Poco::Util::Option("token", "t", "token required as \"Authorization: Basic TOKEN\" on /albums, as Bearer token and API key on /bearer and /api-key; default your_api_token_here")
			.argument("TOKEN")
			.callback(Poco::Util::OptionCallback<MockApiApp>(this, &MockApiApp::handleToken)));
	options.addOption(
		Poco::Util::Option("user", "u", "user name for Basic, Digest, session login, OAuth client id and HMAC key id; default datatap")
			.argument("NAME")
			.callback(Poco::Util::OptionCallback<MockApiApp>(this, &MockApiApp::handleUser)));
	options.addOption(
		Poco::Util::Option("password", "w", "password, OAuth client secret and HMAC secret; default \"open sesame\"")
			.argument("PASSWORD")
			.callback(Poco::Util::OptionCallback<MockApiApp>(this, &MockApiApp::handlePassword)));
	options.addOption(
		Poco::Util::Option("token-lifetime", "", "seconds an issued access or session token lives (its expires_in); default 3600")
			.argument("SECONDS")
			.validator(new Poco::Util::IntValidator(1, 86400))
			.callback(Poco::Util::OptionCallback<MockApiApp>(this, &MockApiApp::handleTokenLifetime)));
	options.addOption(
		Poco::Util::Option("token-uses", "", "requests an issued token admits before it is refused; default 0, no limit")
			.argument("N")
			.validator(new Poco::Util::IntValidator(0, 1000000))
			.callback(Poco::Util::OptionCallback<MockApiApp>(this, &MockApiApp::handleTokenUses)));
	options.addOption(
		Poco::Util::Option("token-delay", "", "milliseconds the token endpoint waits before it answers; default 0")
			.argument("MS")
			.validator(new Poco::Util::IntValidator(0, 60000))
			.callback(Poco::Util::OptionCallback<MockApiApp>(this, &MockApiApp::handleTokenDelay)));
	options.addOption(
		Poco::Util::Option("request-log", "l", "append \"METHOD PATH?QUERY<TAB>auth=yes|no\" per request to FILE")
			.argument("FILE")
			.callback(Poco::Util::OptionCallback<MockApiApp>(this, &MockApiApp::handleRequestLog)));
	options.addOption(
		Poco::Util::Option("no-auth", "", "answer every request without asking for credentials")
			.callback(Poco::Util::OptionCallback<MockApiApp>(this, &MockApiApp::handleNoAuth)));
	options.addOption(
		Poco::Util::Option("keep-alive-timeout-ms", "", "close idle keep-alive connections after N ms (default 10000)")
			.argument("N")
			.validator(new Poco::Util::IntValidator(1, 3600000))
			.callback(Poco::Util::OptionCallback<MockApiApp>(this, &MockApiApp::handleKeepAliveTimeout)));
	options.addOption(
		Poco::Util::Option("tls-cert", "", "serve HTTPS with this PEM certificate (needs --tls-key)")
			.argument("FILE")
			.callback(Poco::Util::OptionCallback<MockApiApp>(this, &MockApiApp::handleTlsCert)));
	options.addOption(
		Poco::Util::Option("tls-key", "", "the PEM private key of --tls-cert")
			.argument("FILE")
			.callback(Poco::Util::OptionCallback<MockApiApp>(this, &MockApiApp::handleTlsKey)));
}

void MockApiApp::handleNoAuth(const std::string&, const std::string&)
{
	_account.token.clear();
}

void MockApiApp::handleKeepAliveTimeout(const std::string&, const std::string& value)
{
	_keepAliveTimeoutMs = Poco::NumberParser::parse(value);
}

void MockApiApp::handleTlsCert(const std::string&, const std::string& value)
{
	_tlsCert = value;
}

void MockApiApp::handleTlsKey(const std::string&, const std::string& value)
{
	_tlsKey = value;
}

void MockApiApp::handleHelp(const std::string&, const std::string&)
{
	_helpRequested = true;
	stopOptionsProcessing();
}

void MockApiApp::handlePort(const std::string&, const std::string& value)
{
	// Parsed as IntValidator parsed it, which has already checked the range.
	_port = static_cast<Poco::UInt16>(Poco::NumberParser::parse(value));
}

void MockApiApp::handleBind(const std::string&, const std::string& value)
{
	// Tokens and logs of a test run must never be reachable from other hosts.
	Poco::Net::IPAddress address;
	if (!Poco::Net::IPAddress::tryParse(value, address) || !address.isLoopback())
		throw Poco::Util::InvalidArgumentException("--bind " + value + ": only loopback IP addresses (127.0.0.0/8, ::1) are allowed");
	_bindAddress = address;
}

void MockApiApp::handleToken(const std::string&, const std::string& value)
{
	// POCO trims trailing whitespace from header values, so "Basic " alone could never match.
	if (value.empty())
		throw Poco::Util::InvalidArgumentException("--token must not be empty");
	_account.token = value;
}

void MockApiApp::handleUser(const std::string&, const std::string& value)
{
	if (value.empty() || value.find(':') != std::string::npos)
		throw Poco::Util::InvalidArgumentException("--user must be non-empty and without ':'");
	_account.user = value;
}

void MockApiApp::handlePassword(const std::string&, const std::string& value)
{
	_account.password = value;
}

void MockApiApp::handleTokenLifetime(const std::string&, const std::string& value)
{
	_account.tokenLifetimeSeconds = Poco::NumberParser::parse(value);
}

void MockApiApp::handleTokenUses(const std::string&, const std::string& value)
{
	_account.tokenUses = Poco::NumberParser::parse(value);
}

void MockApiApp::handleTokenDelay(const std::string&, const std::string& value)
{
	_account.tokenDelayMilliseconds = Poco::NumberParser::parse(value);
}

void MockApiApp::handleRequestLog(const std::string&, const std::string& value)
{
	_requestLogPath = value;
}

void MockApiApp::displayHelp() const
{
	Poco::Util::HelpFormatter helpFormatter(options());
	helpFormatter.setCommand(PROGRAM);
	helpFormatter.setUsage("[OPTIONS]");
	helpFormatter.setHeader("A local stand-in for JSONPlaceholder's /albums, for datatap's demo and integration tests.");
	helpFormatter.format(std::cout);
}

std::string MockApiApp::baseUrl(Poco::UInt16 port) const
{
	const std::string scheme = _tlsCert.empty() ? "http://" : "https://";
	const std::string host = _bindAddress.family() == Poco::Net::IPAddress::IPv6 ? "[" + _bindAddress.toString() + "]" : _bindAddress.toString();
	return scheme + host + ":" + Poco::NumberFormatter::format(port);
}

int MockApiApp::main(const std::vector<std::string>& args)
{
	if (_helpRequested)
	{
		displayHelp();
		return EXIT_OK;
	}
	if (!args.empty())
	{
		reportError("unexpected argument '" + args.front() + "' (see --help)");
		return EXIT_USAGE;
	}

	std::shared_ptr<RequestLog> requestLog;
	if (!_requestLogPath.empty())
	{
		try
		{
			requestLog = std::make_shared<RequestLog>(_requestLogPath);
		}
		catch (const Poco::Exception& exc)
		{
			reportError("cannot open request log: " + exc.displayText());
			return EXIT_CANTCREAT;
		}
	}

	blockTerminationSignals();

	if (_tlsCert.empty() != _tlsKey.empty())
	{
		reportError("--tls-cert and --tls-key go together");
		return EXIT_USAGE;
	}
	Poco::Net::ServerSocket socket;
	try
	{
		if (!_tlsCert.empty())
		{
			Poco::Net::initializeSSL();
			Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, _tlsKey, _tlsCert, "", Poco::Net::Context::VERIFY_NONE);
			socket = Poco::Net::SecureServerSocket(context);
		}
		// No SO_REUSEPORT: a second mock on a busy fixed port must fail, not share it.
		socket.bind(Poco::Net::SocketAddress(_bindAddress, _port), true, false);
		socket.listen();
	}
	catch (const Poco::Exception& exc)
	{
		reportError("cannot listen on " + baseUrl(_port) + ": " + exc.displayText());
		return EXIT_OSERR;
	}

	Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
	params->setKeepAlive(true);
	params->setKeepAliveTimeout(Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(_keepAliveTimeoutMs) * 1000));
	params->setMaxThreads(MAX_THREADS);

	Poco::ThreadPool threadPool(2, MAX_THREADS);
	Poco::Net::HTTPServer server(new MockRequestHandlerFactory(_account, requestLog), threadPool, socket, params);
	server.start();

	std::cout << PROGRAM << " listening on " << baseUrl(socket.address().port()) << std::endl;

	waitForTerminationRequest();
	// Lets requests in progress finish and closes idle keep-alive connections,
	// so the pool's threads end now rather than at the keep-alive timeout.
	server.stopAll(false);
	return EXIT_OK;
}

} // namespace mock
} // namespace datatap
