#include "BasicTokenAuth.h"

#include "BasicAuth.h"

namespace datatap::basic {

void BasicTokenAuth::configure(const PluginOptions& options)
{
	const bool hasToken = options.has("token");
	const bool hasUser = options.has("username") || options.has("password");
	if (hasToken == hasUser)
		options.fail("give either token (or token_file), or username and password");
	_authorization = "Basic " + (hasToken ? options.getHeaderValue("token") : BasicAuth::encode(options, "username", "password"));
}

void BasicTokenAuth::apply(AuthRequest& request)
{
	request.setCredentialHeader("Authorization", _authorization);
}

} // namespace datatap::basic
