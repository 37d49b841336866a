#include "datatap/OptionSpec.h"

namespace datatap {

const char* optionTypeName(OptionType type)
{
	switch (type)
	{
	case OptionType::String: return "string";
	case OptionType::Integer: return "integer";
	case OptionType::Boolean: return "boolean";
	case OptionType::Path: return "path";
	}
	return "string";
}

} // namespace datatap
