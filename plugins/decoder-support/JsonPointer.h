#pragma once

#include <datatap/PluginOptions.h>

#include <cstddef>
#include <string>
#include <vector>

namespace datatap::decoding {

/// An RFC 6901 JSON pointer (`/data/items`, `/0/list`, `` for the whole document),
/// split into reference tokens so a streaming handler can match it key by key.
class JsonPointer
{
public:
	static constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);

	/// The whole document.
	JsonPointer() = default;

	/// Throws Poco::SyntaxException when text is neither empty nor starts with '/',
	/// or holds a '~' not followed by '0' or '1'.
	explicit JsonPointer(const std::string& text);

	/// The pointer an option holds (empty when it is not set); a malformed one is
	/// the ConfigError that names the section and the key.
	static JsonPointer fromOption(const PluginOptions& options, const std::string& key);

	const std::string& text() const;
	std::size_t size() const;
	const std::string& token(std::size_t at) const;
	/// The token as an array index, or kNoIndex when it cannot name an element
	/// (not all digits, a leading zero, or '-', which names the slot after the end).
	std::size_t index(std::size_t at) const;

private:
	std::string _text;
	std::vector<std::string> _tokens;
	std::vector<std::size_t> _indexes;
};

} // namespace datatap::decoding
