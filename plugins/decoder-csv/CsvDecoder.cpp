// `csv`: RFC 4180 CSV with a header row naming the fields. Fields are strings;
// with `infer_numbers = true` an unquoted field that is exactly a JSON number
// becomes an integer or a float. Rows are read and pushed one at a time.

#include "CsvReader.h"

#include <datatap/Plugin.h>

#include <cerrno>
#include <cstdlib>
#include <set>

namespace {

bool isValidUtf8(const std::string& text)
{
	const auto* p = reinterpret_cast<const unsigned char*>(text.data());
	const auto* end = p + text.size();
	while (p < end)
	{
		const unsigned char lead = *p++;
		if (lead < 0x80)
			continue;
		int continuation = 0;
		unsigned char low = 0x80;
		unsigned char high = 0xBF;
		if (lead >= 0xC2 && lead <= 0xDF)
			continuation = 1;
		else if (lead >= 0xE0 && lead <= 0xEF)
		{
			continuation = 2;
			// Overlong forms and UTF-16 surrogates are not UTF-8.
			low = lead == 0xE0 ? 0xA0 : 0x80;
			high = lead == 0xED ? 0x9F : 0xBF;
		}
		else if (lead >= 0xF0 && lead <= 0xF4)
		{
			continuation = 3;
			low = lead == 0xF0 ? 0x90 : 0x80;
			high = lead == 0xF4 ? 0x8F : 0xBF;
		}
		else
			return false;
		for (int i = 0; i < continuation; ++i, ++p)
		{
			if (p == end || *p < low || *p > high)
				return false;
			low = 0x80;
			high = 0xBF;
		}
	}
	return true;
}

bool isDigit(char c)
{
	return c >= '0' && c <= '9';
}

// The field as a number when it is exactly a JSON number; integers that do not
// fit 64 bits stay strings rather than lose digits.
datatap::Value inferValue(const std::string& text)
{
	std::size_t at = 0;
	const std::size_t size = text.size();
	if (at < size && text[at] == '-')
		++at;
	const std::size_t digits = at;
	if (at < size && text[at] == '0')
		++at;
	else
		while (at < size && isDigit(text[at]))
			++at;
	if (at == digits)
		return text;
	bool integral = true;
	if (at < size && text[at] == '.')
	{
		integral = false;
		const std::size_t fraction = ++at;
		while (at < size && isDigit(text[at]))
			++at;
		if (at == fraction)
			return text;
	}
	if (at < size && (text[at] == 'e' || text[at] == 'E'))
	{
		integral = false;
		++at;
		if (at < size && (text[at] == '+' || text[at] == '-'))
			++at;
		const std::size_t exponent = at;
		while (at < size && isDigit(text[at]))
			++at;
		if (at == exponent)
			return text;
	}
	if (at != size)
		return text;
	errno = 0;
	if (integral)
	{
		const long long number = std::strtoll(text.c_str(), nullptr, 10);
		if (errno == ERANGE)
			return text;
		return static_cast<std::int64_t>(number);
	}
	const double number = std::strtod(text.c_str(), nullptr);
	if (errno == ERANGE && (number > 1.0 || number < -1.0))
		return text;
	return number;
}

class CsvDecoder: public datatap::ResourceDecoder
{
public:
	void configure(const datatap::PluginOptions& options) override
	{
		const std::string delimiter = options.getString("delimiter", ",");
		if (delimiter == "tab" || delimiter == "\\t")
			_delimiter = '\t';
		else if (delimiter.size() == 1 && delimiter != "\"" && delimiter != "\r" && delimiter != "\n")
			_delimiter = delimiter[0];
		else
			options.fail("delimiter", "must be one character other than a quote (or 'tab'), found '" + delimiter + "'");
		_inferNumbers = options.getBool("infer_numbers", false);
	}

	void decode(std::istream& body, const datatap::ResponseInfo&, datatap::RecordSink& sink) override
	{
		try
		{
			decodeRows(body, sink);
		}
		catch (const datatap::DecodeError& exc)
		{
			throw datatap::DecodeError("Failed to load CSV: " + exc.message());
		}
	}

private:
	void decodeRows(std::istream& body, datatap::RecordSink& sink) const
	{
		datatap::csv::CsvReader reader(body, _delimiter, std::size_t{64} << 20);
		if (!reader.readRow())
			return;
		std::vector<std::string> names;
		std::set<std::string> seen;
		for (std::size_t at = 0; at < reader.fieldCount(); ++at)
		{
			const std::string& name = reader.field(at);
			if (!isValidUtf8(name))
				throw datatap::DecodeError(reader.where() + ": header: column " + std::to_string(at + 1) + ": invalid UTF-8");
			if (!seen.insert(name).second)
				throw datatap::DecodeError(reader.where() + ": header: column '" + name + "' appears twice");
			names.push_back(name);
		}
		datatap::Record record;
		while (reader.readRow())
		{
			if (reader.fieldCount() != names.size())
				throw datatap::DecodeError(reader.where() + ": expected " + std::to_string(names.size()) + " fields as in the header, found " + std::to_string(reader.fieldCount()));
			record.clear();
			for (std::size_t at = 0; at < names.size(); ++at)
			{
				const std::string& text = reader.field(at);
				if (!isValidUtf8(text))
					throw datatap::DecodeError(reader.where() + ": field '" + names[at] + "': invalid UTF-8");
				if (_inferNumbers && !reader.quoted(at))
					record.add(names[at], inferValue(text));
				else
					record.add(names[at], text);
			}
			sink.write(record);
		}
	}

	char _delimiter = ',';
	bool _inferNumbers = false;
};

const DatatapOption kOptions[] = {
	{"delimiter", DATATAP_OPTION_STRING, 0, ",", "the field separator: one character, or 'tab'"},
	{"infer_numbers", DATATAP_OPTION_BOOLEAN, 0, "false", "unquoted fields that are exactly JSON numbers become integers or floats"},
};

const DatatapClass kClasses[] = {
	{"csv", DATATAP_KIND_DECODER, "CsvDecoder", "1.0.0", "RFC 4180 CSV, the header row naming the fields", kOptions, datatap::countOf(kOptions)},
};

} // namespace

DATATAP_PLUGIN_HANDSHAKE(kClasses)

DATATAP_BEGIN_DECODER_MANIFEST
POCO_EXPORT_CLASS(CsvDecoder)
POCO_END_MANIFEST
