# datatap_add_plugin(NAME SOURCES src... [LIBRARIES lib...] [OUTPUT_DIRECTORY dir] [NO_INSTALL])
#
# Builds a datatap plugin: a MODULE library with hidden visibility, position
# independent, named lib<NAME>.so and placed where the plugin registry looks.
function(datatap_add_plugin name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "NO_INSTALL" "OUTPUT_DIRECTORY" "SOURCES;LIBRARIES")
  if(NOT arg_SOURCES)
    message(FATAL_ERROR "datatap_add_plugin(${name}): SOURCES is required")
  endif()
  add_library(${name} MODULE ${arg_SOURCES})
  target_link_libraries(${name} PRIVATE datatap::core ${arg_LIBRARIES})
  if(TARGET datatap_warnings)
    target_link_libraries(${name} PRIVATE datatap_warnings)
  endif()
  if(NOT arg_OUTPUT_DIRECTORY)
    set(arg_OUTPUT_DIRECTORY "${DATATAP_PLUGIN_OUTPUT_DIR}")
  endif()
  set_target_properties(${name} PROPERTIES
    PREFIX "lib"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    POSITION_INDEPENDENT_CODE ON
    LIBRARY_OUTPUT_DIRECTORY "${arg_OUTPUT_DIRECTORY}")
  if(TARGET datatap_all_plugins AND NOT arg_NO_INSTALL)
    add_dependencies(datatap_all_plugins ${name})
  endif()
  if(DATATAP_PLUGIN_INSTALL_DIR AND NOT arg_NO_INSTALL)
    install(TARGETS ${name} LIBRARY DESTINATION "${DATATAP_PLUGIN_INSTALL_DIR}")
  endif()
endfunction()
