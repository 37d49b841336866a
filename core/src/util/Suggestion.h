#pragma once

#include "datatap/Api.h"

#include <string>
#include <vector>

namespace datatap {

/// Finds the candidate nearest to a misspelt word, for "did you mean" hints.
class DATATAP_API Suggestion
{
public:
	/// The closest candidate by edit distance, or "" when none is close enough.
	static std::string nearest(const std::string& word, const std::vector<std::string>& candidates);

	/// " (did you mean 'x'?)" or "" when nothing is close.
	static std::string hint(const std::string& word, const std::vector<std::string>& candidates);

	static std::size_t distance(const std::string& a, const std::string& b);
};

} // namespace datatap
