#include "pipeline/JsonPointerLookup.h"

#include "datatap/JsonStreamParser.h"

#include <Poco/JSON/Handler.h>
#include <Poco/NumberFormatter.h>
#include <Poco/StringTokenizer.h>

#include <vector>

namespace datatap {

namespace {

// Follows the parse with a stack of where it is, and keeps the scalar whose path
// equals the pointer's tokens.
class PointerHandler: public Poco::JSON::Handler
{
public:
	explicit PointerHandler(std::vector<std::string> tokens):
		_tokens(std::move(tokens))
	{
	}

	std::optional<std::string> result;

	void reset() override {}
	void startObject() override { enter(false); }
	void endObject() override { leave(); }
	void startArray() override { enter(true); }
	void endArray() override { leave(); }
	void key(const std::string& name) override { _frames.back().key = name; }
	void null() override { scalar(std::nullopt); }
	void value(int v) override { scalar(Poco::NumberFormatter::format(v)); }
	void value(unsigned v) override { scalar(Poco::NumberFormatter::format(v)); }
	void value(Poco::Int64 v) override { scalar(Poco::NumberFormatter::format(v)); }
	void value(Poco::UInt64 v) override { scalar(Poco::NumberFormatter::format(v)); }
	void value(const std::string& text) override { scalar(text); }
	void value(double d) override { scalar(Poco::NumberFormatter::format(d)); }
	void value(bool b) override { scalar(std::string(b ? "true" : "false")); }

private:
	struct Frame
	{
		bool array = false;
		std::size_t index = 0;
		std::string key;
	};

	bool atPointer() const
	{
		if (_frames.size() != _tokens.size())
			return false;
		for (std::size_t i = 0; i < _frames.size(); ++i)
		{
			const Frame& frame = _frames[i];
			const std::string step = frame.array ? std::to_string(frame.index) : frame.key;
			if (step != _tokens[i])
				return false;
		}
		return true;
	}

	void scalar(std::optional<std::string> text)
	{
		if (atPointer())
			result = std::move(text);
		advance();
	}

	void enter(bool array)
	{
		_frames.push_back(Frame{array, 0, {}});
	}

	void leave()
	{
		_frames.pop_back();
		advance();
	}

	void advance()
	{
		if (!_frames.empty() && _frames.back().array)
			++_frames.back().index;
	}

	std::vector<std::string> _tokens;
	std::vector<Frame> _frames;
};

std::string unescape(std::string token)
{
	for (std::size_t at = token.find('~'); at != std::string::npos && at + 1 < token.size(); at = token.find('~', at + 1))
		token.replace(at, 2, token[at + 1] == '1' ? "/" : "~");
	return token;
}

} // namespace

std::optional<std::string> JsonPointerLookup::find(std::istream& json, const std::string& pointer)
{
	std::vector<std::string> tokens;
	std::size_t at = 1;
	while (at <= pointer.size() && !pointer.empty())
	{
		const std::size_t slash = pointer.find('/', at);
		tokens.push_back(unescape(pointer.substr(at, slash == std::string::npos ? std::string::npos : slash - at)));
		if (slash == std::string::npos)
			break;
		at = slash + 1;
	}
	PointerHandler handler(std::move(tokens));
	JsonStreamParser parser(handler);
	parser.parse(json);
	return handler.result;
}

} // namespace datatap
