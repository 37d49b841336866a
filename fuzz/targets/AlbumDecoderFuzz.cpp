// The album decoder over any body.

#include "FuzzTarget.h"
#include "support/DecoderFuzz.h"
#include "support/FuzzInput.h"

int fuzzOne(const std::uint8_t* data, std::size_t size)
{
	static const datatap::fuzz::DecoderFuzz album("AlbumDecoder", "album", {});
	datatap::fuzz::FuzzInput input(data, size);
	const std::size_t step = input.byte() % 7 + 1;
	album.run(input.rest(), step);
	return 0;
}
