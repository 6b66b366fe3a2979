#include "session/fileentry.h"

#include <QDateTime>

namespace ikui {

QString StringPool::intern(const QString &text)
{
    if (text.isEmpty())
        return {};
    const auto it = m_strings.constFind(text);
    if (it != m_strings.constEnd())
        return *it;
    m_strings.insert(text);
    return text;
}

QStringList StringPool::intern(const QStringList &texts)
{
    QStringList out;
    out.reserve(texts.size());
    for (const QString &text : texts)
        out.append(intern(text));
    return out;
}

bool FileExtras::isEmpty() const
{
    return description.isEmpty() && customCoordinates.isEmpty() && customMetadata.isEmpty() && aiTags.isEmpty();
}

bool FileExtras::operator==(const FileExtras &other) const
{
    if (description != other.description || customCoordinates != other.customCoordinates
        || customMetadata != other.customMetadata || aiTags.size() != other.aiTags.size())
        return false;
    for (qsizetype i = 0; i < aiTags.size(); ++i) {
        const ik::AiTag &a = aiTags.at(i);
        const ik::AiTag &b = other.aiTags.at(i);
        if (a.name != b.name || a.confidence != b.confidence || a.source != b.source)
            return false;
    }
    return true;
}

bool FileEntry::sameExtras(const FileEntry &other) const
{
    if (extras == other.extras)
        return true;
    if (!extras || !other.extras)
        return false;
    return *extras == *other.extras;
}

QString FileEntry::path() const
{
    if (folder.isEmpty() || folder == QLatin1String("/"))
        return QLatin1Char('/') + name;
    return folder + QLatin1Char('/') + name;
}

namespace {

// "/a/b/name.jpg" -> "/a/b"; "/name.jpg" -> "/".
QString parentFolder(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    if (slash <= 0)
        return QStringLiteral("/");
    return path.left(slash);
}

} // namespace

FileEntry FileEntry::fromFile(const ik::FileItem &file, StringPool &pool)
{
    FileEntry entry;
    entry.id = file.fileId;
    entry.name = file.name;
    entry.folder = pool.intern(parentFolder(file.filePath.isEmpty() ? QLatin1Char('/') + file.name : file.filePath));
    entry.url = file.url;
    entry.mime = pool.intern(file.mime);
    entry.tags = pool.intern(file.tags);
    entry.versionId = file.versionInfo.id;
    entry.versionId.squeeze();
    entry.size = file.size.value_or(-1);
    entry.width = qint32(file.width.value_or(0));
    entry.height = qint32(file.height.value_or(0));
    entry.createdMs = parseTimestamp(file.createdAt);
    entry.updatedMs = parseTimestamp(file.updatedAt);
    auto extras = QExplicitlySharedDataPointer<FileExtras>(new FileExtras);
    extras->description = file.description;
    extras->customCoordinates = file.customCoordinates;
    extras->customMetadata = file.customMetadata;
    extras->aiTags = file.aiTags;
    if (!extras->isEmpty())
        entry.extras = extras;
    if (file.fileType == QLatin1String("image"))
        entry.flags |= Image;
    if (file.isPrivateFile.value_or(false))
        entry.flags |= Private;
    if (file.isPublished.value_or(true))
        entry.flags |= Published;
    // Drop spare capacity the JSON parsing left behind.
    entry.id.squeeze();
    entry.name.squeeze();
    entry.url.squeeze();
    return entry;
}

FileEntry FileEntry::fromFolder(const ik::FolderItem &folder, StringPool &pool)
{
    FileEntry entry;
    entry.id = folder.folderId;
    entry.name = folder.name;
    entry.folder = pool.intern(parentFolder(folder.folderPath));
    entry.createdMs = parseTimestamp(folder.createdAt);
    entry.updatedMs = parseTimestamp(folder.updatedAt);
    entry.flags = Folder;
    return entry;
}

qint64 FileEntry::parseTimestamp(const QString &iso)
{
    if (iso.isEmpty())
        return 0;
    const QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

} // namespace ikui
