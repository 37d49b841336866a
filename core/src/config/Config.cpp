#include "config/Config.h"

#include "datatap/Exceptions.h"
#include "registry/PluginRegistry.h"
#include "util/Suggestion.h"

#include <Poco/AutoPtr.h>
#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/NumberParser.h>
#include <Poco/Path.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/URI.h>
#include <Poco/Util/SystemConfiguration.h>
#include <fmt/format.h>

#include <sys/stat.h>

#include <algorithm>
#include <iterator>

namespace datatap {

namespace {

const std::vector<std::string> kSettingsKeys{"plugin_path", "allow_writable_plugins", "output", "timeout", "connect_timeout"};
const std::vector<std::string> kOutputs{"json", "ndjson", "table"};
const std::set<std::string> kSourceKeys{"url", "auth", "decoder", "timeout", "connect_timeout", "skip_status"};
const std::set<std::string> kAuthKeys{"strategy"};
const std::string kFileSuffix = "_file";

bool validName(const std::string& name)
{
	return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
		return Poco::Ascii::isAlphaNumeric(c) || c == '-' || c == '_';
	});
}

std::string readSecretFile(const std::string& path, const std::string& where)
{
	struct stat info{};
	if (::stat(path.c_str(), &info) != 0)
		throw ConfigError(fmt::format("{}: cannot read {}", where, path));
	if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0)
		throw ConfigError(fmt::format("{}: {} is accessible by group or others; run chmod 600 on it", where, path));
	Poco::FileInputStream in(path);
	std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
	while (!content.empty() && (content.back() == '\n' || content.back() == '\r'))
		content.pop_back();
	if (content.empty())
		throw ConfigError(fmt::format("{}: {} is empty", where, path));
	return content;
}

} // namespace

Config Config::load(const std::string& path)
{
	Config config;
	config._path = Poco::Path(path).absolute().toString();
	config._folder = Poco::Path(config._path).parent().toString();
	config._document = IniDocument::load(config._path);

	for (const IniSection& section: config._document.sections())
	{
		const std::size_t dot = section.name.find('.');
		const std::string kind = section.name.substr(0, dot);
		if (section.name == "datatap")
			continue;
		if ((kind == "auth" || kind == "source") && dot != std::string::npos)
		{
			if (!validName(section.name.substr(dot + 1)))
				throw ConfigError(fmt::format("{}: section name [{}]: after '{}.' use letters, digits, '-' and '_' only", config.where(section, nullptr), section.name, kind));
			continue;
		}
		throw ConfigError(fmt::format("{}: unknown section [{}]; use [datatap], [auth.NAME] or [source.NAME]", config.where(section, nullptr), section.name));
	}

	if (const IniSection* datatap = config._document.find("datatap"))
	{
		for (const IniEntry& entry: datatap->entries)
		{
			if (std::find(kSettingsKeys.begin(), kSettingsKeys.end(), entry.key) == kSettingsKeys.end())
				throw ConfigError(fmt::format("{}: unknown key{}", config.where(*datatap, &entry), Suggestion::hint(entry.key, kSettingsKeys)));
		}
		if (const IniEntry* entry = datatap->find("plugin_path"))
			config._settings.pluginPath = splitPath(config.valueOf(*datatap, *entry), config._folder);
		if (const IniEntry* entry = datatap->find("allow_writable_plugins"))
		{
			if (!Poco::NumberParser::tryParseBool(config.valueOf(*datatap, *entry), config._settings.allowWritablePlugins))
				throw ConfigError(fmt::format("{}: '{}' is not a boolean; use true or false", config.where(*datatap, entry), config.valueOf(*datatap, *entry)));
		}
		if (const IniEntry* entry = datatap->find("output"))
		{
			config._settings.output = config.valueOf(*datatap, *entry);
			if (std::find(kOutputs.begin(), kOutputs.end(), config._settings.output) == kOutputs.end())
				throw ConfigError(fmt::format("{}: '{}' is not an output; use json, ndjson or table", config.where(*datatap, entry), config._settings.output));
		}
		config._settings.transport = config.readTransport(*datatap, config._settings.transport);
	}
	return config;
}

