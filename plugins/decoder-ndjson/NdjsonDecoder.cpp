// `ndjson`: one JSON value a line (objects become records field by field, other
// values a record with one field `value`); blank lines are skipped. Each line is
// parsed straight from the body's buffer, so no line is held whole.

#include "JsonPointer.h"
#include "JsonRecordBuilder.h"
#include "LineStreamBuf.h"
#include "RecordSelector.h"

#include <datatap/JsonStreamParser.h>
#include <datatap/Plugin.h>

#include <cstdint>
#include <istream>
#include <string>

namespace {

// JSON's whitespace; a line of nothing else is blank.
bool isBlank(int c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

// The parser's "line 1, column C: what" for a line it was given without its
// first indent bytes, as "column C': what" counted from the start of the line.
std::string onLine(const std::string& message, std::uint64_t indent)
{
	const std::string prefix = "line 1, column ";
	if (message.rfind(prefix, 0) != 0)
		return message;
	std::size_t end = prefix.size();
	std::uint64_t column = 0;
	for (; end < message.size() && message[end] >= '0' && message[end] <= '9'; ++end)
		column = column * 10 + static_cast<std::uint64_t>(message[end] - '0');
	return "column " + std::to_string(column + indent) + message.substr(end);
}

class NdjsonDecoder: public datatap::ResourceDecoder
{
public:
	void configure(const datatap::PluginOptions&) override
	{
	}

	void decode(std::istream& body, const datatap::ResponseInfo&, datatap::RecordSink& sink) override
	{
		using Traits = std::streambuf::traits_type;
		const datatap::decoding::JsonPointer wholeLine;
		datatap::decoding::JsonRecordBuilder builder(sink);
		datatap::decoding::RecordSelector selector(wholeLine, builder, false);
		datatap::JsonStreamParser parser(selector);
		datatap::decoding::LineStreamBuf lines(*body.rdbuf());
		std::istream line(&lines);
		while (lines.nextLine())
		{
			std::uint64_t indent = 0;
			int c = lines.sgetc();
			for (; isBlank(c); ++indent)
				c = lines.snextc();
			if (Traits::eq_int_type(c, Traits::eof()))
				continue;
			selector.reset();
			try
			{
				parser.parse(line);
			}
			catch (const datatap::DecodeError& exc)
			{
				throw datatap::DecodeError("Failed to load NDJSON: line " + std::to_string(lines.lineNumber()) + ": not valid JSON: " + onLine(exc.message(), indent));
			}
		}
	}
};

const DatatapClass kClasses[] = {
	{"ndjson", DATATAP_KIND_DECODER, "NdjsonDecoder", "1.0.0", "newline-delimited JSON: one record a line, blank lines skipped", nullptr, 0},
};

} // namespace

DATATAP_PLUGIN_HANDSHAKE(kClasses)

DATATAP_BEGIN_DECODER_MANIFEST
POCO_EXPORT_CLASS(NdjsonDecoder)
POCO_END_MANIFEST
