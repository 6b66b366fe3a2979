#include "custommetadata/custommetadataschema.h"

#include "search/isodatetime.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace ikemu {

namespace {

constexpr int MaximumNameLength = 100;

const char *const SchemaKeys[] = {"type", "selectOptions", "defaultValue", "isValueRequired",
                                  "minValue", "maxValue", "minLength", "maxLength"};

QString numberText(double value)
{
    return QString::number(value, 'g', 15);
}

QString optionText(const QJsonValue &option)
{
    if (option.isBool())
        return option.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (option.isDouble())
        return numberText(option.toDouble());
    return option.toString();
}

QString optionsText(const QJsonArray &options)
{
    QStringList texts;
    for (const QJsonValue option : options)
        texts.append(optionText(option));
    return texts.join(QLatin1String(", "));
}

bool isScalar(const QJsonValue &value)
{
    return value.isString() || value.isDouble() || value.isBool();
}

bool isPresent(const QJsonObject &object, const char *key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    return !value.isUndefined() && !value.isNull();
}

bool isWholeNonNegative(const QJsonValue &value)
{
    return value.isDouble() && value.toDouble() >= 0 && std::floor(value.toDouble()) == value.toDouble();
}

ValidationResult invalidSchema(const QString &detail)
{
    return ValidationResult::failure(QStringLiteral("Invalid schema object. ") + detail);
}

bool typeIsText(CustomMetadataType type)
{
    return type == CustomMetadataType::Text || type == CustomMetadataType::Textarea;
}

bool typeIsSelect(CustomMetadataType type)
{
    return type == CustomMetadataType::SingleSelect || type == CustomMetadataType::MultiSelect;
}

bool typeHasRange(CustomMetadataType type)
{
    return type == CustomMetadataType::Number || type == CustomMetadataType::Date;
}

// Checks a schema object for `type` (the `type` key itself is checked by the caller) and, when it
// is sound, reads it into `schema`.
ValidationResult validateSchemaAttributes(const QJsonObject &object, CustomMetadataType type,
                                          CustomMetadataSchema &schema)
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const bool known = std::any_of(std::begin(SchemaKeys), std::end(SchemaKeys),
                                       [&](const char *key) { return it.key() == QLatin1String(key); });
        if (!known)
            return invalidSchema(QStringLiteral("\"%1\" is not allowed.").arg(it.key()));
    }
    const QString typeName = CustomMetadataSchema::typeName(type);

    if ((isPresent(object, "minLength") || isPresent(object, "maxLength")) && !typeIsText(type))
        return invalidSchema(QStringLiteral("minLength and maxLength can only be set for Text and Textarea fields, not %1.").arg(typeName));
    if ((isPresent(object, "minValue") || isPresent(object, "maxValue")) && !typeHasRange(type))
        return invalidSchema(QStringLiteral("minValue and maxValue can only be set for Number and Date fields, not %1.").arg(typeName));
    if (isPresent(object, "selectOptions") && !typeIsSelect(type))
        return invalidSchema(QStringLiteral("selectOptions can only be set for SingleSelect and MultiSelect fields, not %1.").arg(typeName));

    schema.type = type;

    if (isPresent(object, "isValueRequired")) {
        const QJsonValue required = object.value(QLatin1String("isValueRequired"));
        if (!required.isBool())
            return invalidSchema(QStringLiteral("isValueRequired must be a boolean."));
        schema.isValueRequired = required.toBool();
    }

    for (const char *key : {"minLength", "maxLength"}) {
        if (!isPresent(object, key))
            continue;
        const QJsonValue length = object.value(QLatin1String(key));
        if (!isWholeNonNegative(length))
            return invalidSchema(QStringLiteral("%1 must be a whole number of 0 or more.").arg(QLatin1String(key)));
        (qstrcmp(key, "minLength") == 0 ? schema.minLength : schema.maxLength) = length.toDouble();
    }
    if (schema.minLength && schema.maxLength && *schema.minLength > *schema.maxLength)
        return invalidSchema(QStringLiteral("minLength must not be greater than maxLength."));

    for (const char *key : {"minValue", "maxValue"}) {
        if (!isPresent(object, key))
            continue;
        const QJsonValue bound = object.value(QLatin1String(key));
        if (type == CustomMetadataType::Number && !bound.isDouble())
            return invalidSchema(QStringLiteral("%1 must be a number for Number fields.").arg(QLatin1String(key)));
        if (type == CustomMetadataType::Date && !(bound.isString() && IsoDateTime::parse(bound.toString())))
            return invalidSchema(QStringLiteral("%1 must be an ISO 8601 date for Date fields.").arg(QLatin1String(key)));
        (qstrcmp(key, "minValue") == 0 ? schema.minValue : schema.maxValue) = bound;
    }
    if (!schema.minValue.isUndefined() && !schema.maxValue.isUndefined()) {
        const bool inverted = type == CustomMetadataType::Number
            ? schema.minValue.toDouble() > schema.maxValue.toDouble()
            : IsoDateTime::parse(schema.minValue.toString())->toMSecsSinceEpoch()
                > IsoDateTime::parse(schema.maxValue.toString())->toMSecsSinceEpoch();
        if (inverted)
            return invalidSchema(QStringLiteral("minValue must not be greater than maxValue."));
    }

    if (typeIsSelect(type)) {
        const QJsonValue options = object.value(QLatin1String("selectOptions"));
        if (!options.isArray() || options.toArray().isEmpty())
            return invalidSchema(QStringLiteral("selectOptions must be a non-empty array for %1 fields.").arg(typeName));
        QSet<QString> seen;
        for (const QJsonValue option : options.toArray()) {
            if (!isScalar(option))
                return invalidSchema(QStringLiteral("selectOptions may only hold strings, numbers and booleans."));
            if (option.isString() && option.toString().isEmpty())
                return invalidSchema(QStringLiteral("selectOptions must not contain an empty string."));
            // Keyed by JSON type as well, so "30" and 30 are different options.
            const QString key = QString::number(int(option.type())) + QLatin1Char(':') + optionText(option);
            if (seen.contains(key))
                return invalidSchema(QStringLiteral("selectOptions contains \"%1\" twice.").arg(optionText(option)));
            seen.insert(key);
        }
        schema.selectOptions = options.toArray();
    }

    if (isPresent(object, "defaultValue")) {
        schema.defaultValue = object.value(QLatin1String("defaultValue"));
        const QString problem = schema.checkValue(QStringLiteral("defaultValue"), schema.defaultValue);
        if (!problem.isEmpty())
            return invalidSchema(problem);
    }
    if (schema.isValueRequired.value_or(false) && schema.defaultValue.isUndefined())
        return invalidSchema(QStringLiteral("defaultValue is required when isValueRequired is true."));

    return ValidationResult::success();
}

