#pragma once

#include "datatap/Api.h"

#include <istream>
#include <optional>
#include <string>

namespace datatap {

/// Finds the scalar an RFC 6901 JSON pointer names in a JSON document, streaming.
class DATATAP_API JsonPointerLookup
{
public:
	/// The value as text (a string's content, a number or boolean as written by
	/// JSON), or nullopt when the pointer names nothing, null or a container.
	static std::optional<std::string> find(std::istream& json, const std::string& pointer);
};

} // namespace datatap
