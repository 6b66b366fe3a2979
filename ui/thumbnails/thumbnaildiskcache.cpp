#include "thumbnails/thumbnaildiskcache.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <vector>

namespace ikui {

namespace {
const QString FileSuffix = QStringLiteral(".thumb");
}

ThumbnailDiskCache::ThumbnailDiskCache(QString directory, qint64 maximumBytes)
    : m_directory(std::move(directory))
    , m_maximumBytes(maximumBytes)
{
}

QString ThumbnailDiskCache::pathFor(const QString &key) const
{
    // Two-character subfolders keep any one folder small.
    const QString hash = QString::fromLatin1(QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex());
    return m_directory + QLatin1Char('/') + hash.left(2) + QLatin1Char('/') + hash + FileSuffix;
}

QByteArray ThumbnailDiskCache::read(const QString &key) const
{
    QFile file(pathFor(key));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray bytes = file.readAll();
    // Used now: trim() removes the least recently used first.
    file.setFileTime(QDateTime::currentDateTimeUtc(), QFileDevice::FileModificationTime);
    return bytes;
}

bool ThumbnailDiskCache::write(const QString &key, const QByteArray &bytes)
{
    const QString path = pathFor(key);
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return false;
    m_writtenSinceTrim += bytes.size();
    return true;
}

void ThumbnailDiskCache::remove(const QString &key)
{
    QFile::remove(pathFor(key));
}

qint64 ThumbnailDiskCache::trim()
{
    bool expected = false;
    if (!m_trimming.compare_exchange_strong(expected, true))
        return -1;
    m_writtenSinceTrim = 0;
    struct Entry
    {
        QString path;
        qint64 size;
        QDateTime used;
    };
    std::vector<Entry> entries;
    qint64 total = 0;
    QDirIterator it(m_directory, {QStringLiteral("*") + FileSuffix}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        entries.push_back({info.filePath(), info.size(), info.lastModified()});
        total += info.size();
    }
    const qint64 target = m_maximumBytes / 10 * 9;
    if (total > m_maximumBytes) {
        std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.used < b.used; });
        for (const Entry &entry : entries) {
            if (total <= target)
                break;
            if (QFile::remove(entry.path))
                total -= entry.size;
        }
    }
    m_trimming = false;
    return total;
}

} // namespace ikui
