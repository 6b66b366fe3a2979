#pragma once

#include "server/httpexchange.h"

#include <optional>

namespace ikemu {

struct EmulatorContext;

// GET /<url-endpoint-id>/<path>: serves stored files, transformed by a `tr:` path segment and/or
// the `tr` query parameter (steps joined by ':'), with Content-Type, ETag and Cache-Control.
// `ik-obj-version` selects an older version. Private files need a valid `ik-s` signature (and a
// future `ik-t` when present); any `ik-s` present is checked the same way. Unknown
// transformation parameters are listed in the X-IK-Ignored-Transformations header.
class DeliveryHandler
{
public:
    explicit DeliveryHandler(EmulatorContext &context) : m_context(context) {}

    // True when `request` addresses the delivery endpoint.
    bool accepts(const ApiRequest &request) const;
    ApiResponse handle(const ApiRequest &request);

    // Renders a full URL the emulator serves (http://127.0.0.1:<port>/<id>/...), for the metadata
    // API and uploads by URL; nullopt when the URL belongs to another host.
    std::optional<ApiResponse> renderOwnUrl(const QString &url);

    // The string ImageKit signs for a delivery URL: the URL without "<origin>/<id>/" and without
    // ik-s/ik-t, followed by the expiry (9999999999 when the URL has no ik-t).
    static QString stringToSign(const QString &pathAfterEndpoint, const QString &queryWithoutSignature,
                                const QString &expiry);

private:
    std::optional<ApiResponse> checkSignature(const ApiRequest &request, bool required) const;

    EmulatorContext &m_context;
};

} // namespace ikemu
