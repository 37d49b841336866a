#include "datatap/PluginOptions.h"

#include "datatap/Exceptions.h"

#include <Poco/NumberParser.h>
#include <fmt/format.h>

#include <algorithm>

namespace datatap {

PluginOptions::PluginOptions(std::string pluginName, std::string section, Values values):
	_pluginName(std::move(pluginName)),
	_section(std::move(section)),
	_values(std::move(values))
{
}

const std::string& PluginOptions::pluginName() const
{
	return _pluginName;
}

const std::string& PluginOptions::section() const
{
	return _section;
}

const PluginOptions::Values& PluginOptions::values() const
{
	return _values;
}

bool PluginOptions::has(const std::string& key) const
{
	return _values.find(key) != _values.end();
}

std::string PluginOptions::getString(const std::string& key) const
{
	auto it = _values.find(key);
	if (it == _values.end())
		fail(key, "is required");
	return it->second;
}

std::string PluginOptions::getString(const std::string& key, const std::string& fallback) const
{
	auto it = _values.find(key);
	return it == _values.end() ? fallback : it->second;
}

std::int64_t PluginOptions::getInt(const std::string& key, std::int64_t fallback) const
{
	auto it = _values.find(key);
	if (it == _values.end())
		return fallback;
	Poco::Int64 number = 0;
	if (!Poco::NumberParser::tryParse64(it->second, number))
		fail(key, fmt::format("must be an integer, found '{}'", it->second));
	return number;
}

bool PluginOptions::getBool(const std::string& key, bool fallback) const
{
	auto it = _values.find(key);
	if (it == _values.end())
		return fallback;
	bool flag = false;
	if (!Poco::NumberParser::tryParseBool(it->second, flag))
		fail(key, fmt::format("must be true or false, found '{}'", it->second));
	return flag;
}

std::string PluginOptions::getHeaderValue(const std::string& key) const
{
	std::string value = getString(key);
	if (value.empty())
		fail(key, "is empty");
	const bool control = std::any_of(value.begin(), value.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
	if (control)
		fail(key, "contains a control character (a line break in a secret file?)");
	return value;
}

std::string PluginOptions::getHeaderValue(const std::string& key, const std::string& fallback) const
{
	return has(key) ? getHeaderValue(key) : fallback;
}

Poco::URI PluginOptions::getUrl(const std::string& key) const
{
	Poco::URI uri;
	try
	{
		uri = Poco::URI(getString(key));
	}
	catch (const Poco::SyntaxException&)
	{
		fail(key, "is not a URL");
	}
	if ((uri.getScheme() != "http" && uri.getScheme() != "https") || uri.getHost().empty())
		fail(key, "must be an http:// or https:// URL");
	if (!uri.getUserInfo().empty())
		fail(key, "must not carry credentials; give them in their own options");
	return uri;
}

std::int64_t PluginOptions::getSeconds(const std::string& key, std::int64_t fallback) const
{
	const std::int64_t seconds = getInt(key, fallback);
	if (seconds <= 0)
		fail(key, "must be a positive number of seconds");
	return seconds;
}

void PluginOptions::fail(const std::string& key, const std::string& problem) const
{
	throw ConfigError(fmt::format("[{}] {}: {} (plugin {})", _section, key, problem, _pluginName));
}

void PluginOptions::fail(const std::string& problem) const
{
	throw ConfigError(fmt::format("[{}]: {} (plugin {})", _section, problem, _pluginName));
}

} // namespace datatap
