#pragma once

#include <cstddef>
#include <cstdint>

/// One fuzz target: runs one input through the code under test. Each target
/// defines it once; FuzzMain.cpp hands it to libFuzzer and ReplayMain.cpp feeds it
/// the checked-in corpus, so what the fuzzer found stays a regression test.
/// A finding is a crash, a sanitizer report or an abort() from a broken invariant;
/// the expected errors of bad input are caught inside.
int fuzzOne(const std::uint8_t* data, std::size_t size);
