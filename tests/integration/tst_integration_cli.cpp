// mediadesk-cli against a real mediadesk-emulator process, configured exactly as
// emulator/README.md tells users: --api-base and --upload-base at the emulator's address.
#include "emulatorprocess.h"

#include <QBuffer>
#include <QFile>
#include <QImageReader>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace emutest;

namespace {

const QString kPrivateKey = QStringLiteral("cli_private");

struct CliRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject object() const { return QJsonDocument::fromJson(out).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(out).array(); }
};

} // namespace

class TestIntegrationCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    EmulatorProcess m_emulator;

    CliRun cli(const QString &command, const QJsonObject &arguments)
    {
        QProcess process;
        process.start(QStringLiteral(MEDIADESK_CLI_PATH),
                      {QStringLiteral("--private-key"), kPrivateKey, QStringLiteral("--api-base"), m_emulator.origin(),
                       QStringLiteral("--upload-base"), m_emulator.origin(), QStringLiteral("--url-endpoint"),
                       m_emulator.origin() + QStringLiteral("/cli"), command,
                       QString::fromUtf8(QJsonDocument(arguments).toJson(QJsonDocument::Compact))});
        CliRun run;
        if (!process.waitForFinished(60000))
            return run;
        run.exitCode = process.exitCode();
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        return run;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_emulator.start(m_dir.filePath(QStringLiteral("data")),
                                  {QStringLiteral("--private-key"), kPrivateKey, QStringLiteral("--url-endpoint-id"), QStringLiteral("cli")},
                                  &error),
                 qPrintable(error));
    }

    void uploadListUpdateDeliverAndDelete()
    {
        const QString localFile = m_dir.filePath(QStringLiteral("local.png"));
        QFile file(localFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(makeImage(48, 24, "PNG"));
        file.close();

        CliRun run = cli(QStringLiteral("upload-file"), {{QStringLiteral("file"), QLatin1Char('@') + localFile},
                                                        {QStringLiteral("file_name"), QStringLiteral("local.png")},
                                                        {QStringLiteral("folder"), QStringLiteral("/cli")},
                                                        {QStringLiteral("use_unique_file_name"), false},
                                                        {QStringLiteral("is_private_file"), true}});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QString fileId = run.object().value(QStringLiteral("fileId")).toString();
        QVERIFY(!fileId.isEmpty());
        QCOMPARE(run.object().value(QStringLiteral("width")).toInt(), 48);

        run = cli(QStringLiteral("list-files"), {{QStringLiteral("path"), QStringLiteral("/cli")}});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.array().size(), 1);

        run = cli(QStringLiteral("update-file-details"), {{QStringLiteral("file_id"), fileId},
                                                          {QStringLiteral("tags"), QJsonArray{QStringLiteral("from-cli")}}});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.object().value(QStringLiteral("tags")).toArray(), QJsonArray{QStringLiteral("from-cli")});

        // A signed URL from the CLI opens the private file.
        run = cli(QStringLiteral("url"), {{QStringLiteral("path"), QStringLiteral("/cli/local.png")},
                                          {QStringLiteral("transformation"), QJsonArray{QJsonObject{{QStringLiteral("width"), 24}}}},
                                          {QStringLiteral("signed"), true},
                                          {QStringLiteral("expire_seconds"), 300}});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QUrl url(QString::fromUtf8(run.out.trimmed()));
        HttpDriver http(m_emulator.origin(), kPrivateKey);
        const HttpResult image = http.send("GET", url.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::FullyEncoded), {}, {}, false);
        QVERIFY2(image.status == 200, qPrintable(url.toString() + QString::fromUtf8(image.body)));
        QBuffer buffer;
        buffer.setData(image.body);
        buffer.open(QIODevice::ReadOnly);
        QCOMPARE(QImageReader(&buffer).read().width(), 24);

        run = cli(QStringLiteral("delete-file"), {{QStringLiteral("file_id"), fileId}});
        QCOMPARE(run.exitCode, 0);
        run = cli(QStringLiteral("get-file-details"), {{QStringLiteral("file_id"), fileId}});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("NotFound"), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestIntegrationCli)
#include "tst_integration_cli.moc"
