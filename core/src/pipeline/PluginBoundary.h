#pragma once

#include "datatap/Api.h"
#include "datatap/Exceptions.h"

#include <Poco/Net/NetException.h>
#include <fmt/format.h>

#include <exception>
#include <string>
#include <utility>

namespace datatap {

/// Runs one call into a plugin and turns whatever escapes it into a datatap
/// error that names the plugin: a datatap error keeps its class (so its exit
/// code) and gains the context, anything else becomes a PluginError. Network
/// errors from the body stream a decoder reads pass through untouched.
class DATATAP_API PluginBoundary
{
public:
	template <class Call>
	static void call(const std::string& context, Call&& call)
	{
		callDescribed([&] { return context; }, std::forward<Call>(call));
	}

	/// As call(), with the context made by describe() only when something
	/// escapes: for calls made once a request, where formatting it each time shows.
	template <class Describe, class Call>
	static void callDescribed(Describe&& describe, Call&& call)
	{
		try
		{
			call();
		}
		catch (const Poco::TimeoutException&)
		{
			throw;
		}
		catch (const Poco::Net::NetException&)
		{
			throw;
		}
		catch (const DatatapException& exc)
		{
			rethrowWithContext(exc, describe());
		}
		catch (const std::exception& exc)
		{
			throw PluginError(fmt::format("{} failed: {}", describe(), exc.what()));
		}
		catch (...)
		{
			throw PluginError(fmt::format("{} failed with an exception that is not a std::exception", describe()));
		}
	}

	[[noreturn]] static void rethrowWithContext(const DatatapException& exc, const std::string& context);
};

} // namespace datatap
