#include "seedshape.h"

#include "util/casing.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace seedshape {

namespace {

QJsonValue text(const QString &value)
{
    return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

template<typename T>
QJsonValue optional(const std::optional<T> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonValue strings(const QStringList &list)
{
    return list.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(QJsonArray::fromStringList(list));
}

QJsonObject snakeKeys(const QJsonObject &object)
{
    QJsonObject result;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        result.insert(ik::casing::camelToSnake(it.key()), it.value());
    return result;
}

// Keys the typed members do not cover (the SDK keeps them as extra attributes).
void addExtras(QJsonObject &out, const QJsonObject &fields)
{
    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it) {
        const QString key = ik::casing::camelToSnake(it.key());
        if (!out.contains(key))
            out.insert(key, it.value());
    }
}

QJsonValue aiTags(const QList<ik::AiTag> &tags)
{
    QJsonArray array;
    for (const ik::AiTag &tag : tags) {
        QJsonObject item{{QStringLiteral("name"), text(tag.name)},
                         {QStringLiteral("confidence"), optional(tag.confidence)},
                         {QStringLiteral("source"), text(tag.source)}};
        addExtras(item, tag.fields);
        array.append(item);
    }
    return array;
}

QJsonValue versionInfo(const ik::VersionInfo &info)
{
    QJsonObject out{{QStringLiteral("id"), text(info.id)}, {QStringLiteral("name"), text(info.name)}};
    addExtras(out, info.fields);
    return out;
}

bool isNothing(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Undefined:
    case QJsonValue::Null:
        return true;
    case QJsonValue::String:
        return value.toString().isEmpty();
    case QJsonValue::Array:
        return value.toArray().isEmpty();
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            if (it.key() != QLatin1String("__class__") && !isNothing(it.value()))
                return false;
        return true;
    }
    default:
        return false;
    }
}

bool fail(QString *where, const QString &path, const QJsonValue &expected, const QJsonValue &actual)
{
    *where = QStringLiteral("%1: expected %2, got %3").arg(path, toText(expected), toText(actual));
    return false;
}

} // namespace

