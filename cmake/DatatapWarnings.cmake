# Warnings for the project's own targets; POCO and fmt come in as system includes
# through their imported targets, so their headers do not trip these.
add_library(datatap_warnings INTERFACE)
target_compile_options(datatap_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Woverloaded-virtual -Wconversion -Wsign-conversion
  $<$<BOOL:${DATATAP_WERROR}>:-Werror>)
