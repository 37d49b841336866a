#pragma once

#include <cstddef>
#include <streambuf>
#include <string>

namespace datatap::fuzz {

/// Hands out a text a few bytes per read, as a slow network does, so that every
/// token of an input straddles a buffer boundary somewhere.
class TrickleBuffer: public std::streambuf
{
public:
	TrickleBuffer(const std::string& text, std::size_t step);

protected:
	int_type underflow() override;

private:
	const std::string& _text;
	std::size_t _step;
	std::size_t _at = 0;
	std::string _chunk;
};

} // namespace datatap::fuzz
