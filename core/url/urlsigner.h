#pragma once

#include "url/hmacsha1.h"

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace ik {

// Signs ImageKit URLs: ik-s = lowercase hex HMAC-SHA1(private key, string to sign).
// Keeps the keyed HMAC state and a scratch buffer, so a signer is cheap per URL but must not be
// shared between threads (copy it instead).
class UrlSigner
{
public:
    // The expiry used in the string to sign when a URL never expires (not written as ik-t).
    static constexpr qint64 kNeverExpires = 9999999999;

    explicit UrlSigner(const QString &privateKey = QString());

    void setPrivateKey(const QString &privateKey);
    const QString &privateKey() const { return m_privateKey; }

    // The seed's string to sign: `url` with every occurrence of the endpoint (its slashes at both
    // ends removed) + "/" taken out, followed by the expiry (kNeverExpires when expiry < 1).
    // `url` must already be in its final, encoded form (see urlencoding::percentEncodedUrl).
    static QString stringToSign(QStringView url, QStringView urlEndpoint, qint64 expiry);

    // Lowercase hex HMAC-SHA1 of the UTF-8 text.
    QString signature(QStringView message) const;
    QByteArray signatureHex(QStringView message) const;
    // signatureHex(stringToSign(url, urlEndpoint, expiry)) without building the string.
    QByteArray signatureHexForUrl(QStringView url, QStringView urlEndpoint, qint64 expiry) const;

private:
    QString m_privateKey;
    HmacSha1 m_hmac;
    mutable QByteArray m_scratch;
};

} // namespace ik
