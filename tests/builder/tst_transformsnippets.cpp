// Snippets of the builder: the Python snippet's url() options (True/False read as JSON), fed to
// the real mediadesk-cli, give exactly the builder's URL; so does the CLI snippet run by a shell,
// and the cURL snippet's quoted URL; the Node snippet holds the same options.
#include "api/transport/pythonliteral.h"
#include "transform/snippets.h"
#include "transform/transformationdocument.h"
#include "url/urlbuilder.h"
#include "util/clock.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace ik;

Q_DECLARE_METATYPE(ik::TransformationDocument)

namespace {

const QString kEndpoint = QStringLiteral("https://ik.imagekit.io/demo");
const QString kPrivateKey = QStringLiteral("private_key_snippets");
constexpr qint64 kNow = 1700000000;

TransformationStepSpec stepWith(const TransformCodeValues &parameters)
{
    TransformationStepSpec step;
    step.parameters = parameters;
    return step;
}

QString builderUrl(const TransformationDocument &document)
{
    const FixedClock clock(kNow);
    UrlBuilder builder(kEndpoint, kPrivateKey);
    builder.setClock(&clock);
    const UrlResult result = builder.build(document.toUrlOptions());
    return result.ok() ? result.url : QStringLiteral("error: ") + result.errorMessage;
}

struct ProcessOutput
{
    int exitCode = -1;
    QString out;
    QString err;
};

ProcessOutput run(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    ProcessOutput output;
    if (!process.waitForFinished(30000)) {
        output.err = QStringLiteral("did not finish: ") + process.errorString();
        return output;
    }
    output.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    output.out = QString::fromUtf8(process.readAllStandardOutput());
    output.err = QString::fromUtf8(process.readAllStandardError());
    return output;
}

// The argument of imagekit.url(...) in the Python snippet.
QString pythonOptions(const QString &snippet)
{
    const QString call = QStringLiteral("imagekit.url(");
    const qsizetype start = snippet.indexOf(call);
    const qsizetype end = snippet.lastIndexOf(QStringLiteral(")\nprint("));
    if (start < 0 || end < start)
        return QString();
    return snippet.mid(start + call.size(), end - start - call.size());
}

// Python literals to JSON: True/False/None outside strings; everything else is already JSON
// (the snippet writes JSON-style strings, no trailing commas). PythonLiteral::parse cannot do
// this: its QJsonObject would sort the keys, and their order is the URL's.
QString pythonLiteralToJson(const QString &python)
{
    QString out;
    bool inString = false;
    for (qsizetype i = 0; i < python.size(); ++i) {
        const QChar c = python.at(i);
        if (inString) {
            out.append(c);
            if (c == QLatin1Char('\\') && i + 1 < python.size())
                out.append(python.at(++i));
            else if (c == QLatin1Char('"'))
                inString = false;
            continue;
        }
        if (c == QLatin1Char('"')) {
            inString = true;
            out.append(c);
            continue;
        }
        bool replaced = false;
        for (const auto &[from, to] : {std::pair{QLatin1String("True"), QLatin1String("true")},
                                       std::pair{QLatin1String("False"), QLatin1String("false")},
                                       std::pair{QLatin1String("None"), QLatin1String("null")}}) {
            if (QStringView(python).sliced(i).startsWith(from)) {
                out.append(to);
                i += from.size() - 1;
                replaced = true;
                break;
            }
        }
        if (!replaced)
            out.append(c);
    }
    return out;
}

QString cliUrl(const QString &optionsJson)
{
    const ProcessOutput output = run(QStringLiteral(MEDIADESK_CLI),
                                     {QStringLiteral("--url-endpoint"), kEndpoint, QStringLiteral("--private-key"), kPrivateKey,
                                      QStringLiteral("--now"), QString::number(kNow), QStringLiteral("url"), optionsJson});
    if (output.exitCode != 0)
        return QStringLiteral("cli failed (%1): %2").arg(output.exitCode).arg(output.err);
    return output.out.trimmed();
}

QList<std::pair<const char *, TransformationDocument>> documents()
{
    QList<std::pair<const char *, TransformationDocument>> list;

    TransformationDocument simple;
    simple.path = QStringLiteral("/default-image.jpg");
    simple.steps = {stepWith({{QStringLiteral("h"), QStringLiteral("300")}, {QStringLiteral("w"), QStringLiteral("400")}})};
    list.append({"simple", simple});

    // Layers, raw, a path parameter, a code outside the table, a repeated code and the shared
    // "oa" code; a disabled step.
    TransformationDocument rich;
    rich.path = QStringLiteral("/photos/beach.jpg");
    LayerSpec caption;
    caption.input = QStringLiteral("Sale: 50% off, today!");
    caption.parameters = {{QStringLiteral("fs"), QStringLiteral("40")}, {QStringLiteral("co"), QStringLiteral("FFFFFF")}};
    LayerSpec logo;
    logo.kind = LayerSpec::Kind::Image;
    logo.input = QStringLiteral("/brand/logo.png");
    logo.parameters = {{QStringLiteral("w"), QStringLiteral("100")}, {QStringLiteral("lfo"), QStringLiteral("bottom_right")}};
    TransformationStepSpec first = stepWith({{QStringLiteral("w"), QStringLiteral("600")}, {QStringLiteral("di"), QStringLiteral("/fallback/missing.jpg")},
                                             {QStringLiteral("oa"), QStringLiteral("5")}, {QStringLiteral("e-upscale"), QStringLiteral("-")},
                                             {QStringLiteral("h"), QStringLiteral("400")}});
    first.layers = {caption, logo};
    first.raw = QStringLiteral("if-ar_gt_1,q-70,if-end");
    TransformationStepSpec off = stepWith({{QStringLiteral("bl"), QStringLiteral("10")}});
    off.enabled = false;
    TransformationStepSpec repeated = stepWith({{QStringLiteral("rt"), QStringLiteral("90")}, {QStringLiteral("e-sharpen"), QStringLiteral("-")},
                                                {QStringLiteral("rt"), QStringLiteral("auto")}});
    rich.steps = {first, off, repeated};
    list.append({"layers, raw, repeated codes", rich});

    TransformationDocument query;
    query.path = QStringLiteral("/folder/my photo ü.png");
    query.position = TransformationPosition::Query;
    query.steps = {stepWith({{QStringLiteral("f"), QStringLiteral("webp")}, {QStringLiteral("q"), QStringLiteral("80")}}),
                   stepWith({{QStringLiteral("e-grayscale"), QStringLiteral("-")}})};
    query.queryParameters = {{QStringLiteral("v"), QStringLiteral("2")}, {QStringLiteral("utm source"), QStringLiteral("news \"letter\" & co")}};
    list.append({"query position and parameters", query});

    TransformationDocument signedExpiring = simple;
    signedExpiring.sign = true;
    signedExpiring.expireSeconds = 300;
    list.append({"signed, expires", signedExpiring});

    TransformationDocument signedQuery = query;
    signedQuery.sign = true;
    list.append({"signed, query position", signedQuery});

    TransformationDocument src;
    src.src = QStringLiteral("https://cdn.example.com/images/cat.jpg?size=large");
    src.position = TransformationPosition::Query;
    src.steps = {stepWith({{QStringLiteral("w"), QStringLiteral("200")}, {QStringLiteral("ar"), QStringLiteral("4-3")}})};
    src.sign = true;
    src.expireSeconds = 3600;
    list.append({"src, signed", src});

    TransformationDocument quote;
    quote.path = QStringLiteral("/it's a cat.jpg");
    quote.steps = {stepWith({{QStringLiteral("n"), QStringLiteral("media_library_thumbnail")}})};
    list.append({"quote in the path", quote});

    TransformationDocument plain;
    plain.path = QStringLiteral("/plain.jpg");
    list.append({"no transformation", plain});
    return list;
}

} // namespace

