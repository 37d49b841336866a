#include "ExitStatus.h"

#include "datatap/Exceptions.h"

#include <Poco/Util/Application.h>
#include <Poco/Util/OptionException.h>

namespace datatap {

int ExitStatus::of(const std::exception& error)
{
	using App = Poco::Util::Application;
	if (dynamic_cast<const UsageError*>(&error) || dynamic_cast<const Poco::Util::OptionException*>(&error))
		return App::EXIT_USAGE;
	if (dynamic_cast<const DecodeError*>(&error))
		return App::EXIT_DATAERR;
	if (dynamic_cast<const ServiceError*>(&error))
		return App::EXIT_UNAVAILABLE;
	if (dynamic_cast<const TemporaryError*>(&error))
		return App::EXIT_TEMPFAIL;
	if (dynamic_cast<const AuthError*>(&error))
		return App::EXIT_NOPERM;
	if (dynamic_cast<const ConfigError*>(&error) || dynamic_cast<const PluginError*>(&error))
		return App::EXIT_CONFIG;
	return App::EXIT_SOFTWARE;
}

} // namespace datatap
