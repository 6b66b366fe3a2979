// ApiError, the Python-literal fallback, form encoding and the retry backoff arithmetic:
// pure functions, no sockets.
#include "api/apierror.h"
#include "api/transport/formencoding.h"
#include "api/transport/pythonliteral.h"
#include "api/transport/retrybackoff.h"
#include "util/clock.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ik;

namespace {

ResponseMetadata response(int status, const QByteArray &body, const QByteArray &contentType = {})
{
    ResponseMetadata m;
    m.httpStatus = status;
    m.raw = body;
    if (!contentType.isEmpty())
        m.headers.append({"Content-Type", contentType});
    return m;
}

QJsonArray requestCases()
{
    QFile file(QStringLiteral(MEDIADESK_TEST_DATA "/requests.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("cases")).toArray();
}

} // namespace

class TestApiError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusMapping_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("className");
        QTest::newRow("207") << 207 << QStringLiteral("PartialSuccessException");
        QTest::newRow("400") << 400 << QStringLiteral("BadRequestException");
        QTest::newRow("401") << 401 << QStringLiteral("UnauthorizedException");
        QTest::newRow("403") << 403 << QStringLiteral("ForbiddenException");
        QTest::newRow("404") << 404 << QStringLiteral("NotFoundException");
        QTest::newRow("409") << 409 << QStringLiteral("ConflictException");
        QTest::newRow("429") << 429 << QStringLiteral("TooManyRequestsException");
        QTest::newRow("500") << 500 << QStringLiteral("InternalServerException");
        QTest::newRow("502") << 502 << QStringLiteral("InternalServerException");
        QTest::newRow("503") << 503 << QStringLiteral("InternalServerException");
        QTest::newRow("504") << 504 << QStringLiteral("InternalServerException");
        QTest::newRow("599") << 599 << QStringLiteral("InternalServerException");
        QTest::newRow("200 unexpected") << 200 << QStringLiteral("UnknownException");
        QTest::newRow("302") << 302 << QStringLiteral("UnknownException");
        QTest::newRow("418") << 418 << QStringLiteral("UnknownException");
        QTest::newRow("422") << 422 << QStringLiteral("UnknownException");
        QTest::newRow("600") << 600 << QStringLiteral("UnknownException");
    }

    void statusMapping()
    {
        QFETCH(int, status);
        QFETCH(QString, className);
        const ApiError error = ApiError::fromHttpResponse(response(status, "{\"message\": \"m\", \"help\": \"h\"}"));
        QCOMPARE(error.className(), className);
        QCOMPARE(ApiError::className(ApiError::kindForStatus(status)), className);
        QCOMPARE(error.message(), QStringLiteral("m"));
        QCOMPARE(error.help(), QStringLiteral("h"));
        QCOMPARE(error.metadata().httpStatus, status);
    }

    void clientSideClassNames()
    {
        QCOMPARE(ApiError::className(ErrorKind::Network), QStringLiteral("NetworkError"));
        QCOMPARE(ApiError::className(ErrorKind::Timeout), QStringLiteral("TimeoutError"));
        QCOMPARE(ApiError::className(ErrorKind::Cancelled), QStringLiteral("CancelledError"));
        QCOMPARE(ApiError::className(ErrorKind::UnparseableResponse), QStringLiteral("UnparseableResponseError"));
        QCOMPARE(ApiError::className(ErrorKind::InvalidArgument), QStringLiteral("InvalidArgumentError"));
        QCOMPARE(ApiError::className(ErrorKind::Unknown), QStringLiteral("UnknownException"));
    }

    void transientKinds()
    {
        QVERIFY(ApiError(ErrorKind::TooManyRequests, {}).isTransient());
        QVERIFY(ApiError(ErrorKind::InternalServer, {}).isTransient());
        QVERIFY(ApiError(ErrorKind::Network, {}).isTransient());
        QVERIFY(ApiError(ErrorKind::Timeout, {}).isTransient());
        QVERIFY(!ApiError(ErrorKind::BadRequest, {}).isTransient());
        QVERIFY(!ApiError(ErrorKind::NotFound, {}).isTransient());
        QVERIFY(!ApiError(ErrorKind::Cancelled, {}).isTransient());
        QVERIFY(!ApiError(ErrorKind::InvalidArgument, {}).isTransient());
    }

