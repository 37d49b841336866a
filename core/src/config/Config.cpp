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

#define DATATAP_TRANSPORT_KEYS "timeout", "connect_timeout", "deadline", "max_tries", "backoff", "backoff_max", \
	"retry_after_max", "max_redirects", "trusted_origins", "allow_downgrade", "max_body", "ca_file", "insecure"

const std::vector<std::string> kSettingsKeys{"plugin_path", "allow_writable_plugins", "output", "concurrency", DATATAP_TRANSPORT_KEYS};
const std::vector<std::string> kOutputs{"json", "ndjson", "table"};
const std::set<std::string> kSourceKeys{"url", "auth", "decoder", "skip_status", DATATAP_TRANSPORT_KEYS,
	"pagination", "page_param", "page_start", "limit_param", "limit", "offset_param", "cursor_param", "cursor_pointer", "max_pages"};
const std::string kPartitionPrefix = "partition.";
// More requests than this from one source is a typo in a range, not a plan.
const std::size_t kMaxPartitionRequests = 10000000;

bool isPartitionKey(const std::string& key)
{
	return key.compare(0, kPartitionPrefix.size(), kPartitionPrefix) == 0;
}
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
		if (const IniEntry* entry = datatap->find("concurrency"))
		{
			int concurrency = 0;
			const std::string value = config.valueOf(*datatap, *entry);
			if (!Poco::NumberParser::tryParse(value, concurrency) || concurrency < 1 || concurrency > 256)
				throw ConfigError(fmt::format("{}: '{}' is not a number of parallel requests from 1 to 256", config.where(*datatap, entry), value));
			config._settings.concurrency = concurrency;
		}
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
	const auto text = [&](const char* key, std::string& value) {
		const IniEntry* entry = section.find(key);
		if (entry != nullptr)
			value = valueOf(section, *entry);
		return entry;
	};
	const auto seconds = [&](const char* key, Poco::Timespan& target, bool zeroAllowed) {
		std::string value;
		const IniEntry* entry = text(key, value);
		if (entry == nullptr)
			return;
		double number = 0;
		if (!Poco::NumberParser::tryParseFloat(value, number) || number < 0 || (!zeroAllowed && number == 0) || number > 86400)
			throw ConfigError(fmt::format("{}: '{}' is not a number of seconds {} 0 and 86400", where(section, entry), value, zeroAllowed ? "from" : "between"));
		target = Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(number * 1e6));
	};
	const auto integer = [&](const char* key, int& target, int low, int high) {
		std::string value;
		const IniEntry* entry = text(key, value);
		if (entry == nullptr)
			return;
		int number = 0;
		if (!Poco::NumberParser::tryParse(value, number) || number < low || number > high)
			throw ConfigError(fmt::format("{}: '{}' is not a whole number from {} to {}", where(section, entry), value, low, high));
		target = number;
	};
	const auto flag = [&](const char* key, bool& target) {
		std::string value;
		const IniEntry* entry = text(key, value);
		if (entry != nullptr && !Poco::NumberParser::tryParseBool(value, target))
			throw ConfigError(fmt::format("{}: '{}' is not true or false", where(section, entry), value));
	};
	seconds("timeout", options.readTimeout, false);
	seconds("connect_timeout", options.connectTimeout, false);
	seconds("deadline", options.deadline, false);
	integer("max_tries", options.maxTries, 1, 100);
	seconds("backoff", options.backoff, true);
	seconds("backoff_max", options.backoffMax, true);
	seconds("retry_after_max", options.retryAfterMax, true);
	integer("max_redirects", options.maxRedirects, 0, 50);
	flag("allow_downgrade", options.allowDowngrade);
	flag("insecure", options.insecure);

	std::string value;
	if (const IniEntry* entry = text("max_body", value))
	{
		if (!parseSize(value, options.maxBodyBytes) || options.maxBodyBytes == 0)
			throw ConfigError(fmt::format("{}: '{}' is not a size; use bytes or a K, M or G suffix (256M)", where(section, entry), value));
	}
	if (const IniEntry* entry = text("ca_file", value))
	{
		options.caFile = resolvePath(value);
		if (!Poco::File(options.caFile).exists())
			throw ConfigError(fmt::format("{}: {} does not exist", where(section, entry), options.caFile));
	}
	if (const IniEntry* entry = text("trusted_origins", value))
	{
		options.trustedOrigins.clear();
		Poco::StringTokenizer tokens(value, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
		for (const std::string& token: tokens)
		{
			Poco::URI origin;
			try
			{
				origin = Poco::URI(token);
			}
			catch (const Poco::Exception&)
			{
			}
			if ((origin.getScheme() != "http" && origin.getScheme() != "https") || origin.getHost().empty() || (!origin.getPath().empty() && origin.getPath() != "/"))
				throw ConfigError(fmt::format("{}: '{}' is not an origin; write scheme://host[:port]", where(section, entry), token));
			options.trustedOrigins.push_back(fmt::format("{}://{}:{}", origin.getScheme(), origin.getHost(), origin.getPort()));
		}
	}
	return options;
}

