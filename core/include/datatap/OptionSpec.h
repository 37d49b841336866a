#pragma once

#include "datatap/Api.h"

#include <string>
#include <vector>

namespace datatap {

enum class OptionType
{
	String,
	Integer,
	Boolean,
	Path ///< resolved against the INI file's folder before the plugin sees it
};

DATATAP_API const char* optionTypeName(OptionType type);

/// One option a plugin accepts, as the host reads it from the plugin's descriptor.
/// The host validates INI sections, fills defaults and redacts secrets from it.
struct OptionSpec
{
	std::string name;
	OptionType type = OptionType::String;
	bool required = false;
	bool secret = false;
	std::string defaultValue; ///< empty when the option has no default
	std::string summary;
};

using OptionSpecs = std::vector<OptionSpec>;

} // namespace datatap
