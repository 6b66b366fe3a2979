#include "api/results/aitag.h"

#include "api/results/jsonfields.h"

namespace ik {

AiTag AiTag::fromJson(const QJsonObject &object)
{
    AiTag tag;
    tag.name = json::string(object, QLatin1String("name"));
    tag.confidence = json::number(object, QLatin1String("confidence"));
    tag.source = json::string(object, QLatin1String("source"));
    tag.fields = object;
    return tag;
}

} // namespace ik
