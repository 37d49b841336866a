#pragma once

#include "datatap/Api.h"

#include <string>

namespace datatap {

/// The version of the core library the host runs ("0.1.0").
DATATAP_API const char* version();

/// The build tag the host was compiled with; a plugin's must be equal.
DATATAP_API const char* hostBuildTag();

} // namespace datatap
