#include "AlbumHandler.h"

#include "ValueDescription.h"

#include <datatap/Exceptions.h>

#include <Poco/NumberFormatter.h>

namespace datatap::album {

AlbumHandler::AlbumHandler(RecordSink& sink):
	_sink(sink)
{
}

std::size_t AlbumHandler::records() const
{
	return _index;
}

void AlbumHandler::fail(const std::string& problem) const
{
	throw DecodeError("Failed to load album: record " + std::to_string(_index) + ": " + problem);
}

void AlbumHandler::reset()
{
	_depth = 0;
	_topArray = false;
	_inAlbum = false;
	_field = Field::None;
	_index = 0;
}

void AlbumHandler::scalar(const std::string& found)
{
	if (!_inAlbum)
	{
		if (_depth == 0)
			throw DecodeError("Failed to load album: expected an album object or an array of them, found " + found);
		fail("expected an album object, found " + found);
	}
	switch (_field)
	{
	case Field::UserId: fail("field 'userId': expected an integer, found " + found);
	case Field::Id: fail("field 'id': expected an integer, found " + found);
	case Field::Title: fail("field 'title': expected a string, found " + found);
	case Field::None: break;
	}
}

void AlbumHandler::startObject()
{
	if (_inAlbum)
	{
		if (_depth == _albumDepth)
			scalar("an object");
		++_depth;
		return;
	}
	if (_depth == 0 || (_topArray && _depth == 1))
	{
		++_depth;
		_inAlbum = true;
		_albumDepth = _depth;
		_field = Field::None;
		_hasUserId = _hasId = _hasTitle = false;
		return;
	}
	scalar("an object");
}

void AlbumHandler::endObject()
{
	--_depth;
	if (!_inAlbum || _depth != _albumDepth - 1)
		return;
	_inAlbum = false;
	if (!_hasUserId)
		fail("field 'userId' is missing");
	if (!_hasId)
		fail("field 'id' is missing");
	if (!_hasTitle)
		fail("field 'title' is missing");
	_record.clear();
	_record.add("userId", _userId);
	_record.add("id", _id);
	_record.add("title", _title);
	_sink.write(_record);
	++_index;
}

void AlbumHandler::startArray()
{
	if (_depth == 0)
	{
		_topArray = true;
		++_depth;
		return;
	}
	if (_inAlbum && _depth == _albumDepth)
		scalar("an array");
	else if (!_inAlbum)
		scalar("an array");
	++_depth;
}

void AlbumHandler::endArray()
{
	--_depth;
}

void AlbumHandler::key(const std::string& name)
{
	if (!_inAlbum || _depth != _albumDepth)
		return;
	if (name == "userId")
		_field = Field::UserId;
	else if (name == "id")
		_field = Field::Id;
	else if (name == "title")
		_field = Field::Title;
	else
		_field = Field::None;
}

void AlbumHandler::integer(Poco::Int64 number)
{
	if (!_inAlbum || _depth != _albumDepth)
	{
		if (!_inAlbum)
			scalar(decoding::ValueDescription::integer(number));
		return;
	}
	switch (_field)
	{
	case Field::UserId:
		_userId = number;
		_hasUserId = true;
		break;
	case Field::Id:
		_id = number;
		_hasId = true;
		break;
	case Field::Title:
		scalar(decoding::ValueDescription::integer(number));
		break;
	case Field::None:
		break;
	}
}

void AlbumHandler::null()
{
	if (!_inAlbum || _depth == _albumDepth)
		scalar("null");
}

void AlbumHandler::value(int v)
{
	integer(v);
}

void AlbumHandler::value(unsigned v)
{
	integer(v);
}

void AlbumHandler::value(Poco::Int64 v)
{
	integer(v);
}

void AlbumHandler::value(Poco::UInt64 v)
{
	if (_inAlbum && _depth == _albumDepth && (_field == Field::UserId || _field == Field::Id))
		fail(std::string("field '") + (_field == Field::Id ? "id" : "userId") + "': integer " + Poco::NumberFormatter::format(v) + " is out of range (largest: 9223372036854775807)");
	if (!_inAlbum || _depth == _albumDepth)
		scalar(decoding::ValueDescription::bigInteger(v));
}

void AlbumHandler::value(const std::string& text)
{
	if (_inAlbum && _depth == _albumDepth && _field == Field::Title)
	{
		_title = text;
		_hasTitle = true;
		return;
	}
	if (!_inAlbum || _depth == _albumDepth)
		scalar(decoding::ValueDescription::string(text));
}

void AlbumHandler::value(double d)
{
	if (!_inAlbum || _depth == _albumDepth)
		scalar(decoding::ValueDescription::number(d));
}

void AlbumHandler::value(bool b)
{
	if (!_inAlbum || _depth == _albumDepth)
		scalar(decoding::ValueDescription::boolean(b));
}

} // namespace datatap::album