bool Config::parseSize(const std::string& text, std::uint64_t& bytes)
{
	std::string digits = Poco::trim(text);
	unsigned shift = 0;
	if (!digits.empty())
	{
		switch (Poco::Ascii::toUpper(digits.back()))
		{
		case 'K': shift = 10; break;
		case 'M': shift = 20; break;
		case 'G': shift = 30; break;
		default: break;
		}
		if (shift != 0)
			digits.pop_back();
	}
	Poco::UInt64 number = 0;
	if (!Poco::NumberParser::tryParseUnsigned64(Poco::trim(digits), number) || number > (std::uint64_t{1} << (63 - shift)))
		return false;
	bytes = number << shift;
	return true;
}

PaginationConfig Config::readPagination(const IniSection& section) const
{
	PaginationConfig pagination;
	const IniEntry* kind = section.find("pagination");
	const std::vector<std::string> keys{"page_param", "page_start", "limit_param", "limit", "offset_param", "cursor_param", "cursor_pointer", "max_pages"};
	if (kind == nullptr)
	{
		for (const std::string& key: keys)
		{
			if (const IniEntry* entry = section.find(key))
				throw ConfigError(fmt::format("{}: only used with pagination = link, page, offset or cursor", where(section, entry)));
		}
		return pagination;
	}
	const std::string name = valueOf(section, *kind);
	static const std::vector<std::pair<std::string, PaginationConfig::Kind>> kinds{
		{"none", PaginationConfig::Kind::None}, {"link", PaginationConfig::Kind::Link}, {"page", PaginationConfig::Kind::Page},
		{"offset", PaginationConfig::Kind::Offset}, {"cursor", PaginationConfig::Kind::Cursor}};
	auto found = std::find_if(kinds.begin(), kinds.end(), [&](const auto& k) { return k.first == name; });
	if (found == kinds.end())
		throw ConfigError(fmt::format("{}: '{}' is not a pagination; use none, link, page, offset or cursor", where(section, kind), name));
	pagination.kind = found->second;

	const auto text = [&](const char* key, std::string& target) {
		if (const IniEntry* entry = section.find(key))
		{
			target = valueOf(section, *entry);
			if (target.empty())
				throw ConfigError(fmt::format("{}: must not be empty", where(section, entry)));
		}
	};
	const auto number = [&](const char* key, std::int64_t& target, std::int64_t low) {
		if (const IniEntry* entry = section.find(key))
		{
			const std::string value = valueOf(section, *entry);
			Poco::Int64 parsed = 0;
			if (!Poco::NumberParser::tryParse64(value, parsed) || parsed < low)
				throw ConfigError(fmt::format("{}: '{}' is not a whole number of at least {}", where(section, entry), value, low));
			target = parsed;
		}
	};
	text("page_param", pagination.pageParam);
	number("page_start", pagination.pageStart, 0);
	text("limit_param", pagination.limitParam);
	number("limit", pagination.limit, 1);
	text("offset_param", pagination.offsetParam);
	text("cursor_param", pagination.cursorParam);
	text("cursor_pointer", pagination.cursorPointer);
	number("max_pages", pagination.maxPages, 1);
	if (pagination.kind == PaginationConfig::Kind::Offset && section.find("limit") == nullptr)
		throw ConfigError(fmt::format("{}: pagination = offset needs limit = N (records a page)", where(section, kind)));
	if (pagination.kind == PaginationConfig::Kind::Cursor && pagination.cursorPointer.front() != '/')
		throw ConfigError(fmt::format("{}: cursor_pointer must be a JSON pointer such as /meta/next", where(section, section.find("cursor_pointer"))));
	return pagination;
}

