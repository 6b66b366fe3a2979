#pragma once

#include <QString>

namespace ik {

class Clock;

// What a browser or app needs to upload straight to ImageKit without the private key
// (client-side upload): the server checks signature = HMAC-SHA1(private key, token + expire).
struct AuthParameters
{
    QString token;     // single use; a random UUID unless the caller brings one
    qint64 expire = 0; // Unix seconds after which the upload is refused
    QString signature; // lowercase hex

    // Compact JSON in the seed's key order: {"token":"...","expire":123,"signature":"..."}.
    QString toJson() const;
};

struct AuthParametersResult
{
    AuthParameters parameters;
    QString error; // empty on success
    bool ok() const { return error.isEmpty(); }
};

// How long generated parameters stay valid when the caller gives no expiry (the seed's 30 minutes).
inline constexpr qint64 kDefaultAuthLifetimeSeconds = 1800;

// token empty: a new UUID v4 (lowercase, no braces). expire 0: clock now + 30 minutes. A negative
// expire or an empty private key is an error (the seed signed them without a word).
AuthParametersResult makeAuthParameters(const QString &privateKey, const Clock &clock,
                                        const QString &token = QString(), qint64 expire = 0);

} // namespace ik
