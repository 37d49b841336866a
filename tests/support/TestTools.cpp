#include "support/TestTools.h"

namespace datatap::test {

std::string TestTools::sourceDir()
{
	return DATATAP_TEST_SOURCE_DIR;
}

std::string TestTools::buildDir()
{
	return DATATAP_TEST_BUILD_DIR;
}

std::string TestTools::cmake()
{
	return DATATAP_TEST_CMAKE;
}

std::string TestTools::cpack()
{
	return DATATAP_TEST_CPACK;
}

std::string TestTools::cxx()
{
	return DATATAP_TEST_CXX;
}

std::string TestTools::nm()
{
	return DATATAP_TEST_NM;
}

std::string TestTools::pkgConfig()
{
	return DATATAP_TEST_PKG_CONFIG;
}

std::string TestTools::dpkgDeb()
{
	return DATATAP_TEST_DPKG_DEB;
}

} // namespace datatap::test
