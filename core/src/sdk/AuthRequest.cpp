#include "datatap/AuthRequest.h"

#include <Poco/Net/NameValueCollection.h>

#include <algorithm>

namespace datatap {

AuthRequest::AuthRequest(Poco::Net::HTTPRequest& request, Poco::URI& uri, const std::string& body):
	_request(request),
	_uri(uri),
	_body(body)
{
}

const std::string& AuthRequest::method() const
{
	return _request.getMethod();
}

const Poco::URI& AuthRequest::uri() const
{
	return _uri;
}

const std::string& AuthRequest::body() const
{
	return _body;
}

void AuthRequest::setCredentialHeader(const std::string& name, const std::string& value)
{
	_request.set(name, value);
	_credentialHeaders.push_back(name);
	_secretValues.push_back(value);
}

void AuthRequest::setHeader(const std::string& name, const std::string& value)
{
	_request.set(name, value);
}

void AuthRequest::addCredentialQueryParameter(const std::string& name, const std::string& value)
{
	_uri.addQueryParameter(name, value);
	_request.setURI(_uri.getPathAndQuery());
	_credentialQueryParameters.push_back(name);
	_secretValues.push_back(value);
}

void AuthRequest::setCredentialCookie(const std::string& name, const std::string& value)
{
	Poco::Net::NameValueCollection cookies;
	_request.getCookies(cookies);
	cookies.set(name, value);
	_request.erase(Poco::Net::HTTPRequest::COOKIE);
	_request.setCookies(cookies);
	_credentialCookies.push_back(name);
	// The whole Cookie header is masked: other cookies share the line with it.
	if (std::find(_credentialHeaders.begin(), _credentialHeaders.end(), Poco::Net::HTTPRequest::COOKIE) == _credentialHeaders.end())
		_credentialHeaders.push_back(Poco::Net::HTTPRequest::COOKIE);
	_secretValues.push_back(value);
}

void AuthRequest::addSecret(const std::string& value)
{
	_secretValues.push_back(value);
}

bool AuthRequest::isDryRun() const
{
	return _dryRun;
}

void AuthRequest::setDryRun(bool dryRun)
{
	_dryRun = dryRun;
}

const std::vector<std::string>& AuthRequest::credentialHeaders() const
{
	return _credentialHeaders;
}

const std::vector<std::string>& AuthRequest::credentialQueryParameters() const
{
	return _credentialQueryParameters;
}

const std::vector<std::string>& AuthRequest::credentialCookies() const
{
	return _credentialCookies;
}

const std::vector<std::string>& AuthRequest::secretValues() const
{
	return _secretValues;
}

} // namespace datatap
