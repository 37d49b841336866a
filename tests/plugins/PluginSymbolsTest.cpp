// A plugin exports its handshake and its POCO manifests and nothing else, so
// no two plugins (nor a plugin and the host) can bind to each other's copy of
// an inline function or template.

#include "support/ExportedSymbols.h"
#include "support/TestPlugins.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/String.h>

#include <catch2/catch.hpp>

#include <algorithm>

using datatap::test::ExportedSymbols;
using datatap::test::TestPlugins;

TEST_CASE("each shipped plugin exports only the handshake and its POCO manifests", "[plugins][symbols]")
{
	std::size_t plugins = 0;
	for (Poco::DirectoryIterator it(TestPlugins::shippedDir()), end; it != end; ++it)
	{
		if (!Poco::endsWith(it.name(), std::string(".so")))
			continue;
		++plugins;
		INFO(it.path().toString());
		const std::vector<std::string> exported = ExportedSymbols::of(it.path().toString());
		CHECK(std::count(exported.begin(), exported.end(), "datatap_plugin_handshake") == 1);
		CHECK(std::any_of(exported.begin(), exported.end(), [](const std::string& name) { return name.rfind("pocoBuildManifest", 0) == 0; }));
		CHECK(ExportedSymbols::unexpectedInPlugin(it.path().toString()) == std::vector<std::string>{});
	}
	CHECK(plugins >= 2);
}
