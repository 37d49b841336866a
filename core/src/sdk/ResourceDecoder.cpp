#include "datatap/ResourceDecoder.h"

namespace datatap {

// Out of line for the same reason as AuthStrategy's: one vtable, in the core.
ResourceDecoder::~ResourceDecoder() = default;

} // namespace datatap
