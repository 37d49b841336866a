// `album`: decodes a JSONPlaceholder-style album, or an array of them, into
// strictly typed records {userId:int, id:int, title:string}, streaming.

#include "AlbumHandler.h"

#include <datatap/JsonStreamParser.h>
#include <datatap/Plugin.h>

namespace {

class AlbumDecoder: public datatap::ResourceDecoder
{
public:
	void configure(const datatap::PluginOptions&) override
	{
	}

	void decode(std::istream& body, const datatap::ResponseInfo&, datatap::RecordSink& sink) override
	{
		datatap::album::AlbumHandler handler(sink);
		datatap::JsonStreamParser parser(handler);
		try
		{
			parser.parse(body);
		}
		catch (const datatap::DecodeError& exc)
		{
			if (exc.message().rfind("Failed to load album", 0) == 0)
				throw;
			throw datatap::DecodeError("Failed to load album: not valid JSON: " + exc.message());
		}
	}
};

const DatatapClass kClasses[] = {
	{"album", DATATAP_KIND_DECODER, "AlbumDecoder", "1.0.0", "strict {userId:int, id:int, title:string} albums: one object or an array", nullptr, 0},
};

} // namespace

DATATAP_PLUGIN_HANDSHAKE(kClasses)

DATATAP_BEGIN_DECODER_MANIFEST
	POCO_EXPORT_CLASS(AlbumDecoder)
POCO_END_MANIFEST
