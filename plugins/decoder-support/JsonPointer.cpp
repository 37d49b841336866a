#include "JsonPointer.h"

#include <Poco/Exception.h>

namespace datatap::decoding {

namespace {

std::size_t arrayIndex(const std::string& token)
{
	if (token.empty() || token.size() > 18 || (token.size() > 1 && token[0] == '0'))
		return JsonPointer::kNoIndex;
	std::size_t index = 0;
	for (const char c: token)
	{
		if (c < '0' || c > '9')
			return JsonPointer::kNoIndex;
		index = index * 10 + static_cast<std::size_t>(c - '0');
	}
	return index;
}

} // namespace

JsonPointer::JsonPointer(const std::string& text):
	_text(text)
{
	if (text.empty())
		return;
	if (text[0] != '/')
		throw Poco::SyntaxException("a JSON pointer starts with '/' (or is empty for the whole body)", text);
	std::string token;
	for (std::size_t at = 1; at <= text.size(); ++at)
	{
		if (at == text.size() || text[at] == '/')
		{
			_indexes.push_back(arrayIndex(token));
			_tokens.push_back(std::move(token));
			token.clear();
			continue;
		}
		if (text[at] != '~')
		{
			token += text[at];
			continue;
		}
		const char next = at + 1 < text.size() ? text[at + 1] : '\0';
		if (next != '0' && next != '1')
			throw Poco::SyntaxException("in a JSON pointer '~' must be followed by 0 (for '~') or 1 (for '/')", text);
		token += next == '0' ? '~' : '/';
		++at;
	}
}

JsonPointer JsonPointer::fromOption(const PluginOptions& options, const std::string& key)
{
	try
	{
		return JsonPointer(options.getString(key, ""));
	}
	catch (const Poco::SyntaxException& exc)
	{
		options.fail(key, exc.message());
	}
}

const std::string& JsonPointer::text() const
{
	return _text;
}

std::size_t JsonPointer::size() const
{
	return _tokens.size();
}

const std::string& JsonPointer::token(std::size_t at) const
{
	return _tokens.at(at);
}

std::size_t JsonPointer::index(std::size_t at) const
{
	return _indexes.at(at);
}

} // namespace datatap::decoding
