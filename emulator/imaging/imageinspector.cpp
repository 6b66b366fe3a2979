#include "imaging/imageinspector.h"

#include "imaging/exifreader.h"
#include "imaging/jpegsegments.h"
#include "phash/perceptualhash.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QMimeDatabase>
#include <QtEndian>

#include <array>
#include <cmath>

namespace ikemu {

namespace {

// Qt's reader format names -> ImageKit's format names and MIME types.
struct FormatName {
    const char *qtName;
    const char *imagekitName;
    const char *mime;
};
constexpr std::array<FormatName, 9> kFormats{{
    {"jpeg", "jpg", "image/jpeg"},
    {"jpg", "jpg", "image/jpeg"},
    {"png", "png", "image/png"},
    {"webp", "webp", "image/webp"},
    {"gif", "gif", "image/gif"},
    {"svg", "svg", "image/svg+xml"},
    {"bmp", "bmp", "image/bmp"},
    {"tiff", "tiff", "image/tiff"},
    {"ico", "ico", "image/x-icon"},
}};

// The IJG standard luminance quantisation table (JPEG Annex K), which libjpeg scales by quality.
constexpr std::array<int, 64> kStandardLuminance{
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55,
    14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
    18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
    49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99};

// Estimates the libjpeg quality from the first quantisation table (inverting libjpeg's scaling).
int estimateJpegQuality(const QByteArray &bytes)
{
    for (const JpegSegment &segment : jpegHeaderSegments(bytes)) {
        if (segment.marker != 0xDB || segment.payloadLength < 65)
            continue;
        if ((uchar(bytes.at(segment.payloadOffset)) >> 4) != 0) // 16-bit tables: not from common encoders
            return 0;
        double sum = 0;
        double standardSum = 0;
        for (int i = 0; i < 64; ++i) {
            sum += uchar(bytes.at(segment.payloadOffset + 1 + i));
            standardSum += kStandardLuminance[std::size_t(i)];
        }
        const double scale = 100.0 * sum / standardSum;
        const double quality = scale <= 100 ? (200 - scale) / 2 : 5000 / scale;
        return std::clamp(int(std::lround(quality)), 1, 100);
    }
    return 0;
}

// The part of a file before its pixel data, where metadata chunks live: searching only there
// keeps compressed pixels from being mistaken for a chunk name.
QByteArray metadataHead(const QByteArray &bytes, const QByteArray &format)
{
    qsizetype end = -1;
    if (format == "png")
        end = bytes.indexOf("IDAT");
    else if (format == "webp") // "VP8 " (lossy) or "VP8L" (lossless) data; "VP8X" is the header
        end = std::max(bytes.indexOf("VP8 "), bytes.indexOf("VP8L"));
    return bytes.left(end < 0 ? qsizetype(256 * 1024) : end);
}

// Dots per inch from JFIF (APP0) or PNG pHYs; 72 when the file does not say.
int readDensity(const QByteArray &bytes)
{
    if (bytes.startsWith("\xFF\xD8") && bytes.size() > 20 && bytes.mid(6, 5) == QByteArray("JFIF\0", 5)) {
        const uchar units = uchar(bytes.at(13));
        const int xDensity = (uchar(bytes.at(14)) << 8) | uchar(bytes.at(15));
        if (units == 1 && xDensity > 0)
            return xDensity;
        if (units == 2 && xDensity > 0)
            return int(std::lround(xDensity * 2.54));
    }
    if (bytes.startsWith("\x89PNG")) {
        const qsizetype at = metadataHead(bytes, "png").indexOf("pHYs");
        if (at > 0 && at + 13 <= bytes.size() && bytes.at(at + 12) == 1) {
            const quint32 perMeter = qFromBigEndian<quint32>(reinterpret_cast<const uchar *>(bytes.constData() + at + 4));
            if (perMeter > 0)
                return int(std::lround(perMeter * 0.0254));
        }
    }
    return 72;
}

// An embedded ICC profile: JPEG APP2 "ICC_PROFILE", PNG iCCP, WebP ICCP chunk.
bool hasEmbeddedColorProfile(const QByteArray &bytes, const QByteArray &format)
{
    if (format == "jpg") {
        static const QByteArray iccHeader("ICC_PROFILE\0", 12);
        for (const JpegSegment &segment : jpegHeaderSegments(bytes))
            if (segment.marker == 0xE2 && bytes.mid(segment.payloadOffset, 12) == iccHeader)
                return true;
        return false;
    }
    const QByteArray head = metadataHead(bytes, format);
    if (format == "png")
        return head.contains("iCCP");
    if (format == "webp")
        return head.contains("ICCP");
    return false;
}

bool anyPixelTransparent(const QImage &image)
{
    if (!image.hasAlphaChannel())
        return false;
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < argb.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(argb.constScanLine(y));
        for (int x = 0; x < argb.width(); ++x)
            if (qAlpha(line[x]) < 255)
                return true;
    }
    return false;
}

} // namespace

