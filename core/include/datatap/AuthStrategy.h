#pragma once

#include "datatap/Api.h"
#include "datatap/AuthChallenge.h"
#include "datatap/AuthRequest.h"
#include "datatap/PluginOptions.h"

namespace datatap {

/// Adds credentials to outgoing requests. One instance serves one `[auth.*]`
/// section; the transport may call apply() from several threads at once.
class DATATAP_API AuthStrategy
{
public:
	AuthStrategy() = default;
	AuthStrategy(const AuthStrategy&) = delete;
	AuthStrategy& operator=(const AuthStrategy&) = delete;
	virtual ~AuthStrategy();

	/// Validates the section's options; throws ConfigError (options.fail()).
	virtual void configure(const PluginOptions& options) = 0;

	/// Adds the credentials to one request, just before it is sent.
	virtual void apply(AuthRequest& request) = 0;

	/// Called when the server answers 401 or 403. The default gives up.
	virtual ChallengeResponse onChallenge(const AuthChallenge& challenge);
};

} // namespace datatap
