#pragma once

#include <string>
#include <vector>

namespace datatap {
namespace mock {

/// The mock's fixed data set: JSONPlaceholder's 100 albums, built the same way
/// on every run so tests can assert on exact bodies.
class AlbumCatalog
{
public:
	struct Album
	{
		int userId;
		int id;
		std::string title;
	};

	static constexpr int ALBUM_COUNT = 100;
	static constexpr int ALBUMS_PER_USER = 10;

	AlbumCatalog();

	/// All albums in id order.
	const std::vector<Album>& albums() const;

	/// The album with the given id, or nullptr if there is none.
	const Album* find(int id) const;

	/// Compact JSON with the keys in JSONPlaceholder's order: userId, id, title.
	static std::string toJson(const Album& album);

	/// A compact JSON array of the given albums, in the order given.
	static std::string toJson(const std::vector<const Album*>& albums);

private:
	std::vector<Album> _albums;
};

} // namespace mock
} // namespace datatap
