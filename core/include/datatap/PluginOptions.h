#pragma once

#include "datatap/Api.h"

#include <cstdint>
#include <map>
#include <string>

namespace datatap {

/// The validated options of one INI section, handed to a plugin's configure().
/// Defaults are already filled in, `*_file` secrets already read and paths already
/// resolved; fail() builds the ConfigError that names plugin, section and key.
class DATATAP_API PluginOptions
{
public:
	using Values = std::map<std::string, std::string>;

	PluginOptions(std::string pluginName, std::string section, Values values);

	const std::string& pluginName() const;
	const std::string& section() const;
	const Values& values() const;

	bool has(const std::string& key) const;
	std::string getString(const std::string& key) const;
	std::string getString(const std::string& key, const std::string& fallback) const;
	std::int64_t getInt(const std::string& key, std::int64_t fallback) const;
	bool getBool(const std::string& key, bool fallback) const;

	[[noreturn]] void fail(const std::string& key, const std::string& problem) const;
	[[noreturn]] void fail(const std::string& problem) const;

private:
	std::string _pluginName;
	std::string _section;
	Values _values;
};

} // namespace datatap
