#include "registry/PluginFileGuard.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include <sys/stat.h>
#include <unistd.h>

namespace datatap {

PluginFileGuard::PluginFileGuard(bool allowWritable):
	_allowWritable(allowWritable)
{
}

std::string PluginFileGuard::problem(const std::string& path, const char* what) const
{
	struct stat info{};
	if (::stat(path.c_str(), &info) != 0)
		return fmt::format("{} cannot be examined ({})", what, std::strerror(errno));
	const uid_t me = ::geteuid();
	if (info.st_uid != me && info.st_uid != 0)
		return fmt::format("{} is owned by uid {}; expected uid {} (you) or 0 (root); chown it, or take it out of the plugin path", what, info.st_uid, me);
	if (!_allowWritable && (info.st_mode & (S_IWGRP | S_IWOTH)) != 0)
		return fmt::format("{} is writable by {}: expected mode go-w, found {:04o}; run chmod go-w {}, or set allow_writable_plugins = true in [datatap] to accept it",
			what, (info.st_mode & S_IWOTH) != 0 ? "others" : "group", info.st_mode & 07777, path);
	return {};
}

} // namespace datatap
