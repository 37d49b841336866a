#include "util/Suggestion.h"

#include <Poco/String.h>

#include <algorithm>
#include <numeric>

namespace datatap {

std::size_t Suggestion::distance(const std::string& a, const std::string& b)
{
	std::vector<std::size_t> row(b.size() + 1);
	std::iota(row.begin(), row.end(), std::size_t{0});
	for (std::size_t i = 1; i <= a.size(); ++i)
	{
		std::size_t diagonal = row[0];
		row[0] = i;
		for (std::size_t j = 1; j <= b.size(); ++j)
		{
			const std::size_t above = row[j];
			const bool same = Poco::Ascii::toLower(a[i - 1]) == Poco::Ascii::toLower(b[j - 1]);
			row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
			diagonal = above;
		}
	}
	return row[b.size()];
}

std::string Suggestion::nearest(const std::string& word, const std::vector<std::string>& candidates)
{
	std::string best;
	std::size_t bestDistance = std::max<std::size_t>(2, word.size() / 3) + 1;
	for (const std::string& candidate: candidates)
	{
		const std::size_t d = distance(word, candidate);
		if (d < bestDistance)
		{
			bestDistance = d;
			best = candidate;
		}
	}
	return best;
}

std::string Suggestion::hint(const std::string& word, const std::vector<std::string>& candidates)
{
	const std::string best = nearest(word, candidates);
	return best.empty() ? std::string() : " (did you mean '" + best + "'?)";
}

} // namespace datatap
