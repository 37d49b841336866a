#include "support/TempDir.h"

#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/Path.h>
#include <Poco/TemporaryFile.h>

#include <sys/stat.h>

namespace datatap::test {

TempDir::TempDir():
	_path(Poco::TemporaryFile::tempName())
{
	Poco::File(_path).createDirectories();
}

TempDir::~TempDir()
{
	Poco::File(_path).remove(true);
}

const std::string& TempDir::path() const
{
	return _path;
}

std::string TempDir::write(const std::string& name, const std::string& content, unsigned mode) const
{
	Poco::Path file = Poco::Path::forDirectory(_path).resolve(Poco::Path(name));
	Poco::File(file.parent()).createDirectories();
	{
		Poco::FileOutputStream out(file.toString());
		out << content;
	}
	::chmod(file.toString().c_str(), static_cast<mode_t>(mode));
	return file.toString();
}

} // namespace datatap::test
