#pragma once

#include "datatap/Api.h"

#include <Poco/Exception.h>

namespace datatap {

// The exception hierarchy shared by the core and plugins. Each class maps to one
// exit code of the runner (see README "Exit codes"); a plugin throws the one that
// says what went wrong and the host turns it into a one-line error.
POCO_DECLARE_EXCEPTION(DATATAP_API, DatatapException, Poco::Exception)
POCO_DECLARE_EXCEPTION(DATATAP_API, UsageError, DatatapException)
POCO_DECLARE_EXCEPTION(DATATAP_API, ConfigError, DatatapException)
POCO_DECLARE_EXCEPTION(DATATAP_API, PluginError, DatatapException)
POCO_DECLARE_EXCEPTION(DATATAP_API, DecodeError, DatatapException)
POCO_DECLARE_EXCEPTION(DATATAP_API, AuthError, DatatapException)
POCO_DECLARE_EXCEPTION(DATATAP_API, ServiceError, DatatapException)
POCO_DECLARE_EXCEPTION(DATATAP_API, TemporaryError, DatatapException)

} // namespace datatap
