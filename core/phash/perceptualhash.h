#pragma once

#include <QtGlobal>
#include <QString>

namespace ik {

// The standard 64-bit DCT perceptual hash (pHash) of an 8-bit grey image.
//
// Steps: area-average downscale to 32x32, 2-D DCT-II, keep the top-left 8x8 block (the lowest
// frequencies), take the median of those 64 coefficients (the DC term included, as ImageKit's
// and the common imagehash/pHash implementations do), and set bit 63-i for coefficient i (row-major)
// when it is strictly greater than the median. The first coefficient is therefore the highest bit
// of the hex string.
//
// `pixels` points at `height` rows of `width` grey bytes, each row `bytesPerLine` bytes apart.
// Returns 0 for an empty or invalid image (width/height <= 0, null pixels, bytesPerLine < width).
// Qt Core only, so programs without QtGui can hash pixels they decoded themselves.
quint64 perceptualHashFromLuma(const uchar *pixels, int width, int height, qsizetype bytesPerLine);

// The hash as ImageKit writes it: 16 lower-case hex digits, zero-padded.
QString perceptualHashToHex(quint64 hash);

} // namespace ik
