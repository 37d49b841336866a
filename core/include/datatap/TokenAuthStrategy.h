#pragma once

#include "datatap/Api.h"
#include "datatap/AuthStrategy.h"
#include "datatap/TokenCache.h"

#include <string>

namespace datatap {

/// The base of strategies that obtain a token from a service of their own (an
/// OAuth token endpoint, a login URL) and send it in a header. It caches the
/// token for all threads, fetches it single-flight, registers it for masking,
/// sends nothing under --dry-run, and on a 401 fetches it anew and retries once.
class DATATAP_API TokenAuthStrategy: public AuthStrategy
{
public:
	TokenAuthStrategy();
	~TokenAuthStrategy() override;

	void apply(AuthRequest& request) final;
	/// A 401 drops the cached token and retries; a 403 means the token was
	/// accepted but is not enough, and a new one would not be more.
	ChallengeResponse onChallenge(const AuthChallenge& challenge) override;

protected:
	/// The header the token goes in and the word before it ("" for the bare token).
	void setTokenHeader(const std::string& name, const std::string& scheme);
	TokenCache& tokens();

	/// Asks the service for a token; called by one thread at a time. Throw
	/// AuthError when the service refuses the credentials.
	virtual TokenCache::Token fetchToken() = 0;
	/// What --dry-run shows in place of the token (it is masked anyway).
	virtual std::string dryRunPlaceholder() const = 0;

private:
	std::string _header = "Authorization";
	std::string _scheme = "Bearer";
	TokenCache _tokens;
};

} // namespace datatap
