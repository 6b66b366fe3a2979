// The URL transformation builder (ui/builder) against the in-process demo emulator: every
// parameter of the tables set through its generated control, checked in the URL and read back
// from that URL; steps, layers, options, paste, presets, snippets, and the issue's "done when"
// path (find an image, resize + crop + text layer, copy the URL, fetch it).
#include "browserwaits.h"
#include "demofixture.h"

#include "session/session.h"
#include "builder/builderoutput.h"
#include "builder/layereditor.h"
#include "builder/parametercontrol.h"
#include "builder/parametereditor.h"
#include "builder/preview/previewpanel.h"
#include "builder/transformationbuilder.h"
#include "builder/urloptionseditor.h"
#include "shell/mainwindow.h"
#include "models/filelistmodel.h"
#include "search/searchbox.h"

#include "api/apiclient.h"
#include "transform/presets.h"
#include "transform/snippets.h"
#include "transform/transformationurlparser.h"
#include "url/transformparameters.h"
#include "url/urlbuilder.h"
#include "util/clock.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QDoubleSpinBox>
#include <QFile>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QRadioButton>
#include <QSlider>
#include <QSpinBox>
#include <QTableWidget>
#include <QUndoStack>
#include <QtTest>

#include <memory>
#include <span>

namespace {

constexpr int WaitMs = 15000;
const QString FilePath = QStringLiteral("/shapes/shapes-02.jpg"); // a 600x600 JPEG of the demo library

using Pairs = QList<std::pair<QString, QString>>;

// A valid value for `parameter`, typed (or clicked) into its control the way a user would.
// Returns the value the URL must then carry, or "" with `failure` set.
QString setThroughControl(ikui::ParameterEditor *editor, const ik::TransformParameter &parameter, QString *failure)
{
    const QString name = parameter.nameText();
    ikui::ParameterControl *control = editor->control(name);
    if (!control) {
        *failure = QStringLiteral("no control for table entry %1").arg(name);
        return {};
    }
    auto typeInto = [&](const QString &text) -> QString {
        auto *edit = control->findChild<QLineEdit *>(QStringLiteral("valueEdit"));
        if (!edit) {
            *failure = QStringLiteral("%1: no text field in its control").arg(name);
            return {};
        }
        edit->setFocus();
        edit->selectAll();
        QTest::keyClicks(edit, text);
        if (edit->completer() && edit->completer()->popup())
            edit->completer()->popup()->hide();
        return text;
    };
    const QStringList allowed = parameter.allowedValueList();
    switch (parameter.valueType) {
    case ik::TransformValueType::Dimension:
        return typeInto(QStringLiteral("240"));
    case ik::TransformValueType::Integer: {
        const int minimum = int(parameter.minimum);
        const int value = parameter.maximum > parameter.minimum ? (minimum + int(parameter.maximum)) / 2 : 12;
        if (auto *slider = control->findChild<QSlider *>(QStringLiteral("valueSlider"))) {
            slider->setValue(value); // dragged
            return QString::number(value);
        }
        auto *spin = control->findChild<QSpinBox *>(QStringLiteral("valueSpin"));
        if (!spin) {
            *failure = QStringLiteral("%1: no spin box").arg(name);
            return {};
        }
        spin->setFocus();
        spin->selectAll();
        QTest::keyClicks(spin, QString::number(value));
        return QString::number(value);
    }
    case ik::TransformValueType::Number: {
        auto *spin = control->findChild<QDoubleSpinBox *>(QStringLiteral("valueSpin"));
        if (!spin) {
            *failure = QStringLiteral("%1: no spin box").arg(name);
            return {};
        }
        spin->setFocus();
        spin->selectAll();
        QTest::keyClicks(spin, QStringLiteral("2.5"));
        return QStringLiteral("2.5");
    }
    case ik::TransformValueType::Boolean: {
        auto *check = control->findChild<QCheckBox *>(QStringLiteral("valueCheck"));
        if (!check) {
            *failure = QStringLiteral("%1: no check box").arg(name);
            return {};
        }
        check->click(); // a fresh control says true; a click makes it false
        return check->isChecked() ? QStringLiteral("true") : QStringLiteral("false");
    }
    case ik::TransformValueType::Choice: {
        auto *combo = control->findChild<QComboBox *>(QStringLiteral("valueCombo"));
        if (!combo || combo->count() != allowed.size() || allowed.size() < 2) {
            *failure = QStringLiteral("%1: its combo does not list the table's %2 values").arg(name).arg(allowed.size());
            return {};
        }
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Down);
        return combo->currentText();
    }
    case ik::TransformValueType::Color:
        return typeInto(QStringLiteral("FF8800"));
    case ik::TransformValueType::Path:
        return typeInto(QStringLiteral("/overlays/logo.png"));
    case ik::TransformValueType::Text:
        return typeInto(allowed.isEmpty() ? QStringLiteral("10") : allowed.last());
    case ik::TransformValueType::FlagOrValue:
        editor->includeBox(name)->click(); // the bare effect
        return QStringLiteral("-");
    case ik::TransformValueType::Raw:
        return typeInto(QStringLiteral("e-upscale"));
    }
    *failure = QStringLiteral("%1: unknown value type").arg(name);
    return {};
}

