#include "api/results/versioninfo.h"

#include "api/results/jsonfields.h"

namespace ik {

VersionInfo VersionInfo::fromJson(const QJsonObject &object)
{
    VersionInfo info;
    // Ids are strings on the wire; a numeric id is kept readable rather than dropped.
    const QJsonValue id = object.value(QLatin1String("id"));
    info.id = id.isDouble() ? QString::number(id.toInteger()) : id.toString();
    info.name = json::string(object, QLatin1String("name"));
    info.fields = object;
    return info;
}

} // namespace ik
