#pragma once

// Small helpers shared by the imaging tests: encode/decode images in memory, test pictures.

#include <QBuffer>
#include <QColor>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QPainter>
#include <QPainterPath>
#include <QRandomGenerator>

#include <cmath>

namespace imagingtest {

inline QByteArray encode(const QImage &image, const char *format, int quality = -1)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    if (quality >= 0)
        writer.setQuality(quality);
    writer.write(image);
    return bytes;
}

inline QImage decode(const QByteArray &bytes, QByteArray *format = nullptr)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    if (format)
        *format = reader.format();
    return reader.read();
}

// 400x300: red top-left, green top-right, blue bottom-left, yellow bottom-right quadrants, so a
// crop, flip or rotation can be told apart by the colour at a corner.
inline QImage quadrants(int width = 400, int height = 300)
{
    QImage image(width, height, QImage::Format_RGB32);
    QPainter painter(&image);
    painter.fillRect(0, 0, width / 2, height / 2, Qt::red);
    painter.fillRect(width / 2, 0, width - width / 2, height / 2, Qt::green);
    painter.fillRect(0, height / 2, width / 2, height - height / 2, Qt::blue);
    painter.fillRect(width / 2, height / 2, width - width / 2, height - height / 2, Qt::yellow);
    return image;
}

// A random "photo-like" picture: gradient sky, hills and shapes. Different seeds give unrelated images.
inline QImage randomScene(quint32 seed, QSize size = QSize(480, 360))
{
    QRandomGenerator random(seed);
    auto color = [&] { return QColor::fromHsv(int(random.bounded(360)), 80 + int(random.bounded(175)), 60 + int(random.bounded(195))); };
    QImage image(size, QImage::Format_RGB32);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QLinearGradient sky(0, 0, random.bounded(double(size.width())), size.height());
    sky.setColorAt(0, color());
    sky.setColorAt(1, color());
    painter.fillRect(image.rect(), sky);
    painter.setPen(Qt::NoPen);
    for (int i = 0; i < 9; ++i) {
        painter.setBrush(color());
        const int w = size.width() / 8 + int(random.bounded(size.width() / 3));
        const int h = size.height() / 8 + int(random.bounded(size.height() / 3));
        const int x = int(random.bounded(size.width())) - w / 2;
        const int y = int(random.bounded(size.height())) - h / 2;
        if (i % 2)
            painter.drawEllipse(x, y, w, h);
        else
            painter.drawRect(x, y, w, h);
    }
    return image;
}

// Adds `percent` percent (plus a small offset) to every channel, as a "brightened copy".
inline QImage brightened(const QImage &source, int percent)
{
    QImage image = source.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < image.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            auto up = [&](int v) { return std::min(255, v + v * percent / 100 + 3); };
            line[x] = qRgb(up(qRed(line[x])), up(qGreen(line[x])), up(qBlue(line[x])));
        }
    }
    return image;
}

inline bool near(QColor actual, QColor expected, int tolerance = 40)
{
    return std::abs(actual.red() - expected.red()) <= tolerance && std::abs(actual.green() - expected.green()) <= tolerance
        && std::abs(actual.blue() - expected.blue()) <= tolerance;
}

inline int hammingDistance(quint64 a, quint64 b)
{
    return qPopulationCount(a ^ b);
}

} // namespace imagingtest
