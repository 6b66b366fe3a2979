// mediadesk-cli url / auth-params / phash-distance as a real process: every URL vector of
// tests/data/url_generation.json through the stdin batch mode, bad lines, credentials and --help.
#include "util/orderedjson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace ik;

namespace {

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QList<QByteArray> lines() const
    {
        QList<QByteArray> result = out.split('\n');
        if (!result.isEmpty() && result.last().isEmpty())
            result.removeLast();
        return result;
    }
};

CliRun runCli(const QStringList &args, const QByteArray &input = QByteArray(),
              const QMap<QString, QString> &env = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"IMAGEKIT_PRIVATE_KEY", "IMAGEKIT_PUBLIC_KEY", "IMAGEKIT_URL_ENDPOINT"})
        environment.remove(QString::fromLatin1(name));
    for (auto it = env.begin(); it != env.end(); ++it)
        environment.insert(it.key(), it.value());
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(MEDIADESK_CLI), args);
    CliRun run;
    if (!process.waitForStarted(10000))
        return run;
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

// Writes a parsed value back as compact JSON, keeping member order (that is the point).
void appendJson(QByteArray &out, const OrderedJsonValue &value)
{
    switch (value.type()) {
    case OrderedJsonValue::Type::Null: out += "null"; break;
    case OrderedJsonValue::Type::Bool: out += value.toBool() ? "true" : "false"; break;
    case OrderedJsonValue::Type::Number:
        out += value.isInteger() ? QByteArray::number(value.toInteger())
                                 : QByteArray::number(value.toDouble(), 'g', 17);
        break;
    case OrderedJsonValue::Type::String: {
        const QByteArray quoted = QJsonDocument(QJsonArray{value.toString()}).toJson(QJsonDocument::Compact);
        out += quoted.sliced(1, quoted.size() - 2);
        break;
    }
    case OrderedJsonValue::Type::Array: {
        out += '[';
        bool first = true;
        for (const auto &item : value.items()) {
            if (!first)
                out += ',';
            first = false;
            appendJson(out, item);
        }
        out += ']';
        break;
    }
    case OrderedJsonValue::Type::Object: {
        out += '{';
        bool first = true;
        for (const auto &[key, member] : value.members()) {
            if (!first)
                out += ',';
            first = false;
            appendJson(out, OrderedJsonValue::fromString(key));
            out += ':';
            appendJson(out, member);
        }
        out += '}';
        break;
    }
    }
}

QString hmacHex(const QString &key, const QString &message)
{
    return QString::fromLatin1(
        QMessageAuthenticationCode::hash(message.toUtf8(), key.toUtf8(), QCryptographicHash::Sha1).toHex());
}

QString ikS(const QString &url)
{
    const auto match = QRegularExpression(QStringLiteral("[?&]ik-s=([0-9a-f]{40})")).match(url);
    return match.hasMatch() ? match.captured(1) : QString();
}

bool isCleanAscii(const QString &url)
{
    for (const QChar c : url)
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f)
            return false;
    return true;
}

// One line of a batch and what must come out for it.
struct BatchLine
{
    QString id;
    QByteArray json;
    QString expected;      // a URL, or the start of an error line ("error: ...")
    bool expectError = false;
};

struct Batch
{
    QString endpoint;
    QString privateKey;
    qint64 now = -1;
    QList<BatchLine> lines;
};

} // namespace

class TestCliUrl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void batchReproducesEveryVector();
    void badLinesDoNotStopTheBatch();
    void batchOfGoodLinesExitsZero();
    void singleArgument();
    void credentialsFromFlagsAndEnvironment();
    void authParams();
    void phashDistance();
    void help();

private:
    OrderedJsonValue m_root;
    QList<Batch> m_batches;
    int m_vectorLines = 0;
};

