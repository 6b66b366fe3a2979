#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QIODevice>
#include <QString>

namespace ik {

// Which ImageKit host a request goes to (both are configurable on the client).
enum class ApiHost { Api, Upload };

// One field of a multipart/form-data body. Text fields carry `value`; file fields stream from
// `filePath` (opened when the request is sent, never read whole) or from `device`, or send `value`
// as the file bytes.
struct MultipartField
{
    QByteArray name;
    QByteArray value;
    bool isFile = false;
    QString filePath;
    QPointer<QIODevice> device;
    QByteArray fileName;      // the part's filename="..."
    QByteArray contentType;   // defaults to application/octet-stream for files
};

// Everything needed to send one ImageKit API call: built by an operation, sent by ApiClient.
// Query parameters and multipart fields keep the order given (no QJsonObject/QUrlQuery sorting).
struct ApiRequest
{
    enum class Body { None, Json, Multipart };

    QByteArray method = "GET";             // GET, POST, PUT, PATCH, DELETE
    ApiHost host = ApiHost::Api;
    QString path;                          // e.g. "/v1/files/abc/details"; path ids already percent-encoded
    QList<QPair<QString, QString>> query;  // encoded application/x-www-form-urlencoded style, in order
    Body body = Body::None;
    QByteArray json;                       // with Body::Json
    QList<MultipartField> multipart;       // with Body::Multipart
    QList<int> successStatuses{200};       // any other status is an error
    // Whether sending it twice is harmless. Only such requests are retried after a 5xx, a timeout
    // or a dropped connection; a 429 (rejected before processing) is retried for every request.
    bool idempotent = false;
};

} // namespace ik
