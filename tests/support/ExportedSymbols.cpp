#include "support/ExportedSymbols.h"

#include "support/ProcessRunner.h"
#include "support/TestTools.h"

#include <Poco/StringTokenizer.h>

#include <stdexcept>

namespace datatap::test {

std::vector<std::string> ExportedSymbols::of(const std::string& library)
{
	const ProcessResult nm = ProcessRunner::run(TestTools::nm(), {"-D", "--defined-only", library});
	if (nm.exitCode != 0)
		throw std::runtime_error("nm failed on " + library + ": " + nm.err);
	std::vector<std::string> names;
	for (const std::string& line: Poco::StringTokenizer(nm.out, "\n", Poco::StringTokenizer::TOK_IGNORE_EMPTY))
	{
		// "ADDRESS TYPE NAME"
		const Poco::StringTokenizer fields(line, " ", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
		names.push_back(fields[fields.count() - 1]);
	}
	return names;
}

std::vector<std::string> ExportedSymbols::unexpectedInPlugin(const std::string& library)
{
	std::vector<std::string> unexpected;
	for (const std::string& name: of(library))
	{
		if (name != "datatap_plugin_handshake" && name.rfind("pocoBuildManifest", 0) != 0)
			unexpected.push_back(name);
	}
	return unexpected;
}

} // namespace datatap::test
