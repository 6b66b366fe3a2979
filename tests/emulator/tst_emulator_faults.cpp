// Fault injection of a real mediadesk-emulator process: --rate-limit, --fail-rate, --drop-rate,
// --latency, plus the command-line errors of the executable itself.
#include "emulatorprocess.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace emutest;

class TestEmulatorFaults : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dataDir;

    std::unique_ptr<EmulatorProcess> start(const QStringList &arguments)
    {
        auto emulator = std::make_unique<EmulatorProcess>();
        QString error;
        if (!emulator->start(m_dataDir.path(), arguments, &error)) {
            qWarning("%s", qPrintable(error));
            return nullptr;
        }
        return emulator;
    }

private Q_SLOTS:
    void rateLimitAnswers429WithHeaders()
    {
        const auto emulator = start({QStringLiteral("--rate-limit"), QStringLiteral("3/2")});
        QVERIFY(emulator);
        HttpDriver http(emulator->origin());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(http.get(QStringLiteral("/v1/files")).status, 200);
        const HttpResult limited = http.get(QStringLiteral("/v1/files"));
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.header("X-RateLimit-Limit"), QByteArray("3"));
        QCOMPARE(limited.header("X-RateLimit-Interval"), QByteArray("2000"));
        const int resetMs = limited.header("X-RateLimit-Reset").toInt();
        QVERIFY2(resetMs > 0 && resetMs <= 2000, limited.header("X-RateLimit-Reset").constData());
        QVERIFY(limited.object().contains(QStringLiteral("message")));
        // Uploads are not rate limited, as on ImageKit.
        QCOMPARE(http.upload({{QStringLiteral("file"), makeImage(8, 8, "PNG"), QStringLiteral("a.png")},
                              {QStringLiteral("fileName"), "a.png", {}}}).status, 200);
        // After the reset time the next request passes.
        QTest::qWait(resetMs + 50);
        QCOMPARE(http.get(QStringLiteral("/v1/files")).status, 200);
    }

    void rateLimitPerSecondSpelling()
    {
        // The issues write the limit as "20/s": a per-second window.
        const auto emulator = start({QStringLiteral("--rate-limit"), QStringLiteral("2/s")});
        QVERIFY(emulator);
        HttpDriver http(emulator->origin());
        QCOMPARE(http.get(QStringLiteral("/v1/files")).status, 200);
        QCOMPARE(http.get(QStringLiteral("/v1/files")).status, 200);
        const HttpResult limited = http.get(QStringLiteral("/v1/files"));
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.header("X-RateLimit-Interval"), QByteArray("1000"));
    }

    void failRateAnswers5xxWithoutSideEffects()
    {
        const auto emulator = start({QStringLiteral("--fail-rate"), QStringLiteral("1")});
        QVERIFY(emulator);
        HttpDriver http(emulator->origin());
        for (int i = 0; i < 4; ++i) {
            const HttpResult r = http.sendJson("POST", QStringLiteral("/v1/folder"),
                                               {{QStringLiteral("folderName"), QStringLiteral("never")},
                                                {QStringLiteral("parentFolderPath"), QStringLiteral("/")}});
            QVERIFY2(r.status == 500 || r.status == 503, QByteArray::number(r.status).constData());
            QVERIFY(r.object().contains(QStringLiteral("message")));
        }
    }

    void failRateIsAProbability()
    {
        const auto emulator = start({QStringLiteral("--fail-rate"), QStringLiteral("0.5"), QStringLiteral("--fault-seed"), QStringLiteral("7")});
        QVERIFY(emulator);
        HttpDriver http(emulator->origin());
        int failures = 0;
        for (int i = 0; i < 40; ++i) {
            if (http.get(QStringLiteral("/v1/files")).status >= 500)
                ++failures;
        }
        QVERIFY2(failures > 5 && failures < 35, QByteArray::number(failures).constData());
    }

    void dropRateClosesTheConnectionMidResponse()
    {
        const auto emulator = start({QStringLiteral("--drop-rate"), QStringLiteral("1")});
        QVERIFY(emulator);
        HttpDriver http(emulator->origin());
        const HttpResult r = http.get(QStringLiteral("/v1/files"));
        QVERIFY2(r.error != QNetworkReply::NoError, "a dropped response must surface as a network error");
        QVERIFY(r.error != QNetworkReply::TimeoutError);
    }

    void latencyDelaysResponses()
    {
        const auto emulator = start({QStringLiteral("--latency"), QStringLiteral("400")});
        QVERIFY(emulator);
        HttpDriver http(emulator->origin());
        const HttpResult r = http.get(QStringLiteral("/v1/files"));
        QCOMPARE(r.status, 200);
        QVERIFY2(r.elapsedMs >= 380, QByteArray::number(r.elapsedMs).constData());
    }

    void badCommandLinesAreRefused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no data dir") << QStringList{QStringLiteral("--port"), QStringLiteral("0")};
        QTest::newRow("bad rate limit") << QStringList{QStringLiteral("--data-dir"), QStringLiteral("/tmp/x"), QStringLiteral("--rate-limit"), QStringLiteral("many")};
        QTest::newRow("rate limit without a count") << QStringList{QStringLiteral("--data-dir"), QStringLiteral("/tmp/x"), QStringLiteral("--rate-limit"), QStringLiteral("/s")};
        QTest::newRow("rate limit of zero seconds") << QStringList{QStringLiteral("--data-dir"), QStringLiteral("/tmp/x"), QStringLiteral("--rate-limit"), QStringLiteral("5/0s")};
        QTest::newRow("bad fail rate") << QStringList{QStringLiteral("--data-dir"), QStringLiteral("/tmp/x"), QStringLiteral("--fail-rate"), QStringLiteral("2")};
        QTest::newRow("bad port") << QStringList{QStringLiteral("--data-dir"), QStringLiteral("/tmp/x"), QStringLiteral("--port"), QStringLiteral("70000")};
    }

    void badCommandLinesAreRefused()
    {
        QFETCH(QStringList, arguments);
        QProcess process;
        process.start(EmulatorProcess::executablePath(), arguments);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardError().contains("mediadesk-emulator:"));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorFaults)
#include "tst_emulator_faults.moc"
