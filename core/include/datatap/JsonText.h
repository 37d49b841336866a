#pragma once

#include "datatap/Api.h"
#include "datatap/Record.h"

#include <string>

namespace datatap {

/// Writes records and values as JSON text, appending to a string buffer: what the
/// json and ndjson outputs print, and how a decoder keeps nested values as RawJson.
class DATATAP_API JsonText
{
public:
	static void appendString(std::string& out, const std::string& text);
	static void appendValue(std::string& out, const Value& value);
	/// `{"a":1,"b":"x"}`, fields in record order.
	static void appendRecord(std::string& out, const Record& record);
	/// The value as a table cell shows it: strings bare, everything else as JSON.
	static std::string cellText(const Value& value);
};

} // namespace datatap
