# datatap_add_plugin(NAME SOURCES src... [LIBRARIES lib...] [OUTPUT_DIRECTORY dir]
#                    [INSTALL_DESTINATION dir] [NO_INSTALL])
#
# Builds a datatap plugin: a MODULE library lib<NAME>.so that links datatap::core,
# is compiled with hidden visibility and exports nothing but its handshake and its
# POCO manifests, so two plugins can never bind to each other's copies of a class.
#
# The library lands in OUTPUT_DIRECTORY, else in ${DATATAP_PLUGIN_OUTPUT_DIR} when
# that is set, else in the current binary dir. `cmake --install` puts it in
# INSTALL_DESTINATION, else ${DATATAP_PLUGIN_INSTALL_DIR}, else lib/datatap/plugins:
# relative to the install prefix, the layout the datatap runner searches beside itself.
#
# This file is the same in datatap's own tree and in the installed package; it
# knows nothing of either.

include_guard(GLOBAL)

set_property(GLOBAL PROPERTY DATATAP_PLUGIN_VERSION_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/DatatapPlugin.map")

function(datatap_add_plugin name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "NO_INSTALL" "OUTPUT_DIRECTORY;INSTALL_DESTINATION" "SOURCES;LIBRARIES")
  if(NOT arg_SOURCES)
    message(FATAL_ERROR "datatap_add_plugin(${name}): SOURCES is required")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "datatap_add_plugin(${name}): unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()

  add_library(${name} MODULE ${arg_SOURCES})
  target_link_libraries(${name} PRIVATE datatap::core ${arg_LIBRARIES})
  target_compile_features(${name} PRIVATE cxx_std_17)
  set_target_properties(${name} PROPERTIES
    PREFIX "lib"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    POSITION_INDEPENDENT_CODE ON
    # Installed beside the other plugins in <libdir>/datatap/plugins, two levels
    # below the folder that holds libdatatap-core.
    INSTALL_RPATH "$ORIGIN/../..")

  # Hidden visibility does not cover inline functions of classes their headers
  # mark exported (POCO's) nor symbols of static libraries linked in; the
  # version script does.
  if(UNIX AND NOT APPLE)
    get_property(version_script GLOBAL PROPERTY DATATAP_PLUGIN_VERSION_SCRIPT)
    target_link_options(${name} PRIVATE
      "LINKER:--version-script=${version_script}"
      "LINKER:--exclude-libs,ALL"
      "LINKER:--no-undefined")
    set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS "${version_script}")
  endif()

  if(arg_OUTPUT_DIRECTORY)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${arg_OUTPUT_DIRECTORY}")
  elseif(DATATAP_PLUGIN_OUTPUT_DIR)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${DATATAP_PLUGIN_OUTPUT_DIR}")
  endif()

  if(NOT arg_NO_INSTALL)
    if(arg_INSTALL_DESTINATION)
      set(destination "${arg_INSTALL_DESTINATION}")
    elseif(DATATAP_PLUGIN_INSTALL_DIR)
      set(destination "${DATATAP_PLUGIN_INSTALL_DIR}")
    else()
      set(destination "lib/datatap/plugins")
    endif()
    install(TARGETS ${name} LIBRARY DESTINATION "${destination}")
  endif()
endfunction()
