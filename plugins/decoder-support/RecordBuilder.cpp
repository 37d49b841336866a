#include "RecordBuilder.h"

namespace datatap::decoding {

RecordBuilder::~RecordBuilder() = default;

} // namespace datatap::decoding
