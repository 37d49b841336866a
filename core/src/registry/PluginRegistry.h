#pragma once

#include "datatap/Api.h"
#include "datatap/AuthStrategy.h"
#include "datatap/ResourceDecoder.h"
#include "registry/PluginFileGuard.h"
#include "registry/PluginInfo.h"

#include <Poco/ClassLoader.h>

#include <memory>
#include <string>
#include <vector>

struct DatatapPluginDescriptor;

namespace Poco {
class SharedLibrary;
}

namespace datatap {

/// Finds plugin libraries on the plugin path, checks each one's handshake before
/// POCO sees it, and creates auth strategies and decoders by (kind, name).
///
/// Libraries stay loaded for the registry's whole life and are never unloaded:
/// objects it created must be destroyed before it is.
class DATATAP_API PluginRegistry
{
public:
	PluginRegistry();
	~PluginRegistry();
	PluginRegistry(const PluginRegistry&) = delete;
	PluginRegistry& operator=(const PluginRegistry&) = delete;

	/// Accept plugin files and folders that group or others may write to; by
	/// default they are refused (see PluginFileGuard).
	void setAllowWritablePlugins(bool allow);

	/// Loads every `*.so` in each directory, in path order. A file that cannot be
	/// used is recorded in problems() and skipped; it never stops the others.
	void scan(const std::vector<std::string>& directories);

	/// Loads one library; returns false (and records why) when it is refused.
	bool loadFile(const std::string& path);

	const std::vector<PluginInfo>& plugins() const;
	/// One line each: what was refused or shadowed, and why.
	const std::vector<std::string>& problems() const;

	const PluginInfo* find(PluginKind kind, const std::string& name) const;
	/// Like find(), but throws PluginError naming the known plugins instead.
	const PluginInfo& get(PluginKind kind, const std::string& name) const;
	/// Every plugin of any kind with that name.
	std::vector<const PluginInfo*> findAny(const std::string& name) const;

	std::unique_ptr<AuthStrategy> createAuth(const std::string& name) const;
	std::unique_ptr<ResourceDecoder> createDecoder(const std::string& name) const;

	/// Reads the classes a handshake's descriptor declares, the version checks
	/// already passed; throws PluginError on a table it cannot use. Public so the
	/// fuzzer can hand it descriptors no compiler would build.
	static std::vector<PluginInfo> readDescriptor(const std::string& file, const DatatapPluginDescriptor& descriptor);

private:
	void refuse(const std::string& file, const std::string& why);
	bool openLibrary(const std::string& file, Poco::SharedLibrary& library);

	PluginFileGuard _guard;
	Poco::ClassLoader<AuthStrategy> _authLoader;
	Poco::ClassLoader<ResourceDecoder> _decoderLoader;
	std::vector<PluginInfo> _plugins;
	std::vector<std::string> _problems;
	std::vector<std::string> _loadedFiles;
};

} // namespace datatap
