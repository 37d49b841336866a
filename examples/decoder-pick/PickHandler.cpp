#include "PickHandler.h"

#include <datatap/Exceptions.h>

#include <Poco/NumberFormatter.h>

#include <algorithm>

namespace pick {

PickHandler::PickHandler(const std::vector<std::string>& fields, bool requireAll, datatap::RecordSink& sink):
	_fields(fields),
	_requireAll(requireAll),
	_sink(sink),
	_chosen(fields.size())
{
}

void PickHandler::fail(const std::string& problem) const
{
	throw datatap::DecodeError("Failed to pick fields: record " + std::to_string(_index) + ": " + problem);
}

void PickHandler::reset()
{
	_depth = 0;
	_objectDepth = 0;
	_topArray = false;
	_chosen = _fields.size();
	_index = 0;
}

void PickHandler::element(const datatap::Value* value, const std::string& found)
{
	if (_objectDepth == 0)
	{
		if (_depth == 0)
			throw datatap::DecodeError("Failed to pick fields: expected an object or an array of objects, found " + found);
		fail("expected an object, found " + found);
	}
	if (_depth != _objectDepth || _chosen == _fields.size())
		return;
	if (value == nullptr)
		fail("field '" + _fields[_chosen] + "': expected a string, number, boolean or null, found " + found);
	_values[_chosen] = *value;
}

void PickHandler::startObject()
{
	if (_objectDepth == 0 && (_depth == 0 || (_topArray && _depth == 1)))
	{
		_objectDepth = ++_depth;
		_values.assign(_fields.size(), std::nullopt);
		_chosen = _fields.size();
		return;
	}
	element(nullptr, "an object");
	++_depth;
}

void PickHandler::endObject()
{
	if (_depth-- != _objectDepth)
		return;
	_objectDepth = 0;
	_record.clear();
	for (std::size_t i = 0; i < _fields.size(); ++i)
	{
		if (_values[i])
			_record.add(_fields[i], std::move(*_values[i]));
		else if (_requireAll)
			fail("field '" + _fields[i] + "' is missing");
		else
			_record.add(_fields[i], nullptr);
	}
	_sink.write(_record);
	++_index;
}

void PickHandler::startArray()
{
	if (_depth == 0)
		_topArray = true;
	else
		element(nullptr, "an array");
	++_depth;
}

void PickHandler::endArray()
{
	--_depth;
}

void PickHandler::key(const std::string& name)
{
	if (_objectDepth != 0 && _depth == _objectDepth)
		_chosen = static_cast<std::size_t>(std::find(_fields.begin(), _fields.end(), name) - _fields.begin());
}

void PickHandler::null()
{
	const datatap::Value picked = nullptr;
	element(&picked, "null");
}

void PickHandler::value(int v)
{
	value(static_cast<Poco::Int64>(v));
}

void PickHandler::value(unsigned v)
{
	value(static_cast<Poco::Int64>(v));
}

void PickHandler::value(Poco::Int64 v)
{
	const datatap::Value picked = std::int64_t{v};
	element(&picked, "integer " + Poco::NumberFormatter::format(v));
}

void PickHandler::value(Poco::UInt64 v)
{
	// Beyond Int64: kept exactly, as its decimal text, rather than rounded to a double.
	const datatap::Value picked = Poco::NumberFormatter::format(v);
	element(&picked, "integer " + Poco::NumberFormatter::format(v));
}

void PickHandler::value(const std::string& text)
{
	const datatap::Value picked = text;
	element(&picked, "a string");
}

void PickHandler::value(double d)
{
	const datatap::Value picked = d;
	element(&picked, "number " + Poco::NumberFormatter::format(d));
}

void PickHandler::value(bool b)
{
	const datatap::Value picked = b;
	element(&picked, b ? "true" : "false");
}

} // namespace pick
