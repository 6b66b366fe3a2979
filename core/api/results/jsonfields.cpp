#include "api/results/jsonfields.h"

#include "util/casing.h"

namespace ik::json {

QString string(const QJsonObject &object, QLatin1String key)
{
    return object.value(key).toString();
}

std::optional<qint64> integer(const QJsonObject &object, QLatin1String key)
{
    const QJsonValue value = object.value(key);
    if (!value.isDouble())
        return std::nullopt;
    return value.toInteger(qint64(value.toDouble()));
}

std::optional<double> number(const QJsonObject &object, QLatin1String key)
{
    const QJsonValue value = object.value(key);
    if (!value.isDouble())
        return std::nullopt;
    return value.toDouble();
}

std::optional<bool> boolean(const QJsonObject &object, QLatin1String key)
{
    const QJsonValue value = object.value(key);
    if (!value.isBool())
        return std::nullopt;
    return value.toBool();
}

QStringList stringList(const QJsonObject &object, QLatin1String key)
{
    QStringList result;
    const QJsonValue value = object.value(key);
    if (!value.isArray())
        return result;
    for (const QJsonValue &item : value.toArray())
        if (item.isString())
            result.append(item.toString());
    return result;
}

QJsonObject object(const QJsonObject &object, QLatin1String key)
{
    return object.value(key).toObject();
}

QJsonValue field(const QJsonObject &object, const QString &name)
{
    const auto exact = object.constFind(name);
    if (exact != object.constEnd())
        return exact.value();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        if (casing::camelToSnake(it.key()) == name)
            return it.value();
    return QJsonValue(QJsonValue::Undefined);
}

} // namespace ik::json
