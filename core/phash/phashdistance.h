#pragma once

#include <QString>
#include <QStringView>

namespace ik {

struct PhashDistanceResult
{
    int distance = -1;  // 0..64 when ok()
    QString error;      // empty on success; says which argument is wrong and why
    bool ok() const { return error.isEmpty(); }
};

// Hamming distance of two 64-bit pHash values written as 16 hex digits (either case; spaces
// around them are ignored), e.g. the `pHash` field of ImageKit's metadata API. 0 means identical
// images, a small number (under about 10) near-duplicates. Anything else, including a wrong length
// or a non-hex character, is an error rather than a guess: the seed SDK accepted unequal
// lengths and crashed on non-hex text.
PhashDistanceResult phashDistance(QStringView first, QStringView second);

} // namespace ik
