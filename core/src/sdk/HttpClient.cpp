#include "datatap/HttpClient.h"

#include "datatap/Exceptions.h"
#include "transport/TlsContext.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Stopwatch.h>
#include <fmt/format.h>

#include <memory>

namespace datatap {

HttpClient::HttpClient():
	_connectTimeout(10, 0),
	_readTimeout(30, 0)
{
}

void HttpClient::setTimeouts(Poco::Timespan connectTimeout, Poco::Timespan readTimeout)
{
	_connectTimeout = connectTimeout;
	_readTimeout = readTimeout;
}

void HttpClient::setMaxBodySize(std::size_t bytes)
{
	_maxBodySize = bytes;
}

std::string HttpClient::displayUrl(const Poco::URI& uri)
{
	Poco::URI shown(uri);
	shown.setUserInfo("");
	shown.setQuery("");
	shown.setFragment("");
	return shown.toString();
}

HttpClient::Response HttpClient::send(Poco::Net::HTTPRequest& request, const Poco::URI& uri, const std::string& body) const
{
	const std::string where = fmt::format("{} {}", request.getMethod(), displayUrl(uri));
	if (uri.getScheme() != "http" && uri.getScheme() != "https")
		throw ServiceError(fmt::format("{}: only http:// and https:// are supported", where));
	// -v shows a strategy's own requests too; method and URL only, as in errors.
	Poco::Logger& logger = Poco::Logger::get("datatap");
	if (logger.information())
		logger.information("> " + where);
	Poco::Stopwatch clock;
	clock.start();
	Response response = exchange(request, uri, body, where);
	if (logger.information())
		logger.information(fmt::format("< {} {} after {:.1f} ms", response.status, response.reason, static_cast<double>(clock.elapsed()) / 1000.0));
	if (response.status == 401 || response.status == 403)
		throw AuthError(fmt::format("{} answered {} {}", where, response.status, response.reason));
	if (response.status < 200 || response.status >= 300)
		throw ServiceError(fmt::format("{} answered {} {}", where, response.status, response.reason));
	return response;
}

HttpClient::Response HttpClient::exchange(Poco::Net::HTTPRequest& request, const Poco::URI& uri, const std::string& body, const std::string& where) const
{
	std::unique_ptr<Poco::Net::HTTPClientSession> session;
	if (uri.getScheme() == "https")
		session = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), TlsContext::client());
	else
		session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
	session->setTimeout(_connectTimeout, _readTimeout, _readTimeout);
	session->setKeepAlive(false);

	std::string target = uri.getPathAndQuery();
	request.setURI(target.empty() ? "/" : target);
	request.setKeepAlive(false);
	if (!body.empty() || request.getMethod() == Poco::Net::HTTPRequest::HTTP_POST)
		request.setContentLength(static_cast<std::streamsize>(body.size()));

	Response response;
	try
	{
		session->sendRequest(request) << body;
		Poco::Net::HTTPResponse head;
		std::istream& in = session->receiveResponse(head);
		response.status = static_cast<int>(head.getStatus());
		response.reason = head.getReason();
		response.contentType = head.getContentType();
		char buffer[8192];
		while (in.read(buffer, sizeof(buffer)) || in.gcount() > 0)
		{
			response.body.append(buffer, static_cast<std::size_t>(in.gcount()));
			if (response.body.size() > _maxBodySize)
				throw ServiceError(fmt::format("{}: the answer is larger than {} bytes", where, _maxBodySize));
		}
	}
	catch (const Poco::TimeoutException&)
	{
		throw ServiceError(fmt::format("{}: no answer within {} s", where, _readTimeout.totalSeconds()));
	}
	catch (const Poco::Net::SSLException& exc)
	{
		throw ServiceError(fmt::format("{}: TLS failed: {}", where, exc.message()));
	}
	catch (const DatatapException&)
	{
		throw;
	}
	catch (const Poco::Exception& exc)
	{
		throw ServiceError(fmt::format("{}: {}", where, exc.displayText()));
	}
	return response;
}

} // namespace datatap
