#pragma once

#include "datatap/Api.h"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/URI.h>

#include <string>
#include <vector>

namespace datatap {

/// The request an auth strategy decorates. Everything a strategy adds as a
/// credential is recorded, so the host can redact it from logs and `--dry-run`
/// and drop it when a redirect leaves the origin.
class DATATAP_API AuthRequest
{
public:
	AuthRequest(Poco::Net::HTTPRequest& request, Poco::URI& uri, const std::string& body);

	const std::string& method() const;
	const Poco::URI& uri() const;
	const std::string& body() const;

	/// A header carrying a credential (Authorization, X-API-Key, ...).
	void setCredentialHeader(const std::string& name, const std::string& value);
	/// A header that carries no secret (a date a signature covers, ...).
	void setHeader(const std::string& name, const std::string& value);
	/// A query parameter carrying a credential (`?api_key=...`).
	void addCredentialQueryParameter(const std::string& name, const std::string& value);
	/// A cookie carrying a credential, added to the request's Cookie header.
	void setCredentialCookie(const std::string& name, const std::string& value);
	/// A secret the strategy obtained itself (an access token, a session token),
	/// so the host masks it wherever it would otherwise appear.
	void addSecret(const std::string& value);

	/// True under `--dry-run`: nothing will be sent, so a strategy must not fetch
	/// tokens or log in either; it sets its headers with placeholder values.
	bool isDryRun() const;
	/// For the host only.
	void setDryRun(bool dryRun);

	const std::vector<std::string>& credentialHeaders() const;
	const std::vector<std::string>& credentialQueryParameters() const;
	const std::vector<std::string>& credentialCookies() const;
	/// Every secret value added, for redaction by value.
	const std::vector<std::string>& secretValues() const;

private:
	Poco::Net::HTTPRequest& _request;
	Poco::URI& _uri;
	const std::string& _body;
	std::vector<std::string> _credentialHeaders;
	std::vector<std::string> _credentialQueryParameters;
	std::vector<std::string> _secretValues;
	std::vector<std::string> _credentialCookies;
	bool _dryRun = false;
};

} // namespace datatap
