#include "datatap/AuthRequest.h"

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

const std::vector<std::string>& AuthRequest::credentialHeaders() const
{
	return _credentialHeaders;
}

const std::vector<std::string>& AuthRequest::credentialQueryParameters() const
{
	return _credentialQueryParameters;
}

const std::vector<std::string>& AuthRequest::secretValues() const
{
	return _secretValues;
}

} // namespace datatap
