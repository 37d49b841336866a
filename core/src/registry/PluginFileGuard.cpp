#include "registry/PluginFileGuard.h"

#include <Poco/Path.h>
#include <fmt/format.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

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
	std::string found = judge(path, info, what);
	if (!found.empty())
		return found;
	// Whoever may write to a folder above can rename the plugin folder away and
	// put another in its place, as ssh knows for the folders above a key. A
	// sticky folder (/tmp) lets no one move what others own.
	for (Poco::Path above = Poco::Path(path).parent(); above.depth() > 0; above = above.parent())
	{
		const std::string folder = above.toString();
		if (::stat(folder.c_str(), &info) != 0 || (info.st_mode & S_ISVTX) != 0)
			continue;
		const std::string name = folder.size() > 1 ? folder.substr(0, folder.size() - 1) : folder;
		found = judge(name, info, fmt::format("folder {} above it", name));
		if (!found.empty())
			return found;
	}
	return {};
}

std::string PluginFileGuard::judge(const std::string& path, const struct stat& info, const std::string& what) const
{
	const uid_t me = ::geteuid();
	if (info.st_uid != me && info.st_uid != 0)
		return fmt::format("{} is owned by uid {}: expected uid {} (you) or 0 (root); chown {}, or take it out of the plugin path", what, info.st_uid, me, path);
	if (!_allowWritable && (info.st_mode & (S_IWGRP | S_IWOTH)) != 0)
		return fmt::format("{} is writable by {}: expected mode go-w, found {:04o}; run chmod go-w {}, or set allow_writable_plugins = true in [datatap] to accept it",
			what, (info.st_mode & S_IWOTH) != 0 ? "others" : "group", info.st_mode & 07777, path);
	return {};
}

} // namespace datatap
