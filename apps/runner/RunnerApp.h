#pragma once

#include <Poco/Util/Application.h>

#include <string>
#include <vector>

namespace datatap {

class Config;
class PluginRegistry;
class Redactor;

/// The `datatap` command: reads the INI, loads the plugins, and runs, checks,
/// plans or describes the pipeline. Every failure ends as one line on stderr and
/// a documented exit code.
class RunnerApp: public Poco::Util::Application
{
public:
	RunnerApp();

protected:
	void defineOptions(Poco::Util::OptionSet& options) override;
	void handleOption(const std::string& name, const std::string& value) override;
	int main(const std::vector<std::string>& args) override;

private:
	enum class Mode
	{
		Run,
		Check,
		DryRun,
		ListPlugins,
		Describe,
		Help,
		Version
	};

	void setMode(Mode mode, const std::string& option);
	int execute(const std::vector<std::string>& args, Redactor& redactor);
	std::string configPath(bool& explicitlyGiven) const;
	std::vector<std::string> pluginPath(const Config* config) const;
	void scanPlugins(PluginRegistry& registry, const Config* config) const;
	void printHelp() const;
	void listPlugins(const PluginRegistry& registry, const std::vector<std::string>& path) const;
	int describe(const PluginRegistry& registry) const;

	Mode _mode = Mode::Run;
	std::string _modeOption;
	std::string _config;
	std::string _output;
	std::string _pluginPath;
	std::string _describe;
	int _concurrency = 0;
	bool _verbose = false;
	bool _quiet = false;
};

} // namespace datatap
