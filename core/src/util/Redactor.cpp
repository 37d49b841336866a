#include "util/Redactor.h"

#include <Poco/Base64Encoder.h>

#include <algorithm>
#include <sstream>

namespace datatap {

const char* const Redactor::kMask = "****";

void Redactor::add(const std::string& secret)
{
	std::lock_guard<std::mutex> lock(_mutex);
	if (secret.size() < 4 || std::find(_secrets.begin(), _secrets.end(), secret) != _secrets.end())
		return;
	_secrets.push_back(secret);
	// A secret often travels base64-encoded (Basic auth); mask that form too.
	std::ostringstream encoded;
	Poco::Base64Encoder encoder(encoded, Poco::BASE64_NO_PADDING);
	encoder << secret;
	encoder.close();
	if (encoded.str().size() >= 4)
		_secrets.push_back(encoded.str());
	// Longest first, so a secret that contains another is masked whole.
	std::sort(_secrets.begin(), _secrets.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string Redactor::apply(std::string text) const
{
	std::lock_guard<std::mutex> lock(_mutex);
	for (const std::string& secret: _secrets)
	{
		for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at))
		{
			text.replace(at, secret.size(), kMask);
			at += 4;
		}
	}
	return text;
}

} // namespace datatap
