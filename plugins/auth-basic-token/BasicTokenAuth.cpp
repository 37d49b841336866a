// `basic-token`: sends `Authorization: Basic <credentials>`, either a token sent
// verbatim (the recipe's form) or username and password encoded per RFC 7617.

#include <datatap/Plugin.h>

#include <Poco/Base64Encoder.h>

#include <algorithm>
#include <sstream>

namespace {

bool hasControlCharacter(const std::string& text)
{
	return std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

class BasicTokenAuth: public datatap::AuthStrategy
{
public:
	void configure(const datatap::PluginOptions& options) override
	{
		const bool hasToken = options.has("token");
		const bool hasUser = options.has("username") || options.has("password");
		if (hasToken == hasUser)
			options.fail("give either token (or token_file), or username and password");
		if (hasToken)
		{
			const std::string token = options.getString("token");
			if (token.empty())
				options.fail("token", "is empty");
			if (hasControlCharacter(token))
				options.fail("token", "contains a control character (a line break in a token file?)");
			_credentials = token;
			return;
		}
		const std::string username = options.getString("username");
		const std::string password = options.getString("password");
		if (username.find(':') != std::string::npos)
			options.fail("username", "must not contain ':' (RFC 7617)");
		if (hasControlCharacter(username))
			options.fail("username", "contains a control character");
		if (hasControlCharacter(password))
			options.fail("password", "contains a control character");
		_credentials = encode(username + ":" + password);
	}

	void apply(datatap::AuthRequest& request) override
	{
		request.setCredentialHeader("Authorization", "Basic " + _credentials);
	}

	static std::string encode(const std::string& userPass)
	{
		std::ostringstream out;
		Poco::Base64Encoder encoder(out);
		encoder.rdbuf()->setLineLength(0);
		encoder << userPass;
		encoder.close();
		return out.str();
	}

private:
	std::string _credentials;
};

const DatatapOption kOptions[] = {
	{"token", DATATAP_OPTION_STRING, DATATAP_OPTION_SECRET, nullptr, "sent verbatim after 'Basic ' (the recipe's form)"},
	{"username", DATATAP_OPTION_STRING, 0, nullptr, "with password: encoded as base64(username:password) per RFC 7617"},
	{"password", DATATAP_OPTION_STRING, DATATAP_OPTION_SECRET, nullptr, "with username"},
};

const DatatapClass kClasses[] = {
	{"basic-token", DATATAP_KIND_AUTH, "BasicTokenAuth", "1.0.0", "Authorization: Basic <token>, or username and password per RFC 7617", kOptions, datatap::countOf(kOptions)},
};

} // namespace

DATATAP_PLUGIN_HANDSHAKE(kClasses)

DATATAP_BEGIN_AUTH_MANIFEST
	POCO_EXPORT_CLASS(BasicTokenAuth)
POCO_END_MANIFEST
