#include "datatap/Version.h"

#include "datatap/PluginHandshake.h"

namespace datatap {

const char* version()
{
	return DATATAP_VERSION_STRING;
}

const char* hostBuildTag()
{
	return detail::kBuildTag.text;
}

} // namespace datatap
