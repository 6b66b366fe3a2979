#pragma once

#include "server/httpexchange.h"

#include <optional>

namespace ikemu {

class MediaStore;
class MultipartForm;

// ImageKit's two ways in: HTTP Basic with the private key as user name (any password) for the
// management and upload APIs, and, for uploads only, publicKey + signature + expire + token where
// signature = hex(HMAC-SHA1(privateKey, token + expire)), expire is at most one hour ahead and a
// token is accepted once.
class RequestAuthenticator
{
public:
    RequestAuthenticator(QString privateKey, QString publicKey)
        : m_privateKey(std::move(privateKey)), m_publicKey(std::move(publicKey)) {}

    // nullopt when authorised, else the 401/403 to send.
    std::optional<ApiResponse> checkBasic(const ApiRequest &request) const;
    // For uploads: Basic, or the client-side signature fields of `form`. Consumes the token.
    std::optional<ApiResponse> checkUpload(const ApiRequest &request, const MultipartForm &form, MediaStore &store,
                                           qint64 nowSeconds) const;

    // lower-case hex HMAC-SHA1(privateKey, token + expire), as the SDKs compute it.
    static QString uploadSignature(const QString &privateKey, const QString &token, const QString &expire);

private:
    QString m_privateKey;
    QString m_publicKey;
};

} // namespace ikemu
