#pragma once

#include <Poco/FileStream.h>
#include <Poco/Mutex.h>

#include <string>
#include <vector>

namespace datatap {
namespace mock {

/// Appends a line per request to a file, so tests can check what a client sent
/// (and how often) without the mock ever recording a credential.
class RequestLog
{
public:
	/// Opens path for appending; throws Poco::FileException if that fails.
	explicit RequestLog(const std::string& path);

	/// Writes "METHOD TARGET<TAB>auth=yes|no<TAB>headers=Name,Name,..." and flushes
	/// at once, so a test can read the file while the server keeps running. Header
	/// names only: what a client sent is visible, no value of it is. Thread-safe.
	void record(const std::string& method, const std::string& target, bool hasAuthorization, const std::vector<std::string>& headerNames);

private:
	Poco::FastMutex _mutex;
	Poco::FileOutputStream _stream;
};

} // namespace mock
} // namespace datatap
