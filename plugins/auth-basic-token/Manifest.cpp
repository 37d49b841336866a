// The handshake and manifest of the Basic-auth library: `basic-token` (the
// recipe's verbatim token) and `basic` (RFC 7617), which share the encoding.

#include "BasicAuth.h"
#include "BasicTokenAuth.h"

using datatap::basic::BasicAuth;
using datatap::basic::BasicTokenAuth;

namespace {

const DatatapOption kBasicTokenOptions[] = {
	{"token", DATATAP_OPTION_STRING, DATATAP_OPTION_SECRET, nullptr, "sent verbatim after 'Basic ' (the recipe's form)"},
	{"username", DATATAP_OPTION_STRING, 0, nullptr, "with password: encoded as base64(username:password) per RFC 7617"},
	{"password", DATATAP_OPTION_STRING, DATATAP_OPTION_SECRET, nullptr, "with username"},
};

const DatatapOption kBasicOptions[] = {
	{"username", DATATAP_OPTION_STRING, DATATAP_OPTION_REQUIRED, nullptr, "the user name; must not contain ':'"},
	{"password", DATATAP_OPTION_STRING, DATATAP_OPTION_REQUIRED | DATATAP_OPTION_SECRET, nullptr, "the password"},
};

const DatatapClass kClasses[] = {
	{"basic-token", DATATAP_KIND_AUTH, "BasicTokenAuth", "1.0.0", "Authorization: Basic <token>, or username and password per RFC 7617", kBasicTokenOptions, datatap::countOf(kBasicTokenOptions)},
	{"basic", DATATAP_KIND_AUTH, "BasicAuth", "1.0.0", "Authorization: Basic base64(username:password) (RFC 7617)", kBasicOptions, datatap::countOf(kBasicOptions)},
};

} // namespace

DATATAP_PLUGIN_HANDSHAKE(kClasses)

DATATAP_BEGIN_AUTH_MANIFEST
	POCO_EXPORT_CLASS(BasicTokenAuth)
	POCO_EXPORT_CLASS(BasicAuth)
POCO_END_MANIFEST
