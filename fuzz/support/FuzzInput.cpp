#include "support/FuzzInput.h"

#include <algorithm>

namespace datatap::fuzz {

FuzzInput::FuzzInput(const std::uint8_t* data, std::size_t size):
	_data(data),
	_size(size)
{
}

std::uint8_t FuzzInput::byte()
{
	return _at < _size ? _data[_at++] : 0;
}

std::uint32_t FuzzInput::word()
{
	std::uint32_t value = 0;
	for (int i = 0; i < 4; ++i)
		value = (value << 8) | byte();
	return value;
}

std::string FuzzInput::shortString()
{
	const std::size_t length = std::min<std::size_t>(byte(), _size - _at);
	std::string text(reinterpret_cast<const char*>(_data + _at), length);
	_at += length;
	return text;
}

std::string FuzzInput::rest()
{
	std::string text(reinterpret_cast<const char*>(_data + _at), _size - _at);
	_at = _size;
	return text;
}

bool FuzzInput::empty() const
{
	return _at >= _size;
}

} // namespace datatap::fuzz
