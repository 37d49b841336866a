#include "ProgressLine.h"

#include <fmt/format.h>

#include <cstdio>

namespace datatap {

ProgressLine::ProgressLine(bool enabled):
	_enabled(enabled)
{
}

void ProgressLine::update(std::size_t done, std::size_t total)
{
	if (!_enabled || _started.elapsed() < 1000000 || (_shown && _lastDrawn.elapsed() < 200000 && done != total))
		return;
	const double seconds = static_cast<double>(_started.elapsed()) / 1e6;
	fmt::print(stderr, "\rdatatap: {}/{} requests, {:.0f} requests/s\x1b[K", done, total, static_cast<double>(done) / seconds);
	std::fflush(stderr);
	_shown = true;
	_lastDrawn.update();
}

void ProgressLine::clear()
{
	if (_shown)
	{
		fmt::print(stderr, "\r\x1b[K");
		std::fflush(stderr);
		_shown = false;
	}
}

} // namespace datatap
