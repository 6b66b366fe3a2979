#include "api/options/tagrules.h"

namespace ik {

QString tagTextProblem(const QStringList &tags, const QString &what)
{
    for (const QString &tag : tags) {
        if (tag.trimmed().isEmpty())
            return QStringLiteral("a %1 is empty").arg(what);
        if (tag.contains(QLatin1Char('%')))
            return QStringLiteral("%1 \"%2\" contains '%', which ImageKit does not allow in tags").arg(what, tag);
    }
    return {};
}

} // namespace ik
