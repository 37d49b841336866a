#include "RecordSelector.h"

#include <datatap/Exceptions.h>
#include <datatap/JsonStreamParser.h>

namespace datatap::decoding {

void RecordSelector::decode(std::istream& body, const JsonPointer& pointer, RecordBuilder& builder, const std::string& prefix)
{
	RecordSelector selector(pointer, builder);
	JsonStreamParser parser(selector);
	try
	{
		parser.parse(body);
	}
	catch (const DecodeError& exc)
	{
		if (exc.message().rfind(prefix, 0) == 0)
			throw;
		throw DecodeError(prefix + "not valid JSON: " + exc.message());
	}
	if (!selector.found())
		throw DecodeError(prefix + "the body has no value at records = " + pointer.text());
}

RecordSelector::RecordSelector(const JsonPointer& pointer, RecordBuilder& builder, bool expandArray):
	_pointer(pointer),
	_builder(builder),
	_expandArray(expandArray)
{
}

bool RecordSelector::found() const
{
	return _found;
}

void RecordSelector::reset()
{
	_phase = Phase::Searching;
	_depth = _pathDepth = 0;
	_pathIsArray = false;
	_childIndex = 0;
	_childKey.clear();
	_inRecord = false;
	_recordDepth = 0;
	_records = 0;
	_found = false;
}

bool RecordSelector::childMatches()
{
	if (_pathIsArray)
		return _childIndex++ == _pointer.index(_depth - 1);
	return _childKey == _pointer.token(_depth - 1);
}

RecordSelector::Route RecordSelector::beginValue(bool isArray, bool isContainer)
{
	if (_inRecord)
		return Route::Forward;
	if (_phase == Phase::InRecords)
	{
		// Every child of the selected array is a record.
		_inRecord = true;
		_recordDepth = _depth;
		_builder.startRecord(_records, true);
		return Route::Forward;
	}
	if (_phase != Phase::Searching || _depth != _pathDepth)
		return Route::Skip;
	if (_depth > 0 && !childMatches())
		return Route::Skip;
	if (_depth == _pointer.size())
	{
		_found = true;
		if (isArray && _expandArray)
		{
			_phase = Phase::InRecords;
			return Route::EnterPath;
		}
		_phase = Phase::Done;
		_inRecord = true;
		_recordDepth = _depth;
		_builder.startRecord(0, false);
		return Route::Forward;
	}
	if (!isContainer)
		_phase = Phase::Done;
	return isContainer ? Route::EnterPath : Route::Skip;
}

void RecordSelector::valueDone()
{
	if (!_inRecord || _depth != _recordDepth)
		return;
	_inRecord = false;
	++_records;
	_builder.endRecord();
}

void RecordSelector::startContainer(bool isArray)
{
	const Route route = beginValue(isArray, true);
	++_depth;
	if (route == Route::Forward)
	{
		if (isArray)
			_builder.startArray();
		else
			_builder.startObject();
	}
	else if (route == Route::EnterPath)
	{
		_pathDepth = _depth;
		_pathIsArray = isArray;
		_childIndex = 0;
		_childKey.clear();
	}
}

void RecordSelector::startObject()
{
	startContainer(false);
}

void RecordSelector::startArray()
{
	startContainer(true);
}

void RecordSelector::endObject()
{
	if (_inRecord)
		_builder.endObject();
	else if (_depth == _pathDepth)
		_phase = Phase::Done; // the path's container closed: nothing after it can match
	--_depth;
	valueDone();
}

void RecordSelector::endArray()
{
	if (_inRecord)
		_builder.endArray();
	else if (_depth == _pathDepth)
		_phase = Phase::Done;
	--_depth;
	valueDone();
}

void RecordSelector::key(const std::string& name)
{
	if (_inRecord)
		_builder.key(name);
	else if (_phase == Phase::Searching && _depth == _pathDepth)
		_childKey = name;
}

void RecordSelector::null()
{
	if (beginValue(false, false) == Route::Forward)
		_builder.null();
	valueDone();
}

void RecordSelector::value(int v)
{
	value(static_cast<Poco::Int64>(v));
}

void RecordSelector::value(unsigned v)
{
	value(static_cast<Poco::Int64>(v));
}

void RecordSelector::value(Poco::Int64 v)
{
	if (beginValue(false, false) == Route::Forward)
		_builder.integer(v);
	valueDone();
}

void RecordSelector::value(Poco::UInt64 v)
{
	if (beginValue(false, false) == Route::Forward)
		_builder.bigInteger(v);
	valueDone();
}

void RecordSelector::value(const std::string& text)
{
	if (beginValue(false, false) == Route::Forward)
		_builder.string(text);
	valueDone();
}

void RecordSelector::value(double d)
{
	if (beginValue(false, false) == Route::Forward)
		_builder.number(d);
	valueDone();
}

void RecordSelector::value(bool b)
{
	if (beginValue(false, false) == Route::Forward)
		_builder.boolean(b);
	valueDone();
}

} // namespace datatap::decoding
