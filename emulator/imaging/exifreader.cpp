#include "imaging/exifreader.h"

#include "imaging/jpegsegments.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>
#include <QtEndian>

namespace ikemu {

namespace {

enum class IfdKind { Image, Thumbnail, Exif, Gps, Interoperability };

constexpr quint16 kExifIfdPointer = 0x8769;
constexpr quint16 kGpsIfdPointer = 0x8825;
constexpr quint16 kInteropIfdPointer = 0xA005;

// Tag names as ExifTool / ImageKit print them.
const QHash<quint16, QString> &imageTagNames()
{
    static const QHash<quint16, QString> names{
        {0x010E, QStringLiteral("ImageDescription")}, {0x010F, QStringLiteral("Make")},
        {0x0110, QStringLiteral("Model")}, {0x0112, QStringLiteral("Orientation")},
        {0x011A, QStringLiteral("XResolution")}, {0x011B, QStringLiteral("YResolution")},
        {0x0128, QStringLiteral("ResolutionUnit")}, {0x0131, QStringLiteral("Software")},
        {0x0132, QStringLiteral("ModifyDate")}, {0x013B, QStringLiteral("Artist")},
        {0x0213, QStringLiteral("YCbCrPositioning")}, {0x8298, QStringLiteral("Copyright")},
        {0x8769, QStringLiteral("ExifOffset")}, {0x8825, QStringLiteral("GPSInfo")},
        {0x0103, QStringLiteral("Compression")}, {0x0201, QStringLiteral("ThumbnailOffset")},
        {0x0202, QStringLiteral("ThumbnailLength")}, {0x0100, QStringLiteral("ImageWidth")},
        {0x0101, QStringLiteral("ImageHeight")},
    };
    return names;
}

const QHash<quint16, QString> &exifTagNames()
{
    static const QHash<quint16, QString> names{
        {0x829A, QStringLiteral("ExposureTime")}, {0x829D, QStringLiteral("FNumber")},
        {0x8822, QStringLiteral("ExposureProgram")}, {0x8827, QStringLiteral("ISO")},
        {0x9000, QStringLiteral("ExifVersion")}, {0x9003, QStringLiteral("DateTimeOriginal")},
        {0x9004, QStringLiteral("CreateDate")}, {0x9201, QStringLiteral("ShutterSpeedValue")},
        {0x9202, QStringLiteral("ApertureValue")}, {0x9203, QStringLiteral("BrightnessValue")},
        {0x9204, QStringLiteral("ExposureCompensation")}, {0x9205, QStringLiteral("MaxApertureValue")},
        {0x9207, QStringLiteral("MeteringMode")}, {0x9208, QStringLiteral("LightSource")},
        {0x9209, QStringLiteral("Flash")}, {0x920A, QStringLiteral("FocalLength")},
        {0x9286, QStringLiteral("UserComment")}, {0x9290, QStringLiteral("SubSecTime")},
        {0xA000, QStringLiteral("FlashpixVersion")}, {0xA001, QStringLiteral("ColorSpace")},
        {0xA002, QStringLiteral("ExifImageWidth")}, {0xA003, QStringLiteral("ExifImageHeight")},
        {0xA005, QStringLiteral("InteropOffset")}, {0xA20E, QStringLiteral("FocalPlaneXResolution")},
        {0xA20F, QStringLiteral("FocalPlaneYResolution")}, {0xA210, QStringLiteral("FocalPlaneResolutionUnit")},
        {0xA217, QStringLiteral("SensingMethod")}, {0xA301, QStringLiteral("SceneType")},
        {0xA401, QStringLiteral("CustomRendered")}, {0xA402, QStringLiteral("ExposureMode")},
        {0xA403, QStringLiteral("WhiteBalance")}, {0xA405, QStringLiteral("FocalLengthIn35mmFormat")},
        {0xA406, QStringLiteral("SceneCaptureType")}, {0xA434, QStringLiteral("LensModel")},
    };
    return names;
}

const QHash<quint16, QString> &gpsTagNames()
{
    static const QHash<quint16, QString> names{
        {0x0000, QStringLiteral("GPSVersionID")}, {0x0001, QStringLiteral("GPSLatitudeRef")},
        {0x0002, QStringLiteral("GPSLatitude")}, {0x0003, QStringLiteral("GPSLongitudeRef")},
        {0x0004, QStringLiteral("GPSLongitude")}, {0x0005, QStringLiteral("GPSAltitudeRef")},
        {0x0006, QStringLiteral("GPSAltitude")}, {0x0007, QStringLiteral("GPSTimeStamp")},
        {0x0012, QStringLiteral("GPSMapDatum")}, {0x001D, QStringLiteral("GPSDateStamp")},
    };
    return names;
}

const QHash<quint16, QString> &interopTagNames()
{
    static const QHash<quint16, QString> names{
        {0x0001, QStringLiteral("InteropIndex")}, {0x0002, QStringLiteral("InteropVersion")},
    };
    return names;
}

// Tags whose value is a list even with one element (the API schema types them as arrays).
bool isArrayTag(IfdKind kind, quint16 tag)
{
    return kind == IfdKind::Gps && (tag == 0x0000 || tag == 0x0002 || tag == 0x0004 || tag == 0x0007);
}

class TiffCursor
{
public:
    explicit TiffCursor(const QByteArray &data)
        : m_data(data)
    {
        m_valid = data.size() >= 8 && (data.startsWith("II*") || data.startsWith(QByteArray("MM\0*", 4)));
        m_littleEndian = data.startsWith("II");
    }
    bool isValid() const { return m_valid; }
    bool inRange(qint64 offset, qint64 length) const
    {
        return offset >= 0 && length >= 0 && offset + length <= m_data.size();
    }
    quint16 u16(qint64 offset) const
    {
        if (!inRange(offset, 2))
            return 0;
        const auto *p = reinterpret_cast<const uchar *>(m_data.constData() + offset);
        return m_littleEndian ? qFromLittleEndian<quint16>(p) : qFromBigEndian<quint16>(p);
    }
    quint32 u32(qint64 offset) const
    {
        if (!inRange(offset, 4))
            return 0;
        const auto *p = reinterpret_cast<const uchar *>(m_data.constData() + offset);
        return m_littleEndian ? qFromLittleEndian<quint32>(p) : qFromBigEndian<quint32>(p);
    }
    QByteArray bytes(qint64 offset, qint64 length) const
    {
        return inRange(offset, length) ? m_data.mid(offset, length) : QByteArray();
    }

private:
    const QByteArray &m_data;
    bool m_valid = false;
    bool m_littleEndian = true;
};

int typeSize(quint16 type)
{
    switch (type) {
    case 1: case 2: case 6: case 7: return 1;
    case 3: case 8: return 2;
    case 4: case 9: case 11: return 4;
    case 5: case 10: case 12: return 8;
    default: return 0;
    }
}

QJsonValue readValue(const TiffCursor &tiff, quint16 type, quint32 count, qint64 valueOffset, bool forceArray)
{
    if (type == 2) { // ASCII, NUL-terminated
        QByteArray text = tiff.bytes(valueOffset, count);
        const int nul = text.indexOf('\0');
        if (nul >= 0)
            text.truncate(nul);
        return QString::fromLatin1(text).trimmed();
    }
    if (type == 7) { // UNDEFINED: versions ("0221") are ASCII digits; other blobs as text if printable
        const QByteArray raw = tiff.bytes(valueOffset, count);
        if (count <= 4 && count > 1)
            return QString::fromLatin1(raw);
        if (count == 1)
            return raw.isEmpty() ? QJsonValue() : QJsonValue(int(uchar(raw.at(0))));
        QByteArray printable = raw;
        if (printable.startsWith(QByteArray("ASCII\0\0\0", 8)) || printable.startsWith(QByteArray(8, '\0')))
            printable = printable.mid(8);
        printable.replace('\0', "");
        return QString::fromLatin1(printable).trimmed();
    }
    QJsonArray values;
    const int size = typeSize(type);
    for (quint32 i = 0; i < count && i < 64; ++i) {
        const qint64 at = valueOffset + qint64(i) * size;
        switch (type) {
        case 1: case 6: {
            const QByteArray b = tiff.bytes(at, 1);
            values.append(b.isEmpty() ? 0 : (type == 6 ? int(qint8(b.at(0))) : int(uchar(b.at(0)))));
            break;
        }
        case 3: values.append(int(tiff.u16(at))); break;
        case 8: values.append(int(qint16(tiff.u16(at)))); break;
        case 4: values.append(qint64(tiff.u32(at))); break;
        case 9: values.append(qint64(qint32(tiff.u32(at)))); break;
        case 5: {
            const quint32 den = tiff.u32(at + 4);
            values.append(den == 0 ? 0.0 : double(tiff.u32(at)) / den);
            break;
        }
        case 10: {
            const qint32 den = qint32(tiff.u32(at + 4));
            values.append(den == 0 ? 0.0 : double(qint32(tiff.u32(at))) / den);
            break;
        }
        default: break;
        }
    }
    if (values.isEmpty())
        return QJsonValue();
    if (values.size() == 1 && !forceArray)
        return values.first();
    return values;
}

struct IfdResult {
    QJsonObject values;
    QHash<quint16, quint32> pointers; // sub-IFD pointer tags -> offset
    quint32 nextIfd = 0;
};

IfdResult readIfd(const TiffCursor &tiff, quint32 offset, IfdKind kind)
{
    IfdResult result;
    const quint16 entryCount = tiff.u16(offset);
    if (!tiff.inRange(offset, 2 + qint64(entryCount) * 12))
        return result;
    const QHash<quint16, QString> &names = kind == IfdKind::Exif ? exifTagNames()
        : kind == IfdKind::Gps                                     ? gpsTagNames()
        : kind == IfdKind::Interoperability                        ? interopTagNames()
                                                                   : imageTagNames();
    for (quint16 i = 0; i < entryCount; ++i) {
        const qint64 entry = offset + 2 + qint64(i) * 12;
        const quint16 tag = tiff.u16(entry);
        const quint16 type = tiff.u16(entry + 2);
        const quint32 count = tiff.u32(entry + 4);
        const int size = typeSize(type);
        if (size == 0 || count == 0 || count > 1 << 20)
            continue;
        const qint64 byteLength = qint64(size) * count;
        const qint64 valueOffset = byteLength <= 4 ? entry + 8 : qint64(tiff.u32(entry + 8));
        if (tag == kExifIfdPointer || tag == kGpsIfdPointer || tag == kInteropIfdPointer)
            result.pointers.insert(tag, tiff.u32(entry + 8));
        const auto name = names.constFind(tag);
        if (name == names.constEnd() || !tiff.inRange(valueOffset, byteLength))
            continue;
        const QJsonValue value = readValue(tiff, type, count, valueOffset, isArrayTag(kind, tag));
        if (!value.isUndefined() && !value.isNull())
            result.values.insert(*name, value);
    }
    result.nextIfd = tiff.u32(offset + 2 + qint64(entryCount) * 12);
    return result;
}

QByteArray exifFromJpeg(const QByteArray &bytes)
{
    static const QByteArray exifHeader("Exif\0\0", 6);
    for (const JpegSegment &segment : jpegHeaderSegments(bytes))
        if (segment.marker == 0xE1 && bytes.mid(segment.payloadOffset, 6) == exifHeader)
            return bytes.mid(segment.payloadOffset + 6, segment.payloadLength - 6);
    return {};
}

QByteArray exifFromPng(const QByteArray &bytes)
{
    qint64 pos = 8;
    while (pos + 12 <= bytes.size()) {
        const quint32 length = qFromBigEndian<quint32>(reinterpret_cast<const uchar *>(bytes.constData() + pos));
        const QByteArray type = bytes.mid(pos + 4, 4);
        if (type == "eXIf")
            return bytes.mid(pos + 8, length);
        if (type == "IDAT" || type == "IEND")
            return {};
        pos += 12 + qint64(length);
    }
    return {};
}

QByteArray exifFromWebp(const QByteArray &bytes)
{
    qint64 pos = 12;
    while (pos + 8 <= bytes.size()) {
        const quint32 length = qFromLittleEndian<quint32>(reinterpret_cast<const uchar *>(bytes.constData() + pos + 4));
        if (bytes.mid(pos, 4) == "EXIF") {
            QByteArray block = bytes.mid(pos + 8, length);
            if (block.startsWith(QByteArray("Exif\0\0", 6)))
                block = block.mid(6);
            return block;
        }
        pos += 8 + qint64(length) + (length & 1);
    }
    return {};
}

} // namespace

QByteArray ExifReader::findExifBlock(const QByteArray &fileBytes)
{
    if (fileBytes.startsWith("\xFF\xD8"))
        return exifFromJpeg(fileBytes);
    if (fileBytes.startsWith("\x89PNG\r\n\x1a\n"))
        return exifFromPng(fileBytes);
    if (fileBytes.startsWith("RIFF") && fileBytes.mid(8, 4) == "WEBP")
        return exifFromWebp(fileBytes);
    return {};
}

QJsonObject ExifReader::parse(const QByteArray &tiffBlock)
{
    const TiffCursor tiff(tiffBlock);
    if (!tiff.isValid())
        return {};
    QJsonObject groups;
    QSet<quint32> visited; // a malicious file may loop IFDs back on themselves

    const quint32 ifd0Offset = tiff.u32(4);
    visited.insert(ifd0Offset);
    const IfdResult image = readIfd(tiff, ifd0Offset, IfdKind::Image);
    groups.insert(QStringLiteral("image"), image.values);

    QJsonObject thumbnail;
    if (image.nextIfd != 0 && !visited.contains(image.nextIfd)) {
        visited.insert(image.nextIfd);
        thumbnail = readIfd(tiff, image.nextIfd, IfdKind::Thumbnail).values;
    }
    groups.insert(QStringLiteral("thumbnail"), thumbnail);

    QJsonObject exif;
    QJsonObject interoperability;
    if (const quint32 exifOffset = image.pointers.value(kExifIfdPointer); exifOffset && !visited.contains(exifOffset)) {
        visited.insert(exifOffset);
        const IfdResult exifIfd = readIfd(tiff, exifOffset, IfdKind::Exif);
        exif = exifIfd.values;
        if (const quint32 interop = exifIfd.pointers.value(kInteropIfdPointer); interop && !visited.contains(interop)) {
            visited.insert(interop);
            interoperability = readIfd(tiff, interop, IfdKind::Interoperability).values;
        }
    }
    groups.insert(QStringLiteral("exif"), exif);

    QJsonObject gps;
    if (const quint32 gpsOffset = image.pointers.value(kGpsIfdPointer); gpsOffset && !visited.contains(gpsOffset)) {
        visited.insert(gpsOffset);
        gps = readIfd(tiff, gpsOffset, IfdKind::Gps).values;
    }
    groups.insert(QStringLiteral("gps"), gps);
    groups.insert(QStringLiteral("interoperability"), interoperability);
    groups.insert(QStringLiteral("makernote"), QJsonObject());
    return groups;
}

} // namespace ikemu
