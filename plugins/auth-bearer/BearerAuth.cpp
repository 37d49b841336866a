// `bearer`: sends a fixed token as `Authorization: Bearer <token>` (RFC 6750), or
// under another scheme some services use instead (`Token`, `Bot`).

#include <datatap/Plugin.h>

namespace {

class BearerAuth: public datatap::AuthStrategy
{
public:
	void configure(const datatap::PluginOptions& options) override
	{
		const std::string token = options.getHeaderValue("token");
		const std::string scheme = options.getHeaderValue("scheme");
		if (scheme.find(' ') != std::string::npos)
			options.fail("scheme", "must be one word, such as Bearer");
		_authorization = scheme + " " + token;
	}

	void apply(datatap::AuthRequest& request) override
	{
		request.setCredentialHeader("Authorization", _authorization);
	}

private:
	std::string _authorization;
};

const DatatapOption kOptions[] = {
	{"token", DATATAP_OPTION_STRING, DATATAP_OPTION_REQUIRED | DATATAP_OPTION_SECRET, nullptr, "the token sent after the scheme"},
	{"scheme", DATATAP_OPTION_STRING, 0, "Bearer", "the word before the token"},
};

const DatatapClass kClasses[] = {
	{"bearer", DATATAP_KIND_AUTH, "BearerAuth", "1.0.0", "Authorization: Bearer <token> (RFC 6750)", kOptions, datatap::countOf(kOptions)},
};

} // namespace

DATATAP_PLUGIN_HANDSHAKE(kClasses)

DATATAP_BEGIN_AUTH_MANIFEST
	POCO_EXPORT_CLASS(BearerAuth)
POCO_END_MANIFEST
