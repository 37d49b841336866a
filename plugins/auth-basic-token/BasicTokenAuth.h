#pragma once

#include <datatap/Plugin.h>

#include <string>

namespace datatap::basic {

/// `basic-token`: `Authorization: Basic <token>` with the token sent verbatim, as
/// the recipe does; or username and password encoded as `basic` does.
class BasicTokenAuth: public AuthStrategy
{
public:
	void configure(const PluginOptions& options) override;
	void apply(AuthRequest& request) override;

private:
	std::string _authorization;
};

} // namespace datatap::basic
