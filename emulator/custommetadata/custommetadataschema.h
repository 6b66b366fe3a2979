#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace ikemu {

struct CustomMetadataField;

enum class CustomMetadataType { Text, Textarea, Number, Date, Boolean, SingleSelect, MultiSelect };

// Outcome of a validation: ok, or the 400 body ImageKit answers with.
struct ValidationResult
{
    bool ok = true;
    QString message;
    QString help;
    // Per-field details for values on files: { "<fieldName>": "<what is wrong>" }; empty otherwise.
    QJsonObject errors;

    static ValidationResult success() { return {}; }
    static ValidationResult failure(const QString &message, const QJsonObject &errors = {});

    // {"message", "help"[, "errors"]} as sent with the 400.
    QJsonObject toErrorBody() const;
};

// The rules of one custom metadata field (`schema` in the API). Attributes that were not given
// stay unset and are left out of the JSON.
struct CustomMetadataSchema
{
    CustomMetadataType type = CustomMetadataType::Text;
    std::optional<bool> isValueRequired;
    QJsonValue defaultValue = QJsonValue::Undefined;   // Undefined = not set
    QJsonValue minValue = QJsonValue::Undefined;       // number (Number) or ISO 8601 string (Date)
    QJsonValue maxValue = QJsonValue::Undefined;
    std::optional<double> minLength;                   // Text, Textarea
    std::optional<double> maxLength;
    std::optional<QJsonArray> selectOptions;           // SingleSelect, MultiSelect

    static QString typeName(CustomMetadataType type);
    static std::optional<CustomMetadataType> typeFromName(const QString &name);

    QJsonObject toJson() const;
    // Reads a schema object already accepted by validateFieldDefinition(); nullopt if unreadable.
    static std::optional<CustomMetadataSchema> fromJson(const QJsonObject &schema);

    // Checks one value against this schema; empty string when fine, else what is wrong, phrased
    // about `fieldName`, e.g. `"price" must be less than or equal to 3000.`
    QString checkValue(const QString &fieldName, const QJsonValue &value) const;

    // Body of POST /v1/customMetadataFields (isUpdate = false) or PATCH /v1/customMetadataFields/{id}
    // (isUpdate = true: only the shape is checked here, since the schema is validated against the
    // field's existing type; use validateFieldUpdate() for that).
    static ValidationResult validateFieldDefinition(const QJsonObject &body, bool isUpdate);

    // Values set on a file by upload or update (`customMetadata`). Checks unknown or deleted field
    // names, JSON types, ranges, lengths, select options, and that required fields are not unset
    // (null); a required field missing from `customMetadata` is an error only when it has no default.
    static ValidationResult validateValues(const QJsonObject &customMetadata,
                                           const QList<CustomMetadataField> &fields);
};

// One field as the API returns it: {id, name, label, schema:{type, ...}}.
struct CustomMetadataField
{
    QString id;
    QString name;
    QString label;
    CustomMetadataSchema schema;
    bool deleted = false;   // kept for includeDeleted listings; not part of toJson()

    QJsonObject toJson() const;
    static std::optional<CustomMetadataField> fromJson(const QJsonObject &object);

    // A new field from a POST body accepted by validateFieldDefinition(body, false).
    static CustomMetadataField fromCreateBody(const QString &id, const QJsonObject &body);

    // PATCH: validates `body` against this field (type is immutable and ignored if sent; the
    // schema is validated as per the existing type) ...
    ValidationResult validateFieldUpdate(const QJsonObject &body) const;
    // ... and returns the updated field (label and/or schema replaced; the type kept).
    CustomMetadataField withUpdate(const QJsonObject &body) const;
};

// Messages ImageKit uses for errors the caller detects itself (uniqueness, lookup).
namespace CustomMetadataMessages {
QString help();                    // "For support kindly contact us at support@imagekit.io."
QString nameAlreadyExists();       // "A custom metadata field with this name already exists"
QString labelAlreadyExists();      // "A custom metadata field with this label already exists."
QString noSuchField();             // "No such custom metadata field exists"
QString cannotUpdateDeleted();     // "Cannot update a deleted custom metadata fields."
QString invalidIdParameter();      // "Your request contains invalid ID parameter."
} // namespace CustomMetadataMessages

// Values to store on a file: `customMetadata` plus the defaultValue of every non-deleted field that
// has one and whose key is absent. Keys holding null are dropped (the update API unsets them) and not
// filled back in. On update, pass the stored values with the request's keys written over them
// (nulls included), so an unset survives this call.
QJsonObject applyCustomMetadataDefaults(const QJsonObject &customMetadata,
                                        const QList<CustomMetadataField> &fields);

} // namespace ikemu
