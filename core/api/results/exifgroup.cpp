#include "api/results/exifgroup.h"

#include "api/results/jsonfields.h"

namespace ik {

QJsonValue ExifGroup::value(const QString &name) const
{
    return json::field(tags, name);
}

QString ExifGroup::string(const QString &name) const
{
    const QJsonValue tag = value(name);
    if (tag.isDouble())
        return QString::number(tag.toDouble());
    return tag.toString();
}

} // namespace ik