ValidationResult validateNameAndLabel(const QJsonObject &body)
{
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z0-9_-]+$"));
    const QJsonValue name = body.value(QLatin1String("name"));
    if (name.isUndefined() || name.isNull() || (name.isString() && name.toString().isEmpty()))
        return ValidationResult::failure(QStringLiteral("Missing name parameter."));
    if (!name.isString() || name.toString().size() > MaximumNameLength || !namePattern.match(name.toString()).hasMatch()) {
        return ValidationResult::failure(
            QStringLiteral("Invalid name parameter. Use up to %1 letters, digits, \"-\" and \"_\".").arg(MaximumNameLength));
    }
    const QJsonValue label = body.value(QLatin1String("label"));
    if (label.isUndefined() || label.isNull() || (label.isString() && label.toString().trimmed().isEmpty()))
        return ValidationResult::failure(QStringLiteral("Missing label parameter."));
    if (!label.isString())
        return ValidationResult::failure(QStringLiteral("Invalid label parameter. It must be a string."));
    return ValidationResult::success();
}

// PATCH sends label and schema; SDKs send `"label": null` when only the schema changes.
ValidationResult validateUpdateShape(const QJsonObject &body)
{
    if (body.contains(QLatin1String("name")))
        return ValidationResult::failure(QStringLiteral("Name cannot be updated."));
    const QJsonValue label = body.value(QLatin1String("label"));
    const QJsonValue schema = body.value(QLatin1String("schema"));
    const bool hasLabel = !label.isUndefined() && !label.isNull();
    const bool hasSchema = !schema.isUndefined() && !schema.isNull();
    if (!hasLabel && !hasSchema)
        return ValidationResult::failure(QStringLiteral("Either label or schema should be provided."));
    if (hasLabel && (!label.isString() || label.toString().trimmed().isEmpty()))
        return ValidationResult::failure(QStringLiteral("Invalid label parameter. It must be a non-empty string."));
    if (hasSchema && !schema.isObject())
        return ValidationResult::failure(QStringLiteral("Invalid schema object."));
    return ValidationResult::success();
}

