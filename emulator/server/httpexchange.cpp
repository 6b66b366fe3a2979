#include "server/httpexchange.h"

#include <QJsonDocument>
#include <QUrl>

namespace ikemu {

QByteArray ApiRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

static QString formDecode(QByteArray value)
{
    value.replace('+', ' ');
    return QUrl::fromPercentEncoding(value);
}

QString ApiRequest::queryValue(const QString &key) const
{
    const QList<QByteArray> pairs = rawQuery.split('&');
    for (const QByteArray &pair : pairs) {
        const qsizetype eq = pair.indexOf('=');
        const QByteArray k = eq < 0 ? pair : pair.left(eq);
        if (formDecode(k) == key)
            return eq < 0 ? QString() : formDecode(pair.mid(eq + 1));
    }
    return QString();
}

bool ApiRequest::hasQueryValue(const QString &key) const
{
    const QList<QByteArray> pairs = rawQuery.split('&');
    for (const QByteArray &pair : pairs) {
        const qsizetype eq = pair.indexOf('=');
        if (formDecode(eq < 0 ? pair : pair.left(eq)) == key)
            return true;
    }
    return false;
}

void ApiResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            h.second = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray ApiResponse::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

ApiResponse ApiResponse::json(const QJsonObject &object, int status)
{
    return bytes(QJsonDocument(object).toJson(QJsonDocument::Compact), "application/json; charset=utf-8", status);
}

ApiResponse ApiResponse::json(const QJsonArray &array, int status)
{
    return bytes(QJsonDocument(array).toJson(QJsonDocument::Compact), "application/json; charset=utf-8", status);
}

ApiResponse ApiResponse::bytes(const QByteArray &body, const QByteArray &contentType, int status)
{
    ApiResponse r;
    r.status = status;
    r.body = body;
    r.setHeader("Content-Type", contentType);
    return r;
}

ApiResponse ApiResponse::noContent()
{
    ApiResponse r;
    r.status = 204;
    return r;
}

QString supportHelp()
{
    return QStringLiteral("For support kindly contact us at support@imagekit.io.");
}

ApiResponse ApiResponse::error(int status, const QString &message, const QJsonObject &extra)
{
    QJsonObject body = extra;
    body.insert(QStringLiteral("message"), message);
    body.insert(QStringLiteral("help"), supportHelp());
    return json(body, status);
}

} // namespace ikemu
