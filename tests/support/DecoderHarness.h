#pragma once

#include "datatap/PluginOptions.h"
#include "datatap/Record.h"
#include "datatap/ResourceDecoder.h"

#include <memory>
#include <string>
#include <vector>

namespace datatap::test {

/// Runs a shipped decoder plugin, loaded as the runner loads it, over a body.
/// Every body is decoded twice — from one buffer and trickled a byte at a time —
/// and the harness fails the test when the two disagree, so each decoder test
/// also covers every chunk boundary.
class DecoderHarness
{
public:
	DecoderHarness(std::string decoder, PluginOptions::Values options, std::string source = "test");

	std::unique_ptr<ResourceDecoder> create() const;
	std::vector<Record> decode(const std::string& body) const;
	/// The DecodeError's message, or "no error".
	std::string errorOf(const std::string& body) const;
	/// How many records reached the sink, error or not: what a streaming decoder
	/// delivered before it met a bad byte.
	std::size_t recordsDelivered(const std::string& body) const;
	/// The ConfigError configure() throws, or "no error".
	std::string configErrorOf() const;

	/// A record's fields as compact JSON, for comparing records in one CHECK.
	static std::string text(const Record& record);
	static std::string text(const std::vector<Record>& records);

private:
	struct Outcome
	{
		std::vector<Record> records;
		std::string error;
	};

	Outcome run(const std::string& body, bool trickle) const;

	std::string _decoder;
	PluginOptions::Values _options;
	std::string _source;
};

} // namespace datatap::test
