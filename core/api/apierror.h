#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

namespace ik {

// What the server answered, kept with every result and every error (the seed's
// `response_metadata`): the raw body bytes, the HTTP status and the headers in arrival order.
struct ResponseMetadata
{
    QByteArray raw;
    int httpStatus = 0;
    QList<QPair<QByteArray, QByteArray>> headers;

    // Case-insensitive header lookup; empty when absent.
    QByteArray header(const QByteArray &name) const;
    // The body parsed as JSON; an undefined QJsonValue when the body is not JSON.
    QJsonValue json() const;
};

// The error classes of the seed README plus the failures that never reach a server.
enum class ErrorKind {
    BadRequest,          // 400
    Unauthorized,        // 401
    Forbidden,           // 403
    NotFound,            // 404
    Conflict,            // 409
    TooManyRequests,     // 429
    InternalServer,      // 5xx
    PartialSuccess,      // 207
    Unknown,             // any other status
    Network,             // connection refused, reset, DNS, TLS ...
    Timeout,             // no progress within the transfer timeout
    Cancelled,           // cancel() was called
    UnparseableResponse, // a success status whose body is not the expected JSON
    InvalidArgument,     // rejected before sending: no request was made
};

class ApiError
{
public:
    ApiError() = default;
    ApiError(ErrorKind kind, QString message, QString help = {}, ResponseMetadata metadata = {});

    // Maps an HTTP status to the seed README's class (400 BadRequest ... 207 PartialSuccess,
    // anything else Unknown), reading `message` and `help` from a JSON error body. A body that is
    // not JSON (an HTML page, empty, truncated) keeps the raw text and gets a message that says so.
    static ApiError fromHttpResponse(const ResponseMetadata &metadata);
    static ErrorKind kindForStatus(int httpStatus);

    ErrorKind kind() const { return m_kind; }
    QString message() const { return m_message; }
    QString help() const { return m_help; }
    const ResponseMetadata &metadata() const { return m_metadata; }
    // The parsed error body (per-item errors of a 207, `missingFileIds` of a bulk 404 ...).
    // Also filled for bodies the reference SDK reads as Python literals (single-quoted dicts).
    QJsonValue body() const { return m_body.isUndefined() ? m_metadata.json() : m_body; }

    // "NotFoundException", "NetworkError", ...: the name `mediadesk-cli` prints.
    QString className() const;
    static QString className(ErrorKind kind);
    // True for the failures a retry may cure (429, 5xx, network, timeout).
    bool isTransient() const;

private:
    ErrorKind m_kind = ErrorKind::Unknown;
    QString m_message;
    QString m_help;
    ResponseMetadata m_metadata;
    QJsonValue m_body{QJsonValue::Undefined}; // set when the body is not strict JSON
};

} // namespace ik

Q_DECLARE_METATYPE(ik::ApiError)
Q_DECLARE_METATYPE(ik::ResponseMetadata)
