#pragma once

#include <Poco/Timestamp.h>

#include <cstddef>

namespace datatap {

/// The "requests done / total" line on a terminal's stderr, for runs longer than
/// a second; silent when stderr is not a terminal, so logs and pipes stay clean.
class ProgressLine
{
public:
	explicit ProgressLine(bool enabled);
	void update(std::size_t done, std::size_t total);
	void clear();

private:
	bool _enabled;
	bool _shown = false;
	Poco::Timestamp _started;
	Poco::Timestamp _lastDrawn;
};

} // namespace datatap
