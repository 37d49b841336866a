// `json`: any JSON body. `records` (a JSON pointer) selects the array whose
// elements are the records, or the one value that is the record; records leave
// for the sink as they are parsed.

#include "JsonPointer.h"
#include "JsonRecordBuilder.h"
#include "RecordSelector.h"

#include <datatap/Plugin.h>

namespace {

class JsonDecoder: public datatap::ResourceDecoder
{
public:
	void configure(const datatap::PluginOptions& options) override
	{
		_pointer = datatap::decoding::JsonPointer::fromOption(options, "records");
	}

	void decode(std::istream& body, const datatap::ResponseInfo&, datatap::RecordSink& sink) override
	{
		datatap::decoding::JsonRecordBuilder builder(sink);
		datatap::decoding::RecordSelector::decode(body, _pointer, builder, "Failed to load JSON: ");
	}

private:
	datatap::decoding::JsonPointer _pointer;
};

const DatatapOption kOptions[] = {
	{"records", DATATAP_OPTION_STRING, 0, "", "JSON pointer to the array of records (or the one record), e.g. /data/items; empty: the whole body"},
};

const DatatapClass kClasses[] = {
	{"json", DATATAP_KIND_DECODER, "JsonDecoder", "1.0.0", "any JSON: one record per element of the selected array, or the selected value as one record", kOptions, datatap::countOf(kOptions)},
};

} // namespace

DATATAP_PLUGIN_HANDSHAKE(kClasses)

DATATAP_BEGIN_DECODER_MANIFEST
POCO_EXPORT_CLASS(JsonDecoder)
POCO_END_MANIFEST
