#include "datatap/Exceptions.h"
#include "datatap/TokenCache.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

using datatap::TokenCache;

namespace {

// Runs get() from 16 threads at once and returns what each got.
std::vector<std::string> getFromSixteenThreads(TokenCache& cache, const TokenCache::Fetch& fetch)
{
	std::vector<std::string> results(16);
	std::vector<std::thread> threads;
	for (std::size_t i = 0; i < results.size(); ++i)
		threads.emplace_back([&, i] {
			try
			{
				results[i] = cache.get(fetch);
			}
			catch (const datatap::AuthError& exc)
			{
				results[i] = "error: " + exc.message();
			}
		});
	for (std::thread& thread: threads)
		thread.join();
	return results;
}

} // namespace

TEST_CASE("token cache: sixteen threads needing a token cause one fetch", "[token-cache]")
{
	TokenCache cache;
	std::atomic<int> fetches{0};
	const auto fetch = [&] {
		const int number = ++fetches;
		std::this_thread::sleep_for(std::chrono::milliseconds(200));
		return TokenCache::Token{"token-" + std::to_string(number), std::chrono::seconds(3600)};
	};
	const std::vector<std::string> results = getFromSixteenThreads(cache, fetch);
	CHECK(fetches == 1);
	CHECK(std::all_of(results.begin(), results.end(), [](const std::string& token) { return token == "token-1"; }));
	CHECK(cache.get(fetch) == "token-1");
	CHECK(fetches == 1);
}

TEST_CASE("token cache: a failed fetch fails every waiting thread, and the next get tries again", "[token-cache]")
{
	TokenCache cache;
	std::atomic<int> fetches{0};
	const std::vector<std::string> results = getFromSixteenThreads(cache, [&]() -> TokenCache::Token {
		++fetches;
		std::this_thread::sleep_for(std::chrono::milliseconds(200));
		throw datatap::AuthError("refused");
	});
	CHECK(fetches == 1);
	CHECK(std::all_of(results.begin(), results.end(), [](const std::string& result) { return result == "error: refused"; }));
	CHECK(cache.get([] { return TokenCache::Token{"fresh", std::chrono::seconds(0)}; }) == "fresh");
}

TEST_CASE("token cache: a token is replaced before it expires, and after invalidate()", "[token-cache]")
{
	TokenCache cache(std::chrono::seconds(30));
	int fetches = 0;
	const auto fetch = [&] { return TokenCache::Token{"token-" + std::to_string(++fetches), std::chrono::seconds(1)}; };
	CHECK(cache.get(fetch) == "token-1");
	CHECK(cache.get(fetch) == "token-1");
	// Half the lifetime at most is taken off, so a one-second token lives half a second.
	std::this_thread::sleep_for(std::chrono::milliseconds(600));
	CHECK(cache.get(fetch) == "token-2");
	cache.invalidate();
	CHECK(cache.get(fetch) == "token-3");
}
