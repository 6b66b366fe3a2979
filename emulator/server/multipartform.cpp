#include "server/multipartform.h"

#include <QUrl>

namespace ikemu {

namespace {

// The value of `key` in a header like `form-data; name="file"; filename="a.jpg"`.
std::optional<QByteArray> headerParameter(const QByteArray &header, const QByteArray &key)
{
    qsizetype pos = 0;
    while (pos < header.size()) {
        qsizetype semi = header.indexOf(';', pos);
        // A quoted value may contain ';': find the end of the quotes first.
        qsizetype eq = header.indexOf('=', pos);
        if (eq >= 0 && (semi < 0 || eq < semi)) {
            const QByteArray k = header.mid(pos, eq - pos).trimmed();
            qsizetype valueStart = eq + 1;
            while (valueStart < header.size() && header.at(valueStart) == ' ')
                ++valueStart;
            QByteArray value;
            qsizetype end;
            if (valueStart < header.size() && header.at(valueStart) == '"') {
                end = valueStart + 1;
                while (end < header.size() && header.at(end) != '"') {
                    if (header.at(end) == '\\' && end + 1 < header.size())
                        ++end;
                    value.append(header.at(end));
                    ++end;
                }
                semi = header.indexOf(';', end);
            } else {
                end = semi < 0 ? header.size() : semi;
                value = header.mid(valueStart, end - valueStart).trimmed();
            }
            if (k.compare(key, Qt::CaseInsensitive) == 0)
                return value;
        }
        if (semi < 0)
            break;
        pos = semi + 1;
    }
    return std::nullopt;
}

} // namespace

std::optional<MultipartForm> MultipartForm::parse(const QByteArray &contentType, const QByteArray &body, QString *error)
{
    MultipartForm form;
    const QByteArray lowerType = contentType.toLower();
    if (lowerType.startsWith("application/x-www-form-urlencoded")) {
        const QList<QByteArray> pairs = body.split('&');
        for (const QByteArray &pair : pairs) {
            if (pair.isEmpty())
                continue;
            const qsizetype eq = pair.indexOf('=');
            QByteArray k = eq < 0 ? pair : pair.left(eq);
            QByteArray v = eq < 0 ? QByteArray() : pair.mid(eq + 1);
            k.replace('+', ' ');
            v.replace('+', ' ');
            FormPart part;
            part.name = QUrl::fromPercentEncoding(k);
            part.data = QByteArray::fromPercentEncoding(v);
            form.m_parts.append(part);
        }
        return form;
    }
    if (!lowerType.startsWith("multipart/form-data")) {
        *error = QStringLiteral("The upload must be sent as multipart/form-data.");
        return std::nullopt;
    }
    const std::optional<QByteArray> boundary = headerParameter(contentType.mid(contentType.indexOf(';') + 1), "boundary");
    if (!boundary || boundary->isEmpty()) {
        *error = QStringLiteral("The multipart/form-data request has no boundary.");
        return std::nullopt;
    }
    const QByteArray delimiter = "--" + *boundary;
    qsizetype pos = body.indexOf(delimiter);
    if (pos < 0) {
        *error = QStringLiteral("The multipart/form-data body does not contain its boundary.");
        return std::nullopt;
    }
    while (true) {
        pos += delimiter.size();
        if (body.mid(pos, 2) == "--")
            break; // closing delimiter
        if (body.mid(pos, 2) == "\r\n")
            pos += 2;
        else if (pos < body.size() && body.at(pos) == '\n')
            pos += 1;
        const qsizetype headersEnd = body.indexOf("\r\n\r\n", pos);
        if (headersEnd < 0) {
            *error = QStringLiteral("A multipart/form-data part has no header terminator.");
            return std::nullopt;
        }
        const QByteArray headerBlock = body.mid(pos, headersEnd - pos);
        const qsizetype dataStart = headersEnd + 4;
        const qsizetype next = body.indexOf("\r\n" + delimiter, dataStart);
        if (next < 0) {
            *error = QStringLiteral("The multipart/form-data body is truncated (no closing boundary).");
            return std::nullopt;
        }
        FormPart part;
        part.data = body.mid(dataStart, next - dataStart);
        const QList<QByteArray> lines = headerBlock.split('\n');
        for (QByteArray line : lines) {
            line = line.trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray key = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (key == "content-disposition") {
                const qsizetype semi = value.indexOf(';');
                const QByteArray params = semi < 0 ? QByteArray() : value.mid(semi + 1);
                if (const auto name = headerParameter(params, "name"))
                    part.name = QString::fromUtf8(*name);
                if (const auto fileName = headerParameter(params, "filename")) {
                    part.fileName = QString::fromUtf8(*fileName);
                    part.hasFileName = true;
                }
            } else if (key == "content-type") {
                part.contentType = value;
            }
        }
        if (!part.name.isEmpty())
            form.m_parts.append(part);
        pos = next + 2;
    }
    return form;
}

bool MultipartForm::contains(const QString &name) const
{
    return part(name) != nullptr;
}

const FormPart *MultipartForm::part(const QString &name) const
{
    for (const FormPart &p : m_parts) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

QString MultipartForm::text(const QString &name, const QString &fallback) const
{
    const FormPart *p = part(name);
    return p ? QString::fromUtf8(p->data) : fallback;
}

} // namespace ikemu
