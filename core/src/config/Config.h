#pragma once

#include "config/IniDocument.h"
#include "datatap/Api.h"
#include "datatap/PluginOptions.h"
#include "transport/TransportOptions.h"

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace datatap {

class PluginRegistry;
struct PluginInfo;

/// The `[datatap]` section.
struct Settings
{
	std::vector<std::string> pluginPath; ///< absolute directories
	/// Load plugins from files and folders others may write to (off: refused).
	bool allowWritablePlugins = false;
	std::string output = "json";
	int concurrency = 4;                 ///< requests in flight at once, over all sources
	TransportOptions transport;
};

/// How a source walks through pages (`pagination =` and its keys).
struct PaginationConfig
{
	enum class Kind
	{
		None,
		Link,   ///< follow RFC 8288 `Link: <...>; rel="next"`
		Page,   ///< page number parameter; stop on an empty page
		Offset, ///< offset and limit parameters; stop on a short page
		Cursor  ///< next cursor from a JSON pointer in the body
	};

	Kind kind = Kind::None;
	std::string pageParam = "page";
	std::int64_t pageStart = 1;
	std::string limitParam = "limit";
	std::int64_t limit = 0; ///< 0: not sent (page), required for offset
	std::string offsetParam = "offset";
	std::string cursorParam = "cursor";
	std::string cursorPointer = "/next";
	std::int64_t maxPages = 1000;
};

/// One `partition.NAME = ...` of a source: the values `{NAME}` takes in its URL.
struct Partition
{
	std::string name;
	std::vector<std::string> values;
};

/// One `[auth.NAME]` section, validated against its strategy's declared options.
struct AuthConfig
{
	std::string name;
	std::string strategy;
	PluginOptions options;
};

/// One `[source.NAME]` section, validated against its decoder's declared options.
struct SourceConfig
{
	std::string name;
	std::string url;
	std::string auth;    ///< the AuthConfig name, or "" for none
	std::string decoder;
	PluginOptions decoderOptions;
	TransportOptions transport;
	std::set<int> skipStatus; ///< statuses that yield no records instead of an error
	PaginationConfig pagination;
	std::vector<Partition> partitions; ///< in file order; the URL expands over all of them
};

/// The configuration: read and checked for syntax and the `[datatap]` section by
/// load(), then checked against the plugins' declared options by bind().
///
/// Relative paths resolve against the INI file's folder. Values may refer to
/// `${system.env.NAME}`; a secret option NAME may instead be read from NAME_file.
class DATATAP_API Config
{
public:
	static Config load(const std::string& path);

	const std::string& path() const;
	const std::string& folder() const;
	Settings& settings();
	const Settings& settings() const;

	/// Validates every `[auth.*]` and `[source.*]` section against the registry.
	void bind(const PluginRegistry& registry);

	const std::vector<AuthConfig>& auths() const;
	const std::vector<SourceConfig>& sources() const;
	const AuthConfig* findAuth(const std::string& name) const;
	const SourceConfig* findSource(const std::string& name) const;

	/// Every secret value the configuration holds, for redaction by value.
	const std::vector<std::string>& secrets() const;

	/// Splits a colon-separated list of folders and resolves each against base.
	static std::vector<std::string> splitPath(const std::string& list, const std::string& base);

	/// "256M" -> bytes; plain bytes or a K, M or G (binary) suffix.
	static bool parseSize(const std::string& text, std::uint64_t& bytes);

	/// The source names in file order.
	std::vector<std::string> sourceNames() const;

private:
	Config() = default;

	std::string where(const IniSection& section, const IniEntry* entry) const;
	std::string valueOf(const IniSection& section, const IniEntry& entry) const;
	PluginOptions::Values bindOptions(const IniSection& section, const PluginInfo& plugin, const std::set<std::string>& coreKeys, const std::string& label);
	void rejectUnknownKeys(const IniSection& section, const std::set<std::string>& coreKeys) const;
	TransportOptions readTransport(const IniSection& section, const TransportOptions& defaults) const;
	PaginationConfig readPagination(const IniSection& section) const;
	std::vector<Partition> readPartitions(const IniSection& section, const std::string& url) const;
	std::string resolvePath(const std::string& path) const;

	IniDocument _document;
	std::string _path;
	std::string _folder;
	Settings _settings;
	std::vector<AuthConfig> _auths;
	std::vector<SourceConfig> _sources;
	std::vector<std::string> _secrets;
};

} // namespace datatap
