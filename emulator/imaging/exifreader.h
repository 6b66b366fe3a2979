#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace ikemu {

// Reads the EXIF block of JPEG (APP1 "Exif"), PNG (eXIf chunk) and WebP (EXIF chunk) files into the
// groups of ImageKit's metadata response: image (IFD0), thumbnail (IFD1), exif, gps, interoperability
// and makernote (left empty: maker notes are vendor-specific binary). Qt exposes only the orientation,
// hence this small TIFF-structure reader. Malformed blocks yield whatever was read before the fault,
// never a crash; unknown tags are skipped.
class ExifReader
{
public:
    // The raw TIFF block ("II*\0..." or "MM\0*...") of an encoded image; empty when there is none.
    static QByteArray findExifBlock(const QByteArray &fileBytes);
    // The grouped EXIF object; {} when `tiffBlock` is not a valid TIFF structure.
    static QJsonObject parse(const QByteArray &tiffBlock);
};

} // namespace ikemu
