#pragma once

#include <string>

namespace datatap {

/// Checks that a file is a whole ELF shared object before the dynamic loader
/// maps it. glibc's dlopen() trusts the headers: a plugin cut short by an
/// interrupted copy or download can get it to touch memory past the end of the
/// file, and the process dies of SIGBUS instead of reporting an error.
class ElfImage
{
public:
	/// Why path cannot be a loadable plugin, as the part of a refusal after
	/// "PATH: refused: "; empty when its headers and segments are all there.
	static std::string problem(const std::string& path);
};

} // namespace datatap
