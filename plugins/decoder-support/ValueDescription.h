#pragma once

#include <Poco/Types.h>

#include <string>

namespace datatap::decoding {

/// How error messages name a value that was found where something else was
/// expected: `string "1"`, `integer 5`, `number 1.5`, `null`, `an array`. Long
/// strings are cut (at a character boundary) so one bad field cannot flood a log.
class ValueDescription
{
public:
	static std::string string(const std::string& text);
	static std::string integer(Poco::Int64 number);
	static std::string bigInteger(Poco::UInt64 number);
	static std::string number(double number);
	static std::string boolean(bool flag);
};

} // namespace datatap::decoding
