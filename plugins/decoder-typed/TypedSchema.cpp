#include "TypedSchema.h"

#include <Poco/Exception.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

namespace datatap::typed {

namespace {

TypedSchema::Type typeNamed(const std::string& name, const std::string& entry)
{
	if (name == "int" || name == "integer")
		return TypedSchema::Type::Integer;
	if (name == "float" || name == "number" || name == "double")
		return TypedSchema::Type::Number;
	if (name == "string")
		return TypedSchema::Type::String;
	if (name == "bool" || name == "boolean")
		return TypedSchema::Type::Boolean;
	throw Poco::SyntaxException("'" + entry + "': unknown type '" + name + "' (types: int, float, string, bool; '?' after the type for optional)");
}

} // namespace

TypedSchema TypedSchema::parse(const std::string& text)
{
	TypedSchema schema;
	Poco::StringTokenizer entries(text, ",", Poco::StringTokenizer::TOK_TRIM);
	for (const std::string& entry: entries)
	{
		if (entry.empty())
			throw Poco::SyntaxException("an empty entry; write name:type, name:type, ...");
		const std::size_t colon = entry.find(':');
		if (colon == std::string::npos)
			throw Poco::SyntaxException("'" + entry + "' has no type; write name:type, e.g. " + entry + ":string");
		Field field;
		field.name = Poco::trim(entry.substr(0, colon));
		std::string type = Poco::trim(entry.substr(colon + 1));
		field.optional = !type.empty() && type.back() == '?';
		if (field.optional)
			type = Poco::trim(type.substr(0, type.size() - 1));
		if (field.name.empty())
			throw Poco::SyntaxException("'" + entry + "' has no field name");
		field.type = typeNamed(type, entry);
		if (schema.find(field.name) >= 0)
			throw Poco::SyntaxException("field '" + field.name + "' is declared twice");
		schema._fields.push_back(std::move(field));
	}
	if (schema._fields.empty())
		throw Poco::SyntaxException("declares no field; write name:type, name:type, ...");
	return schema;
}

const std::vector<TypedSchema::Field>& TypedSchema::fields() const
{
	return _fields;
}

int TypedSchema::find(const std::string& name) const
{
	for (std::size_t at = 0; at < _fields.size(); ++at)
	{
		if (_fields[at].name == name)
			return static_cast<int>(at);
	}
	return -1;
}

const char* TypedSchema::expected(Type type)
{
	switch (type)
	{
	case Type::Integer:
		return "an integer";
	case Type::Number:
		return "a number";
	case Type::String:
		return "a string";
	case Type::Boolean:
		return "a boolean";
	}
	return "a value";
}

} // namespace datatap::typed
