#pragma once

#include <QByteArray>
#include <QList>

namespace ikemu {

// A marker segment of a JPEG file header (APPn, DQT, SOF...): its marker byte and where its
// payload (after the two length bytes) lies in the file.
struct JpegSegment {
    uchar marker = 0;
    qsizetype payloadOffset = 0;
    qsizetype payloadLength = 0;
};

// The segments before the first scan (where all metadata and tables live); stops quietly at the
// first malformed segment. Empty for non-JPEG bytes.
QList<JpegSegment> jpegHeaderSegments(const QByteArray &bytes);

} // namespace ikemu
