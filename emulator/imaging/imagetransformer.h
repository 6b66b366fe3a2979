#pragma once

#include <QByteArray>
#include <QRect>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace ikemu {

// Result of applying an ImageKit URL transformation to an image.
struct TransformOutput {
    // 200; 400 for an invalid transformation or an undecodable source; 404 when an l-image
    // overlay is not in the library; 500 when encoding fails or text is asked without fonts.
    int httpStatus = 200;
    QByteArray body;               // encoded image (empty on error)
    QByteArray contentType;        // "image/jpeg", "image/png", "image/webp"...
    // Parameters not applied, as written in the URL (e.g. "zz-5", "e-bgremove", "f-avif"); those
    // inside a layer are prefixed with the layer ("l-text:zz-1").
    QStringList ignoredParameters;
    QString errorMessage;          // human-readable reason when httpStatus != 200
};

// Loads another file of the library (l-image overlays, di default image) by its path inside the
// library, e.g. "/logos/logo.png" (a leading '/' is optional). nullopt when there is no such file.
using ImageLoader = std::function<std::optional<QByteArray>(const QString &path)>;

// Applies `transformation` (the chain text of tr: or ?tr=, steps joined by ':', parameters by ',',
// e.g. "w-300,h-200:rt-90") to the encoded image `source`. `acceptHeader` drives f-auto.
// Pass the chain as it appears in the URL (percent-encoded is fine): the text of layers (i-, ie-),
// font and image paths are percent-decoded after splitting, so an encoded ',' or ':' stays inside
// them. An empty transformation (or orig-true) returns the source as it is, with its content type.
// Decoding applies the EXIF orientation (as browsers do), so rt-auto is accepted and is a no-op.
// Text layers need a QGuiApplication (fonts); without one they are a 500 with a clear message.
// `customCoordinates` are the file's custom coordinates (x, y, width, height in the original's
// pixels): fo-custom centres extract and maintain_ratio crops on them; without them it is the centre.
TransformOutput transformImage(const QByteArray &source, const QString &transformation,
                               const ImageLoader &load, const QByteArray &acceptHeader,
                               const QRect &customCoordinates = {});

// The library path of the default image named by a `di-` parameter in `transformation`, so the
// server can deliver it (transformed with the same chain) when the requested file is missing.
// "di-folder@@file.jpg" -> "/folder/file.jpg". nullopt when the chain has no di.
std::optional<QString> defaultImagePath(const QString &transformation);

} // namespace ikemu
