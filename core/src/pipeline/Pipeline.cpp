#include "pipeline/Pipeline.h"

#include "datatap/Exceptions.h"
#include "datatap/Version.h"
#include "pipeline/PluginBoundary.h"
#include "registry/PluginRegistry.h"
#include "util/Suggestion.h"

#include <Poco/CountingStream.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Stopwatch.h>
#include <fmt/format.h>

#include <algorithm>

namespace datatap {

namespace {

std::string statusText(const Poco::Net::HTTPResponse& response)
{
	return fmt::format("{} {}", static_cast<int>(response.getStatus()), response.getReason());
}

} // namespace

Pipeline::Pipeline(const Config& config, const PluginRegistry& registry, Redactor& redactor):
	_config(config),
	_redactor(redactor),
	_logger(Poco::Logger::get("datatap"))
{
	for (const std::string& secret: config.secrets())
		_redactor.add(secret);

	for (const AuthConfig& auth: config.auths())
	{
		std::unique_ptr<AuthStrategy> strategy;
		PluginBoundary::call(fmt::format("auth strategy '{}' for [auth.{}]", auth.strategy, auth.name), [&] {
			strategy = registry.createAuth(auth.strategy);
			strategy->configure(auth.options);
		});
		_auths.emplace(auth.name, std::move(strategy));
	}
	for (const SourceConfig& source: config.sources())
	{
		std::unique_ptr<ResourceDecoder> decoder;
		PluginBoundary::call(fmt::format("decoder '{}' for [source.{}]", source.decoder, source.name), [&] {
			decoder = registry.createDecoder(source.decoder);
			decoder->configure(source.decoderOptions);
		});
		_decoders.emplace(source.name, std::move(decoder));
	}
}

Pipeline::~Pipeline() = default;

std::vector<const SourceConfig*> Pipeline::select(const std::vector<std::string>& names) const
{
	std::vector<const SourceConfig*> selected;
	if (names.empty())
	{
		for (const SourceConfig& source: _config.sources())
			selected.push_back(&source);
		return selected;
	}
	for (const std::string& name: names)
	{
		const SourceConfig* source = _config.findSource(name);
		if (source == nullptr)
		{
			const std::vector<std::string> known = _config.sourceNames();
			throw UsageError(fmt::format("no source '{}' in {}{}; sources: {}", name, _config.path(), Suggestion::hint(name, known), Poco::cat(std::string(", "), known.begin(), known.end())));
		}
		selected.push_back(source);
	}
	return selected;
}

void Pipeline::prepare(const SourceConfig& source, PreparedRequest& prepared, bool dryRun)
{
	prepared.uri = Poco::URI(source.url);
	std::string target = prepared.uri.getPathAndQuery();
	if (target.empty())
		target = "/";
	prepared.request = Poco::Net::HTTPRequest(Poco::Net::HTTPRequest::HTTP_GET, target, Poco::Net::HTTPMessage::HTTP_1_1);
	prepared.request.set("User-Agent", fmt::format("datatap/{}", version()));
	prepared.request.set("Accept", "application/json");
	prepared.request.setKeepAlive(true);
	prepared.credentialHeaders.clear();
	prepared.credentialQueryParameters.clear();
	if (source.auth.empty())
		return;
	const AuthConfig* auth = _config.findAuth(source.auth);
	AuthStrategy& strategy = *_auths.at(source.auth);
	const std::string body;
	AuthRequest authRequest(prepared.request, prepared.uri, body);
	authRequest.setDryRun(dryRun);
	PluginBoundary::call(fmt::format("auth strategy '{}' for [auth.{}]", auth->strategy, auth->name), [&] { strategy.apply(authRequest); });
	for (const std::string& secret: authRequest.secretValues())
		_redactor.add(secret);
	prepared.credentialHeaders = authRequest.credentialHeaders();
	prepared.credentialQueryParameters = authRequest.credentialQueryParameters();
}

std::string Pipeline::shownUrl(const SourceConfig& source, const PreparedRequest& prepared)
{
	std::string url = source.url;
	for (const std::string& name: prepared.credentialQueryParameters)
		url += fmt::format("{}{}={}", url.find('?') == std::string::npos ? '?' : '&', name, Redactor::kMask);
	return url;
}

std::vector<PlannedRequest> Pipeline::plan(const std::vector<const SourceConfig*>& sources)
{
	std::vector<PlannedRequest> planned;
	for (const SourceConfig* source: sources)
	{
		PreparedRequest prepared;
		prepare(*source, prepared, true);
		PlannedRequest entry{source->name, prepared.request.getMethod(), shownUrl(*source, prepared), {}, source->decoder};
		for (const auto& [name, value]: prepared.request)
		{
			const bool secret = std::any_of(prepared.credentialHeaders.begin(), prepared.credentialHeaders.end(), [&](const std::string& h) { return Poco::icompare(h, name) == 0; });
			entry.headers.emplace_back(name, secret ? Redactor::kMask : _redactor.apply(value));
		}
		planned.push_back(std::move(entry));
	}
	return planned;
}

void Pipeline::run(const std::vector<const SourceConfig*>& sources, RecordSink& sink)
{
	for (const SourceConfig* source: sources)
		fetch(*source, sink);
}

void Pipeline::fetch(const SourceConfig& source, RecordSink& sink)
{
	const std::string& displayUrl = source.url;
	const std::string context = fmt::format("source '{}': GET {}", source.name, displayUrl);
	bool challenged = false;
	for (;;)
	{
		PreparedRequest prepared;
		prepare(source, prepared, false);
		if (_logger.information())
		{
			_logger.information(fmt::format("> GET {}", shownUrl(source, prepared)));
			for (const auto& [name, value]: prepared.request)
			{
				const bool secret = std::any_of(prepared.credentialHeaders.begin(), prepared.credentialHeaders.end(), [&](const std::string& h) { return Poco::icompare(h, name) == 0; });
				_logger.information(fmt::format("> {}: {}", name, secret ? Redactor::kMask : _redactor.apply(value)));
			}
		}

		bool retry = false;
		Poco::Stopwatch clock;
		clock.start();
		_transport.send(prepared.uri, prepared.request, source.transport, context, [&](const Poco::Net::HTTPResponse& response, std::istream& body) {
			const int status = static_cast<int>(response.getStatus());
			if (_logger.information())
				_logger.information(fmt::format("< {} after {:.1f} ms ({})", statusText(response), static_cast<double>(clock.elapsed()) / 1000.0, response.getContentType()));

			if (status >= 200 && status < 300)
			{
				ResponseInfo info{source.name, displayUrl, status, response.getContentType()};
				Poco::CountingInputStream counted(body);
				PluginBoundary::call(fmt::format("{}: decoder '{}'", context, source.decoder), [&] {
					_decoders.at(source.name)->decode(counted, info, sink);
				});
				if (_logger.information())
					_logger.information(fmt::format("< {} bytes decoded in {:.1f} ms", counted.chars(), static_cast<double>(clock.elapsed()) / 1000.0));
				return;
			}
			if (source.skipStatus.count(status) != 0)
			{
				_logger.information(fmt::format("source '{}': {} is in skip_status; no records", source.name, statusText(response)));
				return;
			}
			if (status == 401 || status == 403)
			{
				if (!source.auth.empty() && !challenged)
				{
					AuthChallenge challenge{status, prepared.request.getMethod(), prepared.uri, {}};
					for (auto it = response.find("WWW-Authenticate"); it != response.end() && Poco::icompare(it->first, "WWW-Authenticate") == 0; ++it)
						challenge.wwwAuthenticate.push_back(it->second);
					ChallengeResponse answer = ChallengeResponse::Fail;
					PluginBoundary::call(fmt::format("auth strategy for [auth.{}]", source.auth), [&] {
						answer = _auths.at(source.auth)->onChallenge(challenge);
					});
					if (answer == ChallengeResponse::RetryOnce)
					{
						retry = true;
						return;
					}
				}
				const std::string fix = source.auth.empty()
					? "the source has no auth = section"
					: fmt::format("check the credentials in [auth.{}]", source.auth);
				throw AuthError(fmt::format("{} answered {}; {}", context, statusText(response), fix));
			}
			if (status >= 300 && status < 400)
				throw ServiceError(fmt::format("{} answered {} (Location: {}); datatap does not follow redirects, point url at the new address", context, statusText(response), response.get("Location", "none")));
			if (status >= 400 && status < 500)
				throw DecodeError(fmt::format("{} answered {}; no records (add {} to skip_status to skip it)", context, statusText(response), status));
			throw ServiceError(fmt::format("{} answered {}", context, statusText(response)));
		});
		if (!retry)
			return;
		challenged = true;
	}
}

} // namespace datatap
