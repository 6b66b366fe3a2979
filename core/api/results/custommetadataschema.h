#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace ik {

// The schema of a custom metadata field, used both in requests (create/update) and in results.
// minValue/maxValue are numbers for Number and ISO date strings for Date, so they stay JSON
// values; an undefined value means "not set" and is not sent.
struct CustomMetadataSchema
{
    QString type;                   // Text, Textarea, Number, Date, Boolean, SingleSelect, MultiSelect
    QJsonArray selectOptions;
    QJsonValue defaultValue{QJsonValue::Undefined};
    std::optional<bool> isValueRequired;
    QJsonValue minValue{QJsonValue::Undefined};
    QJsonValue maxValue{QJsonValue::Undefined};
    std::optional<qint64> minLength;
    std::optional<qint64> maxLength;
    QJsonObject fields;             // as received (results only)

    static const QStringList &knownTypes();
    bool isEmpty() const;
    QJsonObject toJson() const;     // only the members that are set, camelCase wire names
    // The reason this schema is not acceptable, or empty. `requireType` for create.
    QString validationError(bool requireType) const;
    static CustomMetadataSchema fromJson(const QJsonObject &object);
};

} // namespace ik
