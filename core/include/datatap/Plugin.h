#pragma once

// The one header a plugin author includes.

#include "datatap/AuthStrategy.h"
#include "datatap/Exceptions.h"
#include "datatap/HttpClient.h"
#include "datatap/PluginHandshake.h"
#include "datatap/Record.h"
#include "datatap/ResourceDecoder.h"
#include "datatap/TokenAuthStrategy.h"
#include "datatap/TokenCache.h"

#include <Poco/ClassLibrary.h>

// The POCO manifests the registry loads, one per kind:
//   DATATAP_BEGIN_AUTH_MANIFEST  POCO_EXPORT_CLASS(MyAuth)  POCO_END_MANIFEST
#define DATATAP_BEGIN_AUTH_MANIFEST POCO_BEGIN_NAMED_MANIFEST(DATATAP_AUTH_MANIFEST, ::datatap::AuthStrategy)
#define DATATAP_BEGIN_DECODER_MANIFEST POCO_BEGIN_NAMED_MANIFEST(DATATAP_DECODER_MANIFEST, ::datatap::ResourceDecoder)
