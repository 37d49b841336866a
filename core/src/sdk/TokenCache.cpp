#include "datatap/TokenCache.h"

#include <algorithm>

namespace datatap {

TokenCache::TokenCache(std::chrono::seconds refreshEarly):
	_refreshEarly(refreshEarly)
{
}

void TokenCache::setRefreshEarly(std::chrono::seconds refreshEarly)
{
	std::lock_guard<std::mutex> lock(_mutex);
	_refreshEarly = refreshEarly;
}

bool TokenCache::isFresh() const
{
	return !_token.empty() && (!_expires || Clock::now() < _refreshAt);
}

std::string TokenCache::get(const Fetch& fetch)
{
	std::unique_lock<std::mutex> lock(_mutex);
	while (!isFresh() && _fetching)
	{
		const unsigned long awaited = _generation;
		_fetched.wait(lock, [&] { return _generation != awaited; });
		if (_failure)
			std::rethrow_exception(_failure);
		// Unless invalidate() came in between, this is the token just fetched.
		if (!_token.empty())
			return _token;
	}
	if (isFresh())
		return _token;

	_fetching = true;
	_failure = nullptr;
	lock.unlock();
	Token token;
	std::exception_ptr failure;
	try
	{
		token = fetch();
	}
	catch (...)
	{
		failure = std::current_exception();
	}
	lock.lock();
	_fetching = false;
	++_generation;
	_failure = failure;
	if (!failure)
	{
		_token = token.value;
		_expires = token.lifetime.count() > 0;
		// In milliseconds, so half of a one-second lifetime is not rounded to nothing.
		const std::chrono::milliseconds lifetime = token.lifetime;
		if (_expires)
			_refreshAt = Clock::now() + lifetime - std::min<std::chrono::milliseconds>(_refreshEarly, lifetime / 2);
	}
	lock.unlock();
	_fetched.notify_all();
	if (failure)
		std::rethrow_exception(failure);
	return token.value;
}

void TokenCache::invalidate()
{
	std::lock_guard<std::mutex> lock(_mutex);
	_token.clear();
}

} // namespace datatap
