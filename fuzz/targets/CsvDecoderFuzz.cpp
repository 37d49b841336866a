// The csv decoder over any body, with its delimiter and number inference chosen
// by the input.

#include "FuzzTarget.h"
#include "support/DecoderFuzz.h"
#include "support/FuzzInput.h"

int fuzzOne(const std::uint8_t* data, std::size_t size)
{
	static const char* const kDelimiters[] = {",", ";", "tab", "|", "\"", ",,"};
	datatap::fuzz::FuzzInput input(data, size);
	const std::uint8_t choice = input.byte();
	const std::size_t step = choice % 7 + 1;
	const std::string delimiter = kDelimiters[(choice >> 3) % 6];
	const std::string infer = (choice & 0x80) != 0 ? "true" : "false";
	const datatap::fuzz::DecoderFuzz csv("CsvDecoder", "csv", {{"delimiter", delimiter}, {"infer_numbers", infer}});
	csv.run(input.rest(), step);
	return 0;
}
