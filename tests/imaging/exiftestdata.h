#pragma once

// Builds real EXIF blocks (TIFF structures) and JPEGs carrying them, for the inspector and
// transformer tests: Qt cannot write EXIF itself.

#include <QByteArray>
#include <QList>
#include <QtEndian>

namespace imagingtest {

struct ExifEntry {
    quint16 tag;
    quint16 type; // 2 ASCII, 3 SHORT, 4 LONG, 5 RATIONAL, 7 UNDEFINED
    quint32 count;
    QByteArray data; // little-endian value bytes
};

inline QByteArray le16(quint16 v) { QByteArray b(2, 0); qToLittleEndian(v, b.data()); return b; }
inline QByteArray le32(quint32 v) { QByteArray b(4, 0); qToLittleEndian(v, b.data()); return b; }
inline QByteArray rational(quint32 num, quint32 den) { return le32(num) + le32(den); }
inline ExifEntry ascii(quint16 tag, const QByteArray &text) { return {tag, 2, quint32(text.size() + 1), text + '\0'}; }
inline ExifEntry shortValue(quint16 tag, quint16 v) { return {tag, 3, 1, le16(v)}; }

// Offsets of consecutive IFDs with the given entry counts, the first at 8 (after the header).
inline QList<quint32> ifdOffsets(const QList<int> &entryCounts)
{
    QList<quint32> offsets;
    quint32 at = 8;
    for (int count : entryCounts) {
        offsets.append(at);
        at += 2 + 12 * quint32(count) + 4;
    }
    offsets.append(at); // where the data area starts
    return offsets;
}

// A little-endian TIFF block with the IFDs laid out one after the other (IFD0 first); values
// longer than 4 bytes go to a data area after them. `nextOfFirst` links IFD0 to IFD1 (thumbnail).
inline QByteArray buildTiff(const QList<QList<ExifEntry>> &ifds, quint32 nextOfFirst = 0)
{
    QList<int> counts;
    for (const auto &ifd : ifds)
        counts.append(int(ifd.size()));
    const QList<quint32> offsets = ifdOffsets(counts);
    QByteArray tiff = QByteArray("II*\0", 4) + le32(8);
    QByteArray data;
    const quint32 dataStart = offsets.last();
    for (int i = 0; i < ifds.size(); ++i) {
        tiff += le16(quint16(ifds[i].size()));
        for (const ExifEntry &entry : ifds[i]) {
            tiff += le16(entry.tag) + le16(entry.type) + le32(entry.count);
            if (entry.data.size() <= 4) {
                tiff += entry.data + QByteArray(4 - entry.data.size(), '\0');
            } else {
                tiff += le32(dataStart + quint32(data.size()));
                data += entry.data;
                if (data.size() % 2)
                    data += '\0';
            }
        }
        tiff += le32(i == 0 ? nextOfFirst : 0);
    }
    return tiff + data;
}

// `jpeg` with an APP1 Exif segment inserted right after the SOI marker.
inline QByteArray withExif(const QByteArray &jpeg, const QByteArray &tiff)
{
    const QByteArray payload = QByteArray("Exif\0\0", 6) + tiff;
    QByteArray segment("\xFF\xE1");
    const quint16 length = quint16(payload.size() + 2);
    segment += char(length >> 8);
    segment += char(length & 0xFF);
    return jpeg.left(2) + segment + payload + jpeg.mid(2);
}

// A camera-like EXIF block: IFD0 (Make, Model, Orientation, XResolution, ExifOffset, GPSInfo),
// the Exif IFD (ExposureTime, ISO, ExifVersion, DateTimeOriginal) and a GPS IFD.
inline QByteArray cameraExif(quint16 orientation)
{
    const QList<quint32> offsets = ifdOffsets({6, 4, 2});
    const QList<ExifEntry> ifd0{
        ascii(0x010F, "Canon"), ascii(0x0110, "Canon EOS 40D"), shortValue(0x0112, orientation),
        {0x011A, 5, 1, rational(72, 1)}, {0x8769, 4, 1, le32(offsets[1])}, {0x8825, 4, 1, le32(offsets[2])},
    };
    const QList<ExifEntry> exif{
        {0x829A, 5, 1, rational(1, 160)}, shortValue(0x8827, 100), {0x9000, 7, 4, QByteArray("0221")},
        ascii(0x9003, "2008:05:30 15:56:01"),
    };
    const QList<ExifEntry> gps{
        ascii(0x0001, "N"), {0x0002, 5, 3, rational(52, 1) + rational(31, 1) + rational(12, 1)},
    };
    return buildTiff({ifd0, exif, gps});
}

} // namespace imagingtest
