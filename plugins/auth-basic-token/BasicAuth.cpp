#include "BasicAuth.h"

#include <Poco/Base64Encoder.h>

#include <sstream>

namespace datatap::basic {

void BasicAuth::configure(const PluginOptions& options)
{
	_authorization = "Basic " + encode(options, "username", "password");
}

void BasicAuth::apply(AuthRequest& request)
{
	request.setCredentialHeader("Authorization", _authorization);
}

std::string BasicAuth::encode(const PluginOptions& options, const std::string& usernameKey, const std::string& passwordKey)
{
	const std::string username = options.getString(usernameKey);
	const std::string password = options.getString(passwordKey);
	if (username.find(':') != std::string::npos)
		options.fail(usernameKey, "must not contain ':' (RFC 7617)");
	const auto hasControl = [](const std::string& text) {
		for (const char c: text)
		{
			if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
				return true;
		}
		return false;
	};
	if (hasControl(username))
		options.fail(usernameKey, "contains a control character");
	if (hasControl(password))
		options.fail(passwordKey, "contains a control character");

	std::ostringstream out;
	Poco::Base64Encoder encoder(out);
	// POCO breaks lines at 72 characters by default; a header value must be one line.
	encoder.rdbuf()->setLineLength(0);
	encoder << username << ':' << password;
	encoder.close();
	return out.str();
}

} // namespace datatap::basic
