#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace datatap::fuzz {

/// Cuts a fuzzer's flat input into the pieces a structured target needs (small
/// numbers, short strings, the rest), so mutations stay meaningful. Past the end
/// it yields zeros and empty strings.
class FuzzInput
{
public:
	FuzzInput(const std::uint8_t* data, std::size_t size);

	std::uint8_t byte();
	std::uint32_t word();
	/// Up to 255 bytes, the length taken from the next byte.
	std::string shortString();
	/// Everything not consumed yet.
	std::string rest();
	bool empty() const;

private:
	const std::uint8_t* _data;
	std::size_t _size;
	std::size_t _at = 0;
};

} // namespace datatap::fuzz
