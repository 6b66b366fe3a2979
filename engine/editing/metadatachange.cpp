#include "editing/metadatachange.h"

#include <QCoreApplication>

namespace ikui {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("ikui::MetadataChange", text, nullptr, n);
}

QString quoted(const QString &text)
{
    return QStringLiteral("“%1”").arg(text);
}

QJsonValue valueOr(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    return value.isUndefined() ? QJsonValue(QJsonValue::Null) : value;
}

} // namespace

bool FileMetadataDiff::isEmpty() const
{
    return addTags.isEmpty() && removeTags.isEmpty() && removeAiTags.isEmpty() && !changesDetails();
}

bool FileMetadataDiff::changesDetails() const
{
    return !setMetadata.isEmpty() || description.has_value() || coordinates.has_value();
}

FileMetadataDiff FileMetadataDiff::inverse() const
{
    FileMetadataDiff back;
    back.fileId = fileId;
    back.label = label;
    back.addTags = removeTags;
    back.removeTags = addTags;
    back.setMetadata = metadataBefore;
    back.metadataBefore = setMetadata;
    back.description = descriptionBefore;
    back.descriptionBefore = description;
    back.coordinates = coordinatesBefore;
    back.coordinatesBefore = coordinates;
    return back;
}

bool MetadataChange::isEmpty() const
{
    return addTags.isEmpty() && removeTags.isEmpty() && removeAiTags.isEmpty() && setMetadata.isEmpty()
        && !description.has_value() && !coordinates.has_value();
}

QList<FileMetadataDiff> MetadataChange::diffsFor(const QList<EditableState> &files) const
{
    QList<FileMetadataDiff> diffs;
    for (const EditableState &file : files) {
        FileMetadataDiff diff;
        diff.fileId = file.id;
        diff.label = file.name;
        for (const QString &tag : addTags) {
            if (!file.tags.contains(tag) && !diff.addTags.contains(tag))
                diff.addTags << tag;
        }
        for (const QString &tag : removeTags) {
            if (file.tags.contains(tag) && !diff.removeTags.contains(tag))
                diff.removeTags << tag;
        }
        for (const QString &name : removeAiTags) {
            const bool has = std::any_of(file.aiTags.cbegin(), file.aiTags.cend(),
                                         [&name](const ik::AiTag &tag) { return tag.name == name; });
            if (has && !diff.removeAiTags.contains(name))
                diff.removeAiTags << name;
        }
        for (auto it = setMetadata.begin(); it != setMetadata.end(); ++it) {
            const QJsonValue before = valueOr(file.customMetadata, it.key());
            if (before == it.value())
                continue;
            diff.setMetadata.insert(it.key(), it.value());
            diff.metadataBefore.insert(it.key(), before);
        }
        if (description && *description != file.description) {
            diff.description = *description;
            diff.descriptionBefore = file.description;
        }
        if (coordinates && *coordinates != file.customCoordinates) {
            diff.coordinates = *coordinates;
            diff.coordinatesBefore = file.customCoordinates;
        }
        if (!diff.isEmpty())
            diffs << diff;
    }
    return diffs;
}

QString MetadataChange::summary() const
{
    QStringList parts;
    if (addTags.size() == 1)
        parts << tr("add tag %1").arg(quoted(addTags.first()));
    else if (!addTags.isEmpty())
        parts << tr("add %n tag(s)", int(addTags.size()));
    if (removeTags.size() == 1)
        parts << tr("remove tag %1").arg(quoted(removeTags.first()));
    else if (!removeTags.isEmpty())
        parts << tr("remove %n tag(s)", int(removeTags.size()));
    if (!removeAiTags.isEmpty())
        parts << tr("remove %n AI tag(s)", int(removeAiTags.size()));
    if (setMetadata.size() == 1)
        parts << tr("edit %1").arg(quoted(setMetadata.begin().key()));
    else if (!setMetadata.isEmpty())
        parts << tr("edit %n field(s)", int(setMetadata.size()));
    if (description)
        parts << tr("edit the description");
    if (coordinates)
        parts << (coordinates->isEmpty() ? tr("clear the coordinates") : tr("set the coordinates"));
    if (parts.isEmpty())
        return tr("No change");
    QString text = parts.join(QStringLiteral(", "));
    text[0] = text.at(0).toUpper();
    return text;
}

} // namespace ikui
