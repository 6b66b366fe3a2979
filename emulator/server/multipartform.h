#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace ikemu {

// One part of a multipart/form-data body.
struct FormPart {
    QString name;
    QString fileName;       // empty when the part had no filename (a plain field)
    bool hasFileName = false;
    QByteArray contentType;
    QByteArray data;
};

// A parsed multipart/form-data body (RFC 7578), also accepting
// application/x-www-form-urlencoded so that a plain form post works too.
class MultipartForm
{
public:
    // nullopt with `error` set when the body cannot be parsed.
    static std::optional<MultipartForm> parse(const QByteArray &contentType, const QByteArray &body, QString *error);

    bool contains(const QString &name) const;
    const FormPart *part(const QString &name) const;
    // The field as UTF-8 text; `fallback` when absent.
    QString text(const QString &name, const QString &fallback = QString()) const;
    const QList<FormPart> &parts() const { return m_parts; }

private:
    QList<FormPart> m_parts;
};

} // namespace ikemu
