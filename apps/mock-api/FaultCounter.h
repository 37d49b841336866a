#pragma once

#include <Poco/Mutex.h>

#include <map>
#include <string>

namespace datatap {
namespace mock {

/// Counts requests per key across connections and threads, so a fault route
/// can fail the first N requests of a test and then succeed.
class FaultCounter
{
public:
	/// The number of earlier requests with this key; counts this one.
	int next(const std::string& key);

private:
	Poco::FastMutex _mutex;
	std::map<std::string, int> _counts;
};

} // namespace mock
} // namespace datatap
