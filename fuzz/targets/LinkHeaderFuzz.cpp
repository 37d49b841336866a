// RFC 8288 Link values as a server might send them: parse() skips what is
// malformed and never fails; find() returns a target parse() produced.

#include "FuzzTarget.h"
#include "support/FuzzInput.h"
#include "transport/LinkHeader.h"

#include <algorithm>
#include <cstdlib>

int fuzzOne(const std::uint8_t* data, std::size_t size)
{
	datatap::fuzz::FuzzInput input(data, size);
	const std::string rel = input.shortString();
	std::vector<std::string> values;
	while (!input.empty())
		values.push_back(input.shortString());
	std::vector<std::string> targets;
	for (const std::string& value: values)
	{
		for (const datatap::LinkHeader::Link& link: datatap::LinkHeader::parse(value))
			targets.push_back(link.target);
	}
	const std::string found = datatap::LinkHeader::find(values, rel);
	if (!found.empty() && std::find(targets.begin(), targets.end(), found) == targets.end())
		std::abort();
	return 0;
}
