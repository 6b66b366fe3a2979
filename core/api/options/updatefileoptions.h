#pragma once

#include "api/options/jsonarguments.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace ik {

// update_file_details' UpdateFileRequestOptions plus `description`. The API takes one of two
// shapes: details (tags, customCoordinates, customMetadata, description, removeAITags,
// extensions, webhookUrl) or `publish`; mixing them is rejected before sending.
struct UpdateFileOptions
{
    struct Publish
    {
        bool isPublished = true;
        std::optional<bool> includeFileVersions;
    };

    std::optional<QStringList> tags;
    bool clearTags = false;                      // sends "tags": null
    std::optional<QString> customCoordinates;
    bool clearCustomCoordinates = false;         // sends "customCoordinates": null
    std::optional<QJsonObject> customMetadata;
    std::optional<QString> description;
    std::optional<QStringList> removeAITags;
    bool removeAllAITags = false;                // sends "removeAITags": "all"
    std::optional<QJsonArray> extensions;
    QString webhookUrl;
    std::optional<Publish> publish;

    QString validationError() const;
    QByteArray toJson() const;
    static UpdateFileOptions fromArguments(JsonArguments &arguments);
};

} // namespace ik
