// An HTTP response off a connection that delivers the input in reads of sizes
// the input chooses, through the event-driven transport's parser: it ends
// complete, incomplete or refused with a ServiceError, and never holds a body
// larger than max_body.

#include "FuzzTarget.h"
#include "datatap/Exceptions.h"
#include "support/FuzzInput.h"
#include "transport/ResponseParser.h"

#include <algorithm>
#include <cstdlib>

int fuzzOne(const std::uint8_t* data, std::size_t size)
{
	datatap::fuzz::FuzzInput input(data, size);
	const std::size_t step = input.byte() % 32 + 1;
	const std::uint64_t maxBody = input.byte() % 2 == 0 ? 0 : 64;
	const std::string raw = input.rest();
	datatap::ResponseParser parser(maxBody, "http://127.0.0.1/response");
	try
	{
		std::size_t at = 0;
		while (at < raw.size() && !parser.complete())
		{
			const std::size_t count = std::min(step, raw.size() - at);
			const std::size_t used = parser.feed(raw.data() + at, count);
			if (used > count || (used == 0 && !parser.complete()))
				std::abort();
			at += used;
		}
		if (!parser.complete())
			parser.end();
		if (!parser.complete() || (maxBody != 0 && parser.body().size() > maxBody))
			std::abort();
	}
	catch (const datatap::ServiceError&)
	{
	}
	return 0;
}
