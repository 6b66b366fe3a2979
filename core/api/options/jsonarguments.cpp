#include "api/options/jsonarguments.h"

#include "util/casing.h"

namespace ik {

namespace {

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("missing");
}

} // namespace

JsonArguments::JsonArguments(const QJsonObject &object)
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString key = casing::camelToSnake(it.key());
        if (m_values.contains(key)) {
            fail(QStringLiteral("\"%1\" is given twice (snake_case and camelCase)").arg(it.key()));
            continue;
        }
        m_values.insert(key, it.value());
    }
}

bool JsonArguments::has(const QString &name) const
{
    return m_values.contains(name);
}

QJsonValue JsonArguments::take(const QString &name)
{
    m_read.insert(name);
    return m_values.value(name);
}

std::optional<QString> JsonArguments::string(const QString &name)
{
    const QJsonValue value = take(name);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isString()) {
        fail(QStringLiteral("\"%1\" must be a string, not %2").arg(name, typeName(value)));
        return std::nullopt;
    }
    return value.toString();
}

std::optional<bool> JsonArguments::boolean(const QString &name)
{
    const QJsonValue value = take(name);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isBool()) {
        fail(QStringLiteral("\"%1\" must be true or false, not %2").arg(name, typeName(value)));
        return std::nullopt;
    }
    return value.toBool();
}

std::optional<qint64> JsonArguments::integer(const QString &name)
{
    const QJsonValue value = take(name);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    const double number = value.toDouble();
    if (!value.isDouble() || number != double(qint64(number))) {
        fail(QStringLiteral("\"%1\" must be a whole number, not %2").arg(name, typeName(value)));
        return std::nullopt;
    }
    return qint64(number);
}

std::optional<QStringList> JsonArguments::stringList(const QString &name)
{
    const QJsonValue value = take(name);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    QStringList list;
    if (value.isString()) {
        for (const QString &piece : value.toString().split(QLatin1Char(','), Qt::SkipEmptyParts))
            list.append(piece.trimmed());
        return list;
    }
    if (!value.isArray()) {
        fail(QStringLiteral("\"%1\" must be an array of strings, not %2").arg(name, typeName(value)));
        return std::nullopt;
    }
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString()) {
            fail(QStringLiteral("\"%1\" must contain only strings, found %2").arg(name, typeName(item)));
            return std::nullopt;
        }
        list.append(item.toString());
    }
    return list;
}

std::optional<QJsonObject> JsonArguments::object(const QString &name)
{
    const QJsonValue value = take(name);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isObject()) {
        fail(QStringLiteral("\"%1\" must be a JSON object, not %2").arg(name, typeName(value)));
        return std::nullopt;
    }
    return value.toObject();
}

std::optional<QJsonArray> JsonArguments::array(const QString &name)
{
    const QJsonValue value = take(name);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (value.isObject())
        return QJsonArray{value};
    if (!value.isArray()) {
        fail(QStringLiteral("\"%1\" must be a JSON array, not %2").arg(name, typeName(value)));
        return std::nullopt;
    }
    return value.toArray();
}

void JsonArguments::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
}

QString JsonArguments::finish()
{
    if (!m_error.isEmpty())
        return m_error;
    QStringList unknown;
    for (auto it = m_values.constBegin(); it != m_values.constEnd(); ++it)
        if (!m_read.contains(it.key()))
            unknown.append(it.key());
    if (!unknown.isEmpty())
        return QStringLiteral("unknown argument%1: %2").arg(unknown.size() > 1 ? QStringLiteral("s") : QString(), unknown.join(QStringLiteral(", ")));
    return {};
}

} // namespace ik
