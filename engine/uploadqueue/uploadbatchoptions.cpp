#include "uploadqueue/uploadbatchoptions.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace ikui {

namespace {

QString key(const char *name) { return QString::fromLatin1(name); }

} // namespace

QString UploadBatchOptions::validationError() const
{
    for (const QString &tag : tags) {
        if (tag.trimmed().isEmpty())
            return QStringLiteral("A tag is empty.");
        if (tag.contains(QLatin1Char(',')) || tag.contains(QLatin1Char('%')))
            return QStringLiteral("The tag \"%1\" contains a comma or '%', which ImageKit does not accept in tags.").arg(tag);
    }
    if (!extensionsJson.trimmed().isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(extensionsJson.toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return QStringLiteral("The extensions are not valid JSON: %1 (at character %2).")
                .arg(parseError.errorString())
                .arg(parseError.offset);
        if (!document.isArray())
            return QStringLiteral("The extensions must be a JSON array, for example [{\"name\": \"google-auto-tagging\", \"maxTags\": 5, \"minConfidence\": 95}].");
        const QJsonArray array = document.array();
        for (const QJsonValue &value : array) {
            if (!value.isObject() || !value.toObject().value(key("name")).isString())
                return QStringLiteral("Each extension must be a JSON object with a \"name\".");
        }
    }
    return {};
}

QJsonArray UploadBatchOptions::extensions() const
{
    if (extensionsJson.trimmed().isEmpty())
        return {};
    const QJsonDocument document = QJsonDocument::fromJson(extensionsJson.toUtf8());
    return document.isArray() ? document.array() : QJsonArray();
}

QString UploadBatchOptions::toJson() const
{
    QJsonObject object;
    object.insert(key("tags"), QJsonArray::fromStringList(tags));
    object.insert(key("customMetadata"), customMetadata);
    object.insert(key("isPrivate"), isPrivate);
    object.insert(key("useUniqueFileName"), useUniqueFileName);
    object.insert(key("whenExists"), whenExistsName(whenExists));
    object.insert(key("extensions"), extensionsJson);
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

bool UploadBatchOptions::fromJson(const QString &json, UploadBatchOptions *options, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        if (error)
            *error = QStringLiteral("The upload options are not a JSON object: %1")
                         .arg(parseError.error != QJsonParseError::NoError ? parseError.errorString() : QStringLiteral("wrong type"));
        return false;
    }
    const QJsonObject object = document.object();
    UploadBatchOptions result;
    const QJsonArray tagArray = object.value(key("tags")).toArray();
    for (const QJsonValue &tag : tagArray) {
        if (tag.isString())
            result.tags.append(tag.toString());
    }
    result.customMetadata = object.value(key("customMetadata")).toObject();
    result.isPrivate = object.value(key("isPrivate")).toBool(false);
    result.useUniqueFileName = object.value(key("useUniqueFileName")).toBool(false);
    result.whenExists = whenExistsFromName(object.value(key("whenExists")).toString());
    result.extensionsJson = object.value(key("extensions")).toString();
    *options = result;
    return true;
}

QString UploadBatchOptions::whenExistsName(WhenExists value)
{
    switch (value) {
    case WhenExists::NewVersion: return QStringLiteral("newVersion");
    case WhenExists::KeepBoth: return QStringLiteral("keepBoth");
    case WhenExists::Skip: return QStringLiteral("skip");
    }
    return QStringLiteral("newVersion");
}

UploadBatchOptions::WhenExists UploadBatchOptions::whenExistsFromName(const QString &name, bool *ok)
{
    if (ok)
        *ok = true;
    if (name == QLatin1String("keepBoth"))
        return WhenExists::KeepBoth;
    if (name == QLatin1String("skip"))
        return WhenExists::Skip;
    if (name != QLatin1String("newVersion") && ok)
        *ok = false;
    return WhenExists::NewVersion;
}

} // namespace ikui
