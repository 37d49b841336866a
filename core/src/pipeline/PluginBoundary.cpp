#include "pipeline/PluginBoundary.h"

namespace datatap {

void PluginBoundary::rethrowWithContext(const DatatapException& exc, const std::string& context)
{
	const std::string message = fmt::format("{}: {}", context, exc.message());
	if (dynamic_cast<const DecodeError*>(&exc))
		throw DecodeError(message);
	if (dynamic_cast<const ConfigError*>(&exc))
		throw ConfigError(message);
	if (dynamic_cast<const AuthError*>(&exc))
		throw AuthError(message);
	if (dynamic_cast<const ServiceError*>(&exc))
		throw ServiceError(message);
	if (dynamic_cast<const TemporaryError*>(&exc))
		throw TemporaryError(message);
	if (dynamic_cast<const UsageError*>(&exc))
		throw UsageError(message);
	throw PluginError(message);
}

} // namespace datatap
