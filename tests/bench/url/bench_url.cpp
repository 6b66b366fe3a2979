// URLs generated per second: the three in-process shapes of issue 2 §5 and `mediadesk-cli url`
// over 100,000 stdin lines, each printed with its ratio to the goal. Build in Release for figures.
#include "url/urlbuilder.h"
#include "url/urloptionsparser.h"
#include "util/clock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>

#include <cstdio>

#include <sys/resource.h>
#include <time.h>

using namespace ik;

namespace {

constexpr double kUnsignedGoal = 1'000'000; // URLs per second per core (issue 2 §5)
constexpr double kSignedGoal = 500'000;

// CPU time of this thread: the goals are "per core", and the build machine is often shared, so
// wall-clock figures alone would mostly measure the other processes.
double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

double childrenCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct Measurement
{
    double perSecond = 0;    // per CPU second of this thread
    double perWallSecond = 0;
    qint64 iterations = 0;
    qint64 checksum = 0; // keeps the work observable so the compiler cannot drop it
};

// Runs build() in batches until at least `seconds` have passed (after a short warm-up).
Measurement measure(const UrlBuilder &builder, const UrlOptions &options, double seconds = 1.5)
{
    Measurement m;
    for (int i = 0; i < 1000; ++i)
        m.checksum += builder.build(options).url.size();
    QElapsedTimer timer;
    timer.start();
    const double cpuStart = threadCpuSeconds();
    constexpr int kBatch = 10000;
    while (threadCpuSeconds() - cpuStart < seconds) {
        for (int i = 0; i < kBatch; ++i)
            m.checksum += builder.build(options).url.size();
        m.iterations += kBatch;
    }
    m.perSecond = double(m.iterations) / (threadCpuSeconds() - cpuStart);
    m.perWallSecond = double(m.iterations) / (double(timer.nsecsElapsed()) / 1e9);
    return m;
}

void report(const char *name, const Measurement &m, double goal, const QString &sample)
{
    std::printf("%-46s %10.0f URLs/CPU-s (%9.0f/wall-s)", name, m.perSecond, m.perWallSecond);
    if (goal > 0)
        std::printf("   goal %9.0f   ratio %.2fx %s", goal, m.perSecond / goal, m.perSecond >= goal ? "(met)" : "(NOT met)");
    std::printf("\n    e.g. %s\n", qPrintable(sample));
}

QByteArray cliLine(int i)
{
    // Rotate through the three shapes so the batch is not one repeated line.
    switch (i % 3) {
    case 0:
        return "{\"path\":\"/folder/image" + QByteArray::number(i) + ".jpg\",\"transformation\":[{\"width\":"
            + QByteArray::number(100 + i % 900) + ",\"height\":300},{\"rotation\":90}]}\n";
    case 1:
        return "{\"path\":\"/folder/image" + QByteArray::number(i) + ".jpg\",\"transformation\":[{\"width\":400}],"
               "\"signed\":true,\"expire_seconds\":300}\n";
    default:
        return "{\"src\":\"https://ik.imagekit.io/demo/img" + QByteArray::number(i) + ".jpg?v=1&x=y\","
               "\"query_parameters\":{\"a\":\"1\",\"b\":\"two\"},\"transformation\":[{\"width\":400}]}\n";
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
#ifndef NDEBUG
    std::printf("WARNING: this is a debug build; configure with -DCMAKE_BUILD_TYPE=Release for real figures.\n");
#endif
    const FixedClock clock(1700000000);
    UrlBuilder builder(QStringLiteral("https://ik.imagekit.io/your_imagekit_id"), QStringLiteral("private_key_test"));
    builder.setClock(&clock);

    UrlOptions pathOptions;
    pathOptions.path = QStringLiteral("/folder/default-image.jpg");
    pathOptions.transformation = {
        {{QStringLiteral("width"), UrlValue(qint64(400))}, {QStringLiteral("height"), UrlValue(qint64(300))}},
        {{QStringLiteral("rotation"), UrlValue(qint64(90))}},
    };

    UrlOptions signedOptions = pathOptions;
    signedOptions.sign = true;
    signedOptions.expireSeconds = 300;

    UrlOptions srcOptions;
    srcOptions.src = QStringLiteral("https://ik.imagekit.io/your_imagekit_id/img.jpg?v=1&x=y");
    srcOptions.queryParameters = {{QStringLiteral("a"), UrlValue(qint64(1))}, {QStringLiteral("b"), UrlValue(QStringLiteral("two"))}};
    srcOptions.transformation = {{{QStringLiteral("width"), UrlValue(qint64(400))}}};

    std::printf("URL generation, one thread (in-process, ik::UrlBuilder::build):\n");
    report("path + 2-step transformation (unsigned)", measure(builder, pathOptions), kUnsignedGoal,
           builder.build(pathOptions).url);
    report("signed with expiry", measure(builder, signedOptions), kSignedGoal, builder.build(signedOptions).url);
    report("src with existing query + query_parameters", measure(builder, srcOptions), kUnsignedGoal,
           builder.build(srcOptions).url);

    // The CLI's work without the process: parse each JSON line, then build.
    constexpr int kLines = 100000;
    QByteArray input;
    input.reserve(kLines * 120);
    for (int i = 0; i < kLines; ++i)
        input += cliLine(i);
    {
        const double cpuStart = threadCpuSeconds();
        qint64 checksum = 0;
        qsizetype start = 0;
        while (start < input.size()) {
            const qsizetype end = input.indexOf('\n', start);
            const UrlOptionsParseResult parsed = parseUrlOptions(QByteArrayView(input).sliced(start, end - start));
            checksum += builder.build(parsed.options).url.size();
            start = end + 1;
        }
        const double perSecond = kLines / (threadCpuSeconds() - cpuStart);
        std::printf("%-46s %10.0f lines/CPU-s  (checksum %lld)\n", "JSON parse + build, the CLI's 100,000 lines", perSecond,
                    static_cast<long long>(checksum));
    }

    // The real thing: mediadesk-cli url reading 100,000 lines from stdin.
    QProcess cli;
    cli.start(QStringLiteral(MEDIADESK_CLI),
              {QStringLiteral("--url-endpoint"), QStringLiteral("https://ik.imagekit.io/your_imagekit_id"),
               QStringLiteral("--private-key"), QStringLiteral("private_key_test"), QStringLiteral("--now"),
               QStringLiteral("1700000000"), QStringLiteral("url")});
    QElapsedTimer timer;
    timer.start();
    const double childCpuStart = childrenCpuSeconds();
    if (!cli.waitForStarted(10000)) {
        std::printf("could not start %s\n", MEDIADESK_CLI);
        return 1;
    }
    cli.write(input);
    cli.closeWriteChannel();
    QByteArray output;
    while (cli.state() != QProcess::NotRunning) {
        cli.waitForReadyRead(100);
        output += cli.readAllStandardOutput();
    }
    output += cli.readAllStandardOutput();
    cli.waitForFinished();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const double cpuSeconds = childrenCpuSeconds() - childCpuStart;
    const qsizetype outputLines = output.count('\n');
    std::printf("%-46s %10.0f lines/CPU-s (%9.0f/wall-s; %lld lines, %.3f s CPU, %.3f s wall, exit %d)\n",
                "mediadesk-cli url, 100,000 stdin lines", kLines / cpuSeconds, kLines / seconds,
                static_cast<long long>(outputLines), cpuSeconds, seconds, cli.exitCode());
    if (outputLines != kLines || cli.exitCode() != 0)
        std::printf("    ERROR: expected %d lines and exit code 0\n", kLines);

    std::printf("\nPython baseline: not measured. The reference SDK (imagekitio 4.2.0) is not installed and there is\n"
                "no network here, so the goal \"CLI at least 10x a Python loop over the SDK\" cannot be checked on\n"
                "this machine. Issue 2 states its in-process goal of 1,000,000 URLs/s is about 7x the SDK, which\n"
                "puts the SDK near %.0f URLs/s; a Python loop that also parses JSON is slower than that, so 10x of\n"
                "that estimate (%.0f lines/s) is an upper bound for the CLI goal, not a measurement.\n",
                kUnsignedGoal / 7, 10 * kUnsignedGoal / 7);
    std::printf("CLI (per CPU second, process start included) vs that upper bound: ratio %.2fx\n",
                (kLines / cpuSeconds) / (10 * kUnsignedGoal / 7));
    return 0;
}
