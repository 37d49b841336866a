#pragma once

#include "datatap/Api.h"

#include <mutex>
#include <string>
#include <vector>

namespace datatap {

/// Replaces every known secret value in a text with "****" before it reaches a
/// terminal or a log: the last line of defence behind never printing secrets.
/// Thread-safe: workers add the secrets auth strategies hand out as they go.
class DATATAP_API Redactor
{
public:
	static const char* const kMask;

	/// Values shorter than four characters are not masked: masking them would
	/// garble every message while hiding next to nothing.
	void add(const std::string& secret);
	std::string apply(std::string text) const;

private:
	mutable std::mutex _mutex;
	std::vector<std::string> _secrets;
};

} // namespace datatap