// The schema after a PATCH: attributes sent replace the stored ones, null removes one, `type` stays.
QJsonObject mergedSchemaObject(const CustomMetadataSchema &existing, const QJsonObject &update)
{
    QJsonObject merged = existing.toJson();
    for (auto it = update.constBegin(); it != update.constEnd(); ++it) {
        if (it.key() == QLatin1String("type"))
            continue;
        if (it.value().isNull())
            merged.remove(it.key());
        else
            merged.insert(it.key(), it.value());
    }
    return merged;
}

} // namespace

// ---------------------------------------------------------------------------------------------

ValidationResult ValidationResult::failure(const QString &message, const QJsonObject &errors)
{
    ValidationResult result;
    result.ok = false;
    result.message = message;
    result.help = CustomMetadataMessages::help();
    result.errors = errors;
    return result;
}

QJsonObject ValidationResult::toErrorBody() const
{
    QJsonObject body{{QStringLiteral("message"), message},
                     {QStringLiteral("help"), help.isEmpty() ? CustomMetadataMessages::help() : help}};
    if (!errors.isEmpty())
        body.insert(QStringLiteral("errors"), errors);
    return body;
}

QString CustomMetadataSchema::typeName(CustomMetadataType type)
{
    switch (type) {
    case CustomMetadataType::Text: return QStringLiteral("Text");
    case CustomMetadataType::Textarea: return QStringLiteral("Textarea");
    case CustomMetadataType::Number: return QStringLiteral("Number");
    case CustomMetadataType::Date: return QStringLiteral("Date");
    case CustomMetadataType::Boolean: return QStringLiteral("Boolean");
    case CustomMetadataType::SingleSelect: return QStringLiteral("SingleSelect");
    case CustomMetadataType::MultiSelect: return QStringLiteral("MultiSelect");
    }
    return {};
}

std::optional<CustomMetadataType> CustomMetadataSchema::typeFromName(const QString &name)
{
    for (CustomMetadataType type : {CustomMetadataType::Text, CustomMetadataType::Textarea, CustomMetadataType::Number,
                                    CustomMetadataType::Date, CustomMetadataType::Boolean,
                                    CustomMetadataType::SingleSelect, CustomMetadataType::MultiSelect}) {
        if (typeName(type) == name)
            return type;
    }
    return std::nullopt;
}

