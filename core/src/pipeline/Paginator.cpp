#include "pipeline/Paginator.h"

#include "datatap/Exceptions.h"
#include "pipeline/JsonPointerLookup.h"
#include "transport/LinkHeader.h"

#include <fmt/format.h>

#include <sstream>

namespace datatap {

namespace {

Poco::URI withParameter(Poco::URI uri, const std::string& name, const std::string& value)
{
	Poco::URI::QueryParameters parameters = uri.getQueryParameters();
	bool replaced = false;
	for (auto& parameter: parameters)
	{
		if (parameter.first == name)
		{
			parameter.second = value;
			replaced = true;
		}
	}
	if (!replaced)
		parameters.emplace_back(name, value);
	uri.setQueryParameters(parameters);
	return uri;
}

} // namespace

Paginator::Paginator(const PaginationConfig& config, std::string source):
	_config(config),
	_source(std::move(source))
{
}

bool Paginator::needsBody() const
{
	return _config.kind == PaginationConfig::Kind::Cursor;
}

Poco::URI Paginator::first(const Poco::URI& base)
{
	_base = base;
	_page = _config.pageStart;
	_offset = 0;
	_pages = 1;
	Poco::URI uri = base;
	switch (_config.kind)
	{
	case PaginationConfig::Kind::Page:
		uri = withParameter(uri, _config.pageParam, std::to_string(_page));
		if (_config.limit > 0)
			uri = withParameter(uri, _config.limitParam, std::to_string(_config.limit));
		break;
	case PaginationConfig::Kind::Offset:
		uri = withParameter(withParameter(uri, _config.offsetParam, "0"), _config.limitParam, std::to_string(_config.limit));
		break;
	default:
		break;
	}
	if (_config.kind != PaginationConfig::Kind::None)
		_seen.insert(uri.toString());
	return uri;
}

void Paginator::count()
{
	if (++_pages > _config.maxPages)
		throw DecodeError(fmt::format("source '{}': more than max_pages = {} pages; raise it if the source really has more", _source, _config.maxPages));
}

std::optional<Poco::URI> Paginator::next(const FetchOutcome& outcome, std::size_t records, const std::string* body)
{
	std::optional<Poco::URI> next;
	switch (_config.kind)
	{
	case PaginationConfig::Kind::None:
		return std::nullopt;
	case PaginationConfig::Kind::Link:
	{
		const std::string target = LinkHeader::find(outcome.links, "next");
		if (target.empty())
			return std::nullopt;
		Poco::URI resolved(outcome.finalUri);
		resolved.resolve(target);
		next = resolved;
		break;
	}
	case PaginationConfig::Kind::Page:
		if (records == 0)
			return std::nullopt;
		next = withParameter(outcome.finalUri, _config.pageParam, std::to_string(++_page));
		break;
	case PaginationConfig::Kind::Offset:
		if (records < static_cast<std::size_t>(_config.limit))
			return std::nullopt;
		_offset += _config.limit;
		next = withParameter(outcome.finalUri, _config.offsetParam, std::to_string(_offset));
		break;
	case PaginationConfig::Kind::Cursor:
	{
		std::istringstream in(body != nullptr ? *body : std::string());
		const std::optional<std::string> cursor = JsonPointerLookup::find(in, _config.cursorPointer);
		if (!cursor || cursor->empty())
			return std::nullopt;
		next = withParameter(_base, _config.cursorParam, *cursor);
		break;
	}
	}
	count();
	if (!_seen.insert(next->toString()).second)
		throw DecodeError(fmt::format("source '{}': the server sent page {} again ({}); stopping a pagination loop", _source, _pages, next->toString()));
	return next;
}

} // namespace datatap
