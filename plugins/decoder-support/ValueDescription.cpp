#include "ValueDescription.h"

#include <Poco/NumberFormatter.h>

namespace datatap::decoding {

std::string ValueDescription::string(const std::string& text)
{
	const std::size_t limit = 40;
	if (text.size() <= limit)
		return "string \"" + text + "\"";
	std::size_t cut = limit;
	while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
		--cut;
	return "string \"" + text.substr(0, cut) + "...\"";
}

std::string ValueDescription::integer(Poco::Int64 number)
{
	return "integer " + Poco::NumberFormatter::format(number);
}

std::string ValueDescription::bigInteger(Poco::UInt64 number)
{
	return "integer " + Poco::NumberFormatter::format(number);
}

std::string ValueDescription::number(double number)
{
	return "number " + Poco::NumberFormatter::format(number);
}

std::string ValueDescription::boolean(bool flag)
{
	return flag ? "true" : "false";
}

} // namespace datatap::decoding
