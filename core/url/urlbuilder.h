#pragma once

#include "url/urloptions.h"
#include "url/urlsigner.h"

#include <QString>

namespace ik {

class Clock;

enum class UrlError {
    None,
    MissingPathAndSrc,   // neither path nor src given (the seed silently returns "")
    MissingUrlEndpoint,  // a path, but no endpoint from the call or the builder
    InvalidUrlEndpoint,  // the endpoint is not an absolute http(s)-like URL
    InvalidSrc,          // src is not an absolute URL
    MissingPrivateKey,   // sign requested without a private key
    InvalidExpiry,       // expireSeconds < 0
};

struct UrlResult
{
    QString url;          // always a valid URL (see urlencoding.h) when ok()
    UrlError error = UrlError::None;
    QString errorMessage; // one sentence for the user
    bool ok() const { return error == UrlError::None; }
};

// Builds ImageKit delivery URLs as the seed SDK's url() does (its §9 algorithm), with two
// deliberate differences: the result is always a valid URL (raw spaces, non-ASCII, '#' and stray
// '%' are percent-encoded) and the signature covers exactly the text in the URL; errors are
// reported instead of returning "".
//
// Holds the client defaults. build() reuses one HMAC state: use one builder per thread.
class UrlBuilder
{
public:
    UrlBuilder();
    UrlBuilder(const QString &urlEndpoint, const QString &privateKey);

    void setUrlEndpoint(const QString &urlEndpoint);
    const QString &urlEndpoint() const { return m_urlEndpoint; }
    void setPrivateKey(const QString &privateKey) { m_signer.setPrivateKey(privateKey); }
    void setDefaultTransformationPosition(TransformationPosition position) { m_defaultPosition = position; }
    TransformationPosition defaultTransformationPosition() const { return m_defaultPosition; }
    // The clock for expiring signatures; must outlive the builder. Default: the system clock.
    void setClock(const Clock *clock);

    UrlResult build(const UrlOptions &options) const;

    // The transformation string of the seed: steps joined by ':', parameters by ','.
    static QString transformationString(const QList<TransformationStep> &steps);
    static void appendTransformationString(QString &out, const QList<TransformationStep> &steps);

private:
    QString m_urlEndpoint;
    QString m_encodedEndpoint;  // m_urlEndpoint in URL form, computed once
    QString m_endpointProblem;  // why m_urlEndpoint is unusable, if it is
    mutable QString m_scratch;  // the transformation string while building
    TransformationPosition m_defaultPosition = TransformationPosition::Path;
    const Clock *m_clock;
    UrlSigner m_signer;
};

} // namespace ik
