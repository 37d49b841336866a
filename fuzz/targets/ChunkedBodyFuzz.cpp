// Chunked transfer coding off a connection that delivers the input in reads of
// sizes the input chooses: the body is decoded or refused with a ServiceError.

#include "FuzzTarget.h"
#include "datatap/Exceptions.h"
#include "support/FuzzInput.h"
#include "transport/ChunkedBodyReader.h"

#include <algorithm>
#include <cstring>

int fuzzOne(const std::uint8_t* data, std::size_t size)
{
	datatap::fuzz::FuzzInput input(data, size);
	const std::size_t step = input.byte() % 16 + 1;
	const std::string raw = input.rest();
	std::size_t at = 0;
	datatap::ChunkedBodyReader body(
		[&](char* buffer, std::streamsize n)
		{
			const std::size_t count = std::min({step, static_cast<std::size_t>(n), raw.size() - at});
			std::memcpy(buffer, raw.data() + at, count);
			at += count;
			return static_cast<int>(count);
		},
		"http://127.0.0.1/chunked");
	body.exceptions(std::ios::badbit);
	char sink[512];
	try
	{
		while (body.read(sink, sizeof(sink)) || body.gcount() > 0)
		{
		}
	}
	catch (const datatap::ServiceError&)
	{
	}
	return 0;
}
