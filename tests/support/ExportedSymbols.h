#pragma once

#include <string>
#include <vector>

namespace datatap::test {

/// What a shared library exports, as `nm -D --defined-only` lists it.
class ExportedSymbols
{
public:
	static std::vector<std::string> of(const std::string& library);
	/// The exported symbols a datatap plugin should not have: all but the
	/// handshake and the POCO manifest functions.
	static std::vector<std::string> unexpectedInPlugin(const std::string& library);
};

} // namespace datatap::test
