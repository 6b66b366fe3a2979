// Image pipeline figures: pHash, inspection, a delivery transformation and the demo library,
// each printed with its ratio to a goal (>= 1.00 meets it), measured in process CPU time.
// Not run by CTest; build in Release.
// Goals: hashing and inspecting must keep up with uploads (16 at once in the integration tests),
// a thumbnail must render well within an interactive preview's budget, and --demo must seed in a
// few seconds.

#include "demo/demolibrary.h"
#include "imaging/imageinspector.h"
#include "imaging/imagetransformer.h"
#include "phash/perceptualhash.h"

#include "imagingtesthelpers.h"

#include <QElapsedTimer>
#include <QGuiApplication>

#include <cstdio>
#include <ctime>

namespace {

constexpr double kHashesPerSecondGoal = 200;      // 12 MP luma buffers hashed per second
constexpr double kInspectionsPerSecondGoal = 20;  // 1280x720 JPEG uploads inspected per second
constexpr double kThumbnailsPerSecondGoal = 30;   // 1280x720 JPEG -> w-300,h-200 JPEG per second
constexpr double kDemoSecondsGoal = 5;            // whole demo library generated

// Process CPU seconds: on a shared, loaded machine wall time mostly measures the neighbours.
double cpuSeconds()
{
    return double(std::clock()) / CLOCKS_PER_SEC;
}

// Runs per CPU second, over at least `seconds` of CPU time after a warm-up run.
template<typename Work>
double perSecond(Work work, double seconds = 1.0)
{
    work();
    const double start = cpuSeconds();
    qint64 runs = 0;
    while (cpuSeconds() - start < seconds) {
        work();
        ++runs;
    }
    return runs / (cpuSeconds() - start);
}

void report(const char *what, double value, const char *unit, double goal, bool lowerIsBetter = false)
{
    const double ratio = lowerIsBetter ? goal / value : value / goal;
    std::printf("%-44s %10.1f %-12s goal %8.1f  ratio %.2f\n", what, value, unit, goal, ratio);
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);

    const QImage big = imagingtest::randomScene(1, QSize(4000, 3000)).convertToFormat(QImage::Format_Grayscale8);
    quint64 sink = 0;
    report("pHash of a 4000x3000 luma buffer", perSecond([&] {
               sink ^= ik::perceptualHashFromLuma(big.constBits(), big.width(), big.height(), big.bytesPerLine());
           }), "hashes/s", kHashesPerSecondGoal);

    const QByteArray jpeg = imagingtest::encode(imagingtest::randomScene(2, QSize(1280, 720)), "jpeg", 85);
    report("inspectImage of a 1280x720 JPEG", perSecond([&] {
               sink ^= ikemu::inspectImage(jpeg, QStringLiteral("photo.jpg")).pHash.size();
           }), "files/s", kInspectionsPerSecondGoal);

    const ikemu::ImageLoader none = [](const QString &) { return std::optional<QByteArray>(); };
    report("1280x720 JPEG -> w-300,h-200 JPEG", perSecond([&] {
               sink ^= quint64(ikemu::transformImage(jpeg, QStringLiteral("w-300,h-200"), none, QByteArray()).body.size());
           }), "images/s", kThumbnailsPerSecondGoal);
    report("1280x720 JPEG -> text + blur + r-max, WebP", perSecond([&] {
               sink ^= quint64(ikemu::transformImage(jpeg, QStringLiteral("w-400,bl-6,r-max:l-text,i-Demo,fs-32,co-FFFFFF,l-end:f-webp"),
                                                     none, QByteArray()).body.size());
           }, 2.0), "images/s", kThumbnailsPerSecondGoal);

    QElapsedTimer wall;
    wall.start();
    const double cpuStart = cpuSeconds();
    const ikemu::DemoLibrary demo = ikemu::generateDemoLibrary();
    const double seconds = cpuSeconds() - cpuStart;
    std::printf("demo library wall time: %.1f s (machine load included)\n", wall.nsecsElapsed() / 1e9);
    qint64 bytes = 0;
    for (const ikemu::DemoFile &file : demo.files)
        bytes += file.bytes.size();
    std::printf("demo library: %lld files, %.1f MB\n", qint64(demo.files.size()), bytes / 1e6);
    report("demo library generation (CPU)", seconds, "s", kDemoSecondsGoal, true);
    std::printf("(checksum %llu)\n", static_cast<unsigned long long>(sink));
    return 0;
}
