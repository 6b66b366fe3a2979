#include "multipartparser.h"

namespace iktest {

namespace {

std::optional<QList<MultipartPart>> fail(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return std::nullopt;
}

// The value of `key="..."` (or key=token) inside a header value such as Content-Disposition.
QByteArray parameter(const QByteArray &headerValue, const QByteArray &key, bool *found)
{
    *found = false;
    const QList<QByteArray> pieces = headerValue.split(';');
    for (const QByteArray &raw : pieces) {
        const QByteArray piece = raw.trimmed();
        const qsizetype eq = piece.indexOf('=');
        if (eq < 0 || piece.left(eq).trimmed().toLower() != key)
            continue;
        QByteArray value = piece.mid(eq + 1).trimmed();
        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
            value = value.mid(1, value.size() - 2);
        *found = true;
        return value;
    }
    return {};
}

} // namespace

QByteArray MultipartParser::boundary(const QByteArray &contentType)
{
    bool found = false;
    return parameter(contentType, "boundary", &found);
}

std::optional<QList<MultipartPart>> MultipartParser::parse(const QByteArray &body, const QByteArray &contentType,
                                                           QString *error)
{
    if (!contentType.trimmed().toLower().startsWith("multipart/form-data"))
        return fail(error, QStringLiteral("Content-Type is not multipart/form-data: %1").arg(QString::fromUtf8(contentType)));
    const QByteArray boundaryValue = boundary(contentType);
    if (boundaryValue.isEmpty())
        return fail(error, QStringLiteral("Content-Type has no boundary"));

    const QByteArray delimiter = "--" + boundaryValue;
    if (!body.startsWith(delimiter + "\r\n"))
        return fail(error, QStringLiteral("body does not start with the delimiter %1").arg(QString::fromUtf8(delimiter)));

    QList<MultipartPart> parts;
    const QByteArray separator = "\r\n" + delimiter;
    qsizetype pos = delimiter.size() + 2;
    for (;;) {
        const qsizetype headEnd = body.indexOf("\r\n\r\n", pos);
        // A part with no headers at all starts directly with the blank line.
        const bool noHeaders = body.mid(pos, 2) == "\r\n";
        if (headEnd < 0 && !noHeaders)
            return fail(error, QStringLiteral("part %1 has no header block").arg(parts.size() + 1));
        MultipartPart part;
        qsizetype dataStart = 0;
        if (noHeaders) {
            dataStart = pos + 2;
        } else {
            const QByteArray head = body.mid(pos, headEnd - pos);
            for (const QByteArray &line : head.split('\n')) {
                const QByteArray trimmed = line.trimmed();
                const qsizetype colon = trimmed.indexOf(':');
                if (colon <= 0)
                    return fail(error, QStringLiteral("malformed part header: %1").arg(QString::fromUtf8(trimmed)));
                part.headers.append({trimmed.left(colon).trimmed(), trimmed.mid(colon + 1).trimmed()});
            }
            dataStart = headEnd + 4;
        }
        for (const auto &h : std::as_const(part.headers)) {
            const QByteArray name = h.first.toLower();
            if (name == "content-disposition") {
                bool found = false;
                part.name = parameter(h.second, "name", &found);
                part.fileName = parameter(h.second, "filename", &part.hasFileName);
            } else if (name == "content-type") {
                part.contentType = h.second;
            }
        }
        const qsizetype dataEnd = body.indexOf(separator, dataStart);
        if (dataEnd < 0)
            return fail(error, QStringLiteral("part %1 is not terminated by a delimiter").arg(parts.size() + 1));
        part.data = body.mid(dataStart, dataEnd - dataStart);
        parts.append(part);
        pos = dataEnd + separator.size();
        if (body.mid(pos, 2) == "--") {
            const QByteArray rest = body.mid(pos + 2);
            if (!rest.isEmpty() && rest != "\r\n")
                return fail(error, QStringLiteral("unexpected bytes after the closing delimiter"));
            return parts;
        }
        if (body.mid(pos, 2) != "\r\n")
            return fail(error, QStringLiteral("delimiter of part %1 is not followed by CRLF").arg(parts.size() + 1));
        pos += 2;
    }
}

} // namespace iktest
