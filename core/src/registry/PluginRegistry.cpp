#include "registry/PluginRegistry.h"

#include "datatap/Exceptions.h"
#include "datatap/PluginHandshake.h"
#include "datatap/Version.h"
#include "registry/ElfImage.h"
#include "util/Suggestion.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/SharedLibrary.h>
#include <Poco/String.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <climits>

namespace datatap {

namespace {

#define DATATAP_STRINGIFY_NAME(x) #x
#define DATATAP_STRINGIFY(x) DATATAP_STRINGIFY_NAME(x)

const char* const kAuthManifest = DATATAP_STRINGIFY(DATATAP_AUTH_MANIFEST);
const char* const kDecoderManifest = DATATAP_STRINGIFY(DATATAP_DECODER_MANIFEST);

std::string canonicalPath(const std::string& path)
{
	char resolved[PATH_MAX];
	if (::realpath(path.c_str(), resolved) != nullptr)
		return resolved;
	return Poco::Path(path).absolute().toString();
}

std::string text(const char* value)
{
	return value != nullptr ? std::string(value) : std::string();
}

// Turns the dynamic loader's message (dlerror(), often prefixed with the file's
// own path) into what went wrong and what to do about it.
std::string loadFailure(const std::string& file, std::string reason)
{
	if (reason.compare(0, file.size() + 2, file + ": ") == 0)
		reason.erase(0, file.size() + 2);
	const std::string missing = ": cannot open shared object file";
	const std::size_t at = reason.find(missing);
	if (at != std::string::npos)
		return fmt::format("a library it needs is missing: expected {} to be installed, found it nowhere the dynamic loader looks; install it, or add its folder to LD_LIBRARY_PATH", reason.substr(0, at));
	if (reason.find("undefined symbol") != std::string::npos)
		return fmt::format("it needs a symbol this datatap lacks: expected a plugin built against datatap {}, found {}; rebuild it against datatap {}", version(), reason, version());
	return fmt::format("cannot be loaded: expected a complete shared library, found {}; rebuild or reinstall it", reason);
}

OptionType optionType(std::uint32_t type)
{
	switch (type)
	{
	case DATATAP_OPTION_INTEGER: return OptionType::Integer;
	case DATATAP_OPTION_BOOLEAN: return OptionType::Boolean;
	case DATATAP_OPTION_PATH: return OptionType::Path;
	default: return OptionType::String;
	}
}

template <class Base>
std::unique_ptr<Base> createFrom(const Poco::ClassLoader<Base>& loader, const PluginInfo& info)
{
	const auto& manifest = loader.manifestFor(info.file);
	auto it = manifest.find(info.className);
	if (it == manifest.end())
		throw PluginError(fmt::format("plugin '{}' ({}): class {} is missing from its manifest", info.name, info.file, info.className));
	try
	{
		return std::unique_ptr<Base>(it->create());
	}
	catch (const std::exception& exc)
	{
		throw PluginError(fmt::format("plugin '{}' ({}) failed to start: {}", info.name, info.file, exc.what()));
	}
	catch (...)
	{
		throw PluginError(fmt::format("plugin '{}' ({}) failed to start: unknown exception", info.name, info.file));
	}
}

} // namespace

const char* pluginKindName(PluginKind kind)
{
	return kind == PluginKind::Auth ? "auth" : "decoder";
}

PluginRegistry::PluginRegistry() = default;

PluginRegistry::~PluginRegistry() = default;

void PluginRegistry::setAllowWritablePlugins(bool allow)
{
	_guard = PluginFileGuard(allow);
}

void PluginRegistry::scan(const std::vector<std::string>& directories)
{
	for (const std::string& given: directories)
	{
		Poco::File folder(given);
		if (!folder.exists() || !folder.isDirectory())
		{
			_problems.push_back(fmt::format("plugin directory {} does not exist", given));
			continue;
		}
		const std::string directory = canonicalPath(given);
		const std::string unsafe = _guard.problem(directory, "plugin directory");
		if (!unsafe.empty())
		{
			refuse(directory, unsafe);
			continue;
		}
		std::vector<std::string> files;
		for (Poco::DirectoryIterator it(directory), end; it != end; ++it)
		{
			if (Poco::endsWith(it.name(), std::string(".so")) && it->isFile())
				files.push_back(it.path().toString());
		}
		std::sort(files.begin(), files.end());
		for (const std::string& file: files)
			loadFile(file);
	}
}

void PluginRegistry::refuse(const std::string& file, const std::string& why)
{
	_problems.push_back(fmt::format("{}: refused: {}", file, why));
}

bool PluginRegistry::loadFile(const std::string& path)
{
	const std::string file = canonicalPath(path);
	if (std::find(_loadedFiles.begin(), _loadedFiles.end(), file) != _loadedFiles.end())
		return true;

	Poco::SharedLibrary library;
	if (!openLibrary(file, library))
		return false;

	if (!library.hasSymbol(DATATAP_HANDSHAKE_SYMBOL))
	{
		library.unload();
		refuse(file, fmt::format("not a datatap plugin: expected a {} symbol (plugin API {}), found none; rebuild it against datatap {} with DATATAP_PLUGIN_HANDSHAKE, or take it out of the plugin path", DATATAP_HANDSHAKE_SYMBOL, DATATAP_PLUGIN_API_VERSION, version()));
		return false;
	}
	auto handshake = reinterpret_cast<DatatapHandshakeFunction>(library.getSymbol(DATATAP_HANDSHAKE_SYMBOL));
	const DatatapPluginDescriptor* descriptor = handshake();
	if (descriptor == nullptr)
	{
		library.unload();
		refuse(file, fmt::format("its handshake returned no descriptor: expected one for plugin API {}, found none; rebuild it against datatap {}", DATATAP_PLUGIN_API_VERSION, version()));
		return false;
	}
	if (descriptor->apiVersion != DATATAP_PLUGIN_API_VERSION)
	{
		const std::uint32_t found = descriptor->apiVersion;
		library.unload();
		refuse(file, fmt::format("built for plugin API {}, expected plugin API {}; rebuild it against datatap {}", found, DATATAP_PLUGIN_API_VERSION, version()));
		return false;
	}
	if (descriptor->structSize < sizeof(DatatapPluginDescriptor))
	{
		// The descriptor lives in the library: read it before unloading.
		const std::uint32_t found = descriptor->structSize;
		library.unload();
		refuse(file, fmt::format("descriptor of {} bytes, expected {}; rebuild it against datatap {}", found, sizeof(DatatapPluginDescriptor), version()));
		return false;
	}
	const std::string tag = text(descriptor->buildTag);
	if (tag != hostBuildTag())
	{
		library.unload();
		refuse(file, fmt::format("built with '{}', expected '{}'; rebuild it against datatap {} with the same compiler and POCO", tag, hostBuildTag(), version()));
		return false;
	}

	std::vector<PluginInfo> infos;
	try
	{
		infos = readDescriptor(file, *descriptor);
	}
	catch (const PluginError& exc)
	{
		library.unload();
		refuse(file, exc.message());
		return false;
	}

	std::vector<PluginInfo> accepted;
	for (PluginInfo& info: infos)
	{
		if (const PluginInfo* existing = find(info.kind, info.name))
			_problems.push_back(fmt::format("{}: {} plugin '{}' is shadowed by the one in {}, found earlier on the plugin path", file, pluginKindName(info.kind), info.name, existing->file));
		else
			accepted.push_back(std::move(info));
	}
	if (accepted.empty())
	{
		library.unload();
		return false;
	}

	const bool hasAuth = std::any_of(accepted.begin(), accepted.end(), [](const PluginInfo& i) { return i.kind == PluginKind::Auth; });
	const bool hasDecoder = std::any_of(accepted.begin(), accepted.end(), [](const PluginInfo& i) { return i.kind == PluginKind::Decoder; });
	try
	{
		if (hasAuth)
			_authLoader.loadLibrary(file, kAuthManifest);
		if (hasDecoder)
			_decoderLoader.loadLibrary(file, kDecoderManifest);
	}
	catch (const Poco::Exception& exc)
	{
		// Objects were never created from this library; leave it loaded anyway, since
		// a manifest builder may already have run code we cannot undo safely.
		const std::string wanted = hasAuth && hasDecoder ? fmt::format("{} and {} manifests", kAuthManifest, kDecoderManifest) : fmt::format("{} manifest", hasAuth ? kAuthManifest : kDecoderManifest);
		refuse(file, fmt::format("its POCO manifest is unusable: expected the {} its handshake announces, found {}; export them with DATATAP_BEGIN_AUTH_MANIFEST or DATATAP_BEGIN_DECODER_MANIFEST and rebuild it", wanted, exc.message()));
		return false;
	}

	for (const PluginInfo& info: accepted)
	{
		const bool present = info.kind == PluginKind::Auth
			? _authLoader.manifestFor(file).find(info.className) != _authLoader.manifestFor(file).end()
			: _decoderLoader.manifestFor(file).find(info.className) != _decoderLoader.manifestFor(file).end();
		if (!present)
		{
			refuse(file, fmt::format("its handshake names class {} for '{}': expected it in the {} manifest, found no such class; export it with POCO_EXPORT_CLASS({}) and rebuild it", info.className, info.name, info.kind == PluginKind::Auth ? kAuthManifest : kDecoderManifest, info.className));
			continue;
		}
		_plugins.push_back(info);
	}
	_loadedFiles.push_back(file);
	return true;
}

// Refuses, before the dynamic loader runs any of its code, a file that is not a
// library or that cannot be trusted; then loads it and explains a loader failure
// in the user's terms.
bool PluginRegistry::openLibrary(const std::string& file, Poco::SharedLibrary& library)
{
	Poco::File entry(file);
	if (!entry.exists() || !entry.isFile())
	{
		refuse(file, "expected a shared library, found no regular file there; check the path");
		return false;
	}
	const std::string unsafe = _guard.problem(file, "plugin file");
	if (!unsafe.empty())
	{
		refuse(file, unsafe);
		return false;
	}
	const std::string damaged = ElfImage::problem(file);
	if (!damaged.empty())
	{
		refuse(file, damaged);
		return false;
	}
	try
	{
		library.load(file);
	}
	catch (const Poco::Exception& exc)
	{
		refuse(file, loadFailure(file, exc.message()));
		return false;
	}
	return true;
}

std::vector<PluginInfo> PluginRegistry::readDescriptor(const std::string& file, const DatatapPluginDescriptor& descriptor)
{
	if (descriptor.classCount == 0 || descriptor.classes == nullptr)
		throw PluginError("its descriptor declares no plugin classes");
	std::vector<PluginInfo> infos;
	for (std::uint32_t i = 0; i < descriptor.classCount; ++i)
	{
		const DatatapClass& entry = descriptor.classes[i];
		PluginInfo info;
		info.name = text(entry.name);
		info.className = text(entry.className);
		if (info.name.empty() || info.className.empty())
			throw PluginError(fmt::format("class {} of its descriptor has no name or class name", i));
		if (entry.kind == DATATAP_KIND_AUTH)
			info.kind = PluginKind::Auth;
		else if (entry.kind == DATATAP_KIND_DECODER)
			info.kind = PluginKind::Decoder;
		else
			throw PluginError(fmt::format("'{}' has unknown kind {}", info.name, entry.kind));
		for (const PluginInfo& other: infos)
		{
			if (other.kind == info.kind && other.name == info.name)
				throw PluginError(fmt::format("it declares {} plugin '{}' twice", pluginKindName(info.kind), info.name));
		}
		info.version = text(entry.version);
		info.summary = text(entry.summary);
		info.file = file;
		if (entry.optionCount > 0 && entry.options == nullptr)
			throw PluginError(fmt::format("'{}' declares {} options but no option table", info.name, entry.optionCount));
		for (std::uint32_t o = 0; o < entry.optionCount; ++o)
		{
			const DatatapOption& option = entry.options[o];
			OptionSpec spec;
			spec.name = Poco::toLower(text(option.name));
			if (spec.name.empty())
				throw PluginError(fmt::format("option {} of '{}' has no name", o, info.name));
			spec.type = optionType(option.type);
			spec.required = (option.flags & DATATAP_OPTION_REQUIRED) != 0;
			spec.secret = (option.flags & DATATAP_OPTION_SECRET) != 0;
			spec.defaultValue = text(option.defaultValue);
			spec.summary = text(option.summary);
			info.options.push_back(std::move(spec));
		}
		infos.push_back(std::move(info));
	}
	return infos;
}

const std::vector<PluginInfo>& PluginRegistry::plugins() const
{
	return _plugins;
}

const std::vector<std::string>& PluginRegistry::problems() const
{
	return _problems;
}

const PluginInfo* PluginRegistry::find(PluginKind kind, const std::string& name) const
{
	for (const PluginInfo& info: _plugins)
	{
		if (info.kind == kind && info.name == name)
			return &info;
	}
	return nullptr;
}

std::vector<const PluginInfo*> PluginRegistry::findAny(const std::string& name) const
{
	std::vector<const PluginInfo*> found;
	for (const PluginInfo& info: _plugins)
	{
		if (info.name == name)
			found.push_back(&info);
	}
	return found;
}

const PluginInfo& PluginRegistry::get(PluginKind kind, const std::string& name) const
{
	if (const PluginInfo* info = find(kind, name))
		return *info;
	std::vector<std::string> known;
	for (const PluginInfo& info: _plugins)
	{
		if (info.kind == kind)
			known.push_back(info.name);
	}
	std::string message = fmt::format("unknown {} plugin '{}'{}; known: {}", pluginKindName(kind), name, Suggestion::hint(name, known), known.empty() ? std::string("none") : Poco::cat(std::string(", "), known.begin(), known.end()));
	if (!_problems.empty())
		message += fmt::format(" ({} plugin file(s) were refused; run --list-plugins)", _problems.size());
	throw PluginError(message);
}

std::unique_ptr<AuthStrategy> PluginRegistry::createAuth(const std::string& name) const
{
	return createFrom(_authLoader, get(PluginKind::Auth, name));
}

std::unique_ptr<ResourceDecoder> PluginRegistry::createDecoder(const std::string& name) const
{
	return createFrom(_decoderLoader, get(PluginKind::Decoder, name));
}

} // namespace datatap
