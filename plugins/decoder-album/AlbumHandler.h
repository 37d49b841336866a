#pragma once

#include <datatap/RecordSink.h>

#include <Poco/JSON/Handler.h>

#include <cstdint>
#include <string>

namespace datatap::album {

/// Follows the JSON events of an album body (one album object, or an array of
/// them) and pushes each album to the sink the moment its object closes. Types
/// are strict, as in the recipe's Album.fromJson: userId and id must be JSON
/// integers and title a JSON string; extra fields are ignored.
class AlbumHandler: public Poco::JSON::Handler
{
public:
	explicit AlbumHandler(RecordSink& sink);

	void reset() override;
	void startObject() override;
	void endObject() override;
	void startArray() override;
	void endArray() override;
	void key(const std::string& name) override;
	void null() override;
	void value(int v) override;
	void value(unsigned v) override;
	void value(Poco::Int64 v) override;
	void value(Poco::UInt64 v) override;
	void value(const std::string& text) override;
	void value(double d) override;
	void value(bool b) override;

	std::size_t records() const;

private:
	enum class Field
	{
		None,
		UserId,
		Id,
		Title
	};

	/// Called for every scalar or container start: checks it against the field
	/// it belongs to, if any. found describes the value for an error message.
	void scalar(const std::string& found);
	void integer(Poco::Int64 number);
	[[noreturn]] void fail(const std::string& problem) const;

	RecordSink& _sink;
	Record _record;
	int _depth = 0;            ///< container depth; 1 = inside a top-level album or array
	bool _topArray = false;
	bool _inAlbum = false;
	int _albumDepth = 0;       ///< depth at which the current album's fields live
	Field _field = Field::None;
	std::size_t _index = 0;
	bool _hasUserId = false;
	bool _hasId = false;
	bool _hasTitle = false;
	std::int64_t _userId = 0;
	std::int64_t _id = 0;
	std::string _title;
};

} // namespace datatap::album
