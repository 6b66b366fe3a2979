#include "api/options/uploadoptions.h"

#include "api/options/tagrules.h"

#include "util/casing.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QUrl>

namespace ik {

namespace {

// The seed's valid responseFields, plus `description` which newer APIs return on request.
const QStringList &validResponseFields()
{
    static const QStringList names{
        QStringLiteral("file"), QStringLiteral("file_name"), QStringLiteral("use_unique_file_name"),
        QStringLiteral("tags"), QStringLiteral("folder"), QStringLiteral("is_private_file"),
        QStringLiteral("custom_coordinates"), QStringLiteral("response_fields"), QStringLiteral("extensions"),
        QStringLiteral("webhook_url"), QStringLiteral("overwrite_file"), QStringLiteral("overwrite_ai_tags"),
        QStringLiteral("overwrite_tags"), QStringLiteral("overwrite_custom_metadata"),
        QStringLiteral("custom_metadata"), QStringLiteral("embedded_metadata"), QStringLiteral("transformation"),
        QStringLiteral("checks"), QStringLiteral("is_published"), QStringLiteral("description")};
    return names;
}

QString wireResponseField(const QString &name)
{
    const QString snake = casing::camelToSnake(name);
    if (!validResponseFields().contains(snake))
        return {};
    if (snake == QLatin1String("overwrite_ai_tags"))
        return QStringLiteral("overwriteAITags");
    return casing::snakeToLowerCamel(snake);
}

QByteArray boolText(bool value)
{
    return value ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
}

MultipartField textField(const char *name, const QByteArray &value)
{
    MultipartField field;
    field.name = QByteArray(name);
    field.value = value;
    return field;
}

} // namespace

UploadSource UploadSource::localFile(const QString &path)
{
    UploadSource source;
    source.kind = Kind::LocalFile;
    source.filePath = path;
    return source;
}

UploadSource UploadSource::fromDevice(QIODevice *device)
{
    UploadSource source;
    source.kind = Kind::Device;
    source.device = device;
    return source;
}

UploadSource UploadSource::fromBytes(const QByteArray &bytes)
{
    UploadSource source;
    source.kind = Kind::Bytes;
    source.data = bytes;
    return source;
}

UploadSource UploadSource::fromBase64(const QByteArray &base64Text)
{
    UploadSource source;
    source.kind = Kind::Text;
    source.data = base64Text;
    return source;
}

UploadSource UploadSource::fromUrl(const QUrl &remoteUrl)
{
    UploadSource source;
    source.kind = Kind::Text;
    source.data = remoteUrl.toEncoded();
    return source;
}

QString UploadOptions::validationError() const
{
    switch (file.kind) {
    case UploadSource::Kind::None:
        return QStringLiteral("Missing file parameter for upload");
    case UploadSource::Kind::LocalFile: {
        const QFileInfo info(file.filePath);
        if (!info.exists())
            return QStringLiteral("Cannot upload \"%1\": no such file").arg(file.filePath);
        if (!info.isFile() || !info.isReadable())
            return QStringLiteral("Cannot upload \"%1\": not a readable file").arg(file.filePath);
        break;
    }
    case UploadSource::Kind::Device:
        if (!file.device || !file.device->isReadable())
            return QStringLiteral("Cannot upload: the device is not open for reading");
        break;
    case UploadSource::Kind::Bytes:
    case UploadSource::Kind::Text:
        if (file.data.isEmpty())
            return QStringLiteral("Missing file parameter for upload");
        break;
    }
    if (fileName.isEmpty())
        return QStringLiteral("Missing fileName parameter for upload");
    if (tags) {
        if (const QString problem = tagTextProblem(*tags); !problem.isEmpty())
            return problem;
        for (const QString &tag : *tags) {
            if (tag.contains(QLatin1Char(',')))
                return QStringLiteral("Tag \"%1\" contains ',', which separates tags in an upload").arg(tag);
        }
    }
    for (const QString &name : responseFields)
        if (wireResponseField(name).isEmpty())
            return QStringLiteral("Invalid upload options: \"%1\" is not a valid response field").arg(name);
    return {};
}

QList<MultipartField> UploadOptions::toMultipart() const
{
    QList<MultipartField> fields;
    MultipartField fileField;
    fileField.name = QByteArrayLiteral("file");
    switch (file.kind) {
    case UploadSource::Kind::LocalFile:
        fileField.isFile = true;
        fileField.filePath = file.filePath;
        fileField.fileName = fileName.toUtf8();
        break;
    case UploadSource::Kind::Device:
        fileField.isFile = true;
        fileField.device = file.device;
        fileField.fileName = fileName.toUtf8();
        break;
    case UploadSource::Kind::Bytes:
        fileField.isFile = true;
        fileField.value = file.data;
        fileField.fileName = fileName.toUtf8();
        break;
    case UploadSource::Kind::Text:
    case UploadSource::Kind::None:
        fileField.value = file.data;
        break;
    }
    fields.append(fileField);
    fields.append(textField("fileName", fileName.toUtf8()));
    if (useUniqueFileName)
        fields.append(textField("useUniqueFileName", boolText(*useUniqueFileName)));
    if (tags)
        fields.append(textField("tags", tags->join(QLatin1Char(',')).toUtf8()));
    if (!folder.isEmpty())
        fields.append(textField("folder", folder.toUtf8()));
    if (isPrivateFile)
        fields.append(textField("isPrivateFile", boolText(*isPrivateFile)));
    if (!customCoordinates.isEmpty())
        fields.append(textField("customCoordinates", customCoordinates.toUtf8()));
    if (!responseFields.isEmpty()) {
        QStringList wire;
        for (const QString &name : responseFields)
            wire.append(wireResponseField(name));
        fields.append(textField("responseFields", wire.join(QLatin1Char(',')).toUtf8()));
    }
    if (extensions)
        fields.append(textField("extensions", QJsonDocument(*extensions).toJson(QJsonDocument::Compact)));
    if (!webhookUrl.isEmpty())
        fields.append(textField("webhookUrl", webhookUrl.toUtf8()));
    if (overwriteFile)
        fields.append(textField("overwriteFile", boolText(*overwriteFile)));
    if (overwriteTags)
        fields.append(textField("overwriteTags", boolText(*overwriteTags)));
    if (overwriteCustomMetadata)
        fields.append(textField("overwriteCustomMetadata", boolText(*overwriteCustomMetadata)));
    if (customMetadata)
        fields.append(textField("customMetadata", QJsonDocument(*customMetadata).toJson(QJsonDocument::Compact)));
    if (transformation)
        fields.append(textField("transformation", QJsonDocument(*transformation).toJson(QJsonDocument::Compact)));
    if (!checks.isEmpty())
        fields.append(textField("checks", checks.toUtf8()));
    if (isPublished)
        fields.append(textField("isPublished", boolText(*isPublished)));
    if (!description.isEmpty())
        fields.append(textField("description", description.toUtf8()));
    // The reference sends overwriteAITags last.
    if (overwriteAITags)
        fields.append(textField("overwriteAITags", boolText(*overwriteAITags)));
    return fields;
}

UploadOptions UploadOptions::fromArguments(JsonArguments &arguments)
{
    UploadOptions options;
    if (const std::optional<QString> file = arguments.string(QStringLiteral("file"))) {
        if (file->startsWith(QLatin1Char('@')))
            options.file = UploadSource::localFile(file->mid(1));
        else
            options.file = UploadSource::fromBase64(file->toUtf8());
    }
    options.fileName = arguments.string(QStringLiteral("file_name")).value_or(QString());
    options.useUniqueFileName = arguments.boolean(QStringLiteral("use_unique_file_name"));
    options.tags = arguments.stringList(QStringLiteral("tags"));
    options.folder = arguments.string(QStringLiteral("folder")).value_or(QString());
    options.isPrivateFile = arguments.boolean(QStringLiteral("is_private_file"));
    options.customCoordinates = arguments.string(QStringLiteral("custom_coordinates")).value_or(QString());
    options.responseFields = arguments.stringList(QStringLiteral("response_fields")).value_or(QStringList());
    options.extensions = arguments.array(QStringLiteral("extensions"));
    options.webhookUrl = arguments.string(QStringLiteral("webhook_url")).value_or(QString());
    options.overwriteFile = arguments.boolean(QStringLiteral("overwrite_file"));
    options.overwriteAITags = arguments.boolean(QStringLiteral("overwrite_ai_tags"));
    options.overwriteTags = arguments.boolean(QStringLiteral("overwrite_tags"));
    options.overwriteCustomMetadata = arguments.boolean(QStringLiteral("overwrite_custom_metadata"));
    options.customMetadata = arguments.object(QStringLiteral("custom_metadata"));
    options.transformation = arguments.object(QStringLiteral("transformation"));
    options.checks = arguments.string(QStringLiteral("checks")).value_or(QString());
    options.isPublished = arguments.boolean(QStringLiteral("is_published"));
    options.description = arguments.string(QStringLiteral("description")).value_or(QString());
    return options;
}

} // namespace ik
