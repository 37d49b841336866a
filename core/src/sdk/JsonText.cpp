#include "datatap/JsonText.h"

#include <fmt/format.h>

#include <iterator>

namespace datatap {

void JsonText::appendString(std::string& out, const std::string& text)
{
	out += '"';
	for (const char c: text)
	{
		switch (c)
		{
		case '"': out += "\\\""; break;
		case '\\': out += "\\\\"; break;
		case '\n': out += "\\n"; break;
		case '\r': out += "\\r"; break;
		case '\t': out += "\\t"; break;
		case '\b': out += "\\b"; break;
		case '\f': out += "\\f"; break;
		default:
			if (static_cast<unsigned char>(c) < 0x20)
				fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c));
			else
				out += c;
		}
	}
	out += '"';
}

void JsonText::appendValue(std::string& out, const Value& value)
{
	switch (value.index())
	{
	case 0: out += "null"; break;
	case 1: out += std::get<bool>(value) ? "true" : "false"; break;
	case 2: fmt::format_to(std::back_inserter(out), "{}", std::get<std::int64_t>(value)); break;
	case 3: fmt::format_to(std::back_inserter(out), "{}", std::get<double>(value)); break;
	case 4: appendString(out, std::get<std::string>(value)); break;
	case 5: out += std::get<RawJson>(value).text; break;
	}
}

void JsonText::appendRecord(std::string& out, const Record& record)
{
	out += '{';
	bool first = true;
	for (const Field& field: record.fields())
	{
		if (!first)
			out += ',';
		first = false;
		appendString(out, field.name);
		out += ':';
		appendValue(out, field.value);
	}
	out += '}';
}

std::string JsonText::cellText(const Value& value)
{
	if (const auto* text = std::get_if<std::string>(&value))
		return *text;
	std::string out;
	appendValue(out, value);
	return out;
}

} // namespace datatap
