#pragma once

#include "api/results/fileitem.h"
#include "api/results/folderitem.h"

#include <QExplicitlySharedDataPointer>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QSharedData>
#include <QString>

namespace ikui {

// Hands out one shared copy of each distinct string (folders, MIME types, tags repeat across a
// listing of 100,000 files): an interned QString costs its 24-byte handle, not a new buffer.
class StringPool
{
public:
    QString intern(const QString &text);
    QStringList intern(const QStringList &texts);
    qsizetype size() const { return m_strings.size(); }
    void clear() { m_strings.clear(); }

private:
    QSet<QString> m_strings;
};

// The editable fields of a file besides its tags. Most files of a large listing have none of them,
// so a row carries a null pointer (8 bytes) instead of four empty members; rows that have them
// share one immutable copy (copies of a row do not copy the JSON).
struct FileExtras : QSharedData
{
    QString description;
    QString customCoordinates;     // "x,y,width,height", empty when not set
    QJsonObject customMetadata;
    QList<ik::AiTag> aiTags;

    bool isEmpty() const;
    bool operator==(const FileExtras &other) const;
};

// One row of the file list: what the browser shows, kept compact (no JSON, dates as numbers,
// repeated strings interned). The full ik::FileItem is fetched on demand by id.
struct FileEntry
{
    enum Flag : quint8 {
        Folder = 0x1,
        Image = 0x2,
        Private = 0x4,
        Published = 0x8,
    };

    QString id;          // fileId, or folderId for folders
    QString name;
    QString folder;      // interned: "/" or "/a/b" (the entry's parent folder)
    QString url;         // delivery URL of a file; empty for folders
    QString mime;        // interned; empty for folders
    QStringList tags;    // each tag interned
    QString versionId;   // the current version: thumbnails are cached per version
    QExplicitlySharedDataPointer<FileExtras> extras; // null: no description, coordinates, metadata, AI tags
    qint64 size = -1;    // bytes; -1 when unknown (folders)
    qint64 createdMs = 0;   // ms since epoch UTC; 0 when unknown
    qint64 updatedMs = 0;
    qint32 width = 0;
    qint32 height = 0;
    quint8 flags = 0;

    bool isFolder() const { return flags & Folder; }
    bool isImage() const { return flags & Image; }
    bool isPrivate() const { return flags & Private; }
    // "/a/b/name" (files and folders alike).
    QString path() const;
    // The extras' fields, empty when the row has none.
    QString description() const { return extras ? extras->description : QString(); }
    QString customCoordinates() const { return extras ? extras->customCoordinates : QString(); }
    QJsonObject customMetadata() const { return extras ? extras->customMetadata : QJsonObject(); }
    QList<ik::AiTag> aiTags() const { return extras ? extras->aiTags : QList<ik::AiTag>(); }
    bool sameExtras(const FileEntry &other) const;

    static FileEntry fromFile(const ik::FileItem &file, StringPool &pool);
    static FileEntry fromFolder(const ik::FolderItem &folder, StringPool &pool);
    // ISO 8601 as ImageKit sends it -> ms since epoch; 0 when empty or malformed.
    static qint64 parseTimestamp(const QString &iso);
};

} // namespace ikui

// Its members (QString, QStringList, numbers) may be moved in memory as bytes: growing a
// 100,000-row listing is then a realloc, not 100,000 element moves on the UI thread.
Q_DECLARE_TYPEINFO(ikui::FileEntry, Q_RELOCATABLE_TYPE);
