#include "phash/perceptualhash.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <vector>

namespace ik {

namespace {

constexpr int kSampleSize = 32; // the grey image the DCT runs on
constexpr int kBlockSize = 8;   // the low-frequency block that becomes the hash

// Weights that spread `sourceLength` pixels over `kSampleSize` cells by overlap length (area
// averaging). Works for shrinking and for enlarging tiny images.
struct AreaWeights {
    int first = 0;
    std::vector<double> weights; // for source pixels first, first+1, ...
};

std::array<AreaWeights, kSampleSize> areaWeights(int sourceLength)
{
    std::array<AreaWeights, kSampleSize> cells;
    const double scale = double(sourceLength) / kSampleSize;
    for (int cell = 0; cell < kSampleSize; ++cell) {
        const double begin = cell * scale;
        const double end = (cell + 1) * scale;
        const int firstPixel = int(std::floor(begin));
        const int lastPixel = std::min(sourceLength - 1, int(std::ceil(end)) - 1);
        AreaWeights &w = cells[std::size_t(cell)];
        w.first = firstPixel;
        for (int pixel = firstPixel; pixel <= lastPixel; ++pixel) {
            const double overlap = std::min(end, double(pixel + 1)) - std::max(begin, double(pixel));
            w.weights.push_back(std::max(0.0, overlap) / scale);
        }
    }
    return cells;
}

} // namespace

quint64 perceptualHashFromLuma(const uchar *pixels, int width, int height, qsizetype bytesPerLine)
{
    if (!pixels || width <= 0 || height <= 0 || bytesPerLine < width)
        return 0;

    // 1. Area-average downscale to 32x32. Rows first: each of the 32 horizontal bands is the
    //    sum of the source rows it covers (whole rows as integer adds, which the compiler
    //    vectorises; the split rows at band edges with their fractional weight), divided by the
    //    band height. Then each band row is reduced to 32 cells the same way, with weights.
    const double bandHeight = double(height) / kSampleSize;
    std::vector<quint32> wholeRows(static_cast<std::size_t>(width));
    std::vector<double> bandRow(static_cast<std::size_t>(width));
    const auto columnCells = areaWeights(width);
    std::array<std::array<double, kSampleSize>, kSampleSize> sample{};
    for (int band = 0; band < kSampleSize; ++band) {
        const double begin = band * bandHeight;
        const double end = (band + 1) * bandHeight;
        std::fill(wholeRows.begin(), wholeRows.end(), 0u);
        std::fill(bandRow.begin(), bandRow.end(), 0.0);
        const int lastRow = std::min(height - 1, int(std::ceil(end)) - 1);
        for (int y = int(std::floor(begin)); y <= lastRow; ++y) {
            const uchar *row = pixels + qsizetype(y) * bytesPerLine;
            const double overlap = std::min(end, double(y + 1)) - std::max(begin, double(y));
            if (overlap >= 1.0) {
                quint32 *sums = wholeRows.data();
                for (int x = 0; x < width; ++x)
                    sums[x] += row[x];
            } else if (overlap > 0) {
                for (int x = 0; x < width; ++x)
                    bandRow[std::size_t(x)] += overlap * row[x];
            }
        }
        for (int x = 0; x < width; ++x)
            bandRow[std::size_t(x)] = (bandRow[std::size_t(x)] + wholeRows[std::size_t(x)]) / bandHeight;
        for (int cx = 0; cx < kSampleSize; ++cx) {
            const AreaWeights &cell = columnCells[std::size_t(cx)];
            double sum = 0;
            for (std::size_t i = 0; i < cell.weights.size(); ++i)
                sum += cell.weights[i] * bandRow[std::size_t(cell.first) + i];
            sample[std::size_t(band)][std::size_t(cx)] = sum;
        }
    }

    // 2. 2-D DCT-II (unnormalised, as scipy.fftpack.dct), only the 8 lowest frequencies per axis.
    std::array<std::array<double, kSampleSize>, kBlockSize> cosines{};
    for (int k = 0; k < kBlockSize; ++k)
        for (int n = 0; n < kSampleSize; ++n)
            cosines[std::size_t(k)][std::size_t(n)] = std::cos(std::numbers::pi * k * (2 * n + 1) / (2.0 * kSampleSize));

    std::array<std::array<double, kSampleSize>, kBlockSize> alongColumns{}; // [v][x]
    for (int v = 0; v < kBlockSize; ++v)
        for (int x = 0; x < kSampleSize; ++x) {
            double sum = 0;
            for (int y = 0; y < kSampleSize; ++y)
                sum += sample[std::size_t(y)][std::size_t(x)] * cosines[std::size_t(v)][std::size_t(y)];
            alongColumns[std::size_t(v)][std::size_t(x)] = 2 * sum;
        }
    std::array<double, kBlockSize * kBlockSize> block{};
    for (int v = 0; v < kBlockSize; ++v)
        for (int u = 0; u < kBlockSize; ++u) {
            double sum = 0;
            for (int x = 0; x < kSampleSize; ++x)
                sum += alongColumns[std::size_t(v)][std::size_t(x)] * cosines[std::size_t(u)][std::size_t(x)];
            block[std::size_t(v * kBlockSize + u)] = 2 * sum;
        }

    // 3. Median of the 64 coefficients, DC included (imagehash / ImageKit convention): the mean
    //    of the two middle values.
    auto sorted = block;
    std::sort(sorted.begin(), sorted.end());
    const double median = (sorted[31] + sorted[32]) / 2;

    // 4. One bit per coefficient, row-major, first coefficient in the highest bit.
    quint64 hash = 0;
    for (std::size_t i = 0; i < block.size(); ++i)
        if (block[i] > median)
            hash |= quint64(1) << (63 - i);
    return hash;
}

QString perceptualHashToHex(quint64 hash)
{
    return QStringLiteral("%1").arg(hash, 16, 16, QLatin1Char('0'));
}

} // namespace ik
