#include "pipeline/UrlTemplate.h"

#include <Poco/String.h>
#include <Poco/URI.h>

namespace datatap {

UrlTemplate::UrlTemplate(std::string url, const std::vector<Partition>& partitions):
	_url(std::move(url)),
	_partitions(partitions)
{
	for (const Partition& partition: _partitions)
		_size *= partition.values.size();
}

std::size_t UrlTemplate::size() const
{
	return _size;
}

std::string UrlTemplate::at(std::size_t index) const
{
	std::string url = _url;
	for (std::size_t p = _partitions.size(); p-- > 0;)
	{
		const Partition& partition = _partitions[p];
		const std::string& value = partition.values[index % partition.values.size()];
		index /= partition.values.size();
		std::string encoded;
		// Everything but unreserved characters, so a value can never add a path
		// segment, a query parameter or a fragment.
		Poco::URI::encode(value, "!#$&'()*+,/:;=?@[]% \"<>\\^`{|}", encoded);
		Poco::replaceInPlace(url, "{" + partition.name + "}", encoded);
	}
	return url;
}

} // namespace datatap
