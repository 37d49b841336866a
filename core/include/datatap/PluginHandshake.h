#pragma once

// The handshake every plugin library exports. The host reads it with a plain
// symbol look-up before it asks POCO for a manifest, so it can refuse a library
// built for another API or toolchain without calling any of its C++ code.
//
// Everything here is C: the layout must stay readable by a host of any version.
// The first two fields never move; anything new goes at the end and bumps
// DATATAP_PLUGIN_API_VERSION.

#include <Poco/Version.h>

#include <cstddef>
#include <cstdint>

#define DATATAP_PLUGIN_API_VERSION 1u
#define DATATAP_HANDSHAKE_SYMBOL "datatap_plugin_handshake"

// POCO manifest names, one per kind, so one library may ship both kinds.
#define DATATAP_AUTH_MANIFEST AuthStrategy
#define DATATAP_DECODER_MANIFEST ResourceDecoder

extern "C" {

enum DatatapPluginKind : std::uint32_t
{
	DATATAP_KIND_AUTH = 1,
	DATATAP_KIND_DECODER = 2
};

enum DatatapOptionType : std::uint32_t
{
	DATATAP_OPTION_STRING = 0,
	DATATAP_OPTION_INTEGER = 1,
	DATATAP_OPTION_BOOLEAN = 2,
	DATATAP_OPTION_PATH = 3
};

enum DatatapOptionFlags : std::uint32_t
{
	DATATAP_OPTION_REQUIRED = 1u << 0,
	DATATAP_OPTION_SECRET = 1u << 1
};

struct DatatapOption
{
	const char* name;
	std::uint32_t type;    ///< a DatatapOptionType
	std::uint32_t flags;   ///< DatatapOptionFlags
	const char* defaultValue; ///< nullptr: no default
	const char* summary;
};

struct DatatapClass
{
	const char* name;      ///< user-facing name, e.g. "basic-token"
	std::uint32_t kind;    ///< a DatatapPluginKind
	const char* className; ///< the class name in the POCO manifest of that kind
	const char* version;
	const char* summary;
	const DatatapOption* options;
	std::uint32_t optionCount;
};

struct DatatapPluginDescriptor
{
	std::uint32_t apiVersion;  ///< DATATAP_PLUGIN_API_VERSION the plugin was built with
	std::uint32_t structSize;  ///< sizeof(DatatapPluginDescriptor) in that version
	const char* buildTag;      ///< see datatap::buildTag()
	const DatatapClass* classes;
	std::uint32_t classCount;
};

typedef const DatatapPluginDescriptor* (*DatatapHandshakeFunction)();

} // extern "C"

namespace datatap {
namespace detail {

// The build tag names what must match between host and plugin for C++ objects to
// cross the boundary safely: compiler family and major version, the libstdc++
// dual ABI and POCO's major.minor. It is assembled at compile time, in the
// plugin's own translation unit, from the plugin's own compiler macros.
struct BuildTag
{
	char text[96] = {};
};

constexpr void appendText(BuildTag& tag, std::size_t& at, const char* text)
{
	for (; *text != '\0' && at + 1 < sizeof(tag.text); ++text)
		tag.text[at++] = *text;
}

constexpr void appendNumber(BuildTag& tag, std::size_t& at, unsigned long number)
{
	char digits[24] = {};
	std::size_t count = 0;
	do
	{
		digits[count++] = static_cast<char>('0' + number % 10);
		number /= 10;
	} while (number != 0);
	while (count > 0 && at + 1 < sizeof(tag.text))
		tag.text[at++] = digits[--count];
}

constexpr BuildTag makeBuildTag()
{
	BuildTag tag;
	std::size_t at = 0;
#if defined(__clang__)
	appendText(tag, at, "clang-");
	appendNumber(tag, at, __clang_major__);
#elif defined(__GNUC__)
	appendText(tag, at, "gcc-");
	appendNumber(tag, at, __GNUC__);
#else
	appendText(tag, at, "unknown-compiler");
#endif
#if defined(_GLIBCXX_USE_CXX11_ABI)
	appendText(tag, at, ",cxx11abi-");
	appendNumber(tag, at, _GLIBCXX_USE_CXX11_ABI);
#elif defined(_LIBCPP_VERSION)
	appendText(tag, at, ",libc++");
#endif
	appendText(tag, at, ",poco-");
	appendNumber(tag, at, (POCO_VERSION >> 24) & 0xFFu);
	appendText(tag, at, ".");
	appendNumber(tag, at, (POCO_VERSION >> 16) & 0xFFu);
	return tag;
}

inline constexpr BuildTag kBuildTag = makeBuildTag();

} // namespace detail

/// The element count of a descriptor table, as the descriptor stores it.
template <class T, std::size_t N>
constexpr std::uint32_t countOf(const T (&)[N])
{
	return static_cast<std::uint32_t>(N);
}

} // namespace datatap

// Defines the exported handshake of a plugin library from an array of DatatapClass.
#define DATATAP_PLUGIN_HANDSHAKE(classArray)                                                  \
	extern "C" __attribute__((visibility("default"))) const DatatapPluginDescriptor*        \
	datatap_plugin_handshake()                                                              \
	{                                                                                       \
		static const DatatapPluginDescriptor descriptor{                                    \
		    DATATAP_PLUGIN_API_VERSION, sizeof(DatatapPluginDescriptor),                    \
		    ::datatap::detail::kBuildTag.text, classArray,                                  \
		    ::datatap::countOf(classArray)};                                                \
		return &descriptor;                                                                 \
	}
