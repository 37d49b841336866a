// `api-key`: sends a fixed key in a header, a query parameter or a cookie, under
// the name the service documents.

#include <datatap/Plugin.h>

namespace {

class ApiKeyAuth: public datatap::AuthStrategy
{
public:
	void configure(const datatap::PluginOptions& options) override
	{
		_key = options.getHeaderValue("key");
		_name = options.getHeaderValue("name");
		const std::string in = options.getString("in");
		if (in == "header")
			_place = Place::Header;
		else if (in == "query")
			_place = Place::Query;
		else if (in == "cookie")
			_place = Place::Cookie;
		else
			options.fail("in", "must be header, query or cookie, found '" + in + "'");
		if (_place != Place::Query && _name.find_first_of(" :;=,") != std::string::npos)
			options.fail("name", "must be a header or cookie name, without ' :;=,'");
	}

	void apply(datatap::AuthRequest& request) override
	{
		switch (_place)
		{
		case Place::Header: request.setCredentialHeader(_name, _key); break;
		case Place::Query: request.addCredentialQueryParameter(_name, _key); break;
		case Place::Cookie: request.setCredentialCookie(_name, _key); break;
		}
	}

private:
	enum class Place
	{
		Header,
		Query,
		Cookie
	};

	std::string _key;
	std::string _name;
	Place _place = Place::Header;
};

const DatatapOption kOptions[] = {
	{"key", DATATAP_OPTION_STRING, DATATAP_OPTION_REQUIRED | DATATAP_OPTION_SECRET, nullptr, "the API key"},
	{"in", DATATAP_OPTION_STRING, 0, "header", "where the key goes: header, query or cookie"},
	{"name", DATATAP_OPTION_STRING, 0, "X-API-Key", "the header, query parameter or cookie name"},
};

const DatatapClass kClasses[] = {
	{"api-key", DATATAP_KIND_AUTH, "ApiKeyAuth", "1.0.0", "an API key in a header, query parameter or cookie", kOptions, datatap::countOf(kOptions)},
};

} // namespace

DATATAP_PLUGIN_HANDSHAKE(kClasses)

DATATAP_BEGIN_AUTH_MANIFEST
	POCO_EXPORT_CLASS(ApiKeyAuth)
POCO_END_MANIFEST
