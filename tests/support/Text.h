#pragma once

#include <string>

namespace datatap::test {

/// Forms in which a secret could leak into output, for tests to look for.
class Text
{
public:
	/// One line, with padding: as Basic auth sends it.
	static std::string base64(const std::string& text);
};

} // namespace datatap::test
