#pragma once

#include "api/apierror.h"

#include <QJsonObject>
#include <QString>

namespace ik {

// The success body as one JSON object. With `emptyIsObject`, an empty body counts as {} (for
// answers that may carry nothing, such as a rename without purge). Otherwise false with *why.
bool responseObject(const ResponseMetadata &metadata, QJsonObject *object, QString *why,
                    bool emptyIsObject = false);

} // namespace ik
