#include "transport/TlsContext.h"

#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLManager.h>

#include <map>
#include <mutex>

namespace datatap {

Poco::Net::Context::Ptr TlsContext::client(const std::string& caFile, bool insecure)
{
	static std::mutex mutex;
	static std::map<std::string, Poco::Net::Context::Ptr> contexts;
	std::lock_guard<std::mutex> lock(mutex);
	const auto make = [](const std::string& ca, bool verify) -> Poco::Net::Context::Ptr {
		// VERIFY_STRICT, because POCO skips the host name check for "localhost"
		// and loopback addresses in every other mode.
		return new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, ca, verify ? Poco::Net::Context::VERIFY_STRICT : Poco::Net::Context::VERIFY_NONE, 9, true);
	};
	if (contexts.empty())
	{
		Poco::Net::initializeSSL();
		Poco::Net::Context::Ptr standard = make("", true);
		contexts.emplace("verify|", standard);
		Poco::SharedPtr<Poco::Net::InvalidCertificateHandler> reject = new Poco::Net::RejectCertificateHandler(false);
		Poco::Net::SSLManager::instance().initializeClient(nullptr, reject, standard);
	}
	const std::string key = (insecure ? "insecure|" : "verify|") + caFile;
	auto it = contexts.find(key);
	if (it != contexts.end())
		return it->second;
	Poco::Net::Context::Ptr context = make(caFile, !insecure);
	contexts.emplace(key, context);
	return context;
}

} // namespace datatap
