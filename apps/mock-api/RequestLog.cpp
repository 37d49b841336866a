#include "RequestLog.h"

#include <Poco/NumberFormatter.h>

namespace datatap {
namespace mock {

namespace {

// POCO ends the method and target at whitespace, but other control bytes get
// through; percent-encoding them keeps every entry on one line of plain ASCII.
std::string printable(const std::string& text)
{
	std::string result;
	result.reserve(text.size());
	for (const char c : text)
	{
		const auto byte = static_cast<unsigned char>(c);
		if (byte > 0x20 && byte < 0x7F)
		{
			result += c;
		}
		else
		{
			result += '%';
			Poco::NumberFormatter::appendHex(result, byte, 2);
		}
	}
	return result;
}

} // namespace

RequestLog::RequestLog(const std::string& path):
	_stream(path, std::ios::out | std::ios::app)
{
}

void RequestLog::record(const std::string& method, const std::string& target, bool hasAuthorization, const std::vector<std::string>& headerNames)
{
	std::string names;
	for (const std::string& name : headerNames)
		names += (names.empty() ? "" : ",") + printable(name);
	const std::string line = printable(method) + ' ' + printable(target) + (hasAuthorization ? "\tauth=yes" : "\tauth=no") + "\theaders=" + names + "\n";

	Poco::FastMutex::ScopedLock lock(_mutex);
	_stream << line;
	_stream.flush();
}

} // namespace mock
} // namespace datatap