class TestTransformSnippets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pythonOptionsGiveTheBuilderUrl_data();
    void pythonOptionsGiveTheBuilderUrl();
    void cliSnippetGivesTheBuilderUrl_data() { pythonOptionsGiveTheBuilderUrl_data(); }
    void cliSnippetGivesTheBuilderUrl();
    void curlSnippetQuotesTheUrl_data() { pythonOptionsGiveTheBuilderUrl_data(); }
    void curlSnippetQuotesTheUrl();
    void pythonSnippetIsPython();
    void pythonSnippetText();
    void nodeSnippetText();
    void nodeSnippetOptions();
    void shellQuoting();
};

void TestTransformSnippets::pythonOptionsGiveTheBuilderUrl_data()
{
    QTest::addColumn<TransformationDocument>("document");
    for (const auto &[name, document] : documents())
        QTest::newRow(name) << document;
}

void TestTransformSnippets::pythonOptionsGiveTheBuilderUrl()
{
    QFETCH(TransformationDocument, document);
    const QString url = builderUrl(document);
    QVERIFY2(!url.startsWith(QStringLiteral("error")), qPrintable(url));
    const QString snippet = pythonSnippet(document, kEndpoint);
    QVERIFY2(snippet.contains(QStringLiteral("url_endpoint=\"%1\"").arg(kEndpoint)), qPrintable(snippet));
    const QString options = pythonOptions(snippet);
    QVERIFY2(!options.isEmpty(), qPrintable(snippet));
    QString literalError;
    QVERIFY2(PythonLiteral::parse(options.toUtf8(), &literalError), qPrintable(literalError)); // a Python literal
    const QString json = pythonLiteralToJson(options);
    QCOMPARE(cliUrl(json), url);
    // urlOptionsJson() is the same options on one line.
    QCOMPARE(cliUrl(urlOptionsJson(document)), url);
    if (document.sign)
        QVERIFY2(options.contains(QStringLiteral("\"signed\": True")), qPrintable(options));
    if (document.expireSeconds > 0)
        QVERIFY2(options.contains(QStringLiteral("\"expire_seconds\": %1").arg(document.expireSeconds)), qPrintable(options));
    if (document.position == TransformationPosition::Query)
        QVERIFY2(options.contains(QStringLiteral("\"transformation_position\": \"query\"")), qPrintable(options));
}

