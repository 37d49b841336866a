#pragma once

#include "config/Config.h"
#include "datatap/Api.h"
#include "datatap/RecordSink.h"
#include "datatap/ResourceDecoder.h"

#include <istream>
#include <string>

namespace datatap {

/// Hands one page's body to its source's decoder, the same way on the worker
/// path and the event-driven one: the Content-Encoding undone (max_body limits
/// the inflated bytes too, since a small gzip body can inflate to gigabytes),
/// the decoded page kept when the pagination has to read it (a cursor), and
/// whatever escapes the decoder reported naming the source, URL and decoder.
class DATATAP_API PageDecoder
{
public:
	/// page: filled with the decoded body when keepPage, left alone otherwise.
	static void decode(const SourceConfig& source, ResourceDecoder& decoder, const ResponseInfo& info, std::istream& body, const std::string& contentEncoding, bool keepPage, RecordSink& sink, std::string& page);
};

} // namespace datatap
