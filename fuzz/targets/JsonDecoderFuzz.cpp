// The json decoder over any body, with a records pointer chosen by the input
// (the pointer grammar is part of what is fuzzed).

#include "FuzzTarget.h"
#include "support/DecoderFuzz.h"
#include "support/FuzzInput.h"

int fuzzOne(const std::uint8_t* data, std::size_t size)
{
	datatap::fuzz::FuzzInput input(data, size);
	const std::size_t step = input.byte() % 7 + 1;
	const std::string records = input.shortString();
	const datatap::fuzz::DecoderFuzz json("JsonDecoder", "json", {{"records", records}});
	json.run(input.rest(), step);
	return 0;
}
