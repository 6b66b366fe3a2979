#pragma once

#include "editing/editablestate.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ikui {

// What one file is to get: the exact difference against its current state, with the earlier
// values, so that the inverse restores them (undoing "add tag X" removes X only where it was
// added). Values in `setMetadata` / `metadataBefore` are null for "not set".
struct FileMetadataDiff
{
    QString fileId;
    QString label;                  // the file's name, for messages
    QStringList addTags;
    QStringList removeTags;
    QStringList removeAiTags;       // cannot be undone: the API cannot add AI tags
    QJsonObject setMetadata;
    QJsonObject metadataBefore;
    std::optional<QString> description;
    std::optional<QString> descriptionBefore;
    std::optional<QString> coordinates;     // "" clears them
    std::optional<QString> coordinatesBefore;

    bool isEmpty() const;
    // Needs an update-file-details request (custom metadata, description, coordinates).
    bool changesDetails() const;
    // The diff that puts back the earlier values (AI tag removals have none).
    FileMetadataDiff inverse() const;
};

// What the user staged for a selection, in the selection's terms ("add tag X", "set price to 12").
struct MetadataChange
{
    QStringList addTags;
    QStringList removeTags;
    QStringList removeAiTags;
    QJsonObject setMetadata;        // field -> value; null unsets it
    std::optional<QString> description;
    std::optional<QString> coordinates;     // "" clears them

    bool isEmpty() const;
    // Per file, only what differs from its state (files that already have the tag get nothing).
    QList<FileMetadataDiff> diffsFor(const QList<EditableState> &files) const;
    // "Add tag “sale”", "Edit 3 fields" ... for operation titles and the undo menu.
    QString summary() const;
};

} // namespace ikui
