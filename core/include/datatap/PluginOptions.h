#pragma once

#include "datatap/Api.h"

#include <Poco/URI.h>

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
	/// A value that goes into a header or a signature: refused when it is empty or
	/// holds a control character (a line break would inject a header). The first
	/// form is for required keys, the second falls back when the key is absent.
	std::string getHeaderValue(const std::string& key) const;
	std::string getHeaderValue(const std::string& key, const std::string& fallback) const;
	/// A required http:// or https:// URL with a host and without user info
	/// (credentials belong in secret options, where they are masked).
	Poco::URI getUrl(const std::string& key) const;
	/// A positive number of seconds, for timeouts.
	std::int64_t getSeconds(const std::string& key, std::int64_t fallback) const;

	[[noreturn]] void fail(const std::string& key, const std::string& problem) const;
	[[noreturn]] void fail(const std::string& problem) const;

private:
	std::string _pluginName;
	std::string _section;
	Values _values;
};

} // namespace datatap