std::vector<std::string> Config::splitPath(const std::string& list, const std::string& base)
{
	std::vector<std::string> folders;
	Poco::StringTokenizer tokens(list, ":", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
	for (const std::string& token: tokens)
	{
		Poco::Path folder = Poco::Path::forDirectory(base).resolve(Poco::Path::forDirectory(token));
		std::string text = folder.toString();
		if (text.size() > 1 && text.back() == '/')
			text.pop_back();
		folders.push_back(text);
	}
	return folders;
}

std::string Config::where(const IniSection& section, const IniEntry* entry) const
{
	if (entry == nullptr)
		return fmt::format("{}:{}", _path, section.line);
	return fmt::format("{}:{}: [{}] {}", _path, entry->line, section.name, entry->key);
}

std::string Config::resolvePath(const std::string& path) const
{
	return Poco::Path::forDirectory(_folder).resolve(Poco::Path(path)).toString();
}

// Expands ${system.env.NAME} and POCO's other ${system.*} properties. A reference
// that does not resolve is an error: sending "${system.env.TOKEN}" as a token
// would only fail later, less clearly.
std::string Config::valueOf(const IniSection& section, const IniEntry& entry) const
{
	const std::string& raw = entry.value;
	std::string result;
	std::size_t at = 0;
	Poco::AutoPtr<Poco::Util::SystemConfiguration> system(new Poco::Util::SystemConfiguration);
	while (at < raw.size())
	{
		const std::size_t open = raw.find("${", at);
		if (open == std::string::npos)
		{
			result.append(raw, at, std::string::npos);
			break;
		}
		result.append(raw, at, open - at);
		const std::size_t close = raw.find('}', open + 2);
		if (close == std::string::npos)
			throw ConfigError(fmt::format("{}: '${{' without a closing '}}'", where(section, &entry)));
		const std::string name = raw.substr(open + 2, close - open - 2);
		if (name.compare(0, 7, "system.") != 0)
			throw ConfigError(fmt::format("{}: ${{{}}} is not a known reference; use ${{system.env.NAME}}", where(section, &entry), name));
		const std::string property = name.substr(7);
		if (!system->has(name))
		{
			if (property.compare(0, 4, "env.") == 0)
				throw ConfigError(fmt::format("{}: environment variable {} is not set", where(section, &entry), property.substr(4)));
			throw ConfigError(fmt::format("{}: ${{{}}} is not defined", where(section, &entry), name));
		}
		result += system->getString(name);
		at = close + 1;
	}
	return result;
}

TransportOptions Config::readTransport(const IniSection& section, const TransportOptions& defaults) const
{
	TransportOptions options = defaults;
	const auto seconds = [&](const char* key, Poco::Timespan& target) {
		const IniEntry* entry = section.find(key);
		if (entry == nullptr)
			return;
		const std::string value = valueOf(section, *entry);
		double number = 0;
		if (!Poco::NumberParser::tryParseFloat(value, number) || !(number > 0) || number > 86400)
			throw ConfigError(fmt::format("{}: '{}' is not a number of seconds between 0 and 86400", where(section, entry), value));
		target = Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(number * 1e6));
	};
	seconds("timeout", options.readTimeout);
	seconds("connect_timeout", options.connectTimeout);
	return options;
}

