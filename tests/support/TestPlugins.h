#pragma once

#include <string>

namespace datatap {
class PluginRegistry;
}

namespace datatap::test {

/// Where the build put the shipped plugins and the fixture plugins.
class TestPlugins
{
public:
	static std::string shippedDir();
	/// The folder of one fixture, e.g. fixtureDir("older-api").
	static std::string fixtureDir(const std::string& name);
	static std::string fixtureFile(const std::string& name);
	static std::string shippedFile(const std::string& name);
	/// One registry with the shipped plugins loaded, shared by the tests: plugins
	/// are never unloaded, so objects from it may live as long as the test run.
	static datatap::PluginRegistry& shippedRegistry();
};

} // namespace datatap::test
