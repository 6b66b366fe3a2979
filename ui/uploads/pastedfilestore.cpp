#include "uploads/pastedfilestore.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QImageWriter>
#include <QSaveFile>
#include <QUuid>

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
