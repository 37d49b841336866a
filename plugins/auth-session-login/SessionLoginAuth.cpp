// `session-login`: logs in by POSTing username and password as JSON to login_url,
// takes the session token from the answer at a JSON pointer (RFC 6901) and sends
// it in a header. The token is shared by all threads and kept until the API
// answers 401; then the strategy logs in once more and retries once
// (TokenAuthStrategy).

#include <datatap/Plugin.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/URI.h>

#include <sstream>

namespace {

// The value at pointer, or an empty Var when there is none.
Poco::Dynamic::Var resolve(Poco::Dynamic::Var value, const std::string& pointer)
{
	Poco::StringTokenizer tokens(pointer.substr(1), "/");
	for (std::string token: tokens)
	{
		Poco::replaceInPlace(token, std::string("~1"), std::string("/"));
		Poco::replaceInPlace(token, std::string("~0"), std::string("~"));
		if (value.type() == typeid(Poco::JSON::Object::Ptr))
			value = value.extract<Poco::JSON::Object::Ptr>()->get(token);
		else if (value.type() == typeid(Poco::JSON::Array::Ptr))
		{
			const Poco::JSON::Array::Ptr array = value.extract<Poco::JSON::Array::Ptr>();
			unsigned index = 0;
			if (token.empty() || token.find_first_not_of("0123456789") != std::string::npos)
				return {};
			index = static_cast<unsigned>(std::stoul(token));
			if (index >= array->size())
				return {};
			value = array->get(index);
		}
		else
			return {};
	}
	return value;
}

class SessionLoginAuth: public datatap::TokenAuthStrategy
{
public:
	void configure(const datatap::PluginOptions& options) override
	{
		_loginUri = options.getUrl("login_url");
		_username = options.getString("username");
		_password = options.getString("password");
		_usernameField = options.getString("username_field");
		_passwordField = options.getString("password_field");
		_tokenPointer = options.getString("token_pointer");
		if (_tokenPointer.empty() || _tokenPointer[0] != '/')
			options.fail("token_pointer", "must be a JSON pointer such as /token or /data/session/token");
		const std::string header = options.getHeaderValue("header");
		if (header.find_first_of(" :") != std::string::npos)
			options.fail("header", "must be a header name");
		const std::string scheme = options.getString("scheme");
		if (scheme.find_first_of(" \r\n") != std::string::npos)
			options.fail("scheme", "must be one word, such as Bearer, or empty");
		setTokenHeader(header, scheme);
		const Poco::Timespan timeout(options.getSeconds("timeout", 30), 0);
		_client.setTimeouts(timeout, timeout);
	}

private:
	std::string dryRunPlaceholder() const override
	{
		return "(session token from login_url when sent)";
	}

	datatap::TokenCache::Token fetchToken() override
	{
		Poco::JSON::Object credentials;
		credentials.set(_usernameField, _username);
		credentials.set(_passwordField, _password);
		std::ostringstream body;
		credentials.stringify(body);

		Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/", Poco::Net::HTTPMessage::HTTP_1_1);
		request.setContentType("application/json");
		request.set("Accept", "application/json");
		datatap::HttpClient::Response response;
		try
		{
			response = _client.send(request, _loginUri, body.str());
		}
		catch (const datatap::AuthError& exc)
		{
			throw datatap::AuthError(exc.message() + "; check username and password");
		}

		const std::string where = "login " + datatap::HttpClient::displayUrl(_loginUri);
		Poco::Dynamic::Var answer;
		try
		{
			answer = Poco::JSON::Parser().parse(response.body);
		}
		catch (const Poco::Exception&)
		{
			throw datatap::ServiceError(where + " answered something that is not JSON");
		}
		const Poco::Dynamic::Var token = resolve(answer, _tokenPointer);
		if (!token.isString() || token.extract<std::string>().empty())
			throw datatap::ServiceError(where + " answered without a string at " + _tokenPointer + " (token_pointer)");
		const std::string& value = token.extract<std::string>();
		if (value.find_first_of("\r\n") != std::string::npos)
			throw datatap::ServiceError(where + " issued a token with a line break");
		return {value, std::chrono::seconds(0)};
	}

	Poco::URI _loginUri;
	std::string _username;
	std::string _password;
	std::string _usernameField;
	std::string _passwordField;
	std::string _tokenPointer;
	datatap::HttpClient _client;
};

const DatatapOption kOptions[] = {
	{"login_url", DATATAP_OPTION_STRING, DATATAP_OPTION_REQUIRED, nullptr, "where to POST the credentials"},
	{"username", DATATAP_OPTION_STRING, DATATAP_OPTION_REQUIRED, nullptr, "the user name"},
	{"password", DATATAP_OPTION_STRING, DATATAP_OPTION_REQUIRED | DATATAP_OPTION_SECRET, nullptr, "the password"},
	{"username_field", DATATAP_OPTION_STRING, 0, "username", "the JSON member the user name goes in"},
	{"password_field", DATATAP_OPTION_STRING, 0, "password", "the JSON member the password goes in"},
	{"token_pointer", DATATAP_OPTION_STRING, 0, "/token", "JSON pointer (RFC 6901) to the token in the login answer"},
	{"header", DATATAP_OPTION_STRING, 0, "Authorization", "the header the token is sent in"},
	{"scheme", DATATAP_OPTION_STRING, 0, "Bearer", "the word before the token; empty for the bare token"},
	{"timeout", DATATAP_OPTION_INTEGER, 0, "30", "seconds to wait for the login answer"},
};

const DatatapClass kClasses[] = {
	{"session-login", DATATAP_KIND_AUTH, "SessionLoginAuth", "1.0.0", "logs in with a JSON POST and sends the session token it answers", kOptions, datatap::countOf(kOptions)},
};

} // namespace

DATATAP_PLUGIN_HANDSHAKE(kClasses)

DATATAP_BEGIN_AUTH_MANIFEST
	POCO_EXPORT_CLASS(SessionLoginAuth)
POCO_END_MANIFEST
