#pragma once

#include "JsonPointer.h"
#include "RecordBuilder.h"

#include <Poco/JSON/Handler.h>

#include <cstddef>
#include <istream>
#include <string>

namespace datatap::decoding {

/// Follows the JSON events of a body, finds the value a JSON pointer selects and
/// hands its records to a RecordBuilder as they are parsed: each element when the
/// value is an array (and arrays are expanded), else the value itself. Everything
/// outside the selected value is skipped without being kept.
class RecordSelector: public Poco::JSON::Handler
{
public:
	/// Parses a whole body and hands the records the pointer selects to the
	/// builder. Errors are DecodeErrors that start with prefix: the builder's own,
	/// "<prefix>not valid JSON: line L, column C: ..." and "<prefix>the body has no
	/// value at records = /x".
	static void decode(std::istream& body, const JsonPointer& pointer, RecordBuilder& builder, const std::string& prefix);

	/// expandArray false: even an array is one record (NDJSON lines).
	RecordSelector(const JsonPointer& pointer, RecordBuilder& builder, bool expandArray = true);

	/// Whether the pointer matched a value in the body parsed so far.
	bool found() const;

	void reset() override;
	void startObject() override;
	void endObject() override;
	void startArray() override;
	void endArray() override;
	void key(const std::string& name) override;
	void null() override;
	void value(int v) override;
	void value(unsigned v) override;
	void value(Poco::Int64 v) override;
	void value(Poco::UInt64 v) override;
	void value(const std::string& text) override;
	void value(double d) override;
	void value(bool b) override;

private:
	enum class Phase
	{
		Searching, ///< the pointer has not matched yet
		InRecords, ///< inside the selected array: each child is a record
		Done       ///< the selected value is over, or the pointer cannot match any more
	};

	enum class Route
	{
		Skip,
		Forward,  ///< part of a record: the builder gets the event
		EnterPath ///< a container on the pointer's path, or the selected array
	};

	/// Decides where a value that starts here belongs, and starts a record when
	/// it is one.
	Route beginValue(bool isArray, bool isContainer);
	bool childMatches();
	void startContainer(bool isArray);
	/// After a scalar, or a container's end, at the record's own level.
	void valueDone();

	const JsonPointer& _pointer;
	RecordBuilder& _builder;
	bool _expandArray;
	Phase _phase = Phase::Searching;
	std::size_t _depth = 0;     ///< open containers
	std::size_t _pathDepth = 0; ///< open containers that lie on the pointer's path
	// The innermost container on the path: what its current child is called.
	bool _pathIsArray = false;
	std::size_t _childIndex = 0;
	std::string _childKey;
	bool _inRecord = false;
	std::size_t _recordDepth = 0; ///< _depth where the current record's value started
	std::size_t _records = 0;
	bool _found = false;
};

} // namespace datatap::decoding
