#include "datatap/Exceptions.h"

#include <typeinfo>

namespace datatap {

POCO_IMPLEMENT_EXCEPTION(DatatapException, Poco::Exception, "datatap error")
POCO_IMPLEMENT_EXCEPTION(UsageError, DatatapException, "usage error")
POCO_IMPLEMENT_EXCEPTION(ConfigError, DatatapException, "configuration error")
POCO_IMPLEMENT_EXCEPTION(PluginError, DatatapException, "plugin error")
POCO_IMPLEMENT_EXCEPTION(DecodeError, DatatapException, "decode error")
POCO_IMPLEMENT_EXCEPTION(AuthError, DatatapException, "not authorised")
POCO_IMPLEMENT_EXCEPTION(ServiceError, DatatapException, "service unavailable")
POCO_IMPLEMENT_EXCEPTION(TemporaryError, DatatapException, "temporary failure")

} // namespace datatap
