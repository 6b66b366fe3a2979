#include "imaging/pixeloperations.h"

#include <QPainter>
#include <QPainterPath>
#include <QTransform>

#include <algorithm>
#include <cmath>
#include <vector>

namespace ikemu::pixelops {

namespace {

QImage premultiplied(const QImage &image)
{
    return image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
}

// One box-blur pass along rows (horizontal) or columns, with edge pixels repeated.
void boxBlurPass(const QImage &source, QImage &target, int radius, bool horizontal)
{
    const int width = source.width();
    const int height = source.height();
    const int lines = horizontal ? height : width;
    const int length = horizontal ? width : height;
    const int window = 2 * radius + 1;
    std::vector<QRgb> line(static_cast<std::size_t>(length));
    for (int l = 0; l < lines; ++l) {
        for (int i = 0; i < length; ++i)
            line[std::size_t(i)] = horizontal ? reinterpret_cast<const QRgb *>(source.constScanLine(l))[i]
                                              : reinterpret_cast<const QRgb *>(source.constScanLine(i))[l];
        auto at = [&](int i) { return line[std::size_t(std::clamp(i, 0, length - 1))]; };
        int sums[4] = {0, 0, 0, 0};
        for (int i = -radius; i <= radius; ++i) {
            const QRgb p = at(i);
            sums[0] += qAlpha(p); sums[1] += qRed(p); sums[2] += qGreen(p); sums[3] += qBlue(p);
        }
        for (int i = 0; i < length; ++i) {
            const QRgb out = qRgba((sums[1] + window / 2) / window, (sums[2] + window / 2) / window,
                                   (sums[3] + window / 2) / window, (sums[0] + window / 2) / window);
            if (horizontal)
                reinterpret_cast<QRgb *>(target.scanLine(l))[i] = out;
            else
                reinterpret_cast<QRgb *>(target.scanLine(i))[l] = out;
            const QRgb leaving = at(i - radius);
            const QRgb entering = at(i + radius + 1);
            sums[0] += qAlpha(entering) - qAlpha(leaving);
            sums[1] += qRed(entering) - qRed(leaving);
            sums[2] += qGreen(entering) - qGreen(leaving);
            sums[3] += qBlue(entering) - qBlue(leaving);
        }
    }
}

int luma(QRgb pixel)
{
    return (299 * qRed(pixel) + 587 * qGreen(pixel) + 114 * qBlue(pixel) + 500) / 1000;
}

} // namespace

QImage blurred(const QImage &image, int radius)
{
    if (radius <= 0 || image.isNull())
        return image;
    QImage current = premultiplied(image);
    QImage scratch(current.size(), QImage::Format_ARGB32_Premultiplied);
    for (int pass = 0; pass < 3; ++pass) {
        boxBlurPass(current, scratch, radius, true);
        boxBlurPass(scratch, current, radius, false);
    }
    return current;
}

QImage sharpened(const QImage &image, double amount, int radius)
{
    if (amount <= 0 || image.isNull())
        return image;
    const QImage original = premultiplied(image);
    const QImage soft = blurred(original, std::max(1, radius));
    QImage result(original.size(), QImage::Format_ARGB32_Premultiplied);
    for (int y = 0; y < original.height(); ++y) {
        const auto *o = reinterpret_cast<const QRgb *>(original.constScanLine(y));
        const auto *s = reinterpret_cast<const QRgb *>(soft.constScanLine(y));
        auto *r = reinterpret_cast<QRgb *>(result.scanLine(y));
        for (int x = 0; x < original.width(); ++x) {
            const int alpha = qAlpha(o[x]);
            auto channel = [&](int ov, int sv) {
                return std::clamp(int(std::lround(ov + amount * (ov - sv))), 0, alpha);
            };
            r[x] = qRgba(channel(qRed(o[x]), qRed(s[x])), channel(qGreen(o[x]), qGreen(s[x])),
                         channel(qBlue(o[x]), qBlue(s[x])), alpha);
        }
    }
    return result;
}

QImage grayscaled(const QImage &image)
{
    QImage result = premultiplied(image);
    for (int y = 0; y < result.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(result.scanLine(y));
        for (int x = 0; x < result.width(); ++x) {
            const int grey = luma(line[x]); // premultiplied grey stays <= alpha
            line[x] = qRgba(grey, grey, grey, qAlpha(line[x]));
        }
    }
    return result;
}

QImage contrastStretched(const QImage &image)
{
    QImage result = image.convertToFormat(QImage::Format_ARGB32);
    int low = 255;
    int high = 0;
    for (int y = 0; y < result.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(result.constScanLine(y));
        for (int x = 0; x < result.width(); ++x) {
            if (qAlpha(line[x]) == 0)
                continue;
            low = std::min({low, qRed(line[x]), qGreen(line[x]), qBlue(line[x])});
            high = std::max({high, qRed(line[x]), qGreen(line[x]), qBlue(line[x])});
        }
    }
    if (high <= low)
        return premultiplied(result);
    const double scale = 255.0 / (high - low);
    for (int y = 0; y < result.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(result.scanLine(y));
        for (int x = 0; x < result.width(); ++x) {
            auto stretch = [&](int v) { return std::clamp(int(std::lround((v - low) * scale)), 0, 255); };
            line[x] = qRgba(stretch(qRed(line[x])), stretch(qGreen(line[x])), stretch(qBlue(line[x])), qAlpha(line[x]));
        }
    }
    return premultiplied(result);
}

QImage brightnessShifted(const QImage &image, int delta)
{
    QImage result = image.convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < result.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(result.scanLine(y));
        for (int x = 0; x < result.width(); ++x) {
            auto shift = [&](int v) { return std::clamp(v + delta, 0, 255); };
            line[x] = qRgba(shift(qRed(line[x])), shift(qGreen(line[x])), shift(qBlue(line[x])), qAlpha(line[x]));
        }
    }
    return premultiplied(result);
}

