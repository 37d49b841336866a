// The typed decoder with a schema and records pointer taken from the input, so
// the schema reader is fuzzed along with the decoding.

#include "FuzzTarget.h"
#include "support/DecoderFuzz.h"
#include "support/FuzzInput.h"

int fuzzOne(const std::uint8_t* data, std::size_t size)
{
	datatap::fuzz::FuzzInput input(data, size);
	const std::size_t step = input.byte() % 7 + 1;
	const std::string fields = input.shortString();
	const std::string records = input.shortString();
	const datatap::fuzz::DecoderFuzz typed("TypedDecoder", "typed", {{"fields", fields}, {"records", records}, {"name", "record"}});
	typed.run(input.rest(), step);
	return 0;
}
