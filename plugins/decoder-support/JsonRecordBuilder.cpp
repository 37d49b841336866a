#include "JsonRecordBuilder.h"

#include <datatap/JsonText.h>

#include <fmt/format.h>

#include <iterator>

namespace datatap::decoding {

namespace {

// Depth 0: the record value itself; 1: an object record's members. A container
// that starts where a field's value belongs is collected as text until it closes.
bool isFieldLevel(std::size_t depth, bool objectRecord)
{
	return depth == (objectRecord ? 1 : 0);
}

} // namespace

JsonRecordBuilder::JsonRecordBuilder(RecordSink& sink):
	_sink(sink)
{
}

void JsonRecordBuilder::startRecord(std::size_t, bool)
{
	_record.clear();
	_depth = 0;
	_objectRecord = false;
	_fieldName = "value";
}

void JsonRecordBuilder::endRecord()
{
	_sink.write(_record);
}

void JsonRecordBuilder::separate()
{
	if (_firstMember.empty())
		return;
	if (_afterKey)
	{
		_afterKey = false;
		return;
	}
	if (_firstMember.back())
		_firstMember.back() = false;
	else
		_raw += ',';
}

void JsonRecordBuilder::openNested(char bracket)
{
	if (_depth == 0 && bracket == '{')
	{
		_objectRecord = true;
		_depth = 1;
		return;
	}
	if (isFieldLevel(_depth, _objectRecord))
	{
		_raw.clear();
		_firstMember.clear();
		_afterKey = false;
	}
	else
		separate();
	_raw += bracket;
	_firstMember.push_back(true);
	++_depth;
}

void JsonRecordBuilder::closeNested(char bracket)
{
	--_depth;
	if (_depth == 0 && _objectRecord)
		return;
	_raw += bracket;
	_firstMember.pop_back();
	if (isFieldLevel(_depth, _objectRecord))
		_record.add(_fieldName, RawJson{_raw});
}

void JsonRecordBuilder::startObject()
{
	openNested('{');
}

void JsonRecordBuilder::endObject()
{
	closeNested('}');
}

void JsonRecordBuilder::startArray()
{
	openNested('[');
}

void JsonRecordBuilder::endArray()
{
	closeNested(']');
}

void JsonRecordBuilder::key(const std::string& name)
{
	if (isFieldLevel(_depth, _objectRecord))
	{
		_fieldName = name;
		return;
	}
	separate();
	JsonText::appendString(_raw, name);
	_raw += ':';
	_afterKey = true;
}

void JsonRecordBuilder::scalar(Value value)
{
	if (isFieldLevel(_depth, _objectRecord))
	{
		_record.add(_fieldName, std::move(value));
		return;
	}
	separate();
	JsonText::appendValue(_raw, value);
}

void JsonRecordBuilder::null()
{
	scalar(nullptr);
}

void JsonRecordBuilder::boolean(bool flag)
{
	scalar(flag);
}

void JsonRecordBuilder::integer(Poco::Int64 number)
{
	scalar(static_cast<std::int64_t>(number));
}

void JsonRecordBuilder::bigInteger(Poco::UInt64 number)
{
	scalar(RawJson{fmt::format("{}", number)});
}

void JsonRecordBuilder::number(double number)
{
	scalar(number);
}

void JsonRecordBuilder::string(const std::string& text)
{
	scalar(text);
}

} // namespace datatap::decoding
