#pragma once

#include "datatap/Api.h"

#include <Poco/Net/Context.h>

namespace datatap {

/// The one TLS client context of the process: certificates verified against the
/// system store, and an invalid certificate rejected rather than asked about on
/// the console (POCO's default). Everything in datatap that speaks HTTPS uses it.
class DATATAP_API TlsContext
{
public:
	static Poco::Net::Context::Ptr client();
};

} // namespace datatap