std::vector<Partition> Config::readPartitions(const IniSection& section, const std::string& url) const
{
	std::vector<Partition> partitions;
	std::size_t requests = 1;
	for (const IniEntry& entry: section.entries)
	{
		if (!isPartitionKey(entry.key))
			continue;
		Partition partition;
		partition.name = entry.key.substr(kPartitionPrefix.size());
		if (!validName(partition.name))
			throw ConfigError(fmt::format("{}: after 'partition.' use letters, digits, '-' and '_' only", where(section, &entry)));
		if (url.find("{" + partition.name + "}") == std::string::npos)
			throw ConfigError(fmt::format("{}: the url has no {{{}}} placeholder", where(section, &entry), partition.name));
		const std::string value = valueOf(section, entry);
		const std::size_t dots = value.find("..");
		if (!value.empty() && value[0] == '@')
		{
			const std::string file = resolvePath(Poco::trim(value.substr(1)));
			Poco::FileInputStream in;
			try
			{
				in.open(file, std::ios::in);
			}
			catch (const Poco::Exception&)
			{
				throw ConfigError(fmt::format("{}: cannot read {}", where(section, &entry), file));
			}
			std::string line;
			while (std::getline(in, line))
			{
				line = Poco::trim(line);
				if (!line.empty())
					partition.values.push_back(line);
			}
		}
		else if (dots != std::string::npos && value.find(',') == std::string::npos)
		{
			Poco::Int64 first = 0;
			Poco::Int64 last = 0;
			if (!Poco::NumberParser::tryParse64(Poco::trim(value.substr(0, dots)), first) || !Poco::NumberParser::tryParse64(Poco::trim(value.substr(dots + 2)), last) || last < first)
				throw ConfigError(fmt::format("{}: '{}' is not a range; write FIRST..LAST with FIRST <= LAST", where(section, &entry), value));
			if (static_cast<std::uint64_t>(last - first) >= kMaxPartitionRequests)
				throw ConfigError(fmt::format("{}: the range holds more than {} values", where(section, &entry), kMaxPartitionRequests));
			for (Poco::Int64 v = first; v <= last; ++v)
				partition.values.push_back(std::to_string(v));
		}
		else
		{
			Poco::StringTokenizer tokens(value, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
			partition.values.assign(tokens.begin(), tokens.end());
		}
		if (partition.values.empty())
			throw ConfigError(fmt::format("{}: no values", where(section, &entry)));
		requests *= partition.values.size();
		if (requests > kMaxPartitionRequests)
			throw ConfigError(fmt::format("{}: the partitions make more than {} requests", where(section, &entry), kMaxPartitionRequests));
		partitions.push_back(std::move(partition));
	}
	for (std::size_t open = url.find('{'); open != std::string::npos; open = url.find('{', open + 1))
	{
		const std::size_t close = url.find('}', open);
		const std::string name = close == std::string::npos ? std::string() : url.substr(open + 1, close - open - 1);
		const bool known = std::any_of(partitions.begin(), partitions.end(), [&](const Partition& p) { return p.name == name; });
		if (!known)
			throw ConfigError(fmt::format("{}: [{}] url: {{{}}} has no partition.{} = ... to fill it", where(section, nullptr), section.name, name, name));
	}
	return partitions;
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
		if (coreKeys.count(entry.key) != 0 || (&coreKeys == &kSourceKeys && isPartitionKey(entry.key)))
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
		if (coreKeys.count(entry.key) == 0 && !isPartitionKey(entry.key) && !Suggestion::nearest(entry.key, valid).empty())
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
		const PluginInfo* plugin = nullptr;
		try
		{
			plugin = &registry.get(PluginKind::Auth, strategyName);
		}
		catch (const PluginError& exc)
		{
			throw PluginError(fmt::format("{}: {}", where(section, strategy), exc.message()));
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

		SourceConfig source{section.name.substr(7), valueOf(section, urlEntry), "", valueOf(section, decoderEntry), PluginOptions("", section.name, {}), _settings.transport, {}, {}, {}};
		source.partitions = readPartitions(section, source.url);
		std::string probe = source.url;
		for (const Partition& partition: source.partitions)
			Poco::replaceInPlace(probe, "{" + partition.name + "}", partition.values.front());
		const bool local = source.url == "-" || source.url.compare(0, 5, "file:") == 0;
		if (local)
		{
			// A saved response or standard input: decoded as it is, so nothing that
			// belongs to HTTP applies.
			for (const char* key: {"auth", "pagination", "skip_status"})
			{
				if (const IniEntry* entry = section.find(key))
					throw ConfigError(fmt::format("{}: does not apply to a file:// or - (standard input) source", where(section, entry)));
			}
			if (source.url != "-")
			{
				std::string path = source.url.substr(5);
				if (path.compare(0, 2, "//") == 0)
					path.erase(0, 2);
				if (path.empty())
					throw ConfigError(fmt::format("{}: a file: URL needs a path (file:///abs/path or file:relative/path)", where(section, &urlEntry)));
				if (path.front() != '/')
					path = Poco::Path::forDirectory(_folder).toString() + path;
				source.url = "file://" + path;
			}
		}
		Poco::URI uri;
		try
		{
			uri = Poco::URI(local ? std::string("file:///") : probe);
		}
		catch (const Poco::Exception&)
		{
			throw ConfigError(fmt::format("{}: not a valid URL", where(section, &urlEntry)));
		}
		if (!local && uri.getScheme() != "http" && uri.getScheme() != "https")
			throw ConfigError(fmt::format("{}: the URL must start with http://, https://, file: or be - (standard input)", where(section, &urlEntry)));
		if (!local && uri.getHost().empty())
			throw ConfigError(fmt::format("{}: the URL has no host", where(section, &urlEntry)));
		if (!uri.getUserInfo().empty())
			throw ConfigError(fmt::format("{}: put credentials in an [auth.*] section, not in the URL", where(section, &urlEntry)));

		if (const IniEntry* authEntry = section.find("auth"))
		{
			source.auth = valueOf(section, *authEntry);
			if (std::find(authNames.begin(), authNames.end(), source.auth) == authNames.end())
				throw ConfigError(fmt::format("{}: there is no [auth.{}] section{}", where(section, authEntry), source.auth, Suggestion::hint(source.auth, authNames)));
		}

		const PluginInfo* plugin = nullptr;
		try
		{
			plugin = &registry.get(PluginKind::Decoder, source.decoder);
		}
		catch (const PluginError& exc)
		{
			throw PluginError(fmt::format("{}: {}", where(section, &decoderEntry), exc.message()));
		}
		source.decoderOptions = PluginOptions(source.decoder, section.name, bindOptions(section, *plugin, kSourceKeys, "decoder"));
		source.transport = readTransport(section, _settings.transport);
		source.pagination = readPagination(section);

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
