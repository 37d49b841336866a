#pragma once

#include <string>

namespace datatap::test {

/// The build's own tree and tools, for the tests that install, package and
/// build against what the build produced.
class TestTools
{
public:
	static std::string sourceDir();
	static std::string buildDir();
	static std::string cmake();
	static std::string cpack();
	static std::string cxx();
	static std::string nm();
	static std::string pkgConfig();
	static std::string dpkgDeb();
};

} // namespace datatap::test
