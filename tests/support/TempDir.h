#pragma once

#include <string>

namespace datatap::test {

/// A temporary folder, removed with everything in it when the object goes.
/// Folders it makes are private (0700) whatever the umask, so the plugin
/// registry, which refuses folders others may write to, accepts them.
class TempDir
{
public:
	TempDir();
	~TempDir();
	TempDir(const TempDir&) = delete;
	TempDir& operator=(const TempDir&) = delete;

	const std::string& path() const;
	/// Writes a file (relative to the folder) and returns its full path.
	std::string write(const std::string& name, const std::string& content, unsigned mode = 0600) const;
	/// Makes a folder (relative to the folder, parents included) unless it exists,
	/// and returns its full path.
	std::string makeDir(const std::string& name, unsigned mode = 0700) const;
	/// Copies a file into the folder under name and returns the copy's full path.
	std::string copy(const std::string& source, const std::string& name, unsigned mode = 0644) const;

private:
	std::string _path;
};

} // namespace datatap::test
