# DATATAP_SANITIZE: every target (core, plugins, apps, tests) built with
# AddressSanitizer and UndefinedBehaviorSanitizer, any report fatal, so the
# processes the tests start are checked too. DATATAP_FUZZ adds libFuzzer's
# coverage instrumentation on top (clang only).
if(DATATAP_SANITIZE OR DATATAP_FUZZ)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=address,undefined)
  # GCC's flow analysis misreads the instrumented code: -Wmaybe-uninitialized
  # then fires inside libstdc++ (std::regex, std::function), which Catch uses.
  # GCC's manual warns of exactly this; the normal build keeps the warning.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    add_compile_options(-Wno-maybe-uninitialized)
  endif()
endif()
if(DATATAP_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "DATATAP_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++-14")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
