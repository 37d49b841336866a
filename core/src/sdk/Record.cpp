#include "datatap/Record.h"

namespace datatap {

const Value* Record::find(const std::string& name) const
{
	for (const Field& field: _fields)
	{
		if (field.name == name)
			return &field.value;
	}
	return nullptr;
}

} // namespace datatap
