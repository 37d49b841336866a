#pragma once

#include "datatap/PluginOptions.h"

#include <string>

namespace datatap::fuzz {

/// Runs one decoder, linked into the target from its plugin's sources and created
/// through its own POCO manifest (as the registry does), over a body twice: from
/// one buffer and trickled in small reads. A DecodeError is the expected answer
/// to a bad body; anything else escaping decode(), or the two runs disagreeing
/// on records or error, aborts.
class DecoderFuzz
{
public:
	DecoderFuzz(std::string className, std::string pluginName, PluginOptions::Values options);

	/// Options the decoder refuses (ConfigError) end the run quietly.
	void run(const std::string& body, std::size_t step) const;

private:
	std::string decode(const std::string& body, std::size_t step) const;

	std::string _className;
	std::string _pluginName;
	PluginOptions::Values _options;
};

} // namespace datatap::fuzz
