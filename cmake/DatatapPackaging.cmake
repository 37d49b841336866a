# What `cmake --install` and `cpack -G DEB` ship besides the targets' own
# install rules: the CMake package and pkg-config file plugin authors build
# against, a default configuration, the documentation and the examples.

include(CMakePackageConfigHelpers)

set(DATATAP_CMAKE_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/datatap")

# The header is the one place the plugin API version is written down.
file(STRINGS "${PROJECT_SOURCE_DIR}/core/include/datatap/PluginHandshake.h" api_line
  REGEX "^#define DATATAP_PLUGIN_API_VERSION [0-9]+u?$")
string(REGEX REPLACE ".* ([0-9]+)u?$" "\\1" DATATAP_PLUGIN_API_VERSION "${api_line}")
set(DATATAP_POCO_MAJOR_MINOR "${Poco_VERSION_MAJOR}.${Poco_VERSION_MINOR}")

install(EXPORT datatapTargets
  NAMESPACE datatap::
  DESTINATION "${DATATAP_CMAKE_INSTALL_DIR}")
configure_package_config_file(cmake/datatapConfig.cmake.in
  "${PROJECT_BINARY_DIR}/datatapConfig.cmake"
  INSTALL_DESTINATION "${DATATAP_CMAKE_INSTALL_DIR}"
  PATH_VARS DATATAP_PLUGIN_INSTALL_DIR)
# Before 1.0 a minor release may change the SDK, so only the same minor matches.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/datatapConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/datatapConfig.cmake"
  "${PROJECT_BINARY_DIR}/datatapConfigVersion.cmake"
  cmake/DatatapPlugin.cmake
  cmake/DatatapPlugin.map
  DESTINATION "${DATATAP_CMAKE_INSTALL_DIR}")

# Relocatable: the prefix is found from the .pc file's own folder.
file(RELATIVE_PATH DATATAP_PC_PREFIX_FROM_PCDIR "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
configure_file(cmake/datatap.pc.in "${PROJECT_BINARY_DIR}/datatap.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/datatap.pc" DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")

install(FILES conf/datatap.ini conf/demo.ini DESTINATION "${CMAKE_INSTALL_DATADIR}/datatap")
install(FILES README.md docs/writing-plugins.md DESTINATION "${CMAKE_INSTALL_DOCDIR}")
install(DIRECTORY examples/ DESTINATION "${CMAKE_INSTALL_DOCDIR}/examples")

set(CPACK_PACKAGE_NAME datatap)
set(CPACK_PACKAGE_VENDOR "datatap")
set(CPACK_PACKAGE_CONTACT "datatap maintainers <datatap@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION "The datatap runner, its shipped plugins, the local mock API and the plugin SDK (headers, libdatatap-core, CMake package, pkg-config file).")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
# The runtime dependencies (POCO's libraries, libstdc++, libc) come from
# dpkg-shlibdeps; building a plugin against the SDK also needs POCO's headers.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS "${PROJECT_BINARY_DIR}/lib")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libpoco-dev, cmake, g++")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
include(CPack)
