#pragma once

#include <map>
#include <string>
#include <vector>

namespace datatap::test {

/// What a finished child process left behind.
struct ProcessResult
{
	int exitCode = -1;
	std::string out;
	std::string err;
};

/// Runs a program to completion and captures its stdout, stderr and exit code.
class ProcessRunner
{
public:
	using Environment = std::map<std::string, std::string>;

	static ProcessResult run(const std::string& program, const std::vector<std::string>& args, const Environment& environment = {}, const std::string& directory = "");

	/// The runner built in this tree: bin/datatap, under $DATATAP_TEST_WRAPPER
	/// (a command and its arguments, e.g. valgrind) when that is set.
	static ProcessResult datatap(const std::vector<std::string>& args, const Environment& environment = {}, const std::string& directory = "");
};

} // namespace datatap::test
