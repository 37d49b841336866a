#pragma once

// Marks what the core library exports: the SDK's classes and the host classes the
// runner uses. Everything else in the core and in plugins stays hidden.
#if defined(__GNUC__)
#define DATATAP_API __attribute__((visibility("default")))
#else
#define DATATAP_API
#endif
