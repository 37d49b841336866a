#pragma once

#include "datatap/Api.h"

#include <istream>
#include <string>
#include <vector>

namespace datatap {

struct IniEntry
{
	std::string key;   ///< lower case: INI keys are case-insensitive
	std::string value; ///< trimmed, inline comment removed
	int line = 0;
};

struct DATATAP_API IniSection
{
	std::string name;
	int line = 0;
	std::vector<IniEntry> entries;

	const IniEntry* find(const std::string& key) const;
};

/// Reads an INI file with the line numbers error messages need, and refuses the
/// mistakes Poco::Util::IniFileConfiguration lets pass silently: a key given twice,
/// a section given twice, a line that is neither a section, a key nor a comment,
/// and keys outside any section. It also strips inline comments, which POCO keeps
/// as part of the value.
///
/// Comments: a line whose first non-blank character is ';' or '#', and anything
/// after " ;" or " #" on a key line. A value in double quotes is taken literally.
class DATATAP_API IniDocument
{
public:
	static IniDocument parse(std::istream& in, const std::string& fileName);
	static IniDocument load(const std::string& path);

	const std::string& fileName() const;
	const std::vector<IniSection>& sections() const;
	const IniSection* find(const std::string& name) const;

private:
	std::string _fileName;
	std::vector<IniSection> _sections;
};

} // namespace datatap
