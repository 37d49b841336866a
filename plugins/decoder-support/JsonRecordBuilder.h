#pragma once

#include "RecordBuilder.h"

#include <datatap/Record.h>
#include <datatap/RecordSink.h>

#include <string>
#include <vector>

namespace datatap::decoding {

/// Builds schema-less records: an object's members become fields (scalars typed,
/// nested objects and arrays as compact RawJson), any other value becomes one
/// field named `value`. Integers beyond the Int64 range stay exact as RawJson.
class JsonRecordBuilder: public RecordBuilder
{
public:
	explicit JsonRecordBuilder(RecordSink& sink);

	void startRecord(std::size_t index, bool inArray) override;
	void endRecord() override;
	void startObject() override;
	void endObject() override;
	void startArray() override;
	void endArray() override;
	void key(const std::string& name) override;
	void null() override;
	void boolean(bool flag) override;
	void integer(Poco::Int64 number) override;
	void bigInteger(Poco::UInt64 number) override;
	void number(double number) override;
	void string(const std::string& text) override;

private:
	/// A scalar at the record's field level becomes a field; deeper, it is text.
	void scalar(Value value);
	void openNested(char bracket);
	void closeNested(char bracket);
	void separate();

	RecordSink& _sink;
	Record _record;
	std::size_t _depth = 0; ///< containers open inside the record value
	bool _objectRecord = false;
	std::string _fieldName;
	// Compact text of the nested value being collected, and for each open
	// container whether it still waits for its first member.
	std::string _raw;
	std::vector<bool> _firstMember;
	bool _afterKey = false;
};

} // namespace datatap::decoding
