#pragma once

#include <string>

namespace datatap::test {

/// A temporary folder, removed with everything in it when the object goes.
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

private:
	std::string _path;
};

} // namespace datatap::test
