#include "support/TrickleBuffer.h"

#include <algorithm>

namespace datatap::fuzz {

TrickleBuffer::TrickleBuffer(const std::string& text, std::size_t step):
	_text(text),
	_step(std::max<std::size_t>(step, 1))
{
}

TrickleBuffer::int_type TrickleBuffer::underflow()
{
	if (_at == _text.size())
		return traits_type::eof();
	_chunk = _text.substr(_at, _step);
	_at += _chunk.size();
	setg(_chunk.data(), _chunk.data(), _chunk.data() + _chunk.size());
	return traits_type::to_int_type(_chunk[0]);
}

} // namespace datatap::fuzz
