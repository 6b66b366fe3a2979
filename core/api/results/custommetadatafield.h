#pragma once

#include "api/apierror.h"
#include "api/results/custommetadataschema.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace ik {

// A custom metadata field definition (create, update, list).
struct CustomMetadataField
{
    QString id;
    QString name;
    QString label;
    CustomMetadataSchema schema;
    std::optional<bool> isDeleted;  // in listings with includeDeleted
    QJsonObject fields;
    ResponseMetadata metadata;      // set when the field is the whole response

    QJsonValue field(const QString &name) const;
    static CustomMetadataField fromJson(const QJsonObject &object);
    static std::optional<CustomMetadataField> fromResponse(const ResponseMetadata &metadata, QString *why);
};

// Answer of list custom metadata fields.
struct CustomMetadataFieldList
{
    QList<CustomMetadataField> items;
    ResponseMetadata metadata;

    static std::optional<CustomMetadataFieldList> fromResponse(const ResponseMetadata &metadata, QString *why);
};

} // namespace ik
