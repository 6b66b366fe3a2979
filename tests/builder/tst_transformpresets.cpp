// Presets: a named chain to JSON and back (one preset and a list), clear errors for malformed
// files, and the collection kept in a file.
#include "transform/presets.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace ik;

namespace {

TransformationPreset richPreset()
{
    TransformationPreset preset;
    preset.name = QStringLiteral("Social card ✓");
    TransformationStepSpec resize;
    // Order matters and is not alphabetical: it must survive the file.
    resize.parameters = {{QStringLiteral("w"), QStringLiteral("1200")}, {QStringLiteral("h"), QStringLiteral("630")},
                         {QStringLiteral("c"), QStringLiteral("maintain_ratio")}, {QStringLiteral("e-sharpen"), QStringLiteral("-")}};
    LayerSpec title;
    title.input = QStringLiteral("Hello, \"World\"");
    title.parameters = {{QStringLiteral("fs"), QStringLiteral("64")}, {QStringLiteral("co"), QStringLiteral("FFFFFF")},
                        {QStringLiteral("lx"), QStringLiteral("N20")}};
    LayerSpec logo;
    logo.kind = LayerSpec::Kind::Image;
    logo.input = QStringLiteral("/brand/logo.png");
    logo.parameters = {{QStringLiteral("w"), QStringLiteral("120")}};
    resize.layers = {title, logo};
    resize.raw = QStringLiteral("e-upscale");
    TransformationStepSpec off;
    off.enabled = false;
    off.parameters = {{QStringLiteral("bl"), QStringLiteral("5")}};
    TransformationStepSpec format;
    format.parameters = {{QStringLiteral("f"), QStringLiteral("webp")}, {QStringLiteral("q"), QStringLiteral("80")}};
    preset.steps = {resize, off, format};
    return preset;
}

TransformationPreset smallPreset(const QString &name, const QString &width)
{
    TransformationPreset preset;
    preset.name = name;
    TransformationStepSpec step;
    step.parameters = {{QStringLiteral("w"), width}};
    preset.steps = {step};
    return preset;
}

} // namespace

class TestTransformPresets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void onePresetRoundTrips();
    void listRoundTrips();
    void fileFormat();
    void malformedFiles_data();
    void malformedFiles();
    void collectionSavesByName();
    void collectionImportRenames();
    void collectionFile();
    void unreadableFileKeepsTheCollection();
};

void TestTransformPresets::onePresetRoundTrips()
{
    const TransformationPreset preset = richPreset();
    const PresetParse parsed = presetFromJson(presetToJson(preset));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.presets.size(), 1);
    QVERIFY(parsed.presets.first() == preset);

    // Changing anything is noticed (the comparison is not vacuous).
    TransformationPreset changed = preset;
    changed.steps[0].layers[0].parameters[2].second = QStringLiteral("20");
    QVERIFY(!(presetFromJson(presetToJson(changed)).presets.first() == preset));

    // A one-preset file read as a list is a list of one.
    const PresetParse asList = presetsFromJson(presetToJson(preset));
    QVERIFY(asList.ok());
    QCOMPARE(asList.presets.size(), 1);
}

void TestTransformPresets::listRoundTrips()
{
    const QList<TransformationPreset> presets = {richPreset(), smallPreset(QStringLiteral("Thumb"), QStringLiteral("150")),
                                                 TransformationPreset{QStringLiteral("Empty"), {}}};
    const PresetParse parsed = presetsFromJson(presetsToJson(presets));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QVERIFY(parsed.presets == presets);
    QVERIFY(presetsFromJson(presetsToJson({})).ok());

    // A list of several is not one preset.
    const PresetParse single = presetFromJson(presetsToJson(presets));
    QVERIFY(!single.ok());
    QVERIFY2(single.error.contains(QStringLiteral("3 presets")), qPrintable(single.error));
}