QJsonObject CustomMetadataSchema::toJson() const
{
    QJsonObject object{{QStringLiteral("type"), typeName(type)}};
    if (selectOptions)
        object.insert(QStringLiteral("selectOptions"), *selectOptions);
    if (!defaultValue.isUndefined())
        object.insert(QStringLiteral("defaultValue"), defaultValue);
    if (isValueRequired)
        object.insert(QStringLiteral("isValueRequired"), *isValueRequired);
    if (!minValue.isUndefined())
        object.insert(QStringLiteral("minValue"), minValue);
    if (!maxValue.isUndefined())
        object.insert(QStringLiteral("maxValue"), maxValue);
    if (minLength)
        object.insert(QStringLiteral("minLength"), *minLength);
    if (maxLength)
        object.insert(QStringLiteral("maxLength"), *maxLength);
    return object;
}

std::optional<CustomMetadataSchema> CustomMetadataSchema::fromJson(const QJsonObject &object)
{
    const std::optional<CustomMetadataType> type = typeFromName(object.value(QLatin1String("type")).toString());
    if (!type)
        return std::nullopt;
    // Reading is lenient about keys this emulator does not know (the API may add some).
    QJsonObject known;
    for (const char *key : SchemaKeys) {
        if (object.contains(QLatin1String(key)))
            known.insert(QLatin1String(key), object.value(QLatin1String(key)));
    }
    CustomMetadataSchema schema;
    if (!validateSchemaAttributes(known, *type, schema).ok)
        return std::nullopt;
    return schema;
}

QString CustomMetadataSchema::checkValue(const QString &fieldName, const QJsonValue &value) const
{
    const QString quotedName = QLatin1Char('"') + fieldName + QLatin1Char('"');
    switch (type) {
    case CustomMetadataType::Text:
    case CustomMetadataType::Textarea: {
        if (!value.isString())
            return QStringLiteral("%1 must be a string.").arg(quotedName);
        // Characters as people count them, not UTF-16 units.
        const double length = double(value.toString().toUcs4().size());
        if (minLength && length < *minLength)
            return QStringLiteral("%1 must be at least %2 characters long.").arg(quotedName, numberText(*minLength));
        if (maxLength && length > *maxLength)
            return QStringLiteral("%1 must be at most %2 characters long.").arg(quotedName, numberText(*maxLength));
        return {};
    }
    case CustomMetadataType::Number: {
        if (!value.isDouble())
            return QStringLiteral("%1 must be a number.").arg(quotedName);
        const double number = value.toDouble();
        if (minValue.isDouble() && number < minValue.toDouble())
            return QStringLiteral("%1 must be greater than or equal to %2.").arg(quotedName, numberText(minValue.toDouble()));
        if (maxValue.isDouble() && number > maxValue.toDouble())
            return QStringLiteral("%1 must be less than or equal to %2.").arg(quotedName, numberText(maxValue.toDouble()));
        return {};
    }
    case CustomMetadataType::Date: {
        const std::optional<IsoDateTime> date = value.isString() ? IsoDateTime::parse(value.toString()) : std::nullopt;
        if (!date)
            return QStringLiteral("%1 must be a valid ISO 8601 date.").arg(quotedName);
        const std::optional<IsoDateTime> earliest = IsoDateTime::parse(minValue.toString());
        const std::optional<IsoDateTime> latest = IsoDateTime::parse(maxValue.toString());
        if (earliest && date->toMSecsSinceEpoch() < earliest->toMSecsSinceEpoch())
            return QStringLiteral("%1 must be on or after %2.").arg(quotedName, minValue.toString());
        if (latest && date->toMSecsSinceEpoch() > latest->toMSecsSinceEpoch())
            return QStringLiteral("%1 must be on or before %2.").arg(quotedName, maxValue.toString());
        return {};
    }
    case CustomMetadataType::Boolean:
        if (!value.isBool())
            return QStringLiteral("%1 must be a boolean.").arg(quotedName);
        return {};
    case CustomMetadataType::SingleSelect: {
        const QJsonArray options = selectOptions.value_or(QJsonArray());
        if (!isScalar(value) || !options.contains(value))
            return QStringLiteral("%1 must be one of: %2.").arg(quotedName, optionsText(options));
        return {};
    }
    case CustomMetadataType::MultiSelect: {
        const QJsonArray options = selectOptions.value_or(QJsonArray());
        if (!value.isArray())
            return QStringLiteral("%1 must be an array of values from: %2.").arg(quotedName, optionsText(options));
        for (const QJsonValue item : value.toArray()) {
            if (!isScalar(item) || !options.contains(item)) {
                return QStringLiteral("%1 contains %2, which is not one of: %3.")
                    .arg(quotedName, isScalar(item) ? QLatin1Char('"') + optionText(item) + QLatin1Char('"')
                                                    : QStringLiteral("a value that is not a string, number or boolean"),
                         optionsText(options));
            }
        }
        return {};
    }
    }
    return {};
}

