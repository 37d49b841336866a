#include "datatap/TokenAuthStrategy.h"

namespace datatap {

TokenAuthStrategy::TokenAuthStrategy() = default;

// Out of line for the same reason as AuthStrategy's: one vtable, in the core.
TokenAuthStrategy::~TokenAuthStrategy() = default;

void TokenAuthStrategy::apply(AuthRequest& request)
{
	const std::string token = request.isDryRun() ? dryRunPlaceholder() : _tokens.get([this] { return fetchToken(); });
	if (!request.isDryRun())
		request.addSecret(token);
	request.setCredentialHeader(_header, _scheme.empty() ? token : _scheme + " " + token);
}

ChallengeResponse TokenAuthStrategy::onChallenge(const AuthChallenge& challenge)
{
	if (challenge.status != 401)
		return ChallengeResponse::Fail;
	_tokens.invalidate();
	return ChallengeResponse::RetryOnce;
}

void TokenAuthStrategy::setTokenHeader(const std::string& name, const std::string& scheme)
{
	_header = name;
	_scheme = scheme;
}

TokenCache& TokenAuthStrategy::tokens()
{
	return _tokens;
}

} // namespace datatap
