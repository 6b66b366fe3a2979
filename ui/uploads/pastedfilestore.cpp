#include "uploads/pastedfilestore.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QImage>
#include <QImageWriter>
#include <QSaveFile>
#include <QUuid>

#include <algorithm>

namespace ikui {

PastedFileStore::PastedFileStore(const QString &directory)
    : m_directory(QDir::cleanPath(directory))
{
}

QString PastedFileStore::saveImage(const QImage &image, QString *error)
{
    if (image.isNull()) {
        *error = QObject::tr("The clipboard image is empty.");
        return {};
    }
    const QString folder = m_directory + QLatin1Char('/') + QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!QDir().mkpath(folder)) {
        *error = QObject::tr("Cannot create the folder %1 for the pasted image.").arg(folder);
        return {};
    }
    const QString name = QStringLiteral("pasted-image-%1.png")
                             .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    const QString path = folder + QLatin1Char('/') + name;
    QSaveFile file(path);
    QImageWriter writer(&file, "png");
    if (!file.open(QIODevice::WriteOnly) || !writer.write(image) || !file.commit()) {
        *error = QObject::tr("Cannot save the pasted image to %1: %2")
                     .arg(path, writer.error() != QImageWriter::UnknownError ? writer.errorString() : file.errorString());
        QDir(folder).removeRecursively();
        return {};
    }
    return path;
}

bool PastedFileStore::owns(const QString &path) const
{
    const QString clean = QDir::cleanPath(path);
    // <dir>/<uuid>/<name>: exactly one folder level below ours.
    return clean.startsWith(m_directory + QLatin1Char('/'))
        && QFileInfo(clean).dir().absolutePath() != m_directory
        && QDir::cleanPath(QFileInfo(clean).dir().absolutePath() + QStringLiteral("/..")) == m_directory;
}

void PastedFileStore::release(const QString &path)
{
    if (!owns(path))
        return;
    QDir(QFileInfo(QDir::cleanPath(path)).dir().absolutePath()).removeRecursively();
}

bool PastedFileStore::hasFiles() const
{
    return !QDir(m_directory).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty();
}

} // namespace ikui

namespace ikui {

int PastedFileStore::sweepOrphans(const std::function<QSet<QString>(const QStringList &)> &stillNeeded, qint64 nowMs,
                                  qint64 minAgeMs)
{
    const QDir root(m_directory);
    if (!root.exists())
        return 0;
    // Old enough pasted folders and their files (a crash mid-save may leave a QSaveFile temp file
    // or an empty folder: those are orphans too).
    QHash<QString, QStringList> candidates;
    QStringList allFiles;
    const QFileInfoList folders = root.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks);
    for (const QFileInfo &folder : folders) {
        if (QUuid::fromString(folder.fileName()).isNull())
            continue;
        const QFileInfoList files = QDir(folder.absoluteFilePath()).entryInfoList(QDir::Files | QDir::Hidden | QDir::NoSymLinks);
        qint64 newestMs = folder.lastModified().toMSecsSinceEpoch();
        QStringList paths;
        for (const QFileInfo &file : files) {
            newestMs = qMax(newestMs, file.lastModified().toMSecsSinceEpoch());
            paths.append(file.absoluteFilePath());
        }
        if (nowMs - newestMs < minAgeMs)
            continue;
        candidates.insert(folder.absoluteFilePath(), paths);
        allFiles += paths;
    }
    if (candidates.isEmpty())
        return 0;
    const QSet<QString> needed = allFiles.isEmpty() ? QSet<QString>() : stillNeeded(allFiles);
    int removed = 0;
    for (auto it = candidates.cbegin(); it != candidates.cend(); ++it) {
        const bool inUse = std::any_of(it.value().cbegin(), it.value().cend(),
                                       [&needed](const QString &path) { return needed.contains(path); });
        if (!inUse && QDir(it.key()).removeRecursively())
            ++removed;
    }
    return removed;
}

} // namespace ikui