PluginOptions::Values Config::bindOptions(const IniSection& section, const PluginInfo& plugin, const std::set<std::string>& coreKeys, const std::string& label)
{
	std::vector<std::string> validKeys(coreKeys.begin(), coreKeys.end());
	for (const OptionSpec& spec: plugin.options)
	{
		validKeys.push_back(spec.name);
		if (spec.secret)
			validKeys.push_back(spec.name + kFileSuffix);
	}

	PluginOptions::Values values;
	for (const IniEntry& entry: section.entries)
	{
		if (coreKeys.count(entry.key) != 0)
			continue;
		if (std::find(validKeys.begin(), validKeys.end(), entry.key) == validKeys.end())
			throw ConfigError(fmt::format("{}: unknown key for {} '{}'{}", where(section, &entry), label, plugin.name, Suggestion::hint(entry.key, validKeys)));

		const OptionSpec* spec = nullptr;
		bool fromFile = false;
		for (const OptionSpec& candidate: plugin.options)
		{
			if (candidate.name == entry.key)
				spec = &candidate;
			else if (candidate.secret && candidate.name + kFileSuffix == entry.key)
			{
				spec = &candidate;
				fromFile = true;
			}
		}
		if (spec == nullptr)
			continue;
		if (values.count(spec->name) != 0)
			throw ConfigError(fmt::format("{}: give either {} or {}, not both", where(section, &entry), spec->name, spec->name + kFileSuffix));

		std::string value = valueOf(section, entry);
		if (fromFile)
			value = readSecretFile(resolvePath(value), where(section, &entry));
		switch (spec->type)
		{
		case OptionType::Integer:
		{
			Poco::Int64 number = 0;
			if (!Poco::NumberParser::tryParse64(value, number))
				throw ConfigError(fmt::format("{}: must be an integer{}", where(section, &entry), spec->secret ? std::string() : fmt::format(", found '{}'", value)));
			break;
		}
		case OptionType::Boolean:
		{
			bool flag = false;
			if (!Poco::NumberParser::tryParseBool(value, flag))
				throw ConfigError(fmt::format("{}: must be true or false{}", where(section, &entry), spec->secret ? std::string() : fmt::format(", found '{}'", value)));
			value = flag ? "true" : "false";
			break;
		}
		case OptionType::Path:
			value = resolvePath(value);
			break;
		case OptionType::String:
			break;
		}
		if (spec->secret && !value.empty())
			_secrets.push_back(value);
		values[spec->name] = value;
	}

	for (const OptionSpec& spec: plugin.options)
	{
		if (values.count(spec.name) != 0)
			continue;
		if (!spec.defaultValue.empty())
		{
			values[spec.name] = spec.type == OptionType::Path ? resolvePath(spec.defaultValue) : spec.defaultValue;
			// A default is as secret as a value the user gave.
			if (spec.secret)
				_secrets.push_back(values[spec.name]);
		}
		else if (spec.required)
			throw ConfigError(fmt::format("{}: [{}] is missing the required key {}{} ({} '{}')", where(section, nullptr), section.name, spec.name, spec.secret ? fmt::format(" (or {}{})", spec.name, kFileSuffix) : std::string(), label, plugin.name));
	}
	return values;
}

// Without its plugin a section's keys cannot all be checked; a key that is not
// a core key is then most likely the misspelt key that names the plugin.
void Config::rejectUnknownKeys(const IniSection& section, const std::set<std::string>& coreKeys) const
{
	const std::vector<std::string> valid(coreKeys.begin(), coreKeys.end());
	for (const IniEntry& entry: section.entries)
	{
		if (coreKeys.count(entry.key) == 0 && !Suggestion::nearest(entry.key, valid).empty())
			throw ConfigError(fmt::format("{}: unknown key{}", where(section, &entry), Suggestion::hint(entry.key, valid)));
	}
}

