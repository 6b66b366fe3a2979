#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace ikemu {

// A request as the dispatcher sees it, independent of QHttpServer.
struct ApiRequest {
    QByteArray method;              // "GET", "POST", "PATCH", ...
    QString path;                   // decoded path, "/v1/files/abc/details"
    QByteArray rawPath;             // path as sent (percent-encoded)
    QByteArray rawQuery;            // query as sent, without '?'
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    // Case-insensitive header lookup; empty when absent.
    QByteArray header(const QByteArray &name) const;
    // The query parameter, fully decoded ('+' as space too, as form encoding does).
    QString queryValue(const QString &key) const;
    bool hasQueryValue(const QString &key) const;
};

// A response before it is written to the socket.
struct ApiResponse {
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(const QByteArray &name) const;

    static ApiResponse json(const QJsonObject &object, int status = 200);
    static ApiResponse json(const QJsonArray &array, int status = 200);
    static ApiResponse bytes(const QByteArray &body, const QByteArray &contentType, int status = 200);
    static ApiResponse noContent();
    // ImageKit's error body {"message", "help"} plus any extra fields (reason, missingFileIds...).
    static ApiResponse error(int status, const QString &message, const QJsonObject &extra = {});
};

// The help text ImageKit puts in every error body.
QString supportHelp();

} // namespace ikemu
