#include "config/IniDocument.h"

#include "datatap/Exceptions.h"

#include <Poco/FileStream.h>
#include <Poco/String.h>
#include <fmt/format.h>

namespace datatap {

namespace {

std::string stripInlineComment(const std::string& value)
{
	for (std::size_t i = 1; i < value.size(); ++i)
	{
		if ((value[i] == ';' || value[i] == '#') && (value[i - 1] == ' ' || value[i - 1] == '\t'))
			return value.substr(0, i);
	}
	return value;
}

} // namespace

const IniEntry* IniSection::find(const std::string& key) const
{
	for (const IniEntry& entry: entries)
	{
		if (entry.key == key)
			return &entry;
	}
	return nullptr;
}

IniDocument IniDocument::load(const std::string& path)
{
	Poco::FileInputStream in;
	try
	{
		in.open(path, std::ios::in);
	}
	catch (const Poco::Exception& exc)
	{
		throw ConfigError(fmt::format("{}: cannot read the configuration file ({})", path, exc.message()));
	}
	return parse(in, path);
}

IniDocument IniDocument::parse(std::istream& in, const std::string& fileName)
{
	IniDocument document;
	document._fileName = fileName;
	std::string line;
	int number = 0;
	IniSection* current = nullptr;
	while (std::getline(in, line))
	{
		++number;
		if (number == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0)
			line.erase(0, 3);
		const std::string trimmed = Poco::trim(line);
		if (trimmed.empty() || trimmed[0] == ';' || trimmed[0] == '#')
			continue;
		const auto fail = [&](const std::string& problem) {
			throw ConfigError(fmt::format("{}:{}: {}", fileName, number, problem));
		};
		if (trimmed[0] == '[')
		{
			const std::size_t close = trimmed.find(']');
			if (close == std::string::npos)
				fail("a section header needs a closing ']'");
			const std::string rest = Poco::trim(trimmed.substr(close + 1));
			if (!rest.empty() && rest[0] != ';' && rest[0] != '#')
				fail(fmt::format("unexpected text after the section header: '{}'", rest));
			const std::string name = Poco::toLower(Poco::trim(trimmed.substr(1, close - 1)));
			if (name.empty())
				fail("empty section name");
			if (const IniSection* previous = document.find(name))
				fail(fmt::format("section [{}] appears twice (first at line {}); merge them", name, previous->line));
			document._sections.push_back(IniSection{name, number, {}});
			current = &document._sections.back();
			continue;
		}
		const std::size_t equals = trimmed.find('=');
		if (equals == std::string::npos)
			fail("expected 'key = value', a [section] or a comment"); // the line is not echoed: it may be a secret
		if (current == nullptr)
			fail("a key outside any section; put it under [datatap], [auth.NAME] or [source.NAME]");
		const std::string key = Poco::toLower(Poco::trim(trimmed.substr(0, equals)));
		if (key.empty())
			fail("a value without a key");
		std::string value = Poco::trim(trimmed.substr(equals + 1));
		if (value.size() >= 2 && value.front() == '"')
		{
			const std::size_t quote = value.find('"', 1);
			if (quote == std::string::npos)
				fail("a quoted value needs a closing '\"'");
			const std::string rest = Poco::trim(value.substr(quote + 1));
			if (!rest.empty() && rest[0] != ';' && rest[0] != '#')
				fail("unexpected text after the closing quote");
			value = value.substr(1, quote - 1);
		}
		else
		{
			value = Poco::trim(stripInlineComment(value));
		}
		if (const IniEntry* previous = current->find(key))
			fail(fmt::format("[{}] {} is set twice (first at line {}); keep one", current->name, key, previous->line));
		current->entries.push_back(IniEntry{key, value, number});
	}
	return document;
}

const std::string& IniDocument::fileName() const
{
	return _fileName;
}

const std::vector<IniSection>& IniDocument::sections() const
{
	return _sections;
}

const IniSection* IniDocument::find(const std::string& name) const
{
	for (const IniSection& section: _sections)
	{
		if (section.name == name)
			return &section;
	}
	return nullptr;
}

} // namespace datatap
