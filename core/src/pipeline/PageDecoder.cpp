#include "pipeline/PageDecoder.h"

#include "decoding/ContentDecoder.h"
#include "pipeline/PluginBoundary.h"

#include <Poco/StreamCopier.h>
#include <fmt/format.h>

#include <memory>
#include <sstream>

namespace datatap {

void PageDecoder::decode(const SourceConfig& source, ResourceDecoder& decoder, const ResponseInfo& info, std::istream& body, const std::string& contentEncoding, bool keepPage, RecordSink& sink, std::string& page)
{
	// Formatted only when the decoder fails: this runs once a page.
	const auto context = [&] { return fmt::format("source '{}': GET {}: decoder '{}'", source.name, info.url, source.decoder); };
	// An identity body is read as it is; a ContentDecoder would only copy it.
	std::unique_ptr<ContentDecoder> content;
	if (!contentEncoding.empty())
		content = std::make_unique<ContentDecoder>(body, contentEncoding, source.transport.maxBodyBytes);
	std::istream& plain = content ? content->stream() : body;
	if (keepPage)
	{
		// Pages are bounded by max_body, so the page is kept to read it twice.
		Poco::StreamCopier::copyToString(plain, page);
		std::istringstream copy(page);
		PluginBoundary::callDescribed(context, [&] { decoder.decode(copy, info, sink); });
	}
	else
	{
		PluginBoundary::callDescribed(context, [&] { decoder.decode(plain, info, sink); });
	}
}

} // namespace datatap
