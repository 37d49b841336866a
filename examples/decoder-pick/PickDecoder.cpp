// `pick`: keeps only the named top-level fields of each object in a JSON body
// (one object or an array of them), streaming. With the mock API's /albums,
// `fields = id, title` turns albums into {id, title} records.

#include "PickHandler.h"

#include <datatap/JsonStreamParser.h>
#include <datatap/Plugin.h>

#include <Poco/StringTokenizer.h>

#include <algorithm>

namespace {

class PickDecoder: public datatap::ResourceDecoder
{
public:
	void configure(const datatap::PluginOptions& options) override
	{
		const Poco::StringTokenizer names(options.getString("fields"), ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
		if (names.count() == 0)
			options.fail("fields", "names no field");
		for (const std::string& name: names)
		{
			if (std::find(_fields.begin(), _fields.end(), name) != _fields.end())
				options.fail("fields", "names '" + name + "' twice");
			_fields.push_back(name);
		}
		_requireAll = options.getBool("require_all", false);
	}

	void decode(std::istream& body, const datatap::ResponseInfo&, datatap::RecordSink& sink) override
	{
		pick::PickHandler handler(_fields, _requireAll, sink);
		datatap::JsonStreamParser(handler).parse(body);
	}

private:
	std::vector<std::string> _fields;
	bool _requireAll = false;
};

const DatatapOption kOptions[] = {
	{"fields", DATATAP_OPTION_STRING, DATATAP_OPTION_REQUIRED, nullptr, "comma-separated top-level fields to keep, in output order"},
	{"require_all", DATATAP_OPTION_BOOLEAN, 0, "false", "a record without one of the fields is an error (else the field is null)"},
};

const DatatapClass kClasses[] = {
	{"pick", DATATAP_KIND_DECODER, "PickDecoder", "1.0.0", "the chosen fields of each object of a JSON body", kOptions, datatap::countOf(kOptions)},
};

} // namespace

DATATAP_PLUGIN_HANDSHAKE(kClasses)

DATATAP_BEGIN_DECODER_MANIFEST
	POCO_EXPORT_CLASS(PickDecoder)
POCO_END_MANIFEST