// code-value as a URL writes it inside a layer (the bare code for "-").
QString urlPair(const QString &code, const QString &value)
{
    return value == QLatin1String("-") ? code : code + QLatin1Char('-') + value;
}

QString joinPairs(const Pairs &pairs)
{
    QStringList parts;
    for (const auto &[code, value] : pairs)
        parts.append(urlPair(code, value));
    return parts.join(QLatin1Char(','));
}

void setOrAppend(Pairs &pairs, const QString &code, const QString &value)
{
    for (auto &pair : pairs) {
        if (pair.first == code) {
            pair.second = value;
            return;
        }
    }
    pairs.append({code, value});
}

QStringList checkedNames(const ikui::ParameterEditor *editor, std::span<const ik::TransformParameter> table)
{
    QStringList names;
    for (const auto &parameter : table)
        if (editor->includeBox(parameter.nameText())->isChecked())
            names.append(parameter.nameText());
    return names;
}

// Sends a GET and returns the body and content type.
struct Fetched
{
    int status = 0;
    QByteArray body;
    QString contentType;
};

Fetched fetch(QNetworkAccessManager &network, const QString &url)
{
    Fetched result;
    QNetworkReply *reply = network.get(QNetworkRequest(QUrl(url)));
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, WaitMs))
        return result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toString();
    reply->deleteLater();
    return result;
}

} // namespace

class TestBuilder : public QObject
{
    Q_OBJECT

private:
    guitest::DemoFixture m_demo{WaitMs};

    std::unique_ptr<ikui::TransformationBuilder> newBuilder(bool withFile = true)
    {
        auto builder = std::make_unique<ikui::TransformationBuilder>(m_demo.session());
        builder->setPresetFile(m_demo.filePath(QStringLiteral("presets-%1.json").arg(quintptr(builder.get()))));
        if (withFile && !builder->openFile(FilePath))
            return nullptr;
        return builder;
    }

    QString endpoint() const { return m_demo.session()->urlBuilder().urlEndpoint(); }

    // The URL of FilePath with `steps` (names or codes as the seed's url() takes them), from the
    // core URL builder: independent of the builder window and its document.
    QString referenceUrl(const QList<ik::TransformationStep> &steps) const
    {
        ik::UrlOptions options;
        options.path = FilePath;
        options.transformation = steps;
        const ik::UrlResult result = m_demo.session()->urlBuilder().build(options);
        return result.ok() ? result.url : QStringLiteral("error: ") + result.errorMessage;
    }

