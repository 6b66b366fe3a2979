#include "server/requestauthenticator.h"

#include "server/multipartform.h"
#include "store/mediastore.h"

#include <QMessageAuthenticationCode>

namespace ikemu {

namespace {

ApiResponse missingKey()
{
    return ApiResponse::error(401, QStringLiteral("Your request does not contain private API key."));
}

ApiResponse cannotAuthenticate()
{
    return ApiResponse::error(403, QStringLiteral("Your account cannot be authenticated."));
}

} // namespace

QString RequestAuthenticator::uploadSignature(const QString &privateKey, const QString &token, const QString &expire)
{
    return QString::fromLatin1(QMessageAuthenticationCode::hash((token + expire).toUtf8(), privateKey.toUtf8(),
                                                                QCryptographicHash::Sha1)
                                   .toHex());
}

std::optional<ApiResponse> RequestAuthenticator::checkBasic(const ApiRequest &request) const
{
    const QByteArray authorization = request.header("Authorization").trimmed();
    if (authorization.isEmpty())
        return missingKey();
    if (!authorization.toLower().startsWith("basic "))
        return cannotAuthenticate();
    const QByteArray credentials = authorization.mid(6).trimmed();
    const auto decoded = QByteArray::fromBase64Encoding(credentials, QByteArray::AbortOnBase64DecodingErrors);
    QString user;
    if (decoded && decoded.decoded.contains(':'))
        user = QString::fromUtf8(decoded.decoded.left(decoded.decoded.indexOf(':')));
    else
        user = QString::fromUtf8(credentials); // the spec also allows "Basic <private key>" as is
    if (user.isEmpty())
        return missingKey();
    if (user != m_privateKey)
        return cannotAuthenticate();
    return std::nullopt;
}

std::optional<ApiResponse> RequestAuthenticator::checkUpload(const ApiRequest &request, const MultipartForm &form,
                                                             MediaStore &store, qint64 nowSeconds) const
{
    const bool hasSignatureFields = form.contains(QStringLiteral("signature")) || form.contains(QStringLiteral("token"))
        || form.contains(QStringLiteral("expire"));
    const bool hasBasic = !request.header("Authorization").isEmpty();
    if (hasSignatureFields && hasBasic)
        return ApiResponse::error(400, QStringLiteral("Your request contains both signature and basic auth parameter. "
                                                      "Use only one method, you might be exposing your private API key."));
    if (!hasSignatureFields)
        return checkBasic(request);

    const QString publicKey = form.text(QStringLiteral("publicKey"));
    const QString signature = form.text(QStringLiteral("signature")).trimmed();
    const QString expireText = form.text(QStringLiteral("expire")).trimmed();
    const QString token = form.text(QStringLiteral("token"));
    if (publicKey.isEmpty())
        return ApiResponse::error(400, QStringLiteral("Your request does not contain the publicKey parameter."));
    if (publicKey != m_publicKey)
        return cannotAuthenticate();
    if (signature.isEmpty() || token.isEmpty() || expireText.isEmpty())
        return ApiResponse::error(400, QStringLiteral("Your request is missing the signature, token or expire parameter."));
    bool ok = false;
    const qint64 expire = expireText.toLongLong(&ok);
    if (!ok || expire > nowSeconds + 3600)
        return ApiResponse::error(400, QStringLiteral("Your request contains invalid expire parameter. Expire parameter "
                                                      "should be a Unix time in less than 1 hour into the future."));
    if (expire < nowSeconds)
        return ApiResponse::error(400, QStringLiteral("Your request contains expired token. The expire parameter %1 is "
                                                      "in the past.").arg(expire));
    if (signature.toLower() != uploadSignature(m_privateKey, token, expireText))
        return ApiResponse::error(403, QStringLiteral("Your request contains invalid signature. The signature must be the "
                                                      "HMAC-SHA1 of token + expire keyed with the private API key."));
    if (!store.consumeUploadToken(token, expire))
        return ApiResponse::error(400, QStringLiteral("The token has already been used. Generate a new token, signature "
                                                      "and expire for every upload."));
    return std::nullopt;
}

} // namespace ikemu
