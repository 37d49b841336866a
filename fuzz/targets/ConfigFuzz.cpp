// Config::load over any file: read or refused with a ConfigError, never more.

#include "FuzzTarget.h"
#include "config/Config.h"
#include "datatap/Exceptions.h"

#include <Poco/TemporaryFile.h>

#include <fstream>

int fuzzOne(const std::uint8_t* data, std::size_t size)
{
	// Config::load reads a path: one file per process, rewritten for each input.
	static Poco::TemporaryFile file;
	{
		std::ofstream out(file.path(), std::ios::binary | std::ios::trunc);
		out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
	}
	try
	{
		datatap::Config::load(file.path());
	}
	catch (const datatap::ConfigError&)
	{
	}
	return 0;
}
