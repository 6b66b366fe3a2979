#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace ik {

// Reads an operation's arguments from one JSON object (mediadesk-cli, scripts, tests). Keys may
// be the seed's snake_case names ("file_ids") or the wire's camelCase ("fileIds"). Every getter
// checks the type and records the first problem; finish() also reports keys nobody read, so a
// typo is an error instead of being ignored.
class JsonArguments
{
public:
    explicit JsonArguments(const QJsonObject &object);

    bool has(const QString &name) const;
    // The value, or undefined; marks the key as read.
    QJsonValue take(const QString &name);

    std::optional<QString> string(const QString &name);
    std::optional<bool> boolean(const QString &name);
    std::optional<qint64> integer(const QString &name);
    // A JSON array of strings, or one comma-separated string ("a, b" -> ["a", "b"]).
    std::optional<QStringList> stringList(const QString &name);
    std::optional<QJsonObject> object(const QString &name);
    // A JSON array; a single object is accepted as a one-element array.
    std::optional<QJsonArray> array(const QString &name);

    void fail(const QString &message);
    bool ok() const { return m_error.isEmpty(); }
    // The first problem, or the unread keys; empty when everything was fine.
    QString finish();

private:
    QJsonObject m_values;           // keys in snake_case
    QSet<QString> m_read;
    QString m_error;
};

} // namespace ik