void TestTransformPresets::fileFormat()
{
    const QJsonDocument document = QJsonDocument::fromJson(presetsToJson({smallPreset(QStringLiteral("Thumb"), QStringLiteral("150"))}));
    QVERIFY(document.isObject());
    QCOMPARE(document[QStringLiteral("format")].toString(), QStringLiteral("mediadesk-transformation-presets"));
    QCOMPARE(document[QStringLiteral("version")].toInt(), 1);
    const QJsonValue step = document[QStringLiteral("presets")][0][QStringLiteral("steps")][0];
    QCOMPARE(step[QStringLiteral("parameters")][0][0].toString(), QStringLiteral("w"));
    QCOMPARE(step[QStringLiteral("parameters")][0][1].toString(), QStringLiteral("150"));
    QCOMPARE(step[QStringLiteral("enabled")].toBool(false), true);

    // Optional members may be left out by hand-written files.
    const PresetParse minimal = presetsFromJson(
        R"({"format": "mediadesk-transformation-presets", "version": 1,
            "presets": [{"name": "  Tiny ", "steps": [{"parameters": [["w", "50"]]}]}]})");
    QVERIFY2(minimal.ok(), qPrintable(minimal.error));
    QCOMPARE(minimal.presets.first().name, QStringLiteral("Tiny"));
    QVERIFY(minimal.presets.first().steps.first().enabled);
}

void TestTransformPresets::malformedFiles_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("messagePart");
    const QByteArray head = R"({"format": "mediadesk-transformation-presets", "version": 1, )";
    QTest::newRow("empty") << QByteArray() << QStringLiteral("Not a JSON file");
    QTest::newRow("truncated") << QByteArray(head + R"("presets": [{"name": "A")") << QStringLiteral("Not a JSON file");
    QTest::newRow("array") << QByteArray("[]") << QStringLiteral("Not a presets file");
    QTest::newRow("other format") << QByteArray(R"({"format": "something-else", "version": 1})") << QStringLiteral("Not a Mediadesk presets file");
    QTest::newRow("no version") << QByteArray(R"({"format": "mediadesk-transformation-presets", "presets": []})") << QStringLiteral("version");
    QTest::newRow("newer version") << QByteArray(R"({"format": "mediadesk-transformation-presets", "version": 7, "presets": []})")
                                   << QStringLiteral("newer Mediadesk");
    QTest::newRow("presets not a list") << QByteArray(head + R"("presets": {}})") << QStringLiteral("\"presets\" must be a list");
    QTest::newRow("preset not an object") << QByteArray(head + R"("presets": [3]})") << QStringLiteral("Preset 1: must be an object");
    QTest::newRow("no name") << QByteArray(head + R"("presets": [{"steps": []}]})") << QStringLiteral("needs a \"name\"");
    QTest::newRow("no steps") << QByteArray(head + R"("presets": [{"name": "A"}]})") << QStringLiteral("\"steps\" must be a list");
    QTest::newRow("parameter not a pair") << QByteArray(head + R"("presets": [{"name": "A", "steps": [{"parameters": [["w", "1"], ["h"]]}]}]})")
                                          << QStringLiteral("Preset 1 (\"A\"): step 1: parameter 2 must be [code, value]");
    QTest::newRow("number value") << QByteArray(head + R"("presets": [{"name": "A", "steps": [{"parameters": [["w", 300]]}]}]})")
                                  << QStringLiteral("parameter 1 must be [code, value] with two strings");
    QTest::newRow("bad layer kind") << QByteArray(head + R"("presets": [{"name": "B", "steps": [{"layers": [{"kind": "video", "input": "x"}]}]}]})")
                                    << QStringLiteral("step 1: layer 1: \"kind\" must be \"text\" or \"image\"");
    QTest::newRow("layer without input") << QByteArray(head + R"("presets": [{"name": "B", "steps": [{"layers": [{"kind": "text"}]}]}]})")
                                         << QStringLiteral("\"input\"");
    QTest::newRow("enabled not bool") << QByteArray(head + R"("presets": [{"name": "B", "steps": [{"enabled": "yes"}]}]})")
                                      << QStringLiteral("\"enabled\" must be true or false");
    QTest::newRow("raw not text") << QByteArray(head + R"("presets": [{"name": "B", "steps": [{"raw": 5}]}]})")
                                  << QStringLiteral("\"raw\" must be a string");
    QTest::newRow("second preset bad") << QByteArray(head + R"("presets": [{"name": "A", "steps": []}, {"name": "C", "steps": [1]}]})")
                                       << QStringLiteral("Preset 2 (\"C\"): step 1");
}

