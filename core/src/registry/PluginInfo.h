#pragma once

#include "datatap/Api.h"
#include "datatap/OptionSpec.h"

#include <string>

namespace datatap {

enum class PluginKind
{
	Auth,
	Decoder
};

DATATAP_API const char* pluginKindName(PluginKind kind);

/// What the registry knows of one plugin class, read from its library's handshake.
struct PluginInfo
{
	std::string name;      ///< user-facing name
	PluginKind kind = PluginKind::Auth;
	std::string className; ///< name in the POCO manifest
	std::string version;
	std::string summary;
	OptionSpecs options;
	std::string file;      ///< canonical path of the library
};

} // namespace datatap
