#include "TypedRecordBuilder.h"

#include "ValueDescription.h"

#include <datatap/Exceptions.h>

#include <Poco/NumberFormatter.h>

#include <limits>

namespace datatap::typed {

using decoding::ValueDescription;

TypedRecordBuilder::TypedRecordBuilder(const TypedSchema& schema, const std::string& name, RecordSink& sink):
	_schema(schema),
	_prefix("Failed to load " + name + ": "),
	// Not 'u': "a user", "a unit" are far more common names than "an update".
	_article(name.find_first_of("aeioAEIO") == 0 ? "an" : "a"),
	_name(name),
	_sink(sink),
	_values(schema.fields().size()),
	_present(schema.fields().size())
{
}

const std::string& TypedRecordBuilder::prefix() const
{
	return _prefix;
}

void TypedRecordBuilder::fail(const std::string& problem) const
{
	throw DecodeError(_prefix + "record " + std::to_string(_index) + ": " + problem);
}

void TypedRecordBuilder::wrongShape(const std::string& found) const
{
	if (!_inArray)
		throw DecodeError(_prefix + "expected " + _article + " " + _name + " object or an array of them, found " + found);
	fail("expected " + _article + " " + _name + " object, found " + found);
}

void TypedRecordBuilder::wrongType(const std::string& found) const
{
	fail("field '" + _schema.fields()[static_cast<std::size_t>(_field)].name + "': expected " + TypedSchema::expected(type()) + ", found " + found);
}

bool TypedRecordBuilder::atMember() const
{
	return _depth == 1 && _field >= 0;
}

TypedSchema::Type TypedRecordBuilder::type() const
{
	return _schema.fields()[static_cast<std::size_t>(_field)].type;
}

void TypedRecordBuilder::set(Value value)
{
	_values[static_cast<std::size_t>(_field)] = std::move(value);
	_present[static_cast<std::size_t>(_field)] = true;
}

void TypedRecordBuilder::startRecord(std::size_t index, bool inArray)
{
	_index = index;
	_inArray = inArray;
	_depth = 0;
	_field = -1;
	_present.assign(_present.size(), false);
}

void TypedRecordBuilder::endRecord()
{
}

void TypedRecordBuilder::startObject()
{
	if (atMember())
		wrongType("an object");
	++_depth;
}

void TypedRecordBuilder::endObject()
{
	if (--_depth != 0)
		return;
	const auto& fields = _schema.fields();
	_record.clear();
	for (std::size_t at = 0; at < fields.size(); ++at)
	{
		if (_present[at])
			_record.add(fields[at].name, std::move(_values[at]));
		else if (fields[at].optional)
			_record.add(fields[at].name, nullptr);
		else
			fail("field '" + fields[at].name + "' is missing");
	}
	_sink.write(_record);
}

void TypedRecordBuilder::startArray()
{
	if (_depth == 0)
		wrongShape("an array");
	if (atMember())
		wrongType("an array");
	++_depth;
}

void TypedRecordBuilder::endArray()
{
	--_depth;
}

void TypedRecordBuilder::key(const std::string& name)
{
	if (_depth == 1)
		_field = _schema.find(name);
}

void TypedRecordBuilder::null()
{
	if (_depth == 0)
		wrongShape("null");
	if (!atMember())
		return;
	if (!_schema.fields()[static_cast<std::size_t>(_field)].optional)
		wrongType("null");
	set(nullptr);
}

void TypedRecordBuilder::boolean(bool flag)
{
	if (_depth == 0)
		wrongShape(ValueDescription::boolean(flag));
	if (!atMember())
		return;
	if (type() != TypedSchema::Type::Boolean)
		wrongType(ValueDescription::boolean(flag));
	set(flag);
}

void TypedRecordBuilder::integer(Poco::Int64 number)
{
	if (_depth == 0)
		wrongShape(ValueDescription::integer(number));
	if (!atMember())
		return;
	if (type() == TypedSchema::Type::Integer)
		set(static_cast<std::int64_t>(number));
	else if (type() == TypedSchema::Type::Number)
		set(static_cast<double>(number));
	else
		wrongType(ValueDescription::integer(number));
}

void TypedRecordBuilder::bigInteger(Poco::UInt64 number)
{
	if (_depth == 0)
		wrongShape(ValueDescription::bigInteger(number));
	if (!atMember())
		return;
	if (type() == TypedSchema::Type::Integer)
		fail("field '" + _schema.fields()[static_cast<std::size_t>(_field)].name + "': integer " + Poco::NumberFormatter::format(number) + " is out of range (largest: " + std::to_string(std::numeric_limits<std::int64_t>::max()) + ")");
	if (type() != TypedSchema::Type::Number)
		wrongType(ValueDescription::bigInteger(number));
	set(static_cast<double>(number));
}

void TypedRecordBuilder::number(double number)
{
	if (_depth == 0)
		wrongShape(ValueDescription::number(number));
	if (!atMember())
		return;
	if (type() != TypedSchema::Type::Number)
		wrongType(ValueDescription::number(number));
	set(number);
}

void TypedRecordBuilder::string(const std::string& text)
{
	if (_depth == 0)
		wrongShape(ValueDescription::string(text));
	if (!atMember())
		return;
	if (type() != TypedSchema::Type::String)
		wrongType(ValueDescription::string(text));
	set(text);
}

} // namespace datatap::typed
