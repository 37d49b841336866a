#include "RunnerApp.h"

#include "ExitStatus.h"
#include "ProgressLine.h"
#include "config/Config.h"
#include "datatap/Exceptions.h"
#include "datatap/PluginHandshake.h"
#include "datatap/Version.h"
#include "pipeline/Pipeline.h"
#include "registry/PluginRegistry.h"
#include "sinks/OutputSink.h"
#include "util/Redactor.h"
#include "util/Suggestion.h"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/Environment.h>
#include <Poco/File.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/NumberParser.h>
#include <Poco/Path.h>
#include <Poco/PatternFormatter.h>
#include <Poco/String.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include <unistd.h>
#include <tuple>

namespace datatap {

namespace {

std::string oneLine(std::string text)
{
	std::replace_if(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
	return text;
}

std::string messageOf(const std::exception& error)
{
	if (const auto* poco = dynamic_cast<const Poco::Exception*>(&error))
	{
		if (dynamic_cast<const DatatapException*>(&error) != nullptr && !poco->message().empty())
			return poco->message();
		return poco->displayText();
	}
	return error.what();
}

void printError(const Redactor& redactor, const std::string& message)
{
	std::cerr << "datatap: " << redactor.apply(oneLine(message)) << std::endl;
}

} // namespace

RunnerApp::RunnerApp()
{
	setUnixOptions(true);
}

void RunnerApp::setMode(Mode mode, const std::string& option)
{
	if (_mode != Mode::Run && _mode != mode)
		throw UsageError(fmt::format("{} and {} cannot be combined", _modeOption, option));
	_mode = mode;
	_modeOption = option;
}

void RunnerApp::defineOptions(Poco::Util::OptionSet& options)
{
	using Poco::Util::Option;
	options.addOption(Option("config", "c", "the INI file (default: $DATATAP_CONFIG, else ./datatap.ini)").argument("FILE"));
	options.addOption(Option("output", "o", "output format: json, ndjson or table (default: the INI's output, else json)").argument("FORMAT"));
	options.addOption(Option("concurrency", "", "requests in flight at once, over all sources (default: the INI's concurrency, else 4)").argument("N"));
	options.addOption(Option("plugin-path", "", "colon-separated plugin folders, searched before $DATATAP_PLUGIN_PATH, the INI's plugin_path and the installed plugins").argument("DIRS"));
	options.addOption(Option("list-plugins", "", "list the plugins found, with the file each came from"));
	options.addOption(Option("describe", "", "print the options of the plugin NAME").argument("NAME"));
	options.addOption(Option("check", "", "load and validate the config and plugins; send nothing"));
	options.addOption(Option("dry-run", "", "print each request that would be sent, secrets masked; send nothing"));
	options.addOption(Option("verbose", "v", "log requests, responses and timings on stderr, secrets masked"));
	options.addOption(Option("quiet", "q", "print nothing on stderr but errors"));
	options.addOption(Option("help", "h", "show this help"));
	options.addOption(Option("version", "", "print the version"));
}

void RunnerApp::handleOption(const std::string& name, const std::string& value)
{
	Poco::Util::Application::handleOption(name, value);
	if (name == "config")
		_config = value;
	else if (name == "output")
		_output = value;
	else if (name == "plugin-path")
		_pluginPath = value;
	else if (name == "concurrency")
	{
		if (!Poco::NumberParser::tryParse(value, _concurrency) || _concurrency < 1 || _concurrency > 256)
			throw UsageError(fmt::format("--concurrency {}: use a whole number from 1 to 256", value));
	}
	else if (name == "list-plugins")
		setMode(Mode::ListPlugins, "--list-plugins");
	else if (name == "describe")
	{
		setMode(Mode::Describe, "--describe");
		_describe = value;
	}
	else if (name == "check")
		setMode(Mode::Check, "--check");
	else if (name == "dry-run")
		setMode(Mode::DryRun, "--dry-run");
	else if (name == "verbose")
		_verbose = true;
	else if (name == "quiet")
		_quiet = true;
	else if (name == "version")
		setMode(Mode::Version, "--version");
	else if (name == "help")
	{
		_mode = Mode::Help;
		stopOptionsProcessing();
	}
}

int RunnerApp::main(const std::vector<std::string>& args)
{
	Redactor redactor;
	try
	{
		Poco::AutoPtr<Poco::PatternFormatter> formatter(new Poco::PatternFormatter("datatap: %t"));
		Poco::AutoPtr<Poco::ConsoleChannel> console(new Poco::ConsoleChannel(std::cerr));
		Poco::AutoPtr<Poco::FormattingChannel> channel(new Poco::FormattingChannel(formatter, console));
		Poco::Logger::root().setChannel(channel);
		Poco::Logger::root().setLevel(_verbose ? Poco::Message::PRIO_INFORMATION : (_quiet ? Poco::Message::PRIO_ERROR : Poco::Message::PRIO_WARNING));
		Poco::Logger::get("datatap").setLevel(Poco::Logger::root().getLevel());
		return execute(args, redactor);
	}
	catch (const std::exception& exc)
	{
		printError(redactor, messageOf(exc));
		return ExitStatus::of(exc);
	}
	catch (...)
	{
		printError(redactor, "internal error: an exception that is not a std::exception");
		return EXIT_SOFTWARE;
	}
}

std::string RunnerApp::configPath(bool& explicitlyGiven) const
{
	explicitlyGiven = true;
	if (!_config.empty())
		return _config;
	if (Poco::Environment::has("DATATAP_CONFIG") && !Poco::Environment::get("DATATAP_CONFIG").empty())
		return Poco::Environment::get("DATATAP_CONFIG");
	explicitlyGiven = false;
	return "datatap.ini";
}

std::vector<std::string> RunnerApp::pluginPath(const Config* config) const
{
	std::vector<std::string> path;
	const std::string here = Poco::Path::current();
	const auto append = [&path](const std::vector<std::string>& folders) {
		for (const std::string& folder: folders)
		{
			if (std::find(path.begin(), path.end(), folder) == path.end())
				path.push_back(folder);
		}
	};
	append(Config::splitPath(_pluginPath, here));
	if (Poco::Environment::has("DATATAP_PLUGIN_PATH"))
		append(Config::splitPath(Poco::Environment::get("DATATAP_PLUGIN_PATH"), here));
	if (config != nullptr)
		append(config->settings().pluginPath);
	// The default folders are searched only when they exist: a missing one is
	// normal (a build tree has no installed folder), a missing one the user named is not.
	const Poco::Path executable(Application::config().getString("application.path"));
	std::vector<std::string> defaults = Config::splitPath(DATATAP_PLUGIN_DIR_FROM_BIN, executable.parent().toString());
	defaults.push_back(DATATAP_INSTALLED_PLUGIN_DIR);
	for (const std::string& folder: defaults)
	{
		Poco::File file(folder);
		if (file.exists() && file.isDirectory())
			append({folder});
	}
	return path;
}

void RunnerApp::scanPlugins(PluginRegistry& registry, const Config* config) const
{
	registry.setAllowWritablePlugins(config != nullptr && config->settings().allowWritablePlugins);
	registry.scan(pluginPath(config));
	if (_mode == Mode::ListPlugins)
		return;
	for (const std::string& problem: registry.problems())
		Poco::Logger::get("datatap").warning("warning: " + problem);
}

int RunnerApp::execute(const std::vector<std::string>& args, Redactor& redactor)
{
	switch (_mode)
	{
	case Mode::Help:
		printHelp();
		return EXIT_OK;
	case Mode::Version:
		std::cout << fmt::format("datatap {} (plugin API {}, build {})\n", version(), DATATAP_PLUGIN_API_VERSION, hostBuildTag());
		return EXIT_OK;
	default:
		break;
	}

	bool explicitConfig = false;
	const std::string path = configPath(explicitConfig);
	const bool haveConfig = explicitConfig || Poco::File(path).exists();

	if (_mode == Mode::ListPlugins || _mode == Mode::Describe)
	{
		if (!args.empty())
			throw UsageError(fmt::format("{} takes no source names", _modeOption));
		std::unique_ptr<Config> config;
		if (haveConfig)
			config = std::make_unique<Config>(Config::load(path));
		PluginRegistry registry;
		scanPlugins(registry, config.get());
		if (_mode == Mode::ListPlugins)
		{
			listPlugins(registry, pluginPath(config.get()));
			return EXIT_OK;
		}
		return describe(registry);
	}

	if (!haveConfig)
		throw ConfigError(fmt::format("no configuration: {} does not exist; pass -c FILE or set DATATAP_CONFIG", Poco::Path(path).absolute().toString()));
	Config config = Config::load(path);
	if (!_output.empty())
	{
		if (_output != "json" && _output != "ndjson" && _output != "table")
			throw UsageError(fmt::format("-o {}: use json, ndjson or table", _output));
		config.settings().output = _output;
	}
	if (_concurrency > 0)
		config.settings().concurrency = _concurrency;
	PluginRegistry registry;
	scanPlugins(registry, &config);
	// Secrets are known as bind() reads them; an error in a later section may
	// quote a value that is one of them, so mask them whichever way bind() ends.
	const auto learnSecrets = [&] {
		for (const std::string& secret: config.secrets())
			redactor.add(secret);
	};
	try
	{
		config.bind(registry);
	}
	catch (...)
	{
		learnSecrets();
		throw;
	}
	learnSecrets();

	Pipeline pipeline(config, registry, redactor);
	const std::vector<const SourceConfig*> sources = pipeline.select(args);

	if (_mode == Mode::Check)
	{
		std::vector<std::string> names;
		names.reserve(sources.size());
		for (const SourceConfig* source: sources)
			names.push_back(fmt::format("{} ({})", source->name, source->decoder));
		std::vector<std::string> auths;
		for (const AuthConfig& auth: config.auths())
			auths.push_back(fmt::format("{} ({})", auth.name, auth.strategy));
		std::cout << fmt::format("{}: ok\n  sources: {}\n  auth: {}\n", config.path(), Poco::cat(std::string(", "), names.begin(), names.end()), auths.empty() ? std::string("none") : Poco::cat(std::string(", "), auths.begin(), auths.end()));
		return EXIT_OK;
	}
	if (_mode == Mode::DryRun)
	{
		for (const PlannedRequest& request: pipeline.plan(sources))
		{
			std::cout << fmt::format("[source.{}]\n  {} {}\n", request.source, request.method, request.url);
			if (request.requests > 1)
				std::cout << fmt::format("  ... and {} more requests from its partitions\n", request.requests - 1);
			if (!request.pagination.empty())
				std::cout << fmt::format("  pagination: {}\n", request.pagination);
			for (const auto& [name, value]: request.headers)
				std::cout << fmt::format("  {}: {}\n", name, value);
			std::cout << fmt::format("  decoder: {}\n", request.decoder);
		}
		return EXIT_OK;
	}

	std::unique_ptr<OutputSink> sink = OutputSink::create(config.settings().output, std::cout);
	ProgressLine progress(!_quiet && ::isatty(STDERR_FILENO) == 1);
	try
	{
		pipeline.run(sources, *sink, config.settings().concurrency, [&](std::size_t done, std::size_t total) { progress.update(done, total); });
	}
	catch (...)
	{
		progress.clear();
		sink->abandon();
		throw;
	}
	progress.clear();
	sink->finish();
	Poco::Logger::get("datatap").information(fmt::format("{} record(s) from {} source(s)", sink->count(), sources.size()));
	return EXIT_OK;
}

void RunnerApp::printHelp() const
{
	Poco::Util::HelpFormatter help(options());
	help.setUnixStyle(true);
	help.setCommand("datatap");
	help.setUsage("[OPTIONS] [SOURCE...]");
	help.setHeader("Fetches records from authenticated web services through auth and decoder plugins, as the INI file describes; runs the named sources, or all of them.");
	help.setFooter("Exit codes: 0 ok, 64 usage, 65 data (decode or 4xx), 69 service unavailable, 70 internal, 75 temporary failure, 77 not authorised (401/403), 78 configuration or plugin error.");
	help.setWidth(100);
	help.format(std::cout);
}

void RunnerApp::listPlugins(const PluginRegistry& registry, const std::vector<std::string>& path) const
{
	std::vector<const PluginInfo*> plugins;
	for (const PluginInfo& info: registry.plugins())
		plugins.push_back(&info);
	std::sort(plugins.begin(), plugins.end(), [](const PluginInfo* a, const PluginInfo* b) {
		return std::tie(a->kind, a->name) < std::tie(b->kind, b->name);
	});
	std::size_t width = 4;
	for (const PluginInfo* info: plugins)
		width = std::max(width, info->name.size());
	std::cout << fmt::format("{:<{}}  {:<7}  {:<7}  {}\n", "NAME", width, "KIND", "VERSION", "SUMMARY");
	for (const PluginInfo* info: plugins)
		std::cout << fmt::format("{:<{}}  {:<7}  {:<7}  {}\n{:<{}}  from {}\n", info->name, width, pluginKindName(info->kind), info->version, info->summary, "", width, info->file);
	if (plugins.empty())
		std::cout << "(no plugins found)\n";
	for (const std::string& problem: registry.problems())
		std::cout << "note: " << problem << "\n";
	// The order decides which of two plugins with one name wins.
	std::cout << "searched, in order: " << Poco::cat(std::string(":"), path.begin(), path.end()) << "\n";
}

int RunnerApp::describe(const PluginRegistry& registry) const
{
	const std::vector<const PluginInfo*> found = registry.findAny(_describe);
	if (found.empty())
	{
		std::vector<std::string> names;
		for (const PluginInfo& info: registry.plugins())
			names.push_back(info.name);
		throw PluginError(fmt::format("no plugin named '{}'{}; see --list-plugins", _describe, Suggestion::hint(_describe, names)));
	}
	for (const PluginInfo* info: found)
	{
		std::cout << fmt::format("{} ({} plugin, version {})\n  {}\n  file: {}\n", info->name, pluginKindName(info->kind), info->version, info->summary, info->file);
		if (info->options.empty())
		{
			std::cout << "  options: none\n";
			continue;
		}
		std::cout << "  options:\n";
		for (const OptionSpec& option: info->options)
		{
			std::vector<std::string> traits{optionTypeName(option.type)};
			if (option.required)
				traits.emplace_back("required");
			if (option.secret)
				traits.emplace_back("secret, never printed");
			if (!option.defaultValue.empty())
				traits.push_back("default " + (option.secret ? std::string(Redactor::kMask) : option.defaultValue));
			std::cout << fmt::format("    {:<16} {} [{}]\n", option.name, option.summary, Poco::cat(std::string(", "), traits.begin(), traits.end()));
			if (option.secret)
				std::cout << fmt::format("    {:<16} read {} from this file (must not be readable by group or others) [path]\n", option.name + "_file", option.name);
		}
	}
	return EXIT_OK;
}

} // namespace datatap
