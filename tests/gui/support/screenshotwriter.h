#pragma once

#include "theme.h"

#include <QString>

class QWidget;

namespace guitest {

// Writes screenshots of widgets as PNGs for the README and for review, named after what they
// show, the palette and the scale factor the test runs with (a second CTest entry of each
// screenshot test sets QT_SCALE_FACTOR=2):
//   ScreenshotWriter shots(QStringLiteral("builder-"));
//   QVERIFY2(shots.save(&window, QStringLiteral("window"), theme), qPrintable(shots.errorText()));
//   // -> <build>/screenshots/builder-window-dark-2x.png
class ScreenshotWriter
{
public:
    // `prefix` goes in front of every file name; `directory` defaults to <build>/screenshots.
    explicit ScreenshotWriter(const QString &prefix = {}, const QString &directory = defaultDirectory());

    // MEDIADESK_SCREENSHOT_DIR: <build>/screenshots.
    static QString defaultDirectory();
    // "1x", "1.5x", "2x": the QT_SCALE_FACTOR of this run.
    static QString scaleTag();

    // <directory>/<prefix><name>-<theme>-<scale>.png
    QString pathFor(const QString &name, Theme theme) const;

    // Grabs `widget` and writes it to pathFor(name, theme). False with errorText() set when the
    // grab is empty, the folder or file cannot be written, or the PNG is implausibly small
    // (1000 bytes or less: a blank picture).
    bool save(QWidget *widget, const QString &name, Theme theme);
    // The same under an exact file name in the directory (no prefix, theme or scale).
    bool saveAs(QWidget *widget, const QString &fileName);

    QString errorText() const { return m_error; }
    QString directory() const { return m_directory; }

private:
    bool write(QWidget *widget, const QString &path);

    QString m_prefix;
    QString m_directory;
    QString m_error;
};

} // namespace guitest
