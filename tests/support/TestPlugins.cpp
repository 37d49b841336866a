#include "support/TestPlugins.h"

#include "registry/PluginRegistry.h"

namespace datatap::test {

std::string TestPlugins::shippedDir()
{
	return DATATAP_TEST_PLUGIN_DIR;
}

std::string TestPlugins::fixtureDir(const std::string& name)
{
	return std::string(DATATAP_TEST_FIXTURE_DIR) + "/" + name;
}

std::string TestPlugins::fixtureFile(const std::string& name)
{
	return fixtureDir(name) + "/libfixture-" + name + ".so";
}

std::string TestPlugins::shippedFile(const std::string& name)
{
	return shippedDir() + "/libdatatap-" + name + ".so";
}

datatap::PluginRegistry& TestPlugins::shippedRegistry()
{
	static datatap::PluginRegistry registry;
	static const bool scanned = [] {
		registry.scan({shippedDir()});
		return true;
	}();
	(void)scanned;
	return registry;
}

} // namespace datatap::test
