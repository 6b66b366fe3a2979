#include "api/results/custommetadataschema.h"

#include "api/results/jsonfields.h"

#include <QStringList>

namespace ik {

const QStringList &CustomMetadataSchema::knownTypes()
{
    static const QStringList types{
        QStringLiteral("Text"), QStringLiteral("Textarea"), QStringLiteral("Number"),
        QStringLiteral("Date"), QStringLiteral("Boolean"), QStringLiteral("SingleSelect"),
        QStringLiteral("MultiSelect")};
    return types;
}

bool CustomMetadataSchema::isEmpty() const
{
    return toJson().isEmpty();
}

QJsonObject CustomMetadataSchema::toJson() const
{
    QJsonObject object;
    if (!type.isEmpty())
        object.insert(QLatin1String("type"), type);
    if (!selectOptions.isEmpty())
        object.insert(QLatin1String("selectOptions"), selectOptions);
    if (!defaultValue.isUndefined())
        object.insert(QLatin1String("defaultValue"), defaultValue);
    if (isValueRequired)
        object.insert(QLatin1String("isValueRequired"), *isValueRequired);
    if (!minValue.isUndefined())
        object.insert(QLatin1String("minValue"), minValue);
    if (!maxValue.isUndefined())
        object.insert(QLatin1String("maxValue"), maxValue);
    if (minLength)
        object.insert(QLatin1String("minLength"), *minLength);
    if (maxLength)
        object.insert(QLatin1String("maxLength"), *maxLength);
    return object;
}

QString CustomMetadataSchema::validationError(bool requireType) const
{
    if (type.isEmpty()) {
        if (requireType)
            return QStringLiteral("schema.type is required (one of %1)").arg(knownTypes().join(QStringLiteral(", ")));
    } else if (!knownTypes().contains(type)) {
        return QStringLiteral("schema.type \"%1\" is not one of %2").arg(type, knownTypes().join(QStringLiteral(", ")));
    }
    const bool isSelect = type == QLatin1String("SingleSelect") || type == QLatin1String("MultiSelect");
    if (isSelect && requireType && selectOptions.isEmpty())
        return QStringLiteral("schema.select_options is required for %1 fields").arg(type);
    if (!isSelect && !type.isEmpty() && !selectOptions.isEmpty())
        return QStringLiteral("schema.select_options only applies to SingleSelect and MultiSelect fields");
    if (minLength && *minLength < 0)
        return QStringLiteral("schema.min_length must be >= 0");
    if (minLength && maxLength && *minLength > *maxLength)
        return QStringLiteral("schema.min_length (%1) is greater than schema.max_length (%2)").arg(*minLength).arg(*maxLength);
    if (minValue.isDouble() && maxValue.isDouble() && minValue.toDouble() > maxValue.toDouble())
        return QStringLiteral("schema.min_value is greater than schema.max_value");
    return {};
}

CustomMetadataSchema CustomMetadataSchema::fromJson(const QJsonObject &object)
{
    CustomMetadataSchema schema;
    schema.type = json::string(object, QLatin1String("type"));
    schema.selectOptions = object.value(QLatin1String("selectOptions")).toArray();
    schema.defaultValue = object.value(QLatin1String("defaultValue"));
    schema.isValueRequired = json::boolean(object, QLatin1String("isValueRequired"));
    schema.minValue = object.value(QLatin1String("minValue"));
    schema.maxValue = object.value(QLatin1String("maxValue"));
    schema.minLength = json::integer(object, QLatin1String("minLength"));
    schema.maxLength = json::integer(object, QLatin1String("maxLength"));
    schema.fields = object;
    return schema;
}

} // namespace ik
