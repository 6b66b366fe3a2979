#include "api/results/custommetadatafield.h"

#include "api/results/jsonfields.h"
#include "api/results/responsebody.h"

#include <QJsonArray>

namespace ik {

QJsonValue CustomMetadataField::field(const QString &name) const
{
    return json::field(fields, name);
}

CustomMetadataField CustomMetadataField::fromJson(const QJsonObject &object)
{
    CustomMetadataField result;
    result.id = json::string(object, QLatin1String("id"));
    result.name = json::string(object, QLatin1String("name"));
    result.label = json::string(object, QLatin1String("label"));
    result.schema = CustomMetadataSchema::fromJson(json::object(object, QLatin1String("schema")));
    result.isDeleted = json::boolean(object, QLatin1String("isDeleted"));
    result.fields = object;
    return result;
}

std::optional<CustomMetadataField> CustomMetadataField::fromResponse(const ResponseMetadata &metadata, QString *why)
{
    QJsonObject object;
    if (!responseObject(metadata, &object, why))
        return std::nullopt;
    CustomMetadataField result = fromJson(object);
    result.metadata = metadata;
    return result;
}

std::optional<CustomMetadataFieldList> CustomMetadataFieldList::fromResponse(const ResponseMetadata &metadata, QString *why)
{
    const QJsonValue body = metadata.json();
    if (!body.isArray()) {
        *why = QStringLiteral("expected a JSON array of custom metadata fields");
        return std::nullopt;
    }
    CustomMetadataFieldList list;
    list.metadata = metadata;
    const QJsonArray entries = body.toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (!entries.at(i).isObject()) {
            *why = QStringLiteral("entry %1 of the list is not a JSON object").arg(i);
            return std::nullopt;
        }
        list.items.append(CustomMetadataField::fromJson(entries.at(i).toObject()));
    }
    return list;
}

} // namespace ik