void TestCliUrl::initTestCase()
{
    QVERIFY2(QFile::exists(QStringLiteral(MEDIADESK_CLI)), MEDIADESK_CLI);
    QFile file(QStringLiteral(MEDIADESK_TEST_DATA "/url_generation.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto parsed = parseOrderedJson(file.readAll());
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    m_root = parsed.value;

    // Where Mediadesk deliberately differs from the seed (tst_urlbuilder explains each one).
    const QMap<QString, QString> differences = {
        {QStringLiteral("test_url_without_path_and_src"), QStringLiteral("error: give \"path\"")},
        {QStringLiteral("test_url_with_invalid_trans_pos"), QStringLiteral("error: Invalid transformationPosition parameter")},
        {QStringLiteral("invalid_position_raises_even_without_path"), QStringLiteral("error: Invalid transformationPosition parameter")},
        {QStringLiteral("value_none_is_rendered_as_None"), QStringLiteral("error: transformation[0].height: null")},
        {QStringLiteral("transformation_not_a_list_is_ignored"), QStringLiteral("error: \"transformation\" must be an array")},
        {QStringLiteral("path_slash_only_returns_empty"), QStringLiteral("error: give \"path\"")},
        {QStringLiteral("float_value_python_str"), QStringLiteral("https://test-domain.com/test-endpoint/tr:dpr-1,q-0.5/a.jpg")},
        {QStringLiteral("query_param_value_encoding_quote_plus"),
         QStringLiteral("https://test-domain.com/test-endpoint/a.jpg?q=a+b%2Fc%3Ad%2Ce~f%2A%C3%A9&n=5&b=true")},
        {QStringLiteral("percent_in_path_with_unicode_double_encoded_in_signature_only"),
         QStringLiteral("https://test-domain.com/test-endpoint/a%20b/%C3%A9.jpg?ik-s=")
             + hmacHex(QStringLiteral("private_key_test"), QStringLiteral("a%20b/%C3%A9.jpg9999999999"))},
    };

    const qint64 probeNow = m_root.find(u"sdk_behavior_probes")->find(u"fixed_now_unix")->toInteger();
    auto addSection = [&](const QList<OrderedJsonValue> &entries, const char *expectedKey, qint64 defaultNow) {
        for (const auto &entry : entries) {
            const QString id = entry.find(u"id")->toString();
            const OrderedJsonValue &client = *entry.find(u"client");
            if (client.find(u"transformation_position"))
                continue; // a client-level default position has no CLI flag; tst_urlbuilder covers it
            const OrderedJsonValue *expectedValue = entry.find(QString::fromLatin1(expectedKey));
            BatchLine line;
            line.id = id;
            appendJson(line.json, *entry.find(u"options"));
            if (differences.contains(id)) {
                line.expected = differences.value(id);
            } else if (entry.find(u"expected_error")) {
                line.expected = QStringLiteral("error: ");
            } else if (expectedValue && expectedValue->isString()) {
                line.expected = expectedValue->toString();
            } else {
                continue; // time-dependent pattern: covered by tst_urlbuilder with the real clock
            }
            line.expectError = line.expected.startsWith(QLatin1String("error: "));
            const qint64 now = entry.find(u"fixed_now_unix") ? entry.find(u"fixed_now_unix")->toInteger() : defaultNow;
            const QString endpoint = client.find(u"url_endpoint")->toString();
            const QString key = client.find(u"private_key")->toString();
            Batch *batch = nullptr;
            for (auto &b : m_batches)
                if (b.endpoint == endpoint && b.privateKey == key && b.now == now)
                    batch = &b;
            if (!batch) {
                m_batches.append(Batch{endpoint, key, now, {}});
                batch = &m_batches.last();
            }
            batch->lines.append(line);
            ++m_vectorLines;
        }
    };
    addSection(m_root.find(u"cases")->items(), "expected_url", 1700000000);
    addSection(m_root.find(u"derived_cases")->items(), "expected_url", 1700000000);
    addSection(m_root.find(u"readme_examples")->items(), "sdk_4.2.0_output", 1700000000);
    addSection(m_root.find(u"v3_only_cases")->items(), "expected_url", 1700000000);
    addSection(m_root.find(u"sdk_behavior_probes")->find(u"cases")->items(), "expected_url", probeNow);
    QVERIFY(m_vectorLines >= 60);
}

void TestCliUrl::batchReproducesEveryVector()
{
    int exact = 0;
    for (const Batch &batch : std::as_const(m_batches)) {
        QByteArray input;
        bool anyError = false;
        for (const auto &line : batch.lines) {
            input += line.json + '\n';
            anyError |= line.expectError;
        }
        const CliRun run = runCli({QStringLiteral("--url-endpoint"), batch.endpoint, QStringLiteral("--private-key"),
                                   batch.privateKey, QStringLiteral("--now"), QString::number(batch.now),
                                   QStringLiteral("url")},
                                  input);
        QCOMPARE(run.exitCode, anyError ? 1 : 0);
        const QList<QByteArray> lines = run.lines();
        QCOMPARE(lines.size(), batch.lines.size());
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const BatchLine &expected = batch.lines.at(i);
            const QString got = QString::fromUtf8(lines.at(i));
            if (expected.expectError) {
                QVERIFY2(got.startsWith(expected.expected), qPrintable(expected.id + QLatin1String(": ") + got));
            } else if (isCleanAscii(expected.expected)) {
                QVERIFY2(got == expected.expected, qPrintable(expected.id + QLatin1String(":\n  got ") + got
                                                              + QLatin1String("\n  want ") + expected.expected));
                ++exact;
            } else {
                // The seed printed raw non-ASCII/spaces: same URL once decoded, identical signature.
                QCOMPARE(QByteArray::fromPercentEncoding(lines.at(i)),
                         QByteArray::fromPercentEncoding(expected.expected.toUtf8()));
                QCOMPARE(ikS(got), ikS(expected.expected));
                QVERIFY2(isCleanAscii(got), qPrintable(got));
            }
        }
    }
    QVERIFY(exact >= 50);
}

void TestCliUrl::badLinesDoNotStopTheBatch()
{
    const QByteArray input = "{\"path\":\"/a.jpg\"}\n"
                             "not json\n"
                             "\n"
                             "{}\n"
                             "{\"path\":\"/b.jpg\",\"transformation_position\":\"up\"}\n"
                             "[1,2]\n"
                             "{\"path\":\"/c.jpg\",\"signed\":true}\r\n"
                             "{\"path\":\"/d é.jpg\",\"transformation\":[{\"width\":10}]}"; // no final newline
    const CliRun run = runCli({QStringLiteral("--url-endpoint"), QStringLiteral("https://ik.imagekit.io/demo"),
                               QStringLiteral("url")},
                              input);
    QCOMPARE(run.exitCode, 1);
    const QList<QByteArray> lines = run.lines();
    QCOMPARE(lines.size(), 8);
    QCOMPARE(lines.at(0), QByteArray("https://ik.imagekit.io/demo/a.jpg"));
    QVERIFY2(lines.at(1).startsWith("error: invalid JSON"), lines.at(1).constData());
    QCOMPARE(lines.at(2), QByteArray("error: empty line: expected a JSON object"));
    QVERIFY2(lines.at(3).startsWith("error: give \"path\""), lines.at(3).constData());
    QVERIFY2(lines.at(4).startsWith("error: Invalid transformationPosition parameter: \"up\""), lines.at(4).constData());
    QVERIFY2(lines.at(5).startsWith("error: expected a JSON object"), lines.at(5).constData());
    // No private key configured: the message names the flag and the environment variable.
    QVERIFY2(lines.at(6).contains("--private-key") && lines.at(6).contains("IMAGEKIT_PRIVATE_KEY"), lines.at(6).constData());
    QCOMPARE(lines.at(7), QByteArray("https://ik.imagekit.io/demo/tr:w-10/d%20%C3%A9.jpg"));
}

void TestCliUrl::batchOfGoodLinesExitsZero()
{
    QByteArray input;
    for (int i = 0; i < 5000; ++i)
        input += "{\"path\":\"/img" + QByteArray::number(i) + ".jpg\",\"transformation\":[{\"width\":" + QByteArray::number(i) + "}]}\n";
    const CliRun run = runCli({QStringLiteral("--url-endpoint"), QStringLiteral("https://ik.imagekit.io/demo"),
                               QStringLiteral("url")},
                              input);
    QCOMPARE(run.exitCode, 0);
    const QList<QByteArray> lines = run.lines();
    QCOMPARE(lines.size(), 5000);
    for (int i = 0; i < 5000; i += 997)
        QCOMPARE(lines.at(i), "https://ik.imagekit.io/demo/tr:w-" + QByteArray::number(i) + "/img" + QByteArray::number(i) + ".jpg");
    QVERIFY(run.err.isEmpty());
}

void TestCliUrl::singleArgument()
{
    const QStringList base = {QStringLiteral("--url-endpoint"), QStringLiteral("https://ik.imagekit.io/demo/"),
                              QStringLiteral("--private-key"), QStringLiteral("private_key_test"),
                              QStringLiteral("--now"), QStringLiteral("1700000000"), QStringLiteral("url")};
    CliRun run = runCli(base + QStringList{QStringLiteral(R"({"path":"/x.jpg","signed":true,"expire_seconds":60})")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray("https://ik.imagekit.io/demo/x.jpg?ik-t=1700000060&ik-s=")
                          + hmacHex(QStringLiteral("private_key_test"), QStringLiteral("x.jpg1700000060")).toLatin1() + '\n');

    run = runCli(base + QStringList{QStringLiteral(R"({"path": )")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.startsWith("error: invalid JSON"), run.err.constData());

    run = runCli(base + QStringList{QStringLiteral("{}"), QStringLiteral("{}")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("at most one JSON argument"), run.err.constData());

    run = runCli({QStringLiteral("--now"), QStringLiteral("yesterday"), QStringLiteral("url"), QStringLiteral("{}")});
    QCOMPARE(run.exitCode, 2);
}

void TestCliUrl::credentialsFromFlagsAndEnvironment()
{
    const QString options = QStringLiteral(R"({"path":"/a.jpg","signed":true})");
    CliRun run = runCli({QStringLiteral("url"), options});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("--url-endpoint") && run.err.contains("IMAGEKIT_URL_ENDPOINT"), run.err.constData());

    const QMap<QString, QString> env = {{QStringLiteral("IMAGEKIT_URL_ENDPOINT"), QStringLiteral("https://env.example/e")},
                                        {QStringLiteral("IMAGEKIT_PRIVATE_KEY"), QStringLiteral("env_key")}};
    run = runCli({QStringLiteral("url"), options}, QByteArray(), env);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(QString::fromUtf8(run.out.trimmed()), QStringLiteral("https://env.example/e/a.jpg?ik-s=")
                                                       + hmacHex(QStringLiteral("env_key"), QStringLiteral("a.jpg9999999999")));

    // Flags win over the environment.
    run = runCli({QStringLiteral("--private-key"), QStringLiteral("flag_key"), QStringLiteral("--url-endpoint"),
                  QStringLiteral("https://flag.example"), QStringLiteral("url"), options},
                 QByteArray(), env);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(QString::fromUtf8(run.out.trimmed()), QStringLiteral("https://flag.example/a.jpg?ik-s=")
                                                       + hmacHex(QStringLiteral("flag_key"), QStringLiteral("a.jpg9999999999")));
}

void TestCliUrl::authParams()
{
    // The seed's asserted vector: expire given as a string.
    CliRun run = runCli({QStringLiteral("--private-key"), QStringLiteral("private_key_test"), QStringLiteral("auth-params"),
                         QStringLiteral(R"({"token":"your_token","expire":"1582269249"})")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray(R"({"token":"your_token","expire":1582269249,"signature":"e71bcd6031016b060d349d212e23e85c791decdd"})" "\n"));

    // Default expire from the pinned clock (derived case default_expire_when_none).
    run = runCli({QStringLiteral("--private-key"), QStringLiteral("private_key_test"), QStringLiteral("--now"),
                  QStringLiteral("1700000000"), QStringLiteral("auth-params"),
                  QStringLiteral(R"({"token":"fixed-token","expire":null})")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray(R"({"token":"fixed-token","expire":1700001800,"signature":"d0e47daa15cf00b69dca13b657dc5fc3e4818603"})" "\n"));

    // No argument: a fresh UUID v4 token, now + 1800, and a signature over both.
    run = runCli({QStringLiteral("--private-key"), QStringLiteral("k"), QStringLiteral("--now"), QStringLiteral("1000"),
                  QStringLiteral("auth-params")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject object = QJsonDocument::fromJson(run.out).object();
    QVERIFY(run.out.startsWith("{\"token\":\""));
    const QString token = object.value(QLatin1String("token")).toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")).match(token).hasMatch(),
             qPrintable(token));
    QCOMPARE(object.value(QLatin1String("expire")).toInteger(), 2800);
    QCOMPARE(object.value(QLatin1String("signature")).toString(), hmacHex(QStringLiteral("k"), token + QStringLiteral("2800")));

    run = runCli({QStringLiteral("auth-params")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("--private-key") && run.err.contains("IMAGEKIT_PRIVATE_KEY"), run.err.constData());

    for (const char *bad : {R"({"token":"t","expire":-5})", R"({"token":5})", R"({"expire":"soon"})", R"({"tokn":"t"})", "[", "7"}) {
        run = runCli({QStringLiteral("--private-key"), QStringLiteral("k"), QStringLiteral("auth-params"), QString::fromUtf8(bad)});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.startsWith("error: ") && run.out.isEmpty(), bad);
    }
}

void TestCliUrl::phashDistance()
{
    CliRun run = runCli({QStringLiteral("phash-distance"), QStringLiteral(R"({"first":"33699c96619cc69e","second":"968e978414fe04ea"})")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray("30\n"));

    run = runCli({QStringLiteral("phash-distance"), QStringLiteral(R"({"first":1234,"second":111})")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("\"first\" must be a string"), run.err.constData());

    const QByteArray input = "{\"first\":\"2d5ad3936d2e015b\",\"second\":\"2d6ed293db36a4fb\"}\n"
                             "{\"first\":\"zz\",\"second\":\"00\"}\n"
                             "{\"first\":\"a4a65595ac94518b\"}\n"
                             "{\"first\":\"A4A65595AC94518B\",\"second\":\"7838873e791f8400\"}\n";
    run = runCli({QStringLiteral("phash-distance")}, input);
    QCOMPARE(run.exitCode, 1);
    const QList<QByteArray> lines = run.lines();
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines.at(0), QByteArray("17"));
    QVERIFY2(lines.at(1).startsWith("error: first pHash \"zz\" has 2 characters"), lines.at(1).constData());
    QVERIFY2(lines.at(2).startsWith("error: missing \"second\""), lines.at(2).constData());
    QCOMPARE(lines.at(3), QByteArray("37"));
}

void TestCliUrl::help()
{
    CliRun run = runCli({QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    for (const char *command : {"url", "auth-params", "phash-distance"})
        QVERIFY2(run.out.contains(QByteArray("  ") + command + ' '), command);

    run = runCli({QStringLiteral("url"), QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    for (const char *text : {"transformation_position", "query_parameters", "expire_seconds", "effect_gradient",
                             "e-gradient", "overlay_text_inner_alignment", "IMAGEKIT_URL_ENDPOINT", "error: <message>"})
        QVERIFY2(run.out.contains(text), text);

    run = runCli({QStringLiteral("auth-params"), QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("HMAC-SHA1") && run.out.contains("IMAGEKIT_PRIVATE_KEY"));

    run = runCli({QStringLiteral("phash-distance"), QStringLiteral("-h")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("Hamming distance"));
}

QTEST_GUILESS_MAIN(TestCliUrl)
#include "tst_cliurl.moc"
