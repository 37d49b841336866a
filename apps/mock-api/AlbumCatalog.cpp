#include "AlbumCatalog.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <array>
#include <cstdint>
#include <sstream>

namespace datatap {
namespace mock {

namespace {

const std::array<const char*, 48> TITLE_WORDS = {
	"accusamus", "ad", "adipisci", "aliquam", "amet", "aut", "beatae", "commodi",
	"consequatur", "culpa", "dolor", "dolore", "dolorem", "ea", "eius", "enim",
	"error", "esse", "est", "et", "eum", "ex", "excepturi", "facilis",
	"fugiat", "illum", "ipsam", "labore", "laudantium", "magnam", "minima", "molestiae",
	"natus", "nemo", "non", "odit", "omnis", "placeat", "qui", "quia",
	"quidem", "quis", "rerum", "sed", "sint", "sunt", "ut", "voluptas"
};

// JSONPlaceholder's real first title, because the project's default recipe
// fetches album 1 and its examples show this exact record.
const char* const FIRST_TITLE = "quidem molestiae enim";

std::string generatedTitle(int id)
{
	// A fixed linear congruential generator seeded by the id, not <random>, whose
	// distributions may differ between standard libraries: the titles must be
	// identical on every run and every platform.
	std::uint32_t state = static_cast<std::uint32_t>(id) * 2654435761u;
	auto next = [&state]()
	{
		state = state * 1664525u + 1013904223u;
		return state >> 16;
	};

	const std::uint32_t wordCount = 2 + next() % 5;
	std::string title;
	for (std::uint32_t i = 0; i < wordCount; ++i)
	{
		if (!title.empty()) title += ' ';
		title += TITLE_WORDS[next() % TITLE_WORDS.size()];
	}
	return title;
}

Poco::JSON::Object::Ptr toObject(const AlbumCatalog::Album& album)
{
	Poco::JSON::Object::Ptr object = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
	object->set("userId", album.userId);
	object->set("id", album.id);
	object->set("title", album.title);
	return object;
}

} // namespace

AlbumCatalog::AlbumCatalog()
{
	_albums.reserve(ALBUM_COUNT);
	for (int id = 1; id <= ALBUM_COUNT; ++id)
	{
		_albums.push_back({(id - 1) / ALBUMS_PER_USER + 1, id, id == 1 ? FIRST_TITLE : generatedTitle(id)});
	}
}

const std::vector<AlbumCatalog::Album>& AlbumCatalog::albums() const
{
	return _albums;
}

const AlbumCatalog::Album* AlbumCatalog::find(int id) const
{
	if (id < 1 || id > ALBUM_COUNT) return nullptr;
	return &_albums[static_cast<std::size_t>(id - 1)];
}

std::string AlbumCatalog::toJson(const Album& album)
{
	std::ostringstream out;
	toObject(album)->stringify(out);
	return out.str();
}

std::string AlbumCatalog::toJson(const std::vector<const Album*>& albums)
{
	Poco::JSON::Array array;
	for (const Album* album : albums)
	{
		array.add(toObject(*album));
	}
	std::ostringstream out;
	array.stringify(out);
	return out.str();
}

} // namespace mock
} // namespace datatap
