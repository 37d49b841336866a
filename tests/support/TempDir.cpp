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
	::chmod(_path.c_str(), 0700);
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
	makeDir(file.parent().toString());
	{
		Poco::FileOutputStream out(file.toString());
		out << content;
	}
	::chmod(file.toString().c_str(), static_cast<mode_t>(mode));
	return file.toString();
}

std::string TempDir::makeDir(const std::string& name, unsigned mode) const
{
	Poco::Path folder = Poco::Path::forDirectory(_path).resolve(Poco::Path::forDirectory(name));
	std::string text = folder.toString();
	if (text.size() > 1 && text.back() == '/')
		text.pop_back();
	Poco::File dir(text);
	if (!dir.exists())
	{
		dir.createDirectories();
		::chmod(text.c_str(), static_cast<mode_t>(mode));
	}
	return text;
}

std::string TempDir::copy(const std::string& source, const std::string& name, unsigned mode) const
{
	Poco::Path file = Poco::Path::forDirectory(_path).resolve(Poco::Path(name));
	makeDir(file.parent().toString());
	Poco::File(source).copyTo(file.toString());
	::chmod(file.toString().c_str(), static_cast<mode_t>(mode));
	return file.toString();
}

} // namespace datatap::test
