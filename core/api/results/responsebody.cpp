#include "api/results/responsebody.h"

namespace ik {

bool responseObject(const ResponseMetadata &metadata, QJsonObject *object, QString *why,
                    bool emptyIsObject)
{
    if (emptyIsObject && metadata.raw.trimmed().isEmpty()) {
        *object = QJsonObject();
        return true;
    }
    const QJsonValue body = metadata.json();
    if (!body.isObject()) {
        *why = QStringLiteral("expected a JSON object");
        return false;
    }
    *object = body.toObject();
    return true;
}

} // namespace ik
