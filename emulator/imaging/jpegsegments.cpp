#include "imaging/jpegsegments.h"

namespace ikemu {

QList<JpegSegment> jpegHeaderSegments(const QByteArray &bytes)
{
    QList<JpegSegment> segments;
    if (!bytes.startsWith("\xFF\xD8"))
        return segments;
    qsizetype pos = 2;
    while (pos + 4 <= bytes.size() && uchar(bytes.at(pos)) == 0xFF) {
        const uchar marker = uchar(bytes.at(pos + 1));
        if (marker == 0xFF) { // fill byte before a marker
            ++pos;
            continue;
        }
        if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) { // markers without a length
            pos += 2;
            continue;
        }
        if (marker == 0xDA || marker == 0xD9) // start of scan / end of image
            break;
        const int length = (uchar(bytes.at(pos + 2)) << 8) | uchar(bytes.at(pos + 3));
        if (length < 2 || pos + 2 + length > bytes.size())
            break;
        segments.append(JpegSegment{marker, pos + 4, length - 2});
        pos += 2 + length;
    }
    return segments;
}

} // namespace ikemu
