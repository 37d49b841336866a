#pragma once

#include <exception>

namespace datatap {

/// Maps an error to the runner's exit code (sysexits, as Poco::Util::Application
/// names them): the one place where error classes meet exit codes.
class ExitStatus
{
public:
	static int of(const std::exception& error);
};

} // namespace datatap
