#include "api/options/updatefileoptions.h"

#include "api/options/tagrules.h"

#include <QJsonDocument>

namespace ik {

QString UpdateFileOptions::validationError() const
{
    const bool hasDetails = tags || clearTags || customCoordinates || clearCustomCoordinates || customMetadata
        || description || removeAITags || removeAllAITags || extensions || !webhookUrl.isEmpty();
    if (publish && hasDetails)
        return QStringLiteral("publish cannot be combined with other updates: send it in its own request");
    if (!publish && !hasDetails)
        return QStringLiteral("Nothing to update: give at least one of tags, custom_coordinates, custom_metadata, "
                              "description, remove_ai_tags, extensions, webhook_url or publish");
    return tags ? tagTextProblem(*tags) : QString();
}

QByteArray UpdateFileOptions::toJson() const
{
    QJsonObject body;
    if (removeAllAITags)
        body.insert(QLatin1String("removeAITags"), QStringLiteral("all"));
    else if (removeAITags)
        body.insert(QLatin1String("removeAITags"), QJsonArray::fromStringList(*removeAITags));
    if (!webhookUrl.isEmpty())
        body.insert(QLatin1String("webhookUrl"), webhookUrl);
    if (extensions)
        body.insert(QLatin1String("extensions"), *extensions);
    if (clearTags)
        body.insert(QLatin1String("tags"), QJsonValue::Null);
    else if (tags)
        body.insert(QLatin1String("tags"), QJsonArray::fromStringList(*tags));
    if (clearCustomCoordinates)
        body.insert(QLatin1String("customCoordinates"), QJsonValue::Null);
    else if (customCoordinates)
        body.insert(QLatin1String("customCoordinates"), *customCoordinates);
    if (customMetadata)
        body.insert(QLatin1String("customMetadata"), *customMetadata);
    if (description)
        body.insert(QLatin1String("description"), *description);
    if (publish) {
        QJsonObject publishObject{{QLatin1String("isPublished"), publish->isPublished}};
        if (publish->includeFileVersions)
            publishObject.insert(QLatin1String("includeFileVersions"), *publish->includeFileVersions);
        body.insert(QLatin1String("publish"), publishObject);
    }
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

UpdateFileOptions UpdateFileOptions::fromArguments(JsonArguments &arguments)
{
    UpdateFileOptions options;
    if (arguments.has(QStringLiteral("tags")) && arguments.take(QStringLiteral("tags")).isNull())
        options.clearTags = true;
    else
        options.tags = arguments.stringList(QStringLiteral("tags"));
    if (arguments.has(QStringLiteral("custom_coordinates")) && arguments.take(QStringLiteral("custom_coordinates")).isNull())
        options.clearCustomCoordinates = true;
    else
        options.customCoordinates = arguments.string(QStringLiteral("custom_coordinates"));
    options.customMetadata = arguments.object(QStringLiteral("custom_metadata"));
    options.description = arguments.string(QStringLiteral("description"));
    if (arguments.take(QStringLiteral("remove_ai_tags")) == QJsonValue(QStringLiteral("all")))
        options.removeAllAITags = true;
    else
        options.removeAITags = arguments.stringList(QStringLiteral("remove_ai_tags"));
    options.extensions = arguments.array(QStringLiteral("extensions"));
    options.webhookUrl = arguments.string(QStringLiteral("webhook_url")).value_or(QString());
    if (const std::optional<QJsonObject> publish = arguments.object(QStringLiteral("publish"))) {
        JsonArguments publishArguments(*publish);
        Publish value;
        const std::optional<bool> isPublished = publishArguments.boolean(QStringLiteral("is_published"));
        if (!isPublished)
            publishArguments.fail(QStringLiteral("\"is_published\" is required"));
        value.isPublished = isPublished.value_or(true);
        value.includeFileVersions = publishArguments.boolean(QStringLiteral("include_file_versions"));
        const QString problem = publishArguments.finish();
        if (!problem.isEmpty())
            arguments.fail(QStringLiteral("publish: %1").arg(problem));
        options.publish = value;
    }
    return options;
}

} // namespace ik
