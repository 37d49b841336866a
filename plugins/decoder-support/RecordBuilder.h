#pragma once

#include <Poco/Types.h>

#include <cstddef>
#include <string>

namespace datatap::decoding {

/// Receives the JSON events of one record value at a time from a RecordSelector
/// and turns them into a Record (or an error). Between startRecord() and
/// endRecord() it sees exactly one complete JSON value.
class RecordBuilder
{
public:
	RecordBuilder() = default;
	RecordBuilder(const RecordBuilder&) = delete;
	RecordBuilder& operator=(const RecordBuilder&) = delete;
	virtual ~RecordBuilder();

	/// index counts records from 0; inArray is false when the selected value
	/// itself is the one record (it was not an array).
	virtual void startRecord(std::size_t index, bool inArray) = 0;
	virtual void endRecord() = 0;

	virtual void startObject() = 0;
	virtual void endObject() = 0;
	virtual void startArray() = 0;
	virtual void endArray() = 0;
	virtual void key(const std::string& name) = 0;
	virtual void null() = 0;
	virtual void boolean(bool flag) = 0;
	virtual void integer(Poco::Int64 number) = 0;
	/// An integer above the Int64 range that still fits 64 bits unsigned.
	virtual void bigInteger(Poco::UInt64 number) = 0;
	virtual void number(double number) = 0;
	virtual void string(const std::string& text) = 0;
};

} // namespace datatap::decoding
