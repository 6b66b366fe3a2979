#pragma once

#include <QColor>
#include <QImage>
#include <QRect>

#include <array>

namespace ikemu::pixelops {

// Pixel-level effects of the transformation language. Every function returns a new image in
// Format_ARGB32_Premultiplied (or the input unchanged when the effect is a no-op) and accepts any
// QImage format.

// Gaussian-like blur: three box-blur passes of the given radius (bl-<1..100> maps to the radius).
QImage blurred(const QImage &image, int radius);
// Unsharp mask: original + amount * (original - blurred(radius)).
QImage sharpened(const QImage &image, double amount, int radius = 1);
// Luma (Rec. 601) in every colour channel, alpha kept.
QImage grayscaled(const QImage &image);
// Stretches the luma range of the image to the full 0..255 (e-contrast).
QImage contrastStretched(const QImage &image);
// Adds `delta` (-255..255) to every colour channel (the brightness of bg-blurred_<r>_<brightness>).
QImage brightnessShifted(const QImage &image, int delta);
// The mean colour of the visible pixels (bg-dominant).
QColor averageColor(const QImage &image);
// Multiplies alpha by percent/100 (o-<0..100>).
QImage withOpacity(const QImage &image, int percent);
// The smallest rectangle holding every pixel that differs from the top-left pixel by more than
// `threshold` in any channel (t-true / t-<threshold>). The whole image when nothing differs.
QRect trimBounds(const QImage &image, int threshold);
// Corners cut with the given radii (top-left, top-right, bottom-right, bottom-left), outside
// transparent.
QImage withRoundedCorners(const QImage &image, const std::array<double, 4> &radii);
// A solid border of `width` pixels around the image (the image grows by 2*width each way).
QImage withBorder(const QImage &image, int width, const QColor &color);
// Clockwise rotation; multiples of 90 are exact, other angles enlarge the canvas, filled with
// `background`.
QImage rotated(const QImage &image, double degrees, const QColor &background);
// The image composed over an opaque background (for formats without alpha, like JPEG).
QImage flattened(const QImage &image, const QColor &background);

} // namespace ikemu::pixelops
