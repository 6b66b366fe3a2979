#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace ik {

// Tolerant readers for response objects: a missing key, a JSON null or a value of another type
// gives the empty value, never a failure, so results survive fields the server leaves out.
namespace json {

QString string(const QJsonObject &object, QLatin1String key);
std::optional<qint64> integer(const QJsonObject &object, QLatin1String key);
std::optional<double> number(const QJsonObject &object, QLatin1String key);
std::optional<bool> boolean(const QJsonObject &object, QLatin1String key);
QStringList stringList(const QJsonObject &object, QLatin1String key);
QJsonObject object(const QJsonObject &object, QLatin1String key);

// Looks a field up by its wire name ("XResolution") or by the seed's snake_case name
// ("x_resolution"); undefined when absent. Gives access to fields no typed member covers.
QJsonValue field(const QJsonObject &object, const QString &name);

} // namespace json

} // namespace ik
