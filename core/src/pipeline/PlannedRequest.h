#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace datatap {

/// A request as `--dry-run` shows it: credentials already masked.
struct PlannedRequest
{
	std::string source;
	std::string method;
	std::string url;
	std::vector<std::pair<std::string, std::string>> headers;
	std::string decoder;
	std::size_t requests = 1; ///< how many the source makes before pagination (partitions)
	std::string pagination;   ///< "" for none
};

} // namespace datatap