void Config::bind(const PluginRegistry& registry)
{
	_auths.clear();
	_sources.clear();
	_secrets.clear();

	std::vector<std::string> authNames;
	for (const IniSection& section: _document.sections())
	{
		if (section.name.compare(0, 5, "auth.") != 0)
			continue;
		const IniEntry* strategy = section.find("strategy");
		if (strategy == nullptr)
			rejectUnknownKeys(section, kAuthKeys);
		if (strategy == nullptr)
			throw ConfigError(fmt::format("{}: [{}] is missing the required key strategy (an auth plugin's name; see --list-plugins)", where(section, nullptr), section.name));
		const std::string strategyName = valueOf(section, *strategy);
		const PluginInfo* plugin = registry.find(PluginKind::Auth, strategyName);
		if (plugin == nullptr)
		{
			try
			{
				registry.get(PluginKind::Auth, strategyName);
			}
			catch (const PluginError& exc)
			{
				throw PluginError(fmt::format("{}: {}", where(section, strategy), exc.message()));
			}
		}
		const std::string name = section.name.substr(5);
		PluginOptions::Values values = bindOptions(section, *plugin, kAuthKeys, "auth strategy");
		_auths.push_back(AuthConfig{name, strategyName, PluginOptions(strategyName, section.name, std::move(values))});
		authNames.push_back(name);
	}

	for (const IniSection& section: _document.sections())
	{
		if (section.name.compare(0, 7, "source.") != 0)
			continue;
		const auto required = [&](const char* key, const char* what) -> const IniEntry& {
			const IniEntry* entry = section.find(key);
			if (entry == nullptr)
				throw ConfigError(fmt::format("{}: [{}] is missing the required key {} ({})", where(section, nullptr), section.name, key, what));
			return *entry;
		};
		if (section.find("decoder") == nullptr)
			rejectUnknownKeys(section, kSourceKeys);
		const IniEntry& urlEntry = required("url", "the address to fetch");
		const IniEntry& decoderEntry = required("decoder", "a decoder plugin's name; see --list-plugins");

		SourceConfig source{section.name.substr(7), valueOf(section, urlEntry), "", valueOf(section, decoderEntry), PluginOptions("", section.name, {}), _settings.transport, {}};
		Poco::URI uri;
		try
		{
			uri = Poco::URI(source.url);
		}
		catch (const Poco::Exception&)
		{
			throw ConfigError(fmt::format("{}: not a valid URL", where(section, &urlEntry)));
		}
		if (uri.getScheme() != "http" && uri.getScheme() != "https")
			throw ConfigError(fmt::format("{}: the URL must start with http:// or https://", where(section, &urlEntry)));
		if (uri.getHost().empty())
			throw ConfigError(fmt::format("{}: the URL has no host", where(section, &urlEntry)));
		if (!uri.getUserInfo().empty())
			throw ConfigError(fmt::format("{}: put credentials in an [auth.*] section, not in the URL", where(section, &urlEntry)));

		if (const IniEntry* authEntry = section.find("auth"))
		{
			source.auth = valueOf(section, *authEntry);
			if (std::find(authNames.begin(), authNames.end(), source.auth) == authNames.end())
				throw ConfigError(fmt::format("{}: there is no [auth.{}] section{}", where(section, authEntry), source.auth, Suggestion::hint(source.auth, authNames)));
		}

		const PluginInfo* plugin = registry.find(PluginKind::Decoder, source.decoder);
		if (plugin == nullptr)
		{
			try
			{
				registry.get(PluginKind::Decoder, source.decoder);
			}
			catch (const PluginError& exc)
			{
				throw PluginError(fmt::format("{}: {}", where(section, &decoderEntry), exc.message()));
			}
		}
		source.decoderOptions = PluginOptions(source.decoder, section.name, bindOptions(section, *plugin, kSourceKeys, "decoder"));
		source.transport = readTransport(section, _settings.transport);

		if (const IniEntry* skip = section.find("skip_status"))
		{
			Poco::StringTokenizer tokens(valueOf(section, *skip), ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
			for (const std::string& token: tokens)
			{
				int status = 0;
				if (!Poco::NumberParser::tryParse(token, status) || status < 300 || status > 599 || status == 401 || status == 403)
					throw ConfigError(fmt::format("{}: '{}' is not a status to skip; use 3xx, 4xx or 5xx codes other than 401 and 403", where(section, skip), token));
				source.skipStatus.insert(status);
			}
		}
		_sources.push_back(std::move(source));
	}
	if (_sources.empty())
		throw ConfigError(fmt::format("{}: no [source.NAME] section; add one with url and decoder", _path));
}

const std::string& Config::path() const
{
	return _path;
}

const std::string& Config::folder() const
{
	return _folder;
}

Settings& Config::settings()
{
	return _settings;
}

const Settings& Config::settings() const
{
	return _settings;
}

const std::vector<AuthConfig>& Config::auths() const
{
	return _auths;
}

const std::vector<SourceConfig>& Config::sources() const
{
	return _sources;
}

const AuthConfig* Config::findAuth(const std::string& name) const
{
	for (const AuthConfig& auth: _auths)
	{
		if (auth.name == name)
			return &auth;
	}
	return nullptr;
}

const SourceConfig* Config::findSource(const std::string& name) const
{
	for (const SourceConfig& source: _sources)
	{
		if (source.name == name)
			return &source;
	}
	return nullptr;
}

const std::vector<std::string>& Config::secrets() const
{
	return _secrets;
}

std::vector<std::string> Config::sourceNames() const
{
	std::vector<std::string> names;
	for (const SourceConfig& source: _sources)
		names.push_back(source.name);
	return names;
}

} // namespace datatap
