#include "screenshotwriter.h"

#include <QDir>
#include <QFileInfo>
#include <QPixmap>
#include <QWidget>

namespace guitest {

ScreenshotWriter::ScreenshotWriter(const QString &prefix, const QString &directory)
    : m_prefix(prefix)
    , m_directory(directory)
{
}

QString ScreenshotWriter::defaultDirectory()
{
    return QStringLiteral(MEDIADESK_SCREENSHOT_DIR);
}

QString ScreenshotWriter::scaleTag()
{
    const double scale = qEnvironmentVariableIsSet("QT_SCALE_FACTOR")
        ? qEnvironmentVariable("QT_SCALE_FACTOR").toDouble() : 1.0;
    return QStringLiteral("%1x").arg(scale);
}

QString ScreenshotWriter::pathFor(const QString &name, Theme theme) const
{
    return QDir(m_directory).filePath(QStringLiteral("%1%2-%3-%4.png").arg(m_prefix, name, themeName(theme), scaleTag()));
}

bool ScreenshotWriter::save(QWidget *widget, const QString &name, Theme theme)
{
    return write(widget, pathFor(name, theme));
}

bool ScreenshotWriter::saveAs(QWidget *widget, const QString &fileName)
{
    return write(widget, QDir(m_directory).filePath(fileName));
}

bool ScreenshotWriter::write(QWidget *widget, const QString &path)
{
    m_error.clear();
    if (!widget) {
        m_error = QStringLiteral("no widget to grab for %1").arg(path);
        return false;
    }
    if (!QDir().mkpath(m_directory)) {
        m_error = QStringLiteral("cannot create the screenshot folder %1").arg(m_directory);
        return false;
    }
    const QPixmap shot = widget->grab();
    if (shot.isNull()) {
        m_error = QStringLiteral("grabbing %1 gave an empty picture (is it shown?)").arg(QString::fromLatin1(widget->metaObject()->className()));
        return false;
    }
    if (!shot.save(path)) {
        m_error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    const qint64 size = QFileInfo(path).size();
    if (size <= 1000) {
        m_error = QStringLiteral("%1 has only %2 bytes: a blank picture?").arg(path).arg(size);
        return false;
    }
    return true;
}

} // namespace guitest