void TestTransformSnippets::cliSnippetGivesTheBuilderUrl()
{
    QFETCH(TransformationDocument, document);
    const QString sh = QStandardPaths::findExecutable(QStringLiteral("sh"));
    if (sh.isEmpty())
        QSKIP("no POSIX shell to run the snippet");
    const QString snippet = cliSnippet(document, kEndpoint);
    QVERIFY(snippet.contains(QStringLiteral("mediadesk-cli --url-endpoint 'https://ik.imagekit.io/demo' url '")));
    QCOMPARE(snippet.startsWith(QLatin1Char('#')), document.sign); // says the key is needed
    // Run it as a user would, with the real binary and a pinned clock.
    QString runnable = snippet;
    runnable.replace(QStringLiteral("mediadesk-cli "), shellQuoted(QStringLiteral(MEDIADESK_CLI)) + QStringLiteral(" --now %1 ").arg(kNow));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("IMAGEKIT_PRIVATE_KEY"), kPrivateKey);
    environment.remove(QStringLiteral("IMAGEKIT_URL_ENDPOINT"));
    const ProcessOutput output = run(sh, {QStringLiteral("-c"), runnable}, environment);
    QVERIFY2(output.exitCode == 0, qPrintable(output.err + QLatin1Char('\n') + runnable));
    QCOMPARE(output.out.trimmed(), builderUrl(document));
}

void TestTransformSnippets::curlSnippetQuotesTheUrl()
{
    QFETCH(TransformationDocument, document);
    const QString sh = QStandardPaths::findExecutable(QStringLiteral("sh"));
    if (sh.isEmpty())
        QSKIP("no POSIX shell to run the snippet");
    const QString url = builderUrl(document);
    const QString snippet = curlSnippet(url);
    QVERIFY2(snippet.startsWith(QStringLiteral("curl -fsS -o '")), qPrintable(snippet));
    // A stand-in curl that prints what it was given: the shell must pass the URL unchanged.
    const QString script = QStringLiteral("curl() { printf '%s\\n' \"$@\"; }\n") + snippet;
    const ProcessOutput output = run(sh, {QStringLiteral("-c"), script});
    QCOMPARE(output.exitCode, 0);
    const QStringList arguments = output.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(arguments.size(), 4);
    QCOMPARE(arguments.at(0), QStringLiteral("-fsS"));
    QCOMPARE(arguments.at(1), QStringLiteral("-o"));
    QVERIFY2(!arguments.at(2).contains(QLatin1Char('/')) && !arguments.at(2).startsWith(QLatin1Char('-')), qPrintable(arguments.at(2)));
    QCOMPARE(arguments.at(3), url);
}

void TestTransformSnippets::pythonSnippetIsPython()
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        QSKIP("python3 is not installed: the snippet's syntax is not checked");
    for (const auto &[name, document] : documents()) {
        const ProcessOutput output = run(python, {QStringLiteral("-c"), QStringLiteral("import ast, sys; ast.parse(sys.argv[1])"),
                                                  pythonSnippet(document, kEndpoint)});
        QVERIFY2(output.exitCode == 0, qPrintable(QString::fromLatin1(name) + QStringLiteral(": ") + output.err));
    }
}

