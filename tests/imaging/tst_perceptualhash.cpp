// ik::perceptualHashFromLuma: the 64-bit DCT pHash (core/phash). Checked against a direct
// textbook evaluation on 32x32 inputs, and for the behaviour the duplicate finder relies on:
// near-duplicates within a few bits, unrelated images far apart.

#include "imagingtesthelpers.h"

#include "phash/perceptualhash.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

using namespace imagingtest;

namespace {

QImage grey(const QImage &image)
{
    return image.convertToFormat(QImage::Format_Grayscale8);
}

quint64 hashOf(const QImage &image)
{
    const QImage luma = grey(image);
    return ik::perceptualHashFromLuma(luma.constBits(), luma.width(), luma.height(), luma.bytesPerLine());
}

// The definition, written independently of the production code: for a 32x32 grey input,
// F(v,u) = sum_y sum_x p(y,x) cos(pi v (2y+1)/64) cos(pi u (2x+1)/64) over the 8x8 lowest
// frequencies (any constant factor does not change the comparison with the median).
quint64 referenceHash32(const QImage &luma)
{
    std::vector<double> coefficients;
    for (int v = 0; v < 8; ++v)
        for (int u = 0; u < 8; ++u) {
            double sum = 0;
            for (int y = 0; y < 32; ++y)
                for (int x = 0; x < 32; ++x)
                    sum += luma.constScanLine(y)[x] * std::cos(std::numbers::pi * v * (2 * y + 1) / 64.0)
                        * std::cos(std::numbers::pi * u * (2 * x + 1) / 64.0);
            coefficients.push_back(sum);
        }
    std::vector<double> sorted = coefficients;
    std::sort(sorted.begin(), sorted.end());
    const double median = (sorted[31] + sorted[32]) / 2;
    quint64 hash = 0;
    for (int i = 0; i < 64; ++i)
        if (coefficients[std::size_t(i)] > median)
            hash |= quint64(1) << (63 - i);
    return hash;
}

} // namespace

