// `oauth2-client-credentials`: the OAuth 2.0 client credentials grant (RFC 6749
// section 4.4). The access token is fetched from token_url when first needed,
// shared by all threads (TokenAuthStrategy), replaced shortly before expires_in
// runs out, and fetched anew once when the API answers 401.

#include <datatap/Plugin.h>

#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <sstream>

namespace {

std::string formEncoded(const std::string& text)
{
	std::string encoded;
	Poco::URI::encode(text, "!#$&'()*+,/:;=?@[]", encoded);
	return encoded;
}

class OAuth2ClientCredentialsAuth: public datatap::TokenAuthStrategy
{
public:
	void configure(const datatap::PluginOptions& options) override
	{
		_tokenUri = options.getUrl("token_url");
		_clientId = options.getHeaderValue("client_id");
		_clientSecret = options.getHeaderValue("client_secret");
		_scope = options.getString("scope", "");
		const std::string clientAuth = options.getString("client_auth");
		if (clientAuth != "basic" && clientAuth != "body")
			options.fail("client_auth", "must be basic or body, found '" + clientAuth + "'");
		_basicClientAuth = clientAuth == "basic";
		const std::int64_t refreshEarly = options.getInt("refresh_early", 30);
		if (refreshEarly < 0)
			options.fail("refresh_early", "must not be negative");
		tokens().setRefreshEarly(std::chrono::seconds(refreshEarly));
		const Poco::Timespan timeout(options.getSeconds("timeout", 30), 0);
		_client.setTimeouts(timeout, timeout);
	}

private:
	std::string dryRunPlaceholder() const override
	{
		return "(fetched from token_url when sent)";
	}

	datatap::TokenCache::Token fetchToken() override
	{
		Poco::Net::HTMLForm form;
		form.set("grant_type", "client_credentials");
		if (!_scope.empty())
			form.set("scope", _scope);
		Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/", Poco::Net::HTTPMessage::HTTP_1_1);
		request.setContentType(Poco::Net::HTMLForm::ENCODING_URL);
		request.set("Accept", "application/json");
		if (_basicClientAuth)
		{
			// RFC 6749 section 2.3.1: each part is form-encoded before base64.
			std::ostringstream credentials;
			Poco::Base64Encoder encoder(credentials);
			encoder.rdbuf()->setLineLength(0);
			encoder << formEncoded(_clientId) << ':' << formEncoded(_clientSecret);
			encoder.close();
			request.set("Authorization", "Basic " + credentials.str());
		}
		else
		{
			form.set("client_id", _clientId);
			form.set("client_secret", _clientSecret);
		}
		std::ostringstream body;
		form.write(body);

		datatap::HttpClient::Response response;
		try
		{
			response = _client.send(request, _tokenUri, body.str());
		}
		catch (const datatap::AuthError& exc)
		{
			throw datatap::AuthError(exc.message() + "; check client_id and client_secret");
		}
		const std::string where = "token endpoint " + datatap::HttpClient::displayUrl(_tokenUri);
		Poco::JSON::Object::Ptr answer;
		try
		{
			answer = Poco::JSON::Parser().parse(response.body).extract<Poco::JSON::Object::Ptr>();
		}
		catch (const Poco::Exception&)
		{
			throw datatap::ServiceError(where + " answered something that is not a JSON object");
		}
		const Poco::Dynamic::Var accessToken = answer ? answer->get("access_token") : Poco::Dynamic::Var();
		if (!accessToken.isString() || accessToken.extract<std::string>().empty())
			throw datatap::ServiceError(where + " answered without an access_token");
		const std::string tokenType = answer->optValue<std::string>("token_type", "Bearer");
		if (Poco::icompare(tokenType, "Bearer") != 0)
			throw datatap::ServiceError(where + " issued a token of type '" + tokenType + "'; only Bearer tokens are supported");
		datatap::TokenCache::Token token;
		token.value = accessToken.extract<std::string>();
		if (token.value.find_first_of("\r\n") != std::string::npos)
			throw datatap::ServiceError(where + " issued an access_token with a line break");
		token.lifetime = std::chrono::seconds(answer->optValue<Poco::Int64>("expires_in", 0));
		return token;
	}

	Poco::URI _tokenUri;
	std::string _clientId;
	std::string _clientSecret;
	std::string _scope;
	bool _basicClientAuth = true;
	datatap::HttpClient _client;
};

const DatatapOption kOptions[] = {
	{"token_url", DATATAP_OPTION_STRING, DATATAP_OPTION_REQUIRED, nullptr, "the authorization server's token endpoint"},
	{"client_id", DATATAP_OPTION_STRING, DATATAP_OPTION_REQUIRED, nullptr, "the client identifier"},
	{"client_secret", DATATAP_OPTION_STRING, DATATAP_OPTION_REQUIRED | DATATAP_OPTION_SECRET, nullptr, "the client secret"},
	{"client_auth", DATATAP_OPTION_STRING, 0, "basic", "how the client authenticates: basic (Authorization header) or body (form fields)"},
	{"scope", DATATAP_OPTION_STRING, 0, nullptr, "space-separated scopes to ask for"},
	{"refresh_early", DATATAP_OPTION_INTEGER, 0, "30", "seconds before expires_in runs out to fetch a new token (at most half its lifetime)"},
	{"timeout", DATATAP_OPTION_INTEGER, 0, "30", "seconds to wait for the token endpoint"},
};

const DatatapClass kClasses[] = {
	{"oauth2-client-credentials", DATATAP_KIND_AUTH, "OAuth2ClientCredentialsAuth", "1.0.0", "OAuth 2.0 client credentials grant: a cached Bearer access token from token_url", kOptions, datatap::countOf(kOptions)},
};

} // namespace

DATATAP_PLUGIN_HANDSHAKE(kClasses)

DATATAP_BEGIN_AUTH_MANIFEST
	POCO_EXPORT_CLASS(OAuth2ClientCredentialsAuth)
POCO_END_MANIFEST
