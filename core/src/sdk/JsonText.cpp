#include "datatap/JsonText.h"

#include <fmt/format.h>

#include <iterator>

namespace datatap {

namespace {

// Bytes a JSON string cannot hold as they are: control characters, '"' and '\\'.
// A table, because this loop runs over every byte of every string written out.
struct EscapeTable
{
	bool escape[256] = {};
	constexpr EscapeTable()
	{
		for (int c = 0; c < 0x20; ++c)
			escape[c] = true;
		escape[static_cast<unsigned char>('"')] = true;
		escape[static_cast<unsigned char>('\\')] = true;
	}
};

constexpr EscapeTable kEscape;

} // namespace

void JsonText::appendString(std::string& out, const std::string& text)
{
	out += '"';
	const char* run = text.data();
	const char* const end = run + text.size();
	for (const char* p = run; p != end; ++p)
	{
		const char c = *p;
		if (!kEscape.escape[static_cast<unsigned char>(c)])
			continue;
		out.append(run, static_cast<std::size_t>(p - run));
		run = p + 1;
		switch (c)
		{
		case '"': out += "\\\""; break;
		case '\\': out += "\\\\"; break;
		case '\n': out += "\\n"; break;
		case '\r': out += "\\r"; break;
		case '\t': out += "\\t"; break;
		case '\b': out += "\\b"; break;
		case '\f': out += "\\f"; break;
		default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c));
		}
	}
	out.append(run, static_cast<std::size_t>(end - run));
	out += '"';
}

void JsonText::appendValue(std::string& out, const Value& value)
{
	switch (value.index())
	{
	case 0: out += "null"; break;
	case 1: out += std::get<bool>(value) ? "true" : "false"; break;
	case 2:
	{
		const fmt::format_int digits(std::get<std::int64_t>(value));
		out.append(digits.data(), digits.size());
		break;
	}
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