ValidationResult CustomMetadataSchema::validateFieldDefinition(const QJsonObject &body, bool isUpdate)
{
    if (isUpdate)
        return validateUpdateShape(body);

    if (const ValidationResult names = validateNameAndLabel(body); !names.ok)
        return names;
    const QJsonValue schemaValue = body.value(QLatin1String("schema"));
    if (schemaValue.isUndefined() || schemaValue.isNull())
        return ValidationResult::failure(QStringLiteral("Missing schema parameter."));
    if (!schemaValue.isObject())
        return ValidationResult::failure(QStringLiteral("Invalid schema object."));
    const QJsonObject schemaObject = schemaValue.toObject();
    const QJsonValue typeValue = schemaObject.value(QLatin1String("type"));
    if (typeValue.isUndefined() || typeValue.isNull())
        return invalidSchema(QStringLiteral("type is required."));
    const std::optional<CustomMetadataType> type = typeFromName(typeValue.toString());
    if (!type) {
        return invalidSchema(QStringLiteral("type must be one of Text, Textarea, Number, Date, Boolean, SingleSelect, "
                                            "MultiSelect."));
    }
    CustomMetadataSchema schema;
    return validateSchemaAttributes(schemaObject, *type, schema);
}

ValidationResult CustomMetadataSchema::validateValues(const QJsonObject &customMetadata,
                                                      const QList<CustomMetadataField> &fields)
{
    QJsonObject errors;
    QStringList problems;
    const auto report = [&](const QString &key, const QString &problem) {
        errors.insert(key, problem);
        problems.append(problem);
    };
    const auto activeField = [&fields](const QString &name) -> const CustomMetadataField * {
        for (const CustomMetadataField &field : fields) {
            if (!field.deleted && field.name == name)
                return &field;
        }
        return nullptr;
    };

    for (auto it = customMetadata.constBegin(); it != customMetadata.constEnd(); ++it) {
        const CustomMetadataField *field = activeField(it.key());
        if (!field) {
            report(it.key(), QStringLiteral("\"%1\" is not a custom metadata field of this account.").arg(it.key()));
            continue;
        }
        const bool required = field->schema.isValueRequired.value_or(false);
        const bool unset = it.value().isNull()
            || (field->schema.type == CustomMetadataType::MultiSelect && it.value().isArray() && it.value().toArray().isEmpty());
        if (unset) {
            if (required)
                report(it.key(), QStringLiteral("\"%1\" is required and cannot be removed.").arg(it.key()));
            continue;
        }
        const QString problem = field->schema.checkValue(it.key(), it.value());
        if (!problem.isEmpty())
            report(it.key(), problem);
    }
    for (const CustomMetadataField &field : fields) {
        if (field.deleted || !field.schema.isValueRequired.value_or(false) || !field.schema.defaultValue.isUndefined())
            continue;
        if (!customMetadata.contains(field.name))
            report(field.name, QStringLiteral("\"%1\" is required.").arg(field.name));
    }

    if (errors.isEmpty())
        return ValidationResult::success();
    return ValidationResult::failure(QStringLiteral("Invalid custom metadata. ") + problems.join(QLatin1Char(' ')), errors);
}

// ---------------------------------------------------------------------------------------------

