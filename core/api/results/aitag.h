#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace ik {

// A tag an auto-tagging extension added (AITags item): name, confidence in percent, source.
struct AiTag
{
    QString name;
    std::optional<double> confidence;
    QString source;           // e.g. "google-auto-tagging"
    QJsonObject fields;       // the item as received, for keys not modelled here

    static AiTag fromJson(const QJsonObject &object);
};

} // namespace ik
