// `typed`: records checked against a schema declared in the INI
// (`fields = userId:int, id:int, title:string, done:bool?`), strictly, as the
// `album` decoder checks its three fields: `album` is `typed` with that schema.

#include "JsonPointer.h"
#include "RecordSelector.h"
#include "TypedRecordBuilder.h"
#include "TypedSchema.h"

#include <datatap/Plugin.h>

#include <Poco/Exception.h>

namespace {

class TypedDecoder: public datatap::ResourceDecoder
{
public:
	void configure(const datatap::PluginOptions& options) override
	{
		try
		{
			_schema = datatap::typed::TypedSchema::parse(options.getString("fields"));
		}
		catch (const Poco::SyntaxException& exc)
		{
			options.fail("fields", exc.message());
		}
		_pointer = datatap::decoding::JsonPointer::fromOption(options, "records");
		_name = options.getString("name", "");
	}

	void decode(std::istream& body, const datatap::ResponseInfo& info, datatap::RecordSink& sink) override
	{
		std::string name = _name.empty() ? info.source : _name;
		if (name.empty())
			name = "record";
		datatap::typed::TypedRecordBuilder builder(_schema, name, sink);
		datatap::decoding::RecordSelector::decode(body, _pointer, builder, builder.prefix());
	}

private:
	datatap::typed::TypedSchema _schema;
	datatap::decoding::JsonPointer _pointer;
	std::string _name;
};

const DatatapOption kOptions[] = {
	{"fields", DATATAP_OPTION_STRING, DATATAP_OPTION_REQUIRED, nullptr, "the schema: name:type, ... with types int, float, string, bool; a '?' after the type makes a field optional"},
	{"records", DATATAP_OPTION_STRING, 0, "", "JSON pointer to the array of records (or the one record); empty: the whole body"},
	{"name", DATATAP_OPTION_STRING, 0, "", "what a record is called in error messages; empty: the source's name"},
};

const DatatapClass kClasses[] = {
	{"typed", DATATAP_KIND_DECODER, "TypedDecoder", "1.0.0", "records strictly checked against a schema declared in the INI", kOptions, datatap::countOf(kOptions)},
};

} // namespace

DATATAP_PLUGIN_HANDSHAKE(kClasses)

DATATAP_BEGIN_DECODER_MANIFEST
POCO_EXPORT_CLASS(TypedDecoder)
POCO_END_MANIFEST