QString toText(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

QJsonObject of(const ik::FileItem &file)
{
    QJsonObject out{
        {QStringLiteral("type"), text(file.type)},
        {QStringLiteral("name"), text(file.name)},
        {QStringLiteral("created_at"), text(file.createdAt)},
        {QStringLiteral("updated_at"), text(file.updatedAt)},
        {QStringLiteral("file_id"), text(file.fileId)},
        {QStringLiteral("tags"), strings(file.tags)},
        {QStringLiteral("ai_tags"), aiTags(file.aiTags)},
        {QStringLiteral("version_info"), versionInfo(file.versionInfo)},
        {QStringLiteral("embedded_metadata"), file.embeddedMetadata},
        {QStringLiteral("custom_coordinates"), text(file.customCoordinates)},
        {QStringLiteral("custom_metadata"), file.customMetadata},
        {QStringLiteral("is_private_file"), optional(file.isPrivateFile)},
        {QStringLiteral("url"), text(file.url)},
        {QStringLiteral("thumbnail"), text(file.thumbnail)},
        {QStringLiteral("file_type"), text(file.fileType)},
        {QStringLiteral("file_path"), text(file.filePath)},
        {QStringLiteral("height"), optional(file.height)},
        {QStringLiteral("width"), optional(file.width)},
        {QStringLiteral("size"), optional(file.size)},
        {QStringLiteral("has_alpha"), optional(file.hasAlpha)},
        {QStringLiteral("mime"), text(file.mime)},
        {QStringLiteral("extension_status"), file.extensionStatus},
    };
    addExtras(out, file.fields);
    return out;
}

QJsonObject of(const ik::FileList &list)
{
    QJsonArray items;
    for (const ik::FileItem &file : list.files)
        items.append(of(file));
    return {{QStringLiteral("list"), items}};
}

QJsonObject of(const ik::UploadResult &upload)
{
    QJsonObject out{
        {QStringLiteral("file_id"), text(upload.fileId)},
        {QStringLiteral("name"), text(upload.name)},
        {QStringLiteral("url"), text(upload.url)},
        {QStringLiteral("thumbnail_url"), text(upload.thumbnailUrl)},
        {QStringLiteral("height"), optional(upload.height)},
        {QStringLiteral("width"), optional(upload.width)},
        {QStringLiteral("size"), optional(upload.size)},
        {QStringLiteral("file_path"), text(upload.filePath)},
        {QStringLiteral("tags"), strings(upload.tags)},
        {QStringLiteral("ai_tags"), aiTags(upload.aiTags)},
        {QStringLiteral("version_info"), versionInfo(upload.versionInfo)},
        {QStringLiteral("is_private_file"), optional(upload.isPrivateFile)},
        {QStringLiteral("custom_coordinates"), text(upload.customCoordinates)},
        {QStringLiteral("custom_metadata"), upload.customMetadata},
        {QStringLiteral("embedded_metadata"), snakeKeys(upload.embeddedMetadata)},
        {QStringLiteral("extension_status"), upload.extensionStatus},
        {QStringLiteral("file_type"), text(upload.fileType)},
        {QStringLiteral("orientation"), optional(upload.orientation)},
    };
    addExtras(out, upload.fields);
    return out;
}

QJsonObject of(const ik::FileMetadata &metadata)
{
    QJsonObject out{
        {QStringLiteral("height"), optional(metadata.height)},
        {QStringLiteral("width"), optional(metadata.width)},
        {QStringLiteral("size"), optional(metadata.size)},
        {QStringLiteral("format"), text(metadata.format)},
        {QStringLiteral("has_color_profile"), optional(metadata.hasColorProfile)},
        {QStringLiteral("quality"), optional(metadata.quality)},
        {QStringLiteral("density"), optional(metadata.density)},
        {QStringLiteral("has_transparency"), optional(metadata.hasTransparency)},
        {QStringLiteral("p_hash"), text(metadata.pHash)},
        {QStringLiteral("exif"), QJsonObject{
             {QStringLiteral("image"), snakeKeys(metadata.image.tags)},
             {QStringLiteral("thumbnail"), snakeKeys(metadata.thumbnail.tags)},
             {QStringLiteral("exif"), snakeKeys(metadata.exif.tags)},
             {QStringLiteral("gps"), snakeKeys(metadata.gps.tags)},
             {QStringLiteral("interoperability"), snakeKeys(metadata.interoperability.tags)},
             {QStringLiteral("makernote"), metadata.makernote.tags},
         }},
    };
    addExtras(out, metadata.fields);
    return out;
}

QJsonObject of(const ik::CustomMetadataField &field)
{
    const ik::CustomMetadataSchema &schema = field.schema;
    QJsonObject schemaOut{
        {QStringLiteral("type"), text(schema.type)},
        {QStringLiteral("select_options"), schema.selectOptions},
        {QStringLiteral("default_value"), schema.defaultValue.isUndefined() ? QJsonValue(QJsonValue::Null) : schema.defaultValue},
        {QStringLiteral("is_value_required"), optional(schema.isValueRequired)},
        {QStringLiteral("min_value"), schema.minValue.isUndefined() ? QJsonValue(QJsonValue::Null) : schema.minValue},
        {QStringLiteral("max_value"), schema.maxValue.isUndefined() ? QJsonValue(QJsonValue::Null) : schema.maxValue},
        {QStringLiteral("min_length"), optional(schema.minLength)},
        {QStringLiteral("max_length"), optional(schema.maxLength)},
    };
    addExtras(schemaOut, schema.fields);
    QJsonObject out{
        {QStringLiteral("id"), text(field.id)},
        {QStringLiteral("name"), text(field.name)},
        {QStringLiteral("label"), text(field.label)},
        {QStringLiteral("schema"), schemaOut},
    };
    addExtras(out, field.fields);
    return out;
}

QJsonObject of(const ik::CustomMetadataFieldList &list)
{
    QJsonArray items;
    for (const ik::CustomMetadataField &field : list.items)
        items.append(of(field));
    return {{QStringLiteral("list"), items}};
}

QJsonObject of(const ik::TagsResult &result)
{
    QJsonObject out{{QStringLiteral("successfully_updated_file_ids"), strings(result.successfullyUpdatedFileIds)}};
    addExtras(out, result.fields);
    return out;
}

QJsonObject of(const ik::BulkDeleteResult &result)
{
    QJsonObject out{{QStringLiteral("successfully_deleted_file_ids"), strings(result.successfullyDeletedFileIds)}};
    addExtras(out, result.fields);
    return out;
}

QJsonObject of(const ik::RenameResult &result)
{
    QJsonObject out{{QStringLiteral("purge_request_id"), text(result.purgeRequestId)}};
    addExtras(out, result.fields);
    return out;
}

QJsonObject of(const ik::PurgeRequest &result)
{
    QJsonObject out{{QStringLiteral("request_id"), text(result.requestId)}};
    addExtras(out, result.fields);
    return out;
}

QJsonObject of(const ik::PurgeStatus &result)
{
    QJsonObject out{{QStringLiteral("status"), text(result.status)}};
    addExtras(out, result.fields);
    return out;
}

QJsonObject of(const ik::BulkJob &result)
{
    QJsonObject out{{QStringLiteral("job_id"), text(result.jobId)}};
    addExtras(out, result.fields);
    return out;
}

QJsonObject of(const ik::BulkJobStatus &result)
{
    QJsonObject out{{QStringLiteral("job_id"), text(result.jobId)},
            {QStringLiteral("type"), text(result.type)},
            {QStringLiteral("status"), text(result.status)}};
    addExtras(out, result.fields);
    return out;
}

QJsonObject of(const ik::EmptyResult &)
{
    return {};
}

bool matches(const QJsonValue &expected, const QJsonValue &actual, const QString &path, QString *where)
{
    if (isNothing(expected) && isNothing(actual))
        return true;
    if (expected.isObject()) {
        if (!actual.isObject())
            return fail(where, path, expected, actual);
        const QJsonObject want = expected.toObject();
        const QJsonObject have = actual.toObject();
        for (auto it = want.constBegin(); it != want.constEnd(); ++it) {
            if (it.key() == QLatin1String("__class__") || it.key() == QLatin1String("response_metadata"))
                continue;
            if (!matches(it.value(), have.value(it.key()), path + QLatin1Char('.') + it.key(), where))
                return false;
        }
        return true;
    }
    if (expected.isArray()) {
        const QJsonArray want = expected.toArray();
        // The SDK builds gps_version_id by iterating a string ("1.2" -> ["1", ".", "2"]); the
        // value on the wire, which we keep, is the string itself.
        if (actual.isString()) {
            QString joined;
            for (const QJsonValue &piece : want)
                joined += piece.toString();
            return joined == actual.toString() ? true : fail(where, path, expected, actual);
        }
        // For "AITags": null the SDK makes one AITags(None, None, None); we keep no tags.
        if (isNothing(actual)) {
            bool allNothing = true;
            for (const QJsonValue &item : want)
                allNothing = allNothing && isNothing(item);
            if (allNothing)
                return true;
        }
        if (!actual.isArray() || actual.toArray().size() != want.size())
            return fail(where, path, expected, actual);
        const QJsonArray have = actual.toArray();
        for (qsizetype i = 0; i < want.size(); ++i)
            if (!matches(want.at(i), have.at(i), QStringLiteral("%1[%2]").arg(path).arg(i), where))
                return false;
        return true;
    }
    if (expected.isDouble() && actual.isDouble())
        return qFuzzyCompare(expected.toDouble() + 1.0, actual.toDouble() + 1.0) ? true : fail(where, path, expected, actual);
    return expected == actual ? true : fail(where, path, expected, actual);
}

} // namespace seedshape