class TestPerceptualHash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hexIsSixteenLowerCaseDigits()
    {
        QCOMPARE(ik::perceptualHashToHex(0), QStringLiteral("0000000000000000"));
        QCOMPARE(ik::perceptualHashToHex(0xF06830CA9F1E3E90ULL), QStringLiteral("f06830ca9f1e3e90"));
        QCOMPARE(ik::perceptualHashToHex(0x1ULL), QStringLiteral("0000000000000001"));
    }

    void invalidInputGivesZero()
    {
        const uchar pixels[4] = {1, 2, 3, 4};
        QCOMPARE(ik::perceptualHashFromLuma(nullptr, 2, 2, 2), quint64(0));
        QCOMPARE(ik::perceptualHashFromLuma(pixels, 0, 2, 2), quint64(0));
        QCOMPARE(ik::perceptualHashFromLuma(pixels, 2, -1, 2), quint64(0));
        QCOMPARE(ik::perceptualHashFromLuma(pixels, 2, 2, 1), quint64(0)); // rows overlap
    }

    void matchesTheDefinitionOn32x32Inputs()
    {
        for (quint32 seed : {1u, 7u, 42u, 1234u}) {
            const QImage luma = grey(randomScene(seed, QSize(32, 32)));
            QCOMPARE(ik::perceptualHashToHex(hashOf(luma)), ik::perceptualHashToHex(referenceHash32(luma)));
        }
    }

    void areaAveragingMakesPixelReplicationInvisible()
    {
        // Each pixel of a 32x32 image blown up to a 3x3 block: the area average gives back the
        // 32x32 image exactly, so the hash must be the same.
        const QImage small = grey(randomScene(99, QSize(32, 32)));
        const QImage big = small.scaled(96, 96, Qt::IgnoreAspectRatio, Qt::FastTransformation);
        QCOMPARE(hashOf(big), hashOf(small));
    }

    void rowPaddingIsIgnored()
    {
        const QImage luma = grey(randomScene(5, QSize(101, 77)));
        const qsizetype stride = 128; // more than width, as in padded buffers
        QByteArray padded(stride * luma.height(), char(0xAB));
        for (int y = 0; y < luma.height(); ++y)
            memcpy(padded.data() + y * stride, luma.constScanLine(y), size_t(luma.width()));
        const quint64 expected = ik::perceptualHashFromLuma(luma.constBits(), luma.width(), luma.height(), luma.bytesPerLine());
        QCOMPARE(ik::perceptualHashFromLuma(reinterpret_cast<const uchar *>(padded.constData()), luma.width(), luma.height(), stride),
                 expected);
    }

    void structureDecidesTheBits()
    {
        // Dark left half, bright right half: the first horizontal frequency (u=1) is strongly
        // negative, so below the median (bit 62 clear); the DC term (average brightness) is the
        // largest coefficient, so bit 63 is set.
        QImage split(64, 64, QImage::Format_Grayscale8);
        for (int y = 0; y < 64; ++y)
            for (int x = 0; x < 64; ++x)
                split.scanLine(y)[x] = x < 32 ? 20 : 230;
        const quint64 hash = hashOf(split);
        QVERIFY(hash & (quint64(1) << 63));
        QVERIFY(!(hash & (quint64(1) << 62)));
        // Mirrored, the u=1 coefficient changes sign: bit 62 is set.
        QVERIFY(hashOf(split.mirrored(true, false)) & (quint64(1) << 62));
    }

    void nearDuplicatesStayWithinAFewBits_data()
    {
        QTest::addColumn<quint32>("seed");
        for (quint32 seed : {11u, 23u, 37u, 58u, 71u, 96u})
            QTest::addRow("scene %u", seed) << seed;
    }

    void nearDuplicatesStayWithinAFewBits()
    {
        QFETCH(quint32, seed);
        const QImage original = randomScene(seed);
        const quint64 hash = hashOf(original);
        const QImage halfSize = original.scaled(original.size() / 2, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        const QImage doubleSize = original.scaled(original.size() * 2, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        const QImage reencoded = decode(encode(original, "jpeg", 25));
        const QImage bright = brightened(original, 10);
        const QImage cropped = original.copy(original.width() * 3 / 100, original.height() * 3 / 100,
                                             original.width() * 94 / 100, original.height() * 94 / 100);
        const QImage webp = decode(encode(original, "webp", 40));
        const struct {
            const char *what;
            QImage image;
            int maxDistance;
        } copies[] = {
            {"half size", halfSize, 4}, {"double size", doubleSize, 4}, {"JPEG q25", reencoded, 6},
            {"WebP q40", webp, 6}, {"brightened 10%", bright, 6}, {"cropped 3%", cropped, 12},
        };
        for (const auto &copy : copies) {
            const int distance = hammingDistance(hash, hashOf(copy.image));
            if (distance > copy.maxDistance)
                QFAIL(qPrintable(QStringLiteral("%1: distance %2 > %3").arg(QLatin1String(copy.what)).arg(distance).arg(copy.maxDistance)));
        }
    }

    void unrelatedImagesAreFarApart()
    {
        QList<quint64> hashes;
        for (quint32 seed = 200; seed < 220; ++seed)
            hashes.append(hashOf(randomScene(seed)));
        int closest = 64;
        double total = 0;
        int pairs = 0;
        for (int i = 0; i < hashes.size(); ++i)
            for (int j = i + 1; j < hashes.size(); ++j) {
                const int distance = hammingDistance(hashes[i], hashes[j]);
                closest = std::min(closest, distance);
                total += distance;
                ++pairs;
            }
        qInfo("unrelated scenes: closest pair %d bits, mean %.1f bits", closest, total / pairs);
        QVERIFY2(closest > 12, qPrintable(QStringLiteral("two unrelated scenes are only %1 bits apart").arg(closest)));
        QVERIFY(total / pairs > 24);
    }
};

QTEST_MAIN(TestPerceptualHash)
#include "tst_perceptualhash.moc"