    // endpoint/tr:<chain>/shapes/shapes-02.jpg
    QString pathUrl(const QString &chain) const { return endpoint() + QStringLiteral("/tr:") + chain + FilePath; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_demo.start(), qPrintable(m_demo.errorText()));
    }

    void everyStepParameterThroughItsControl_data()
    {
        QTest::addColumn<QString>("name");
        for (const auto &parameter : ik::transformParameters())
            QTest::newRow(parameter.name) << QString(parameter.nameText());
    }

    void everyStepParameterThroughItsControl()
    {
        QFETCH(QString, name);
        const ik::TransformParameter *parameter = ik::findTransformParameter(name);
        QVERIFY(parameter);
        auto builder = newBuilder();
        QVERIFY(builder);
        builder->show();
        ikui::ParameterEditor *editor = builder->stepEditor();
        QVERIFY2(editor->control(name), qPrintable(QStringLiteral("the table entry %1 has no control").arg(name)));
        QCOMPARE(editor->control(name)->toolTip(), QString::fromUtf8(parameter->help));
        QVERIFY(!editor->control(name)->accessibleName().isEmpty() || !editor->includeBox(name)->accessibleName().isEmpty());
        if (parameter->legacyOverlay) {
            QVERIFY2(!editor->control(name)->isVisible(), "legacy overlay parameters are hidden by default");
            builder->legacyToggle()->click();
            QVERIFY(editor->control(name)->isVisible());
        } else {
            QVERIFY(editor->control(name)->isVisible());
        }

        QString failure;
        const QString value = setThroughControl(editor, *parameter, &failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QVERIFY2(editor->messageFor(name).isEmpty(), qPrintable(editor->messageFor(name)));
        QVERIFY(editor->includeBox(name)->isChecked());

        const QString url = builder->currentUrl();
        QCOMPARE(url, referenceUrl({{{name, ik::UrlValue(value)}}}));

        // Read back: the same step, and the control shows the same state.
        auto reader = newBuilder(false);
        QVERIFY2(reader->pasteUrl(url), qPrintable(reader->fileMessage()));
        QCOMPARE(reader->document().path, FilePath);
        QCOMPARE(reader->document().steps, builder->document().steps);
        ikui::ParameterEditor *readEditor = reader->stepEditor();
        QVERIFY(readEditor->includeBox(name)->isChecked());
        QCOMPARE(readEditor->control(name)->value(), value);
        QVERIFY2(readEditor->messageFor(name).isEmpty(), qPrintable(readEditor->messageFor(name)));
        // Nothing else is set (overlay_alpha and overlay_text_transparency share the code oa).
        QStringList others = checkedNames(readEditor, ik::transformParameters());
        others.removeAll(name);
        for (const QString &other : std::as_const(others))
            QCOMPARE(QString::fromLatin1(ik::findTransformParameter(other)->code), QString::fromLatin1(parameter->code));
    }

    void everyLayerParameterThroughItsControl_data()
    {
        QTest::addColumn<bool>("textLayer");
        QTest::addColumn<QString>("code");
        for (const auto &parameter : ik::textLayerParameters())
            QTest::addRow("text %s", parameter.name) << true << QString(parameter.codeText());
        for (const auto &parameter : ik::imageLayerParameters())
            QTest::addRow("image %s", parameter.name) << false << QString(parameter.codeText());
    }

    void everyLayerParameterThroughItsControl()
    {
        QFETCH(bool, textLayer);
        QFETCH(QString, code);
        const ik::TransformParameter *parameter = textLayer ? ik::findTextLayerParameter(code) : ik::findImageLayerParameter(code);
        QVERIFY(parameter);
        auto builder = newBuilder();
        QVERIFY(builder);
        builder->show();
        builder->action(textLayer ? QStringLiteral("addTextLayer") : QStringLiteral("addImageLayer"))->trigger();
        QCOMPARE(builder->currentLayer(), 0);
        ikui::ParameterEditor *editor = builder->layerEditor()->parameterEditor();
        QCOMPARE(editor, textLayer ? builder->layerEditor()->textParameterEditor() : builder->layerEditor()->imageParameterEditor());
        QVERIFY(editor->isVisible());
        Pairs expected = builder->document().steps.at(0).layers.at(0).parameters;
        const QString input = builder->document().steps.at(0).layers.at(0).input;

        QString failure;
        const QString value = setThroughControl(editor, *parameter, &failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QVERIFY2(editor->messageFor(parameter->nameText()).isEmpty(), qPrintable(editor->messageFor(parameter->nameText())));
        setOrAppend(expected, code, value);

        QString inputText = input;
        if (!textLayer) {
            inputText = input.mid(1);
            inputText.replace(QLatin1Char('/'), QLatin1String("@@"));
        }
        const QString layer = (textLayer ? QStringLiteral("l-text,i-") : QStringLiteral("l-image,i-")) + inputText
            + QLatin1Char(',') + joinPairs(expected) + QStringLiteral(",l-end");
        QCOMPARE(builder->currentUrl(), pathUrl(layer));

        auto reader = newBuilder(false);
        QVERIFY2(reader->pasteUrl(builder->currentUrl()), qPrintable(reader->fileMessage()));
        QCOMPARE(reader->document().steps, builder->document().steps);
        reader->selectLayer(0);
        ikui::ParameterEditor *readEditor = reader->layerEditor()->parameterEditor();
        QCOMPARE(readEditor, editor == builder->layerEditor()->textParameterEditor()
                                 ? reader->layerEditor()->textParameterEditor() : reader->layerEditor()->imageParameterEditor());
        QCOMPARE(reader->layerEditor()->inputEdit()->text(), input);
        QVERIFY(readEditor->includeBox(parameter->nameText())->isChecked());
        QCOMPARE(readEditor->control(parameter->nameText())->value(), value);
    }

    void invalidInputShowsAnInlineMessageAndKeepsTheUrl()
    {
        auto builder = newBuilder();
        builder->show();
        ikui::ParameterEditor *editor = builder->stepEditor();
        auto *width = editor->control(QStringLiteral("width"))->findChild<QLineEdit *>(QStringLiteral("valueEdit"));
        QTest::keyClicks(width, QStringLiteral("300"));
        QCOMPARE(builder->currentUrl(), pathUrl(QStringLiteral("w-300")));
        QTest::keyClicks(width, QStringLiteral("px"));
        QVERIFY2(editor->messageFor(QStringLiteral("width")).contains(QLatin1String("300px")), qPrintable(editor->messageFor(QStringLiteral("width"))));
        QCOMPARE(builder->currentUrl(), pathUrl(QStringLiteral("w-300"))); // the last valid value stays
        width->selectAll();
        QTest::keyClicks(width, QStringLiteral("ih_div_2"));
        QVERIFY(editor->messageFor(QStringLiteral("width")).isEmpty());
        QCOMPARE(builder->currentUrl(), pathUrl(QStringLiteral("w-ih_div_2")));

        auto *background = editor->control(QStringLiteral("background"))->findChild<QLineEdit *>(QStringLiteral("valueEdit"));
        background->selectAll();
        QTest::keyClicks(background, QStringLiteral("notacolour"));
        QVERIFY(!editor->messageFor(QStringLiteral("background")).isEmpty());
        QCOMPARE(builder->currentUrl(), pathUrl(QStringLiteral("w-ih_div_2")));

        // The dimension rule itself.
        QVERIFY(ikui::dimensionValueError(QStringLiteral("0.5")).isEmpty());
        QVERIFY(ikui::dimensionValueError(QStringLiteral("auto")).isEmpty());
        QVERIFY(ikui::dimensionValueError(QStringLiteral("iw_mul_0.5_sub_10")).isEmpty());
        QVERIFY(!ikui::dimensionValueError(QStringLiteral("ih_div")).isEmpty());
        QVERIFY(!ikui::dimensionValueError(QStringLiteral("N20")).isEmpty());
        QVERIFY(ikui::dimensionValueError(QStringLiteral("N20"), true).isEmpty());

        // Unchecking a parameter takes it out.
        editor->includeBox(QStringLiteral("width"))->click();
        QCOMPARE(builder->currentUrl(), referenceUrl({}));
    }

    void stepsAddReorderDuplicateDisableAndUndo()
    {
        auto builder = newBuilder();
        builder->show();
        builder->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(builder.get())); // window shortcuts need it
        auto typeWidth = [&](const QString &text) {
            auto *edit = builder->stepEditor()->control(QStringLiteral("width"))->findChild<QLineEdit *>(QStringLiteral("valueEdit"));
            edit->selectAll();
            QTest::keyClicks(edit, text);
        };
        typeWidth(QStringLiteral("300"));
        builder->stepList()->setFocus();
        QTest::keySequence(builder.get(), QKeySequence(Qt::CTRL | Qt::Key_N)); // add a step after it
        QCOMPARE(builder->document().steps.size(), 2);
        QCOMPARE(builder->currentStep(), 1);
        builder->stepEditor()->control(QStringLiteral("rotation"))->findChild<QLineEdit *>(QStringLiteral("valueEdit"))->setFocus();
        QTest::keyClicks(builder->stepEditor()->control(QStringLiteral("rotation"))->findChild<QLineEdit *>(QStringLiteral("valueEdit")),
                         QStringLiteral("90"));
        QCOMPARE(builder->currentUrl(), pathUrl(QStringLiteral("w-300:rt-90")));
        QCOMPARE(builder->stepList()->item(1)->text(), QStringLiteral("2. rt-90"));

        // Move up with the keyboard.
        builder->stepList()->setFocus();
        QTest::keyClick(builder.get(), Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(builder->currentUrl(), pathUrl(QStringLiteral("rt-90:w-300")));
        QCOMPARE(builder->currentStep(), 0);

        // Reorder by drag: the list model moves the row, as a drop does.
        QVERIFY(builder->stepList()->model()->moveRow(QModelIndex(), 1, QModelIndex(), 0));
        QTRY_COMPARE(builder->currentUrl(), pathUrl(QStringLiteral("w-300:rt-90")));
        QCOMPARE(builder->stepList()->item(0)->text(), QStringLiteral("1. w-300"));

        // Duplicate the selected step (w-300, now first).
        builder->selectStep(0);
        QTest::keySequence(builder.get(), QKeySequence(Qt::CTRL | Qt::Key_D));
        QCOMPARE(builder->currentUrl(), pathUrl(QStringLiteral("w-300:w-300:rt-90")));

        // Disable the duplicate by its check box: it stays in the list but not in the URL.
        QListWidgetItem *second = builder->stepList()->item(1);
        second->setCheckState(Qt::Unchecked);
        QCOMPARE(builder->document().steps.size(), 3);
        QVERIFY(!builder->document().steps.at(1).enabled);
        QCOMPARE(builder->currentUrl(), pathUrl(QStringLiteral("w-300:rt-90")));
        builder->selectStep(1);
        QTest::keySequence(builder.get(), QKeySequence(Qt::CTRL | Qt::Key_E));
        QCOMPARE(builder->currentUrl(), pathUrl(QStringLiteral("w-300:w-300:rt-90")));

        // Remove with Delete in the list; undo brings it back, redo removes it again.
        builder->selectStep(2);
        builder->stepList()->setFocus();
        QTest::keyClick(builder->stepList(), Qt::Key_Delete);
        QCOMPARE(builder->currentUrl(), pathUrl(QStringLiteral("w-300:w-300")));
        QTest::keySequence(builder.get(), QKeySequence::Undo);
        QCOMPARE(builder->currentUrl(), pathUrl(QStringLiteral("w-300:w-300:rt-90")));
        QCOMPARE(builder->document().steps.size(), 3);
        QTest::keySequence(builder.get(), QKeySequence::Redo);
        QCOMPARE(builder->currentUrl(), pathUrl(QStringLiteral("w-300:w-300")));
        // Typing is undone as one edit, not a key at a time.
        builder->undoStack()->undo(); // the removal
        builder->selectStep(0);
        typeWidth(QStringLiteral("480"));
        QCOMPARE(builder->currentUrl(), pathUrl(QStringLiteral("w-480:w-300:rt-90")));
        builder->undoStack()->undo();
        QCOMPARE(builder->currentUrl(), pathUrl(QStringLiteral("w-300:w-300:rt-90")));
    }

    void optionsQueryPositionQueryParametersAndSigning()
    {
        ik::FixedClock clock(1'900'000'000);
        // The builder pins the session's URL builder to the clock: unpin it whatever happens.
        const auto unpin = qScopeGuard([this] { m_demo.session()->urlBuilder().setClock(nullptr); });
        auto builder = newBuilder();
        builder->setClock(&clock);
        builder->show();
        auto *width = builder->stepEditor()->control(QStringLiteral("width"))->findChild<QLineEdit *>(QStringLiteral("valueEdit"));
        QTest::keyClicks(width, QStringLiteral("200"));

        ikui::UrlOptionsEditor *options = builder->optionsEditor();
        options->queryButton()->click();
        QCOMPARE(builder->currentUrl(), endpoint() + FilePath + QStringLiteral("?tr=w-200"));

        options->findChild<QPushButton *>(QStringLiteral("addQueryParameter"))->click();
        QTableWidget *table = options->queryTable();
        QCOMPARE(table->rowCount(), 1);
        table->item(0, 0)->setText(QStringLiteral("v"));
        table->item(0, 1)->setText(QStringLiteral("2"));
        QCOMPARE(builder->currentUrl(), endpoint() + FilePath + QStringLiteral("?v=2&tr=w-200"));

        options->signBox()->click();
        options->expirySpin()->setFocus();
        options->expirySpin()->selectAll();
        QTest::keyClicks(options->expirySpin(), QStringLiteral("300"));
        QCOMPARE(builder->document().expireSeconds, qint64(300));

        ik::UrlOptions reference;
        reference.path = FilePath;
        reference.transformation = {{{QStringLiteral("width"), ik::UrlValue(QStringLiteral("200"))}}};
        reference.transformationPosition = ik::TransformationPosition::Query;
        reference.queryParameters = {{QStringLiteral("v"), ik::UrlValue(QStringLiteral("2"))}};
        reference.sign = true;
        reference.expireSeconds = 300;
        const ik::UrlResult expected = m_demo.session()->urlBuilder().build(reference);
        QVERIFY(expected.ok());
        QCOMPARE(builder->currentUrl(), expected.url);
        QVERIFY(builder->currentUrl().contains(QStringLiteral("ik-t=1900000300")));
        QVERIFY(builder->currentUrl().contains(QStringLiteral("ik-s=")));
        QCOMPARE(builder->output()->text(ikui::BuilderOutput::Kind::SignedUrl), expected.url);

        // The signed URL opens in the emulator; the unsigned tab is what the options say.
        QNetworkAccessManager network;
        const Fetched fetched = fetch(network, builder->currentUrl());
        QCOMPARE(fetched.status, 200);

        // Read back with the same clock: the same options.
        auto reader = newBuilder(false);
        reader->setClock(&clock);
        QVERIFY(reader->pasteUrl(builder->currentUrl()));
        QCOMPARE(reader->document(), builder->document());
        QVERIFY(reader->optionsEditor()->queryButton()->isChecked());
        QVERIFY(reader->optionsEditor()->signBox()->isChecked());
        QCOMPARE(reader->optionsEditor()->expirySpin()->value(), 300);
        QCOMPARE(reader->optionsEditor()->queryTable()->item(0, 0)->text(), QStringLiteral("v"));
    }

    void pasteRoundTripWithCtrlVAndErrors()
    {
        ik::TransformationDocument document;
        document.path = FilePath;
        ik::TransformationStepSpec resize;
        resize.parameters = {{QStringLiteral("w"), QStringLiteral("300")}, {QStringLiteral("h"), QStringLiteral("200")},
                             {QStringLiteral("c"), QStringLiteral("force")}};
        ik::TransformationStepSpec decorate;
        decorate.parameters = {{QStringLiteral("bg"), QStringLiteral("FF0000")}, {QStringLiteral("e-grayscale"), QStringLiteral("-")}};
        ik::LayerSpec text;
        text.input = QStringLiteral("Hello, world & more");
        text.parameters = {{QStringLiteral("fs"), QStringLiteral("32")}, {QStringLiteral("lx"), QStringLiteral("N10")}};
        decorate.layers = {text};
        decorate.raw = QStringLiteral("e-upscale");
        document.steps = {resize, decorate};
        document.queryParameters = {{QStringLiteral("campaign"), QStringLiteral("spring sale")}};

        auto builder = newBuilder(false);
        builder->setDocument(document);
        QCOMPARE(builder->document(), document);
        const QString url = builder->currentUrl();
        QVERIFY(!url.isEmpty());
        QCOMPARE(url, m_demo.session()->urlBuilder().build(document.toUrlOptions()).url);

        auto reader = newBuilder(false);
        reader->show();
        reader->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(reader.get()));
        QGuiApplication::clipboard()->setText(url);
        reader->stepList()->setFocus();
        QTest::keySequence(reader.get(), QKeySequence::Paste);
        QCOMPARE(reader->document(), document);
        QCOMPARE(reader->currentUrl(), url);
        QCOMPARE(reader->fileEdit()->text(), FilePath);
        QCOMPARE(reader->stepList()->count(), 2);
        QCOMPARE(reader->layerList()->count(), 0); // step 1 selected: no layers
        reader->selectStep(1);
        QCOMPARE(reader->layerList()->count(), 1);
        reader->selectLayer(0);
        QCOMPARE(reader->layerEditor()->inputEdit()->text(), text.input);
        QVERIFY(reader->layerEditor()->isVisible()); // the layer's editor replaces the step's
        QVERIFY(!reader->stepEditor()->isVisible());
        reader->selectLayer(-1);
        QVERIFY(reader->stepEditor()->isVisible());
        QCOMPARE(reader->stepEditor()->control(QStringLiteral("raw"))->value(), QStringLiteral("e-upscale"));

        // Bad input: a clear inline message and nothing lost.
        QVERIFY(!reader->pasteUrl(QStringLiteral("https://example.com/cat.jpg")));
        QVERIFY(!reader->fileMessage().isEmpty());
        QCOMPARE(reader->document(), document);
        QVERIFY(!reader->pasteUrl(endpoint() + QStringLiteral("/tr:w-300,l-end/a.jpg")));
        QVERIFY(!reader->fileMessage().isEmpty());
        QCOMPARE(reader->document(), document);
        reader->fileEdit()->setFocus();
        reader->fileEdit()->clear();
        QTest::keyClick(reader->fileEdit(), Qt::Key_Return);
        QVERIFY(!reader->fileMessage().isEmpty());
        QCOMPARE(reader->document(), document);

        // A plain URL of a file changes the file and keeps the chain.
        QVERIFY(reader->openFile(endpoint() + QStringLiteral("/posters/jazz-night.png")));
        QCOMPARE(reader->document().path, QStringLiteral("/posters/jazz-night.png"));
        QCOMPARE(reader->document().steps, document.steps);
    }

    void presetsSaveApplyDeleteExportImport()
    {
        auto builder = newBuilder();
        ik::TransformationDocument document = builder->document();
        ik::TransformationStepSpec thumb;
        thumb.parameters = {{QStringLiteral("w"), QStringLiteral("150")}, {QStringLiteral("h"), QStringLiteral("150")}};
        ik::TransformationStepSpec round;
        round.parameters = {{QStringLiteral("r"), QStringLiteral("max")}};
        document.steps = {thumb, round};
        builder->setDocument(document);

        QString error;
        QVERIFY2(builder->savePreset(QStringLiteral("Round thumb"), &error), qPrintable(error));
        QCOMPARE(builder->presetNames(), QStringList{QStringLiteral("Round thumb")});
        QVERIFY(!builder->savePreset(QStringLiteral("  "), &error));
        QVERIFY(!error.isEmpty());

        // Apply to another file: the chain comes, the file stays.
        QVERIFY(builder->openFile(QStringLiteral("/posters/jazz-night.png")));
        builder->undoStack()->clear();
        ik::TransformationDocument other = builder->document();
        other.steps = {ik::TransformationStepSpec{}};
        builder->setDocument(other);
        auto *combo = builder->findChild<QComboBox *>(QStringLiteral("presetCombo"));
        QCOMPARE(combo->currentText(), QStringLiteral("Round thumb"));
        builder->action(QStringLiteral("applyPreset"))->trigger();
        QCOMPARE(builder->document().path, QStringLiteral("/posters/jazz-night.png"));
        QCOMPARE(builder->document().steps, document.steps);
        QCOMPARE(builder->currentUrl(), endpoint() + QStringLiteral("/tr:w-150,h-150:r-max/posters/jazz-night.png"));

        // The presets survive a new window (the file).
        const QString presetFile = m_demo.filePath(QStringLiteral("shared-presets.json"));
        builder->setPresetFile(presetFile);
        QVERIFY(builder->savePreset(QStringLiteral("Round thumb"), &error));
        {
            ikui::TransformationBuilder again(m_demo.session());
            again.setPresetFile(presetFile);
            QCOMPARE(again.presetNames(), QStringList{QStringLiteral("Round thumb")});
        }

        // Export, delete, import back (and again: the name gets a suffix).
        const QString exported = m_demo.filePath(QStringLiteral("exported.json"));
        QVERIFY2(builder->exportPresets(exported, &error), qPrintable(error));
        QFile file(exported);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const ik::PresetParse parsed = ik::presetsFromJson(file.readAll());
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        QCOMPARE(parsed.presets.size(), 1);
        QCOMPARE(parsed.presets.first().steps, document.steps);
        file.close();

        QVERIFY(builder->deletePreset(QStringLiteral("Round thumb"), &error));
        QVERIFY(builder->presetNames().isEmpty());
        QVERIFY(!builder->action(QStringLiteral("applyPreset"))->isEnabled());
        QStringList added;
        QVERIFY2(builder->importPresets(exported, &added, &error), qPrintable(error));
        QCOMPARE(added, QStringList{QStringLiteral("Round thumb")});
        QVERIFY(builder->importPresets(exported, &added, &error));
        QCOMPARE(builder->presetNames().size(), 2);
        QVERIFY(builder->presetNames().at(1).startsWith(QLatin1String("Round thumb ")));

        // A malformed file: a clear error, the presets unchanged.
        const QString broken = m_demo.filePath(QStringLiteral("broken.json"));
        QFile brokenFile(broken);
        QVERIFY(brokenFile.open(QIODevice::WriteOnly));
        brokenFile.write("{\"format\": \"mediadesk-transformation-presets\", \"version\": 1, \"presets\": [{\"name\": 5}]}");
        brokenFile.close();
        QVERIFY(!builder->importPresets(broken, &added, &error));
        QVERIFY(error.contains(QLatin1String("broken.json")));
        QCOMPARE(builder->presetNames().size(), 2);
        QVERIFY(!builder->applyPreset(QStringLiteral("No such preset"), &error));
    }

    void snippetsAndImageTagMatchTheDocument()
    {
        ik::TransformationDocument document;
        document.path = FilePath;
        ik::TransformationStepSpec step;
        step.parameters = {{QStringLiteral("w"), QStringLiteral("320")}, {QStringLiteral("q"), QStringLiteral("70")}};
        document.steps = {step};
        document.position = ik::TransformationPosition::Query;
        document.sign = true;
        document.expireSeconds = 600;

        auto builder = newBuilder(false);
        builder->setDocument(document);
        ikui::BuilderOutput *output = builder->output();
        const QString endpointText = endpoint();
        QCOMPARE(output->text(ikui::BuilderOutput::Kind::Python), ik::pythonSnippet(document, endpointText));
        QCOMPARE(output->text(ikui::BuilderOutput::Kind::Node), ik::nodeSnippet(document, endpointText));
        QCOMPARE(output->text(ikui::BuilderOutput::Kind::Cli), ik::cliSnippet(document, endpointText));
        QCOMPARE(output->text(ikui::BuilderOutput::Kind::Curl), ik::curlSnippet(builder->currentUrl()));
        QVERIFY(output->text(ikui::BuilderOutput::Kind::Python).contains(QLatin1String("\"signed\": True")));

        // <img>: 1x, 2x and 3x are the URL with dpr 1, 2 and 3 on the step.
        const QString tag = output->text(ikui::BuilderOutput::Kind::ImageTag);
        QVERIFY2(tag.startsWith(QLatin1String("<img src=\"")), qPrintable(tag));
        for (int ratio = 1; ratio <= 3; ++ratio) {
            ik::TransformationDocument scaled = document;
            scaled.steps[0].parameters.append({QStringLiteral("dpr"), QString::number(ratio)});
            const QString url = m_demo.session()->urlBuilder().build(scaled.toUrlOptions()).url;
            QVERIFY2(tag.contains(url.toHtmlEscaped() + QStringLiteral(" %1x").arg(ratio)), qPrintable(tag));
        }

        // Copy puts the tab's text on the clipboard.
        output->findChild<QPushButton *>(QStringLiteral("copy-python"))->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), ik::pythonSnippet(document, endpointText));
    }

    // The issue's "done when": in the demo, open an image in the builder (found by name), chain a
    // resize, a crop and a text layer, copy the URL and fetch it: an image of the chain's size.
    void demoResizeCropTextLayerCopyAndFetch()
    {
        ikui::TransformationBuilder builder(m_demo.session());
        builder.setPresetFile(m_demo.filePath(QStringLiteral("demo-presets.json")));
        builder.show();
        builder.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&builder));

        // Find the file from the search field.
        builder.fileSearch()->setDebounceMs(10);
        builder.fileSearch()->setFocus();
        QTest::keyClicks(builder.fileSearch(), QStringLiteral("shapes-02"));
        QCompleter *completer = builder.fileSearchCompleter();
        QTRY_VERIFY_WITH_TIMEOUT(completer->model()->rowCount() > 0, WaitMs);
        const QModelIndex first = completer->model()->index(0, 0);
        QCOMPARE(first.data(Qt::UserRole).toString(), FilePath);
        QTRY_VERIFY2_WITH_TIMEOUT(completer->popup()->isVisible(), "the results pop up under the search field", WaitMs);
        const QModelIndex shown = completer->completionModel()->index(0, 0);
        completer->popup()->setCurrentIndex(shown);
        QTest::mouseClick(completer->popup()->viewport(), Qt::LeftButton, {}, completer->popup()->visualRect(shown).center());
        QTRY_COMPARE(builder.document().path, FilePath);

        // Step 1: resize to 400x300 (force).
        ikui::ParameterEditor *editor = builder.stepEditor();
        QTest::keyClicks(editor->control(QStringLiteral("width"))->findChild<QLineEdit *>(QStringLiteral("valueEdit")), QStringLiteral("400"));
        QTest::keyClicks(editor->control(QStringLiteral("height"))->findChild<QLineEdit *>(QStringLiteral("valueEdit")), QStringLiteral("300"));
        auto *crop = editor->control(QStringLiteral("crop"))->findChild<QComboBox *>(QStringLiteral("valueCombo"));
        crop->setFocus();
        QTest::keyClick(crop, Qt::Key_Down); // force
        QCOMPARE(crop->currentText(), QStringLiteral("force"));

        // Step 2: extract a 200x150 region, with a text layer.
        builder.action(QStringLiteral("addStep"))->trigger();
        QCOMPARE(builder.currentStep(), 1);
        QTest::keyClicks(editor->control(QStringLiteral("width"))->findChild<QLineEdit *>(QStringLiteral("valueEdit")), QStringLiteral("200"));
        QTest::keyClicks(editor->control(QStringLiteral("height"))->findChild<QLineEdit *>(QStringLiteral("valueEdit")), QStringLiteral("150"));
        auto *mode = editor->control(QStringLiteral("crop_mode"))->findChild<QComboBox *>(QStringLiteral("valueCombo"));
        mode->setFocus();
        QTest::keyClick(mode, Qt::Key_Down); // extract
        QCOMPARE(mode->currentText(), QStringLiteral("extract"));
        builder.action(QStringLiteral("addTextLayer"))->trigger();
        QLineEdit *layerInput = builder.layerEditor()->inputEdit();
        layerInput->selectAll();
        QTest::keyClicks(layerInput, QStringLiteral("Demo!"));
        QCOMPARE(builder.document().steps.at(1).layers.at(0).input, QStringLiteral("Demo!"));
        QCOMPARE(builder.stepList()->count(), 2);

        // The preview gets the URL of the chain.
        QTRY_COMPARE_WITH_TIMEOUT(builder.preview()->transformedUrl(), QUrl(builder.currentUrl()), WaitMs);

        // Copy it with the window's shortcut and fetch what the clipboard holds.
        QGuiApplication::clipboard()->clear();
        builder.stepList()->setFocus();
        QTest::keySequence(&builder, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
        const QString copied = QGuiApplication::clipboard()->text();
        QCOMPARE(copied, builder.currentUrl());
        QVERIFY2(copied.contains(QLatin1String("w-400,h-300,c-force:w-200,h-150,cm-extract,l-text,")), qPrintable(copied));

        QNetworkAccessManager network;
        const Fetched fetched = fetch(network, copied);
        QCOMPARE(fetched.status, 200);
        QImage image;
        QVERIFY2(image.loadFromData(fetched.body), qPrintable(fetched.contentType));
        QCOMPARE(image.size(), QSize(200, 150));
    }

    // MainWindow: "Open in URL builder" (Ctrl+B) on a selected file opens the builder on it.
    void opensFromTheMainWindow()
    {
        ikui::MainWindow window;
        QVERIFY2(m_demo.showWindow(window), qPrintable(m_demo.errorText()));
        window.openFolder(QStringLiteral("/shapes"));
        QVERIFY(QTest::qWaitFor([&] { return window.fileModel() && !window.fileModel()->isLoading()
                                         && window.fileModel()->rowCount() > 0; }, WaitMs));
        const int row = guitest::rowOfName(window.fileModel(), QStringLiteral("shapes-02.jpg"));
        QVERIFY(row >= 0);
        window.gridView()->selectionModel()->select(window.fileModel()->index(row, 0),
                                                    QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QAction *open = window.findChild<QAction *>(QStringLiteral("openInBuilder"));
        QVERIFY(open);
        QCOMPARE(open->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_B));
        QVERIFY(open->isEnabled());
        open->trigger();
        auto *builder = window.findChild<ikui::TransformationBuilder *>();
        QVERIFY(builder);
        QVERIFY(builder->isVisible());
        QCOMPARE(builder->document().path, FilePath);

        QAction *empty = window.findChild<QAction *>(QStringLiteral("openBuilder"));
        QVERIFY(empty);
        empty->trigger();
        QCOMPARE(window.findChildren<ikui::TransformationBuilder *>().size(), 2);
    }
};

QTEST_MAIN(TestBuilder)
#include "tst_builder.moc"
