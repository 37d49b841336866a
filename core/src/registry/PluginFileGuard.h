#pragma once

#include "datatap/Api.h"

#include <string>

struct stat;

namespace datatap {

/// Decides whether a plugin file or folder may be trusted with running code as
/// the user, the way ssh judges a private key: it and every folder above it
/// must belong to the user or to root, and no one else may write to them (a
/// sticky folder such as /tmp excepted above). Whoever can replace a plugin, or
/// drop one into a plugin folder, can run anything as whoever runs datatap.
class DATATAP_API PluginFileGuard
{
public:
	/// allowWritable accepts files and folders that group or others may write
	/// (the INI's `allow_writable_plugins`); ownership is checked regardless.
	explicit PluginFileGuard(bool allowWritable = false);

	/// Why path (a plugin folder, or a plugin file) must not be used, as the
	/// part of a refusal after "PATH: refused: "; empty when it may.
	std::string problem(const std::string& path, const char* what) const;

private:
	std::string judge(const std::string& path, const struct stat& info, const std::string& what) const;

	bool _allowWritable;
};

} // namespace datatap
