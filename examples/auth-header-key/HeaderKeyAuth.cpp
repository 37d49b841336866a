// `header-key`: sends the key in a header of its own, `X-API-Key: <key>` unless
// told otherwise, as many web APIs want instead of `Authorization`.

#include <datatap/Plugin.h>

#include <Poco/Ascii.h>

#include <algorithm>
#include <cstring>

namespace {

// RFC 9110 field names are tokens; anything else would corrupt the request.
bool isToken(const std::string& name)
{
	static const char* const kSpecials = "!#$%&'*+-.^_`|~";
	return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
		return Poco::Ascii::isAlphaNumeric(c) || std::strchr(kSpecials, c) != nullptr;
	});
}

class HeaderKeyAuth: public datatap::AuthStrategy
{
public:
	void configure(const datatap::PluginOptions& options) override
	{
		_header = options.getString("header");
		if (!isToken(_header))
			options.fail("header", "is not a valid header name");
		_key = options.getString("key");
		if (_key.empty())
			options.fail("key", "is empty");
		if (std::any_of(_key.begin(), _key.end(), [](char c) { return Poco::Ascii::isSpace(c) || static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }))
			options.fail("key", "contains white space or a control character (a line break in a key file?)");
	}

	void apply(datatap::AuthRequest& request) override
	{
		// A credential header, so datatap masks it in -v and --dry-run and drops
		// it when a redirect leaves the origin.
		request.setCredentialHeader(_header, _key);
	}

private:
	std::string _header;
	std::string _key;
};

const DatatapOption kOptions[] = {
	{"key", DATATAP_OPTION_STRING, DATATAP_OPTION_REQUIRED | DATATAP_OPTION_SECRET, nullptr, "the API key (or key_file = ...)"},
	{"header", DATATAP_OPTION_STRING, 0, "X-API-Key", "the header that carries the key"},
};

const DatatapClass kClasses[] = {
	{"header-key", DATATAP_KIND_AUTH, "HeaderKeyAuth", "1.0.0", "X-API-Key: <key>, or another header of your choice", kOptions, datatap::countOf(kOptions)},
};

} // namespace

DATATAP_PLUGIN_HANDSHAKE(kClasses)

DATATAP_BEGIN_AUTH_MANIFEST
	POCO_EXPORT_CLASS(HeaderKeyAuth)
POCO_END_MANIFEST
