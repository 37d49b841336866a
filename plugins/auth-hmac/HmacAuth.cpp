// `hmac`: signs each request with HMAC-SHA256 under a shared secret. The signed
// text is four lines: method, path and query as sent, the date header's value
// and the hex SHA-256 of the body; the server recomputes it, so a request
// altered or replayed much later fails. The secret itself is never sent.

#include <datatap/Plugin.h>

#include <Poco/Base64Encoder.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/HMACEngine.h>
#include <Poco/SHA2Engine.h>
#include <Poco/Timestamp.h>

#include <sstream>

namespace {

// POCO 1.11's HMACEngine reads the block and digest sizes from its engine, and
// SHA2Engine, serving four sizes, declares neither.
class Sha256Engine: public Poco::SHA2Engine
{
public:
	enum
	{
		BLOCK_SIZE = 64,
		DIGEST_SIZE = 32
	};

	Sha256Engine():
		Poco::SHA2Engine(SHA_256)
	{
	}
};

class HmacAuth: public datatap::AuthStrategy
{
public:
	void configure(const datatap::PluginOptions& options) override
	{
		_keyId = options.getHeaderValue("key_id");
		if (_keyId.find_first_of("\", ") != std::string::npos)
			options.fail("key_id", "must not contain '\"', ',' or spaces");
		_secret = options.getString("secret");
		if (_secret.empty())
			options.fail("secret", "is empty");
		_signatureHeader = headerName(options, "signature_header");
		_dateHeader = headerName(options, "date_header");
		_contentHashHeader = headerName(options, "content_hash_header");
	}

	void apply(datatap::AuthRequest& request) override
	{
		const std::string date = Poco::DateTimeFormatter::format(Poco::Timestamp(), Poco::DateTimeFormat::HTTP_FORMAT);
		Poco::SHA2Engine bodyHash(Poco::SHA2Engine::SHA_256);
		bodyHash.update(request.body());
		const std::string contentHash = Poco::DigestEngine::digestToHex(bodyHash.digest());
		const std::string target = request.uri().getPathAndQuery().empty() ? "/" : request.uri().getPathAndQuery();

		Poco::HMACEngine<Sha256Engine> hmac(_secret);
		hmac.update(request.method() + "\n" + target + "\n" + date + "\n" + contentHash);
		std::ostringstream signature;
		Poco::Base64Encoder encoder(signature);
		encoder.rdbuf()->setLineLength(0);
		const Poco::DigestEngine::Digest& digest = hmac.digest();
		encoder.write(reinterpret_cast<const char*>(digest.data()), static_cast<std::streamsize>(digest.size()));
		encoder.close();

		request.setHeader(_dateHeader, date);
		request.setHeader(_contentHashHeader, contentHash);
		request.setCredentialHeader(_signatureHeader, "HMAC-SHA256 keyId=\"" + _keyId + "\", signature=\"" + signature.str() + "\"");
	}

private:
	static std::string headerName(const datatap::PluginOptions& options, const std::string& key)
	{
		std::string name = options.getHeaderValue(key);
		if (name.find_first_of(" :") != std::string::npos)
			options.fail(key, "must be a header name");
		return name;
	}

	std::string _keyId;
	std::string _secret;
	std::string _signatureHeader;
	std::string _dateHeader;
	std::string _contentHashHeader;
};

const DatatapOption kOptions[] = {
	{"key_id", DATATAP_OPTION_STRING, DATATAP_OPTION_REQUIRED, nullptr, "names the key, so the server knows which secret to check with"},
	{"secret", DATATAP_OPTION_STRING, DATATAP_OPTION_REQUIRED | DATATAP_OPTION_SECRET, nullptr, "the shared HMAC key; never sent"},
	{"signature_header", DATATAP_OPTION_STRING, 0, "Authorization", "carries HMAC-SHA256 keyId=\"...\", signature=\"<base64>\""},
	{"date_header", DATATAP_OPTION_STRING, 0, "X-Date", "carries the signed date (RFC 7231 format)"},
	{"content_hash_header", DATATAP_OPTION_STRING, 0, "X-Content-SHA256", "carries the signed hex SHA-256 of the body"},
};

const DatatapClass kClasses[] = {
	{"hmac", DATATAP_KIND_AUTH, "HmacAuth", "1.0.0", "signs method, path and query, date and body hash with HMAC-SHA256", kOptions, datatap::countOf(kOptions)},
};

} // namespace

DATATAP_PLUGIN_HANDSHAKE(kClasses)

DATATAP_BEGIN_AUTH_MANIFEST
	POCO_EXPORT_CLASS(HmacAuth)
POCO_END_MANIFEST