void TestTransformSnippets::pythonSnippetText()
{
    TransformationDocument document = documents().at(3).second; // signed, expires
    QCOMPARE(pythonSnippet(document, kEndpoint),
             QStringLiteral("# pip install imagekitio\n"
                            "from imagekitio import ImageKit\n"
                            "\n"
                            "imagekit = ImageKit(\n"
                            "    private_key=\"your_private_key\",\n"
                            "    public_key=\"your_public_key\",\n"
                            "    url_endpoint=\"https://ik.imagekit.io/demo\",\n"
                            ")\n"
                            "\n"
                            "image_url = imagekit.url({\n"
                            "    \"path\": \"/default-image.jpg\",\n"
                            "    \"transformation\": [{\"height\": \"300\", \"width\": \"400\"}],\n"
                            "    \"signed\": True,\n"
                            "    \"expire_seconds\": 300\n"
                            "})\n"
                            "print(image_url)\n"));
}

void TestTransformSnippets::nodeSnippetText()
{
    TransformationDocument document = documents().at(2).second; // query position and parameters
    document.sign = true;
    document.expireSeconds = 60;
    QCOMPARE(nodeSnippet(document, kEndpoint),
             QStringLiteral("// npm install imagekit\n"
                            "const ImageKit = require(\"imagekit\");\n"
                            "\n"
                            "const imagekit = new ImageKit({\n"
                            "    publicKey: \"your_public_key\",\n"
                            "    privateKey: \"your_private_key\",\n"
                            "    urlEndpoint: \"https://ik.imagekit.io/demo\",\n"
                            "});\n"
                            "\n"
                            "const imageUrl = imagekit.url({\n"
                            "    path: \"/folder/my photo ü.png\",\n"
                            "    transformation: [{ format: \"webp\", quality: \"80\" }, { effectGray: \"-\" }],\n"
                            "    transformationPosition: \"query\",\n"
                            "    queryParameters: { v: \"2\", \"utm source\": \"news \\\"letter\\\" & co\" },\n"
                            "    signed: true,\n"
                            "    expireSeconds: 60,\n"
                            "});\n"
                            "console.log(imageUrl);\n"));
}

void TestTransformSnippets::nodeSnippetOptions()
{
    // The layers, raw text and codes the table cannot name travel in "raw", as in Python.
    const TransformationDocument rich = documents().at(1).second;
    const QString node = nodeSnippet(rich, kEndpoint);
    const QString python = pythonSnippet(rich, kEndpoint);
    QVERIFY2(python.contains(QStringLiteral("{\"width\": \"600\", \"default_image\": \"/fallback/missing.jpg\", \"overlay_alpha\": \"5\", \"raw\": \"e-upscale,h-400,l-text,ie-")),
             qPrintable(python));
    QVERIFY2(node.contains(QStringLiteral("{ width: \"600\", defaultImage: \"/fallback/missing.jpg\", overlayAlpha: \"5\", raw: \"e-upscale,h-400,l-text,ie-")),
             qPrintable(node));
    QVERIFY2(node.contains(QStringLiteral("l-image,i-brand@@logo.png,w-100,lfo-bottom_right,l-end,if-ar_gt_1,q-70,if-end\" }")), qPrintable(node));
    // A repeated code goes to raw from its second use on, keeping the URL order.
    QVERIFY2(node.contains(QStringLiteral("{ rotation: \"90\", effectSharpen: \"-\", raw: \"rt-auto\" }")), qPrintable(node));
    QVERIFY2(python.contains(QStringLiteral("{\"rotation\": \"90\", \"effect_sharpen\": \"-\", \"raw\": \"rt-auto\"}")), qPrintable(python));
    QVERIFY(!node.contains(QStringLiteral("blur"))); // the disabled step
}

void TestTransformSnippets::shellQuoting()
{
    QCOMPARE(shellQuoted(QStringLiteral("plain")), QStringLiteral("'plain'"));
    QCOMPARE(shellQuoted(QStringLiteral("it's")), QStringLiteral("'it'\\''s'"));
    QCOMPARE(curlSnippet(QStringLiteral("https://ik.imagekit.io/demo/tr:w-300/a.jpg?v=1&x=$HOME")),
             QStringLiteral("curl -fsS -o 'a.jpg' 'https://ik.imagekit.io/demo/tr:w-300/a.jpg?v=1&x=$HOME'"));
}

QTEST_GUILESS_MAIN(TestTransformSnippets)
#include "tst_transformsnippets.moc"