    // Every recorded server error of the reference suite: the same message and help, including
    // the single-quoted Python-literal bodies and the adjacent-literal upload 400.
    void referenceErrorBodies()
    {
        const QJsonArray cases = requestCases();
        QVERIFY(!cases.isEmpty());
        int checked = 0;
        int pythonLiterals = 0;
        for (const QJsonValue &value : cases) {
            const QJsonObject c = value.toObject();
            const QJsonObject expected = c.value(QLatin1String("expected")).toObject();
            if (expected.value(QLatin1String("kind")).toString() != QLatin1String("exception"))
                continue;
            const QJsonObject mock = c.value(QLatin1String("mock_response")).toObject();
            ResponseMetadata metadata;
            metadata.httpStatus = mock.value(QLatin1String("status")).toInt();
            metadata.raw = mock.value(QLatin1String("body")).toString().toUtf8();
            const QJsonObject headers = mock.value(QLatin1String("response_headers")).toObject();
            for (auto it = headers.begin(); it != headers.end(); ++it)
                metadata.headers.append({it.key().toUtf8(), it.value().toString().toUtf8()});
            if (metadata.json().isUndefined())
                ++pythonLiterals;

            const ApiError error = ApiError::fromHttpResponse(metadata);
            const QString id = c.value(QLatin1String("id")).toString();
            QVERIFY2(error.message() == expected.value(QLatin1String("message")).toString(),
                     qPrintable(id + QStringLiteral(": ") + error.message()));
            QVERIFY2(error.help() == expected.value(QLatin1String("response_help")).toString(), qPrintable(id));
            QCOMPARE(error.metadata().raw, metadata.raw);
            QVERIFY2(error.body().isObject(), qPrintable(id));
            // The README's mapping (the reference SDK's per-method Unknowns are not copied).
            const QString sdkClass = expected.value(QLatin1String("exception_class")).toString();
            if (sdkClass != QLatin1String("UnknownException"))
                QVERIFY2(error.className() == sdkClass, qPrintable(id + QStringLiteral(": ") + error.className()));
            ++checked;
        }
        QCOMPARE(checked, 46);
        QCOMPARE(pythonLiterals, 14);
    }

