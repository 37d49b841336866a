#pragma once

#include "datatap/Api.h"

#include <string>
#include <vector>

namespace datatap {

/// Reads RFC 8288 `Link` header values: `<url>; rel="next", <url>; rel="last"`.
class DATATAP_API LinkHeader
{
public:
	struct Link
	{
		std::string target;
		std::vector<std::string> relations; ///< lower case
	};

	/// Every well-formed link in the value; malformed ones are skipped.
	static std::vector<Link> parse(const std::string& value);

	/// The target of the first link whose relations include rel, or "".
	static std::string find(const std::vector<std::string>& values, const std::string& rel);
};

} // namespace datatap
