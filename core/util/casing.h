#pragma once

#include <QString>

namespace ik::casing {

// The reference SDK's camel_to_snake: "AITags" -> "ai_tags", "XResolution" -> "x_resolution",
// "GPSVersionId" -> "gps_version_id". Used to accept wire names and seed names alike.
QString camelToSnake(const QString &name);

// The reference SDK's snake_to_lower_camel: split on '_', keep the first piece, title-case the
// others ("use_unique_file_name" -> "useUniqueFileName"). Names without '_' are returned unchanged.
QString snakeToLowerCamel(const QString &name);

} // namespace ik::casing
