#pragma once

#include <QByteArray>
#include <QString>

#include <atomic>

namespace ikui {

// Thumbnail bytes on disk, one file per URL, read and written by worker threads so no file is
// opened on the UI thread (QNetworkDiskCache works in its access manager's thread, which for
// the browser is the UI thread: creating a cache file there cost ~1 ms per thumbnail).
// Writes go through QSaveFile, so a reader sees a whole file or none; trim() deletes the least
// recently used files (by modification time, which read() refreshes) above the size bound.
// All methods may be called from any thread.
class ThumbnailDiskCache
{
public:
    explicit ThumbnailDiskCache(QString directory, qint64 maximumBytes);

    QString directory() const { return m_directory; }
    qint64 maximumBytes() const { return m_maximumBytes; }

    // The bytes stored for `key`, or empty when none are.
    QByteArray read(const QString &key) const;
    // Stores `bytes` for `key`; false when the file could not be written (the cache is optional,
    // so callers only count this).
    bool write(const QString &key, const QByteArray &bytes);
    void remove(const QString &key);
    // Deletes least recently used files until the cache holds at most 90% of its bound.
    // Returns the bytes held afterwards. Runs once at a time; a concurrent call returns -1.
    qint64 trim();
    // Bytes written since the last trim(): a caller trims once this passes a step.
    qint64 writtenSinceTrim() const { return m_writtenSinceTrim.load(); }

private:
    QString pathFor(const QString &key) const;

    QString m_directory;
    qint64 m_maximumBytes;
    std::atomic<qint64> m_writtenSinceTrim{0};
    std::atomic<bool> m_trimming{false};
};

} // namespace ikui
