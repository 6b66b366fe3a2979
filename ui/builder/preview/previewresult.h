#pragma once

#include <QImage>
#include <QMetaType>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace ikui {

// One image the preview loaded: what the user sees and the figures of the info line.
struct PreviewResult
{
    QUrl url;
    QImage image;
    QSize pixelSize;              // the decoded image's size in pixels
    QString format;               // upper-case short name from the image reader ("PNG", "JPEG", "WEBP")
    QString mimeType;             // the Content-Type the server sent ("image/png"), without parameters
    qint64 bytes = 0;             // size of the response body
    qint64 loadTimeMs = 0;        // request sent -> image decoded
    qint64 decodeTimeMs = 0;      // of which decoding (on a worker thread)
    QStringList ignoredParameters; // transformations the server skipped (X-IK-Ignored-Transformations)

    bool isValid() const { return !image.isNull(); }
};

// Why a preview could not be shown: the server's own words and what the user can try.
struct PreviewFailure
{
    QUrl url;
    int httpStatus = 0;     // 0 when no HTTP answer arrived (network error, timeout)
    QString serverMessage;  // the server's message, or the network error
    QString hint;           // what to try next

    bool isValid() const { return !serverMessage.isEmpty(); }
    // "<server message>\n<hint>" as shown in the panel and sent with previewFailed().
    QString text() const;
};

} // namespace ikui

Q_DECLARE_METATYPE(ikui::PreviewResult)
