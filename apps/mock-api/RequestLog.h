#pragma once

#include <Poco/FileStream.h>
#include <Poco/Mutex.h>

#include <string>

namespace datatap {
namespace mock {

/// Appends a line per request to a file, so tests can check what a client sent
/// (and how often) without the mock ever recording a credential.
class RequestLog
{
public:
	/// Opens path for appending; throws Poco::FileException if that fails.
	explicit RequestLog(const std::string& path);

	/// Writes "METHOD TARGET<TAB>auth=yes|no" and flushes at once, so a test can
	/// read the file while the server keeps running. Safe to call from any thread.
	void record(const std::string& method, const std::string& target, bool hasAuthorization);

private:
	Poco::FastMutex _mutex;
	Poco::FileOutputStream _stream;
};

} // namespace mock
} // namespace datatap
