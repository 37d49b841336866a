#pragma once

#include "RecordBuilder.h"
#include "TypedSchema.h"

#include <datatap/Record.h>
#include <datatap/RecordSink.h>

#include <string>
#include <vector>

namespace datatap::typed {

/// Checks each record object against a TypedSchema as its members arrive and
/// pushes it, fields in schema order, when the object closes. Strict as the
/// `album` decoder: no conversion between strings and numbers, integers must be
/// JSON integers within Int64, extra members are ignored, a missing optional
/// field is null. Messages read "Failed to load NAME: record N: field 'x':
/// expected an integer, found string "1"".
class TypedRecordBuilder: public decoding::RecordBuilder
{
public:
	TypedRecordBuilder(const TypedSchema& schema, const std::string& name, RecordSink& sink);

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

	/// The prefix of every message, "Failed to load NAME: ".
	const std::string& prefix() const;

private:
	/// Whether the event is the value of a record member the schema declares.
	bool atMember() const;
	TypedSchema::Type type() const;
	void set(Value value);
	[[noreturn]] void wrongShape(const std::string& found) const;
	[[noreturn]] void wrongType(const std::string& found) const;
	[[noreturn]] void fail(const std::string& problem) const;

	const TypedSchema& _schema;
	std::string _prefix;
	std::string _article; ///< "a" or "an", before the name
	std::string _name;
	RecordSink& _sink;
	Record _record;
	std::vector<Value> _values;
	std::vector<bool> _present;
	std::size_t _index = 0;
	bool _inArray = false;
	int _depth = 0; ///< containers open inside the record value; 1: its members
	int _field = -1;
};

} // namespace datatap::typed