void TestTransformPresets::malformedFiles()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, messagePart);
    const PresetParse parsed = presetsFromJson(json);
    QVERIFY(!parsed.ok());
    QVERIFY(parsed.presets.isEmpty());
    QVERIFY2(parsed.error.contains(messagePart), qPrintable(parsed.error));
    QVERIFY(!presetFromJson(json).ok());
}

void TestTransformPresets::collectionSavesByName()
{
    PresetCollection collection;
    collection.save(smallPreset(QStringLiteral("Thumb"), QStringLiteral("150")));
    collection.save(smallPreset(QStringLiteral("Hero"), QStringLiteral("1600")));
    collection.save(smallPreset(QStringLiteral("thumb "), QStringLiteral("200"))); // same name: replaced in place
    QCOMPARE(collection.presets().size(), 2);
    QCOMPARE(collection.presets().first().name, QStringLiteral("thumb"));
    QCOMPARE(collection.presets().first().steps.first().parameters.first().second, QStringLiteral("200"));
    QVERIFY(collection.find(QStringLiteral("HERO")));
    QVERIFY(!collection.find(QStringLiteral("Other")));
    QVERIFY(collection.remove(QStringLiteral("Hero")));
    QVERIFY(!collection.remove(QStringLiteral("Hero")));
    QCOMPARE(collection.presets().size(), 1);
}

void TestTransformPresets::collectionImportRenames()
{
    PresetCollection collection;
    collection.save(smallPreset(QStringLiteral("Thumb"), QStringLiteral("150")));
    const QStringList names = collection.import({smallPreset(QStringLiteral("Thumb"), QStringLiteral("300")),
                                                 smallPreset(QStringLiteral("thumb"), QStringLiteral("400")),
                                                 smallPreset(QStringLiteral("New"), QStringLiteral("500"))});
    QCOMPARE(names, (QStringList{QStringLiteral("Thumb (2)"), QStringLiteral("thumb (3)"), QStringLiteral("New")}));
    QCOMPARE(collection.presets().size(), 4);
    QCOMPARE(collection.find(QStringLiteral("Thumb"))->steps.first().parameters.first().second, QStringLiteral("150"));
}

void TestTransformPresets::collectionFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fileName = dir.filePath(QStringLiteral("presets.json"));
    PresetCollection collection;
    QString error;
    QVERIFY(collection.loadFile(fileName, &error)); // missing file: empty
    QVERIFY(collection.presets().isEmpty());
    collection.save(richPreset());
    collection.save(smallPreset(QStringLiteral("Thumb"), QStringLiteral("150")));
    QVERIFY2(collection.saveFile(fileName, &error), qPrintable(error));

    PresetCollection loaded;
    QVERIFY2(loaded.loadFile(fileName, &error), qPrintable(error));
    QVERIFY(loaded.presets() == collection.presets());

    QVERIFY(!collection.saveFile(dir.filePath(QStringLiteral("no/such/folder/presets.json")), &error));
    QVERIFY2(error.contains(QStringLiteral("Cannot write")), qPrintable(error));
}

void TestTransformPresets::unreadableFileKeepsTheCollection()
{
    QTemporaryDir dir;
    const QString fileName = dir.filePath(QStringLiteral("presets.json"));
    QFile file(fileName);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"format\": \"mediadesk-transformation-presets\", \"version\": 1, \"presets\": [");
    file.close();
    PresetCollection collection;
    collection.save(smallPreset(QStringLiteral("Keep me"), QStringLiteral("10")));
    QString error;
    QVERIFY(!collection.loadFile(fileName, &error));
    QVERIFY2(error.startsWith(fileName) && error.contains(QStringLiteral("Not a JSON file")), qPrintable(error));
    QCOMPARE(collection.presets().size(), 1);
}

QTEST_GUILESS_MAIN(TestTransformPresets)
#include "tst_transformpresets.moc"
