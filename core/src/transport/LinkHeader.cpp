#include "transport/LinkHeader.h"

#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

namespace datatap {

namespace {

void skipSpace(const std::string& text, std::size_t& at)
{
	while (at < text.size() && (text[at] == ' ' || text[at] == '\t'))
		++at;
}

// Skips to just past the next ',' that is outside a quoted string.
void skipToNextLink(const std::string& text, std::size_t& at)
{
	bool quoted = false;
	for (; at < text.size(); ++at)
	{
		if (text[at] == '"')
			quoted = !quoted;
		else if (text[at] == '\\' && quoted)
			++at;
		else if (text[at] == ',' && !quoted)
		{
			++at;
			return;
		}
	}
}

} // namespace

std::vector<LinkHeader::Link> LinkHeader::parse(const std::string& value)
{
	std::vector<Link> links;
	std::size_t at = 0;
	while (at < value.size())
	{
		skipSpace(value, at);
		if (at >= value.size() || value[at] != '<')
		{
			skipToNextLink(value, at);
			continue;
		}
		const std::size_t close = value.find('>', at);
		if (close == std::string::npos)
			break;
		Link link{value.substr(at + 1, close - at - 1), {}};
		at = close + 1;
		// Parameters: ; name = value | ; name = "quoted value"
		while (true)
		{
			skipSpace(value, at);
			if (at >= value.size() || value[at] != ';')
				break;
			++at;
			skipSpace(value, at);
			const std::size_t nameStart = at;
			while (at < value.size() && value[at] != '=' && value[at] != ';' && value[at] != ',' && value[at] != ' ')
				++at;
			const std::string name = Poco::toLower(value.substr(nameStart, at - nameStart));
			skipSpace(value, at);
			std::string parameter;
			if (at < value.size() && value[at] == '=')
			{
				++at;
				skipSpace(value, at);
				if (at < value.size() && value[at] == '"')
				{
					for (++at; at < value.size() && value[at] != '"'; ++at)
					{
						if (value[at] == '\\' && at + 1 < value.size())
							++at;
						parameter += value[at];
					}
					++at;
				}
				else
				{
					const std::size_t start = at;
					while (at < value.size() && value[at] != ';' && value[at] != ',')
						++at;
					parameter = Poco::trim(value.substr(start, at - start));
				}
			}
			if (name == "rel")
			{
				Poco::StringTokenizer relations(Poco::toLower(parameter), " \t", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
				link.relations.assign(relations.begin(), relations.end());
			}
		}
		links.push_back(std::move(link));
		skipToNextLink(value, at);
	}
	return links;
}

std::string LinkHeader::find(const std::vector<std::string>& values, const std::string& rel)
{
	for (const std::string& value: values)
	{
		for (const Link& link: parse(value))
		{
			for (const std::string& relation: link.relations)
			{
				if (relation == rel)
					return link.target;
			}
		}
	}
	return std::string();
}

} // namespace datatap
