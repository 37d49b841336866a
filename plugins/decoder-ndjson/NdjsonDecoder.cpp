// `ndjson`: one JSON value a line (objects become records field by field, other
// values a record with one field `value`); blank lines are skipped. Each line is
// parsed straight from the body's buffer, so no line is held whole.

#include "JsonPointer.h"
#include "JsonRecordBuilder.h"
#include "LineStreamBuf.h"
#include "RecordSelector.h"

#include <datatap/JsonStreamParser.h>
#include <datatap/Plugin.h>

#include <istream>

namespace {

// JSON's whitespace; a line of nothing else is blank.
bool isBlank(int c)
{
	return c == ' ' || c == '\t' || c == '\r';
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
			int c = lines.sgetc();
			while (isBlank(c))
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
				// The parser counts from the start of the line it was given.
				std::string message = exc.message();
				const std::string firstLine = "line 1, ";
				if (message.rfind(firstLine, 0) == 0)
					message.erase(0, firstLine.size());
				throw datatap::DecodeError("Failed to load NDJSON: line " + std::to_string(lines.lineNumber()) + ": not valid JSON: " + message);
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