ImageInfo inspectImage(const QByteArray &bytes, const QString &fileName)
{
    ImageInfo info;
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    info.format = suffix.toLatin1();
    info.mime = QMimeDatabase().mimeTypeForFileNameAndData(fileName, bytes).name().toLatin1();
    if (info.mime.isEmpty())
        info.mime = "application/octet-stream";

    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setDecideFormatFromContent(true);
    reader.setAutoTransform(false); // width and height as stored, EXIF orientation reported apart
    const QByteArray qtFormat = reader.format().toLower();
    if (qtFormat.isEmpty())
        return info;
    QImage image;
    if (!reader.read(&image) || image.isNull())
        return info;

    info.isImage = true;
    info.format = qtFormat;
    for (const FormatName &name : kFormats) {
        if (qtFormat == name.qtName) {
            info.format = name.imagekitName;
            info.mime = name.mime;
            break;
        }
    }
    info.width = image.width();
    info.height = image.height();
    info.hasAlpha = image.hasAlphaChannel();
    info.hasTransparency = anyPixelTransparent(image);
    info.hasColorProfile = hasEmbeddedColorProfile(bytes, info.format);
    info.quality = info.format == "jpg" ? estimateJpegQuality(bytes) : 0;
    info.density = readDensity(bytes);

    const QImage luma = image.convertToFormat(QImage::Format_Grayscale8);
    info.pHash = ik::perceptualHashToHex(
        ik::perceptualHashFromLuma(luma.constBits(), luma.width(), luma.height(), luma.bytesPerLine()));

    info.exif = ExifReader::parse(ExifReader::findExifBlock(bytes));
    // embeddedMetadata is flat in ImageKit's responses: EXIF tags of every group, then text chunks.
    for (const QString &group : {QStringLiteral("image"), QStringLiteral("exif"), QStringLiteral("gps")}) {
        const QJsonObject tags = info.exif.value(group).toObject();
        for (auto it = tags.begin(); it != tags.end(); ++it)
            info.embedded.insert(it.key(), it.value());
    }
    // From the decoded image: asking the reader again after read() would re-parse a consumed device.
    for (const QString &key : image.textKeys())
        if (!key.isEmpty())
            info.embedded.insert(key, image.text(key));
    return info;
}

QJsonObject metadataJson(const ImageInfo &info, qint64 size)
{
    QJsonObject json;
    if (info.isImage) {
        json.insert(QStringLiteral("height"), info.height);
        json.insert(QStringLiteral("width"), info.width);
    }
    json.insert(QStringLiteral("size"), size);
    json.insert(QStringLiteral("format"), QString::fromLatin1(info.format));
    if (info.isImage) {
        json.insert(QStringLiteral("hasColorProfile"), info.hasColorProfile);
        json.insert(QStringLiteral("quality"), info.quality);
        json.insert(QStringLiteral("density"), info.density);
        json.insert(QStringLiteral("hasTransparency"), info.hasTransparency);
        json.insert(QStringLiteral("pHash"), info.pHash);
    }
    json.insert(QStringLiteral("exif"), info.exif);
    return json;
}

} // namespace ikemu
