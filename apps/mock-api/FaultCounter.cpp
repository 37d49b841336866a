#include "FaultCounter.h"

namespace datatap {
namespace mock {

int FaultCounter::next(const std::string& key)
{
	Poco::FastMutex::ScopedLock lock(_mutex);
	return _counts[key]++;
}

} // namespace mock
} // namespace datatap
