// The INI reader: any text is read or refused with a ConfigError naming a line.

#include "FuzzTarget.h"
#include "config/IniDocument.h"
#include "datatap/Exceptions.h"

#include <sstream>

int fuzzOne(const std::uint8_t* data, std::size_t size)
{
	std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
	try
	{
		const datatap::IniDocument document = datatap::IniDocument::parse(in, "fuzz.ini");
		for (const datatap::IniSection& section: document.sections())
		{
			if (document.find(section.name) == nullptr)
				std::abort();
		}
	}
	catch (const datatap::ConfigError&)
	{
	}
	return 0;
}
