// Source URLs: UrlTemplate fills placeholders from partitions given by the input,
// and the URL it builds keeps the origin of the template (a partition value can
// never move a request to another host); originOf() takes any parsed URI.

#include "FuzzTarget.h"
#include "pipeline/UrlTemplate.h"
#include "support/FuzzInput.h"
#include "transport/HttpTransport.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <cstdio>
#include <cstdlib>

namespace {

// A placeholder in the scheme or authority may move the request by design.
bool placeholderInOrigin(const std::string& url)
{
	const std::size_t scheme = url.find("://");
	const std::size_t authority = scheme == std::string::npos ? 0 : scheme + 3;
	const std::size_t end = url.find_first_of("/?#", authority);
	return url.find_first_of("{}") < end;
}

} // namespace

int fuzzOne(const std::uint8_t* data, std::size_t size)
{
	datatap::fuzz::FuzzInput input(data, size);
	const std::string url = input.shortString();
	std::vector<datatap::Partition> partitions(input.byte() % 3);
	for (datatap::Partition& partition: partitions)
	{
		partition.name = input.shortString();
		partition.values.resize(input.byte() % 3 + 1);
		for (std::string& value: partition.values)
			value = input.shortString();
	}
	// Only a template with a host has an origin to keep: Config refuses the others
	// (a template like "https:/{id}/host" could gain one when id is empty).
	std::string origin;
	try
	{
		const Poco::URI uri(url);
		if (!uri.getHost().empty())
			origin = datatap::HttpTransport::originOf(uri);
	}
	catch (const Poco::SyntaxException&)
	{
	}
	const datatap::UrlTemplate urls(url, partitions);
	for (std::size_t i = 0; i < urls.size() && i < 16; ++i)
	{
		const std::string filled = urls.at(i);
		if (origin.empty() || placeholderInOrigin(url))
			continue;
		try
		{
			if (datatap::HttpTransport::originOf(Poco::URI(filled)) != origin)
			{
				std::fprintf(stderr, "%s filled to %s\n", url.c_str(), filled.c_str());
				std::abort();
			}
		}
		catch (const Poco::SyntaxException&)
		{
			std::abort();
		}
	}
	return 0;
}
