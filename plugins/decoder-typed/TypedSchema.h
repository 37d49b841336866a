#pragma once

#include <string>
#include <vector>

namespace datatap::typed {

/// The record shape a `typed` source declares: `fields = userId:int, title:string,
/// done:bool?` — names in output order, each with a type and whether it may be
/// missing or null.
class TypedSchema
{
public:
	enum class Type
	{
		Integer,
		Number,
		String,
		Boolean
	};

	struct Field
	{
		std::string name;
		Type type;
		bool optional;
	};

	/// Throws Poco::SyntaxException naming the entry that is wrong.
	static TypedSchema parse(const std::string& text);

	const std::vector<Field>& fields() const;
	/// The field of that name, or -1.
	int find(const std::string& name) const;

	/// "an integer", "a number", ... as error messages say what was expected.
	static const char* expected(Type type);

private:
	std::vector<Field> _fields;
};

} // namespace datatap::typed
