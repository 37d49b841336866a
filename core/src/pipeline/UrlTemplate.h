#pragma once

#include "config/Config.h"
#include "datatap/Api.h"

#include <string>
#include <vector>

namespace datatap {

/// A source URL with `{name}` placeholders and the partitions that fill them:
/// request i is the i-th combination, the first partition varying slowest, each
/// value percent-encoded into the URL.
class DATATAP_API UrlTemplate
{
public:
	UrlTemplate(std::string url, const std::vector<Partition>& partitions);

	std::size_t size() const;
	std::string at(std::size_t index) const;

private:
	std::string _url;
	const std::vector<Partition>& _partitions;
	std::size_t _size = 1;
};

} // namespace datatap
