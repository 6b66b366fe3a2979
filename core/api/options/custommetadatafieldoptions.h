#pragma once

#include "api/options/jsonarguments.h"
#include "api/results/custommetadataschema.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace ik {

// create_custom_metadata_fields' options: name, label and a schema with at least its type.
struct CreateCustomMetadataFieldOptions
{
    QString name;
    QString label;
    CustomMetadataSchema schema;

    QString validationError() const;
    QByteArray toJson() const;
    static CreateCustomMetadataFieldOptions fromArguments(JsonArguments &arguments);
};

// update_custom_metadata_fields' options: a new label and/or schema changes (the type and
// name of a field cannot change).
struct UpdateCustomMetadataFieldOptions
{
    std::optional<QString> label;
    std::optional<CustomMetadataSchema> schema;

    QString validationError() const;
    QByteArray toJson() const;
    static UpdateCustomMetadataFieldOptions fromArguments(JsonArguments &arguments);
};

// Reads a schema object whose keys are snake_case or camelCase ("min_value" or "minValue").
std::optional<CustomMetadataSchema> customMetadataSchemaFromArguments(JsonArguments &arguments, const QString &key);

} // namespace ik
