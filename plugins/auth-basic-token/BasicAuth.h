#pragma once

#include <datatap/Plugin.h>

#include <string>

namespace datatap::basic {

/// `basic`: username and password sent as `Authorization: Basic
/// base64(username:password)`, per RFC 7617.
class BasicAuth: public AuthStrategy
{
public:
	void configure(const PluginOptions& options) override;
	void apply(AuthRequest& request) override;

	/// Checks username and password (named by the given keys) and returns the
	/// credentials part of the header: base64 of "username:password", one line.
	static std::string encode(const PluginOptions& options, const std::string& usernameKey, const std::string& passwordKey);

private:
	std::string _authorization;
};

} // namespace datatap::basic
