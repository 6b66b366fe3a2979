#include "auth/authparameters.h"

#include "util/clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QMessageAuthenticationCode>
#include <QUuid>

namespace ik {

QString AuthParameters::toJson() const
{
    // Written by hand: QJsonObject would sort the keys, and the order is part of the contract.
    auto quoted = [](const QString &text) {
        // QJsonDocument escapes exactly as JSON requires; wrap the string in an array to reuse it.
        const QByteArray array = QJsonDocument(QJsonArray{QJsonValue(text)}).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(array.sliced(1, array.size() - 2));
    };
    return QStringLiteral("{\"token\":%1,\"expire\":%2,\"signature\":%3}")
        .arg(quoted(token))
        .arg(expire)
        .arg(quoted(signature));
}

AuthParametersResult makeAuthParameters(const QString &privateKey, const Clock &clock, const QString &token, qint64 expire)
{
    AuthParametersResult result;
    if (privateKey.isEmpty()) {
        result.error = QStringLiteral("authentication parameters need the private key");
        return result;
    }
    if (expire < 0) {
        result.error = QStringLiteral("expire must be a Unix time in seconds (or 0 for now + %1 s), got %2")
                           .arg(kDefaultAuthLifetimeSeconds)
                           .arg(expire);
        return result;
    }
    AuthParameters &parameters = result.parameters;
    parameters.token = token.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : token;
    parameters.expire = expire != 0 ? expire : clock.nowSeconds() + kDefaultAuthLifetimeSeconds;
    const QByteArray message = parameters.token.toUtf8() + QByteArray::number(parameters.expire);
    parameters.signature = QString::fromLatin1(
        QMessageAuthenticationCode::hash(message, privateKey.toUtf8(), QCryptographicHash::Sha1).toHex());
    return result;
}

} // namespace ik
