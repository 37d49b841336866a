#include "datatap/RecordSink.h"

namespace datatap {

// Out of line for the same reason as AuthStrategy's: one vtable, in the core.
RecordSink::~RecordSink() = default;

} // namespace datatap
