#include "transport/TlsContext.h"

#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLManager.h>

#include <mutex>

namespace datatap {

Poco::Net::Context::Ptr TlsContext::client()
{
	static std::once_flag once;
	static Poco::Net::Context::Ptr context;
	std::call_once(once, [] {
		Poco::Net::initializeSSL();
		context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", Poco::Net::Context::VERIFY_RELAXED, 9, true);
		Poco::SharedPtr<Poco::Net::InvalidCertificateHandler> reject = new Poco::Net::RejectCertificateHandler(false);
		Poco::Net::SSLManager::instance().initializeClient(nullptr, reject, context);
	});
	return context;
}

} // namespace datatap