QColor averageColor(const QImage &image)
{
    // A 64x64 smooth thumbnail is an area average, and keeps the loop short for big images.
    const QImage small = image.scaled(std::min(64, image.width()), std::min(64, image.height()), Qt::IgnoreAspectRatio,
                                      Qt::SmoothTransformation).convertToFormat(QImage::Format_ARGB32);
    qint64 red = 0;
    qint64 green = 0;
    qint64 blue = 0;
    qint64 weight = 0;
    for (int y = 0; y < small.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(small.constScanLine(y));
        for (int x = 0; x < small.width(); ++x) {
            const int alpha = qAlpha(line[x]);
            red += qRed(line[x]) * alpha;
            green += qGreen(line[x]) * alpha;
            blue += qBlue(line[x]) * alpha;
            weight += alpha;
        }
    }
    if (weight == 0)
        return Qt::white;
    return QColor(int(red / weight), int(green / weight), int(blue / weight));
}

QImage withOpacity(const QImage &image, int percent)
{
    QImage result = premultiplied(image);
    const int factor = std::clamp(percent, 0, 100);
    for (int y = 0; y < result.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(result.scanLine(y));
        for (int x = 0; x < result.width(); ++x) {
            const QRgb p = line[x];
            line[x] = qRgba(qRed(p) * factor / 100, qGreen(p) * factor / 100, qBlue(p) * factor / 100,
                            qAlpha(p) * factor / 100);
        }
    }
    return result;
}

QRect trimBounds(const QImage &image, int threshold)
{
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    if (argb.isNull())
        return {};
    const QRgb reference = argb.pixel(0, 0);
    int left = argb.width();
    int right = -1;
    int top = argb.height();
    int bottom = -1;
    for (int y = 0; y < argb.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(argb.constScanLine(y));
        for (int x = 0; x < argb.width(); ++x) {
            const QRgb p = line[x];
            const int difference = std::max({std::abs(qRed(p) - qRed(reference)), std::abs(qGreen(p) - qGreen(reference)),
                                             std::abs(qBlue(p) - qBlue(reference)), std::abs(qAlpha(p) - qAlpha(reference))});
            if (difference > threshold) {
                left = std::min(left, x);
                right = std::max(right, x);
                top = std::min(top, y);
                bottom = std::max(bottom, y);
            }
        }
    }
    if (right < 0)
        return argb.rect();
    return QRect(QPoint(left, top), QPoint(right, bottom));
}

QImage withRoundedCorners(const QImage &image, const std::array<double, 4> &radii)
{
    const double w = image.width();
    const double h = image.height();
    const double limit = std::min(w, h) / 2;
    const double tl = std::clamp(radii[0], 0.0, limit);
    const double tr = std::clamp(radii[1], 0.0, limit);
    const double br = std::clamp(radii[2], 0.0, limit);
    const double bl = std::clamp(radii[3], 0.0, limit);
    QPainterPath path;
    path.moveTo(tl, 0);
    path.lineTo(w - tr, 0);
    path.arcTo(w - 2 * tr, 0, 2 * tr, 2 * tr, 90, -90);
    path.lineTo(w, h - br);
    path.arcTo(w - 2 * br, h - 2 * br, 2 * br, 2 * br, 0, -90);
    path.lineTo(bl, h);
    path.arcTo(0, h - 2 * bl, 2 * bl, 2 * bl, 270, -90);
    path.lineTo(0, tl);
    path.arcTo(0, 0, 2 * tl, 2 * tl, 180, -90);
    path.closeSubpath();

    QImage result(image.size(), QImage::Format_ARGB32_Premultiplied);
    result.fill(Qt::transparent);
    QPainter painter(&result);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setClipPath(path);
    painter.drawImage(0, 0, image);
    painter.end();
    return result;
}

QImage withBorder(const QImage &image, int width, const QColor &color)
{
    if (width <= 0)
        return image;
    QImage result(image.width() + 2 * width, image.height() + 2 * width, QImage::Format_ARGB32_Premultiplied);
    result.fill(color);
    QPainter painter(&result);
    painter.setCompositionMode(QPainter::CompositionMode_Source);
    painter.drawImage(width, width, image);
    painter.end();
    return result;
}

QImage rotated(const QImage &image, double degrees, const QColor &background)
{
    double normalized = std::fmod(degrees, 360.0);
    if (normalized < 0)
        normalized += 360;
    if (normalized == 0)
        return image;
    if (normalized == 90 || normalized == 180 || normalized == 270)
        return premultiplied(image).transformed(QTransform().rotate(normalized));
    const QImage turned = premultiplied(image).transformed(QTransform().rotate(normalized), Qt::SmoothTransformation);
    QImage result(turned.size(), QImage::Format_ARGB32_Premultiplied);
    result.fill(background);
    QPainter painter(&result);
    painter.drawImage(0, 0, turned);
    painter.end();
    return result;
}

QImage flattened(const QImage &image, const QColor &background)
{
    QColor opaque = background;
    opaque.setAlpha(255);
    QImage result(image.size(), QImage::Format_RGB32);
    result.fill(opaque);
    QPainter painter(&result);
    painter.drawImage(0, 0, image);
    painter.end();
    return result;
}

} // namespace ikemu::pixelops
