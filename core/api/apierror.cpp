#include "api/apierror.h"

#include "api/transport/pythonliteral.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ik {

namespace {

// How much of an unexpected body goes into an error message.
constexpr qsizetype SnippetLength = 200;

QString snippet(const QByteArray &raw)
{
    QString text = QString::fromUtf8(raw.left(SnippetLength * 4)).simplified();
    // Control characters would garble a terminal or a dialog.
    for (QChar &c : text) {
        if (c.category() == QChar::Other_Control)
            c = QLatin1Char(' ');
    }
    if (text.size() > SnippetLength) {
        text.truncate(SnippetLength);
        text += QStringLiteral("...");
    } else if (raw.size() > SnippetLength * 4) {
        text += QStringLiteral("...");
    }
    return text;
}

// A message or help value of an unexpected type is shown as text rather than dropped.
QString valueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String: return value.toString();
    case QJsonValue::Double: return QString::number(value.toDouble());
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array: return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object: return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined: return {};
    }
    return {};
}

QJsonValue strictJson(const QByteArray &raw)
{
    const QByteArray trimmed = raw.trimmed();
    if (trimmed.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    QJsonParseError error{};
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        const QJsonDocument document = QJsonDocument::fromJson(trimmed, &error);
        if (error.error != QJsonParseError::NoError)
            return QJsonValue(QJsonValue::Undefined);
        return document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    }
    // A bare scalar ("text", 12, true): QJsonDocument only takes containers, so wrap it.
    const QJsonDocument document = QJsonDocument::fromJson("[" + trimmed + "]", &error);
    if (error.error != QJsonParseError::NoError || document.array().size() != 1)
        return QJsonValue(QJsonValue::Undefined);
    return document.array().at(0);
}

} // namespace

QByteArray ResponseMetadata::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QJsonValue ResponseMetadata::json() const
{
    return strictJson(raw);
}

ApiError::ApiError(ErrorKind kind, QString message, QString help, ResponseMetadata metadata)
    : m_kind(kind)
    , m_message(std::move(message))
    , m_help(std::move(help))
    , m_metadata(std::move(metadata))
{
}

ErrorKind ApiError::kindForStatus(int httpStatus)
{
    switch (httpStatus) {
    case 207: return ErrorKind::PartialSuccess;
    case 400: return ErrorKind::BadRequest;
    case 401: return ErrorKind::Unauthorized;
    case 403: return ErrorKind::Forbidden;
    case 404: return ErrorKind::NotFound;
    case 409: return ErrorKind::Conflict;
    case 429: return ErrorKind::TooManyRequests;
    default: break;
    }
    if (httpStatus >= 500 && httpStatus <= 599)
        return ErrorKind::InternalServer;
    return ErrorKind::Unknown;
}

ApiError ApiError::fromHttpResponse(const ResponseMetadata &metadata)
{
    const ErrorKind kind = kindForStatus(metadata.httpStatus);
    const QString status = QStringLiteral("HTTP %1").arg(metadata.httpStatus);
    const QByteArray contentType = metadata.header("content-type");
    const QString typeText = contentType.isEmpty() ? QStringLiteral("no content type")
                                                   : QString::fromLatin1(contentType.split(';').value(0).trimmed());

    if (metadata.raw.trimmed().isEmpty())
        return ApiError(kind, QStringLiteral("%1 with an empty body").arg(status), {}, metadata);

    QJsonValue body = strictJson(metadata.raw);
    bool pythonLiteral = false;
    if (body.isUndefined()) {
        // The reference SDK falls back to ast.literal_eval: single-quoted dicts and adjacent
        // string literals ("We " "could not") still carry the server's message.
        if (std::optional<QJsonValue> literal = PythonLiteral::parse(metadata.raw)) {
            body = *literal;
            pythonLiteral = true;
        }
    }
    if (body.isUndefined()) {
        return ApiError(kind, QStringLiteral("%1 with a non-JSON body (%2): %3").arg(status, typeText, snippet(metadata.raw)),
                        {}, metadata);
    }

    ApiError error(kind, {}, {}, metadata);
    if (pythonLiteral)
        error.m_body = body;
    if (body.isObject()) {
        const QJsonObject object = body.toObject();
        error.m_message = valueText(object.value(QLatin1String("message")));
        error.m_help = valueText(object.value(QLatin1String("help")));
        if (error.m_message.isEmpty())
            error.m_message = QStringLiteral("%1 with no message in its body: %2").arg(status, snippet(metadata.raw));
    } else if (body.isString() && !body.toString().isEmpty()) {
        error.m_message = body.toString();
    } else {
        error.m_message = QStringLiteral("%1 with a body that is not a JSON object: %2").arg(status, snippet(metadata.raw));
    }
    return error;
}

QString ApiError::className(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::BadRequest: return QStringLiteral("BadRequestException");
    case ErrorKind::Unauthorized: return QStringLiteral("UnauthorizedException");
    case ErrorKind::Forbidden: return QStringLiteral("ForbiddenException");
    case ErrorKind::NotFound: return QStringLiteral("NotFoundException");
    case ErrorKind::Conflict: return QStringLiteral("ConflictException");
    case ErrorKind::TooManyRequests: return QStringLiteral("TooManyRequestsException");
    case ErrorKind::InternalServer: return QStringLiteral("InternalServerException");
    case ErrorKind::PartialSuccess: return QStringLiteral("PartialSuccessException");
    case ErrorKind::Unknown: return QStringLiteral("UnknownException");
    case ErrorKind::Network: return QStringLiteral("NetworkError");
    case ErrorKind::Timeout: return QStringLiteral("TimeoutError");
    case ErrorKind::Cancelled: return QStringLiteral("CancelledError");
    case ErrorKind::UnparseableResponse: return QStringLiteral("UnparseableResponseError");
    case ErrorKind::InvalidArgument: return QStringLiteral("InvalidArgumentError");
    }
    return QStringLiteral("UnknownException");
}

QString ApiError::className() const
{
    return className(m_kind);
}

bool ApiError::isTransient() const
{
    switch (m_kind) {
    case ErrorKind::TooManyRequests:
    case ErrorKind::InternalServer:
    case ErrorKind::Network:
    case ErrorKind::Timeout:
        return true;
    default:
        return false;
    }
}

} // namespace ik
