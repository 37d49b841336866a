#include "datatap/AuthStrategy.h"

namespace datatap {

// Defined out of line so the vtable and typeinfo live in the core library only,
// and dynamic_cast and exceptions work across the plugin boundary.
AuthStrategy::~AuthStrategy() = default;

ChallengeResponse AuthStrategy::onChallenge(const AuthChallenge&)
{
	return ChallengeResponse::Fail;
}

} // namespace datatap
