#include "support/Text.h"

#include <Poco/Base64Encoder.h>

#include <sstream>

namespace datatap::test {

std::string Text::base64(const std::string& text)
{
	std::ostringstream out;
	Poco::Base64Encoder encoder(out);
	encoder.rdbuf()->setLineLength(0);
	encoder << text;
	encoder.close();
	return out.str();
}

} // namespace datatap::test