    void badBodies_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("messageStart");
        QTest::newRow("html 502") << 502 << QByteArray("text/html; charset=utf-8")
                                  << QByteArray("<html><body><h1>502 Bad Gateway</h1></body></html>")
                                  << QStringLiteral("HTTP 502 with a non-JSON body (text/html): <html><body><h1>502 Bad Gateway</h1>");
        QTest::newRow("empty 500") << 500 << QByteArray() << QByteArray() << QStringLiteral("HTTP 500 with an empty body");
        QTest::newRow("blank 503") << 503 << QByteArray("text/plain") << QByteArray(" \r\n ")
                                   << QStringLiteral("HTTP 503 with an empty body");
        QTest::newRow("truncated json") << 400 << QByteArray("application/json") << QByteArray("{\"message\": \"Your req")
                                        << QStringLiteral("HTTP 400 with a non-JSON body (application/json): {\"message\": \"Your req");
        QTest::newRow("json array") << 400 << QByteArray("application/json") << QByteArray("[1,2]")
                                    << QStringLiteral("HTTP 400 with a body that is not a JSON object: [1,2]");
        QTest::newRow("json without message") << 404 << QByteArray("application/json") << QByteArray("{\"error\": \"gone\"}")
                                              << QStringLiteral("HTTP 404 with no message in its body: {\"error\": \"gone\"}");
        QTest::newRow("message is a number") << 400 << QByteArray("application/json") << QByteArray("{\"message\": 42}")
                                             << QStringLiteral("42");
        QTest::newRow("message is an object") << 400 << QByteArray("application/json")
                                              << QByteArray("{\"message\": {\"a\": [1]}}") << QStringLiteral("{\"a\":[1]}");
        QTest::newRow("json string") << 429 << QByteArray("application/json") << QByteArray("\"slow down\"")
                                     << QStringLiteral("slow down");
        QTest::newRow("python literal") << 403 << QByteArray("text/plain")
                                        << QByteArray("{'message': 'It\\'s \\u00e9t\\xe9', 'help': None, 'n': (1, 2,), 'ok': True,}")
                                        << QStringLiteral("It's \u00e9t\u00e9");
        QTest::newRow("binary") << 500 << QByteArray("application/octet-stream") << QByteArray("\x00\x01\x02\xff\xfe", 5)
                                << QStringLiteral("HTTP 500 with a non-JSON body (application/octet-stream):");
        QTest::newRow("deep nesting") << 500 << QByteArray("application/json") << QByteArray(500000, '[')
                                      << QStringLiteral("HTTP 500 with a non-JSON body (application/json): [[[[");
    }

    void badBodies()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(QString, messageStart);
        const ApiError error = ApiError::fromHttpResponse(response(status, body, contentType));
        QVERIFY2(error.message().startsWith(messageStart), qPrintable(error.message()));
        QCOMPARE(error.kind(), ApiError::kindForStatus(status));
        QCOMPARE(error.metadata().raw, body);
        QCOMPARE(error.metadata().httpStatus, status);
        QVERIFY(error.message().size() < 300);
    }

    void hugeBodies()
    {
        // Several megabytes of HTML, and of valid JSON with a long message: bounded messages.
        QByteArray html = "<html>" + QByteArray(6 * 1024 * 1024, 'x') + "</html>";
        ApiError error = ApiError::fromHttpResponse(response(502, html, "text/html"));
        QCOMPARE(error.kind(), ErrorKind::InternalServer);
        QVERIFY(error.message().startsWith(QStringLiteral("HTTP 502 with a non-JSON body (text/html): <html>xxx")));
        QVERIFY(error.message().endsWith(QStringLiteral("...")));
        QVERIFY(error.message().size() < 300);
        QCOMPARE(error.metadata().raw.size(), html.size());

        const QByteArray json = "{\"message\": \"" + QByteArray(4 * 1024 * 1024, 'm') + "\", \"help\": \"h\"}";
        error = ApiError::fromHttpResponse(response(400, json, "application/json"));
        QCOMPARE(error.kind(), ErrorKind::BadRequest);
        QCOMPARE(error.message().size(), 4 * 1024 * 1024);
        QCOMPARE(error.help(), QStringLiteral("h"));
    }

    void pythonLiteralParser()
    {
        QString why;
        std::optional<QJsonValue> v = PythonLiteral::parse("{'a': \"b\" 'c', 'n': -1.5e2, 't': (True, False, None), 'l': [1,],}", &why);
        QVERIFY2(v, qPrintable(why));
        const QJsonObject o = v->toObject();
        QCOMPARE(o.value(QLatin1String("a")).toString(), QStringLiteral("bc"));
        QCOMPARE(o.value(QLatin1String("n")).toDouble(), -150.0);
        QCOMPARE(o.value(QLatin1String("t")).toArray(), (QJsonArray{true, false, QJsonValue()}));
        QCOMPARE(o.value(QLatin1String("l")).toArray(), QJsonArray{1});

        v = PythonLiteral::parse("'''multi\nline''' \"\\t\\x41\\101\\N\"");
        QVERIFY(v);
        QCOMPARE(v->toString(), QStringLiteral("multi\nline\tAA\\N"));

        QVERIFY(!PythonLiteral::parse("<html>Bad gateway</html>", &why));
        QVERIFY(why.contains(QStringLiteral("unexpected character")));
        QVERIFY(!PythonLiteral::parse(""));
        QVERIFY(!PythonLiteral::parse("{'a': 1"));
        QVERIFY(!PythonLiteral::parse("{'a': 'unterminated}"));
        QVERIFY(!PythonLiteral::parse("{'a' 1}"));
        QVERIFY(!PythonLiteral::parse("{'a': 1} trailing"));
        QVERIFY(!PythonLiteral::parse("'a\nb'"));
        QVERIFY(!PythonLiteral::parse(QByteArray(100000, '(')));
        QVERIFY(!PythonLiteral::parse("Truex"));
    }

    void formEncoding()
    {
        QCOMPARE(FormEncoding::encodeComponent(QStringLiteral("created_at >= '2d' OR size < '2mb' OR format='png'")),
                 QByteArray("created_at+%3E%3D+%272d%27+OR+size+%3C+%272mb%27+OR+format%3D%27png%27"));
        QCOMPARE(FormEncoding::encodeComponent(QStringLiteral("AZaz09_.-~")), QByteArray("AZaz09_.-~"));
        QCOMPARE(FormEncoding::encodeComponent(QStringLiteral("a/b?c&d=e+f%g#h,i")),
                 QByteArray("a%2Fb%3Fc%26d%3De%2Bf%25g%23h%2Ci"));
        QCOMPARE(FormEncoding::encodeComponent(QStringLiteral("\u00e9\u6f22 ")), QByteArray("%C3%A9%E6%BC%A2+"));
        const QList<QPair<QString, QString>> pairs{{QStringLiteral("type"), QStringLiteral("file")},
                                                    {QStringLiteral("tags"), QStringLiteral("a,b")},
                                                    {QStringLiteral("empty"), QString()},
                                                    {QStringLiteral("type"), QStringLiteral("again")}};
        QCOMPARE(FormEncoding::encodeQuery(pairs), QByteArray("type=file&tags=a%2Cb&empty=&type=again"));
        QCOMPARE(FormEncoding::encodeQuery({}), QByteArray());
    }

    void backoffGrowsAndIsCapped()
    {
        RetryPolicy policy;
        policy.initialDelayMs = 100;
        policy.maxDelayMs = 1000;
        policy.jitter = 0;
        QCOMPARE(RetryBackoff::backoffDelayMs(policy, 1, 0.9), 100);
        QCOMPARE(RetryBackoff::backoffDelayMs(policy, 2, 0.1), 200);
        QCOMPARE(RetryBackoff::backoffDelayMs(policy, 3, 0.5), 400);
        QCOMPARE(RetryBackoff::backoffDelayMs(policy, 4, 0.5), 800);
        QCOMPARE(RetryBackoff::backoffDelayMs(policy, 5, 0.5), 1000);
        QCOMPARE(RetryBackoff::backoffDelayMs(policy, 60, 0.5), 1000);
        policy.jitter = 0.2;
        QCOMPARE(RetryBackoff::backoffDelayMs(policy, 2, 0.0), 160);
        QCOMPARE(RetryBackoff::backoffDelayMs(policy, 2, 0.5), 200);
        QCOMPARE(RetryBackoff::backoffDelayMs(policy, 2, 1.0), 240);
        QCOMPARE(RetryBackoff::backoffDelayMs(policy, 5, 1.0), 1000); // never above the cap
    }

    void serverRequestedWait()
    {
        FixedClock clock(1445412480); // Wed, 21 Oct 2015 07:28:00 GMT
        ResponseMetadata m = response(429, "{}");
        QCOMPARE(RetryBackoff::serverRequestedWaitMs(m, clock), std::nullopt);
        m.headers = {{"X-RateLimit-Reset", "1234"}};
        QCOMPARE(RetryBackoff::serverRequestedWaitMs(m, clock), std::optional<qint64>(1234));
        m.headers = {{"retry-after", "3"}};
        QCOMPARE(RetryBackoff::serverRequestedWaitMs(m, clock), std::optional<qint64>(3000));
        m.headers = {{"Retry-After", "Wed, 21 Oct 2015 07:28:05 GMT"}};
        QCOMPARE(RetryBackoff::serverRequestedWaitMs(m, clock), std::optional<qint64>(5000));
        m.headers = {{"Retry-After", "soon"}};
        QCOMPARE(RetryBackoff::serverRequestedWaitMs(m, clock), std::nullopt);

        RetryPolicy policy;
        policy.initialDelayMs = 100;
        policy.maxDelayMs = 5000;
        policy.jitter = 0;
        const ApiError tooMany(ErrorKind::TooManyRequests, {}, {}, [&] {
            ResponseMetadata r = response(429, "{}");
            r.headers = {{"X-RateLimit-Reset", "2500"}};
            return r;
        }());
        QCOMPARE(RetryBackoff::delayBeforeRetryMs(policy, 1, tooMany, clock, 0.5), std::optional<qint64>(2500));
        policy.maxDelayMs = 2000;
        QCOMPARE(RetryBackoff::delayBeforeRetryMs(policy, 1, tooMany, clock, 0.5), std::nullopt);
        // Only a 429 obeys the header.
        const ApiError unavailable(ErrorKind::InternalServer, {}, {}, tooMany.metadata());
        QCOMPARE(RetryBackoff::delayBeforeRetryMs(policy, 1, unavailable, clock, 0.5), std::optional<qint64>(100));
    }

    void responseMetadataHelpers()
    {
        ResponseMetadata m = response(200, " {\"a\": 1} ", "application/json");
        m.headers.append(qMakePair(QByteArray("X-Two"), QByteArray("first")));
        m.headers.append(qMakePair(QByteArray("x-two"), QByteArray("second")));
        QCOMPARE(m.header("content-TYPE"), QByteArray("application/json"));
        QCOMPARE(m.header("X-TWO"), QByteArray("first"));
        QCOMPARE(m.header("absent"), QByteArray());
        QCOMPARE(m.json().toObject().value(QLatin1String("a")).toInt(), 1);
        QVERIFY(response(200, "{'a': 1}").json().isUndefined());
        QVERIFY(response(200, "").json().isUndefined());
        QCOMPARE(response(200, "true").json(), QJsonValue(true));
    }
};

QTEST_GUILESS_MAIN(TestApiError)
#include "tst_apierror.moc"