QJsonObject CustomMetadataField::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("label"), label},
                       {QStringLiteral("schema"), schema.toJson()}};
}

std::optional<CustomMetadataField> CustomMetadataField::fromJson(const QJsonObject &object)
{
    const QString name = object.value(QLatin1String("name")).toString();
    const std::optional<CustomMetadataSchema> schema =
        CustomMetadataSchema::fromJson(object.value(QLatin1String("schema")).toObject());
    if (name.isEmpty() || !schema)
        return std::nullopt;
    CustomMetadataField field;
    field.id = object.value(QLatin1String("id")).toString();
    field.name = name;
    field.label = object.value(QLatin1String("label")).toString();
    field.schema = *schema;
    return field;
}

CustomMetadataField CustomMetadataField::fromCreateBody(const QString &id, const QJsonObject &body)
{
    CustomMetadataField field;
    field.id = id;
    field.name = body.value(QLatin1String("name")).toString();
    field.label = body.value(QLatin1String("label")).toString();
    field.schema = CustomMetadataSchema::fromJson(body.value(QLatin1String("schema")).toObject())
                       .value_or(CustomMetadataSchema());
    return field;
}

ValidationResult CustomMetadataField::validateFieldUpdate(const QJsonObject &body) const
{
    if (deleted)
        return ValidationResult::failure(CustomMetadataMessages::cannotUpdateDeleted());
    if (const ValidationResult shape = validateUpdateShape(body); !shape.ok)
        return shape;
    const QJsonValue schemaValue = body.value(QLatin1String("schema"));
    if (!schemaValue.isObject())
        return ValidationResult::success();
    CustomMetadataSchema updated;
    return validateSchemaAttributes(mergedSchemaObject(schema, schemaValue.toObject()), schema.type, updated);
}

CustomMetadataField CustomMetadataField::withUpdate(const QJsonObject &body) const
{
    CustomMetadataField updated = *this;
    const QJsonValue label = body.value(QLatin1String("label"));
    if (label.isString() && !label.toString().trimmed().isEmpty())
        updated.label = label.toString();
    const QJsonValue schemaValue = body.value(QLatin1String("schema"));
    if (schemaValue.isObject()) {
        CustomMetadataSchema merged;
        if (validateSchemaAttributes(mergedSchemaObject(schema, schemaValue.toObject()), schema.type, merged).ok)
            updated.schema = merged;
    }
    return updated;
}

QString CustomMetadataMessages::help()
{
    return QStringLiteral("For support kindly contact us at support@imagekit.io.");
}

QString CustomMetadataMessages::nameAlreadyExists()
{
    return QStringLiteral("A custom metadata field with this name already exists");
}

QString CustomMetadataMessages::labelAlreadyExists()
{
    return QStringLiteral("A custom metadata field with this label already exists.");
}

QString CustomMetadataMessages::noSuchField()
{
    return QStringLiteral("No such custom metadata field exists");
}

QString CustomMetadataMessages::cannotUpdateDeleted()
{
    return QStringLiteral("Cannot update a deleted custom metadata fields.");
}

QString CustomMetadataMessages::invalidIdParameter()
{
    return QStringLiteral("Your request contains invalid ID parameter.");
}

QJsonObject applyCustomMetadataDefaults(const QJsonObject &customMetadata, const QList<CustomMetadataField> &fields)
{
    QJsonObject result;
    for (const CustomMetadataField &field : fields) {
        // A key sent as null was unset on purpose: it is not filled back in.
        if (!field.deleted && !field.schema.defaultValue.isUndefined() && !customMetadata.contains(field.name))
            result.insert(field.name, field.schema.defaultValue);
    }
    for (auto it = customMetadata.constBegin(); it != customMetadata.constEnd(); ++it) {
        if (!it.value().isNull())
            result.insert(it.key(), it.value());
    }
    return result;
}

} // namespace ikemu
