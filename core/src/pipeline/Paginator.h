#pragma once

#include "config/Config.h"
#include "datatap/Api.h"
#include "transport/HttpFetcher.h"

#include <Poco/URI.h>

#include <optional>
#include <set>
#include <string>

namespace datatap {

/// Walks a source through its pages as its `pagination =` says, and stops a
/// server that sends it round in circles: a next page or cursor seen before,
/// or more than max_pages pages, is an error.
class DATATAP_API Paginator
{
public:
	Paginator(const PaginationConfig& config, std::string source);

	/// The first page's URL: base with the page/offset/limit parameters set.
	Poco::URI first(const Poco::URI& base);

	/// Whether next() needs the body of each page (cursor pagination).
	bool needsBody() const;

	/// The next page's URL, or nullopt after the last page.
	std::optional<Poco::URI> next(const FetchOutcome& outcome, std::size_t records, const std::string* body);

private:
	void count();

	PaginationConfig _config;
	std::string _source;
	Poco::URI _base;
	std::int64_t _page = 0;
	std::int64_t _offset = 0;
	std::int64_t _pages = 0;
	std::set<std::string> _seen;
};

} // namespace datatap
