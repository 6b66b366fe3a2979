#include "api/options/custommetadatafieldoptions.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace ik {

std::optional<CustomMetadataSchema> customMetadataSchemaFromArguments(JsonArguments &arguments, const QString &key)
{
    const std::optional<QJsonObject> object = arguments.object(key);
    if (!object)
        return std::nullopt;
    JsonArguments schemaArguments(*object);
    CustomMetadataSchema schema;
    schema.type = schemaArguments.string(QStringLiteral("type")).value_or(QString());
    schema.selectOptions = schemaArguments.array(QStringLiteral("select_options")).value_or(QJsonArray());
    schema.defaultValue = schemaArguments.take(QStringLiteral("default_value"));
    schema.isValueRequired = schemaArguments.boolean(QStringLiteral("is_value_required"));
    schema.minValue = schemaArguments.take(QStringLiteral("min_value"));
    schema.maxValue = schemaArguments.take(QStringLiteral("max_value"));
    schema.minLength = schemaArguments.integer(QStringLiteral("min_length"));
    schema.maxLength = schemaArguments.integer(QStringLiteral("max_length"));
    const QString problem = schemaArguments.finish();
    if (!problem.isEmpty())
        arguments.fail(QStringLiteral("%1: %2").arg(key, problem));
    return schema;
}

QString CreateCustomMetadataFieldOptions::validationError() const
{
    if (name.isEmpty())
        return QStringLiteral("\"name\" is required");
    if (label.isEmpty())
        return QStringLiteral("\"label\" is required");
    return schema.validationError(true);
}

QByteArray CreateCustomMetadataFieldOptions::toJson() const
{
    const QJsonObject body{{QLatin1String("name"), name}, {QLatin1String("label"), label},
                           {QLatin1String("schema"), schema.toJson()}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

CreateCustomMetadataFieldOptions CreateCustomMetadataFieldOptions::fromArguments(JsonArguments &arguments)
{
    CreateCustomMetadataFieldOptions options;
    options.name = arguments.string(QStringLiteral("name")).value_or(QString());
    options.label = arguments.string(QStringLiteral("label")).value_or(QString());
    options.schema = customMetadataSchemaFromArguments(arguments, QStringLiteral("schema")).value_or(CustomMetadataSchema());
    return options;
}

QString UpdateCustomMetadataFieldOptions::validationError() const
{
    if ((!label || label->isEmpty()) && (!schema || schema->isEmpty()))
        return QStringLiteral("Nothing to update: give a label, a schema or both");
    if (schema) {
        if (!schema->type.isEmpty())
            return QStringLiteral("schema.type cannot be changed after the field is created");
        return schema->validationError(false);
    }
    return {};
}

QByteArray UpdateCustomMetadataFieldOptions::toJson() const
{
    QJsonObject body;
    if (label && !label->isEmpty())
        body.insert(QLatin1String("label"), *label);
    if (schema && !schema->isEmpty())
        body.insert(QLatin1String("schema"), schema->toJson());
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

UpdateCustomMetadataFieldOptions UpdateCustomMetadataFieldOptions::fromArguments(JsonArguments &arguments)
{
    UpdateCustomMetadataFieldOptions options;
    options.label = arguments.string(QStringLiteral("label"));
    options.schema = customMetadataSchemaFromArguments(arguments, QStringLiteral("schema"));
    return options;
}

} // namespace ik
