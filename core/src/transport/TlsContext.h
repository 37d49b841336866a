#pragma once

#include "datatap/Api.h"

#include <Poco/Net/Context.h>

#include <string>

namespace datatap {

/// The TLS client contexts of the process: certificates verified against the
/// system store (plus an optional CA file), the host name checked even for
/// loopback addresses, and an invalid certificate rejected rather than asked
/// about on the console (POCO's default). Everything that speaks HTTPS uses it.
class DATATAP_API TlsContext
{
public:
	/// The context for these settings, made once and shared.
	static Poco::Net::Context::Ptr client(const std::string& caFile = std::string(), bool insecure = false);
};

} // namespace datatap
