#pragma once

#include "datatap/Api.h"
#include "datatap/PluginOptions.h"
#include "datatap/RecordSink.h"

#include <istream>
#include <string>

namespace datatap {

/// What the decoder may want to know about the response it reads.
struct ResponseInfo
{
	std::string source;      ///< the `[source.*]` name
	std::string url;         ///< without credentials
	int status = 0;
	std::string contentType; ///< empty when the server sent none
};

/// Turns a response body into records. The body arrives as a stream and records
/// leave through the sink as they are parsed, so no body has to sit in memory.
class DATATAP_API ResourceDecoder
{
public:
	ResourceDecoder() = default;
	ResourceDecoder(const ResourceDecoder&) = delete;
	ResourceDecoder& operator=(const ResourceDecoder&) = delete;
	virtual ~ResourceDecoder();

	/// Validates the source section's decoder options; throws ConfigError.
	virtual void configure(const PluginOptions& options) = 0;

	/// Reads the whole body; throws DecodeError on a body of the wrong shape.
	virtual void decode(std::istream& body, const ResponseInfo& info, RecordSink& sink) = 0;
};

} // namespace datatap
