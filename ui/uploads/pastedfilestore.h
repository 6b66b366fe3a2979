#pragma once

#include <QString>

class QImage;

namespace ikui {

// Images pasted from the clipboard become PNG files that live until their upload ends. They are
// kept under the application's data folder (not /tmp) because the queue survives a restart and
// may still need them; each gets its own subfolder so the server sees a readable file name.
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

private:
    QString m_directory;
};

} // namespace ikui
