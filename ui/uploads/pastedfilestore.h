#pragma once

#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

class QImage;

namespace ikui {

// Images pasted from the clipboard become PNG files that live until their upload ends. They are
// kept under the application's data folder (not /tmp) because the queue survives a restart and
// may still need them; each gets its own subfolder so the server sees a readable file name.
// One store per queue (UploadController uses <data>/pasted/<queue name>), so a sweep only
// weighs the files against the queue that could have referenced them.
class PastedFileStore
{
public:
    explicit PastedFileStore(const QString &directory);

    QString directory() const { return m_directory; }
    // Writes `image` as "<dir>/<uuid>/pasted-image-<yyyyMMdd-HHmmss>.png"; empty with *error set
    // when it cannot be written.
    QString saveImage(const QImage &image, QString *error);
    // True for a file saveImage() created (any run).
    bool owns(const QString &path) const;
    // Deletes a pasted file and its subfolder; other paths are left alone.
    void release(const QString &path);
    // Some pasted files still exist.
    bool hasFiles() const;

    // Pasted files left behind by a crash (after their upload ended but before they were released,
    // or while the options sheet was open): every pasted subfolder whose newest file is older than
    // `minAgeMs` at `nowMs` and none of whose files `stillNeeded` returns (it gets the candidates'
    // absolute paths) is deleted. The age keeps a sheet open in another instance safe. Folders that
    // saveImage() could not have made (not named by a UUID) are left alone. Returns how many pasted
    // folders were deleted.
    static constexpr qint64 DefaultOrphanAgeMs = 24 * 3600 * 1000;
    int sweepOrphans(const std::function<QSet<QString>(const QStringList &candidates)> &stillNeeded, qint64 nowMs,
                     qint64 minAgeMs = DefaultOrphanAgeMs);

private:
    QString m_directory;
};

} // namespace ikui
