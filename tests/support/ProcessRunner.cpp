#include "support/ProcessRunner.h"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <Poco/StringTokenizer.h>

#include <cstdlib>

#include <sstream>
#include <thread>

namespace datatap::test {

ProcessResult ProcessRunner::run(const std::string& program, const std::vector<std::string>& args, const Environment& environment, const std::string& directory)
{
	Poco::Pipe outPipe;
	Poco::Pipe errPipe;
	Poco::Process::Env env(environment.begin(), environment.end());
	Poco::ProcessHandle handle = Poco::Process::launch(program, args, directory, nullptr, &outPipe, &errPipe, env);
	ProcessResult result;
	// Read both pipes at once: a child that fills one while we wait on the
	// other would block forever.
	std::thread errReader([&] {
		Poco::PipeInputStream in(errPipe);
		std::ostringstream text;
		Poco::StreamCopier::copyStream(in, text);
		result.err = text.str();
	});
	Poco::PipeInputStream in(outPipe);
	std::ostringstream text;
	Poco::StreamCopier::copyStream(in, text);
	result.out = text.str();
	errReader.join();
	result.exitCode = handle.wait();
	return result;
}

ProcessResult ProcessRunner::datatap(const std::vector<std::string>& args, const Environment& environment, const std::string& directory)
{
	const std::string program = std::string(DATATAP_TEST_BIN_DIR) + "/datatap";
	// scripts/test --valgrind runs every datatap the tests start under memcheck:
	// the wrapper's words come first, the runner and its arguments after.
	const char* wrapper = std::getenv("DATATAP_TEST_WRAPPER");
	if (wrapper == nullptr || *wrapper == '\0')
		return run(program, args, environment, directory);
	const Poco::StringTokenizer words(wrapper, " ", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
	std::vector<std::string> wrapped(words.begin() + 1, words.end());
	wrapped.push_back(program);
	wrapped.insert(wrapped.end(), args.begin(), args.end());
	return run(words[0], wrapped, environment, directory);
}

} // namespace datatap::test
