// Screenshots of the URL builder window for the README and for review: a demo photo with the
// issue's chain (a resize, a crop and a text layer) and its live preview, in split and
// side-by-side views, and an invalid edit (the server's message under the dimmed last good
// image), in light and dark palettes, at the scale factor the test runs with (a second CTest
// entry sets QT_SCALE_FACTOR=2). PNGs go to MEDIADESK_SCREENSHOT_DIR as builder-*.png.
#include "accounts/session.h"
#include "builder/preview/beforeafterview.h"
#include "builder/preview/previewloader.h"
#include "builder/preview/previewpanel.h"
#include "builder/transformationbuilder.h"
#include "demo/demosession.h"

#include "api/apiclient.h"
#include "api/imagekit.h"
#include "transform/transformationdocument.h"

#include <QApplication>
#include <QDir>
#include <QPalette>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QtTest>

#include <optional>

namespace {

constexpr int WaitMs = 20000;

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2b, 0x2b), base(0x1e, 0x1e, 0x1e), text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, QColor(0x35, 0x84, 0xe4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    p.setColor(QPalette::Mid, QColor(0x40, 0x40, 0x40));
    return p;
}

// The "done when" chain: a resize, a crop, then a text layer.
ik::TransformationDocument doneWhenChain(const QString &path)
{
    ik::TransformationDocument document;
    document.path = path;
    ik::TransformationStepSpec resize;
    resize.parameters = {{QStringLiteral("w"), QStringLiteral("640")}};
    ik::TransformationStepSpec crop;
    crop.parameters = {{QStringLiteral("w"), QStringLiteral("480")}, {QStringLiteral("h"), QStringLiteral("360")},
                       {QStringLiteral("cm"), QStringLiteral("extract")}};
    ik::TransformationStepSpec text;
    ik::LayerSpec layer;
    layer.kind = ik::LayerSpec::Kind::Text;
    layer.input = QStringLiteral("Mediadesk");
    layer.parameters = {{QStringLiteral("fs"), QStringLiteral("42")}, {QStringLiteral("co"), QStringLiteral("FFFFFF")},
                        {QStringLiteral("bg"), QStringLiteral("00000099")}, {QStringLiteral("pa"), QStringLiteral("12")},
                        {QStringLiteral("lx"), QStringLiteral("24")}, {QStringLiteral("ly"), QStringLiteral("24")}};
    text.layers = {layer};
    document.steps = {resize, crop, text};
    return document;
}

} // namespace

class TestBuilderScreenshots : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ikui::Session *m_demo = nullptr;
    QString m_outDir;
    QString m_scaleTag;
    QString m_filePath;

    void save(QWidget *widget, const QString &name)
    {
        const QPixmap shot = widget->grab();
        QVERIFY(!shot.isNull());
        const QString path = QDir(m_outDir).filePath(QStringLiteral("builder-%1-%2.png").arg(name, m_scaleTag));
        QVERIFY2(shot.save(path), qPrintable(path));
        QVERIFY(QFileInfo(path).size() > 1000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        m_outDir = QStringLiteral(MEDIADESK_SCREENSHOT_DIR);
        QVERIFY(QDir().mkpath(m_outDir));
        const double scale = qEnvironmentVariableIsSet("QT_SCALE_FACTOR")
            ? qEnvironmentVariable("QT_SCALE_FACTOR").toDouble() : 1.0;
        m_scaleTag = QStringLiteral("%1x").arg(scale);
        QString error;
        m_demo = ikui::DemoSession::start(&error, this, m_dir.filePath(QStringLiteral("demo")));
        QVERIFY2(m_demo, qPrintable(error));

        // A landscape photo of the demo library.
        ik::ListFilesOptions options;
        options.path = QStringLiteral("/photos");
        options.fileType = QStringLiteral("image");
        ik::FileListJob *job = m_demo->imageKit().listFiles(options);
        std::optional<ik::FileList> list;
        bool done = false;
        connect(job, &ik::FileListJob::finished, this, [&](const ik::FileList &result) { list = result; });
        connect(job, &ik::ApiJob::done, this, [&] { done = true; });
        QVERIFY(QTest::qWaitFor([&] { return done; }, WaitMs));
        QVERIFY(list.has_value());
        for (const ik::FileItem &file : list->files) {
            if (file.width && file.height && *file.width > *file.height && *file.width >= 960) {
                m_filePath = file.filePath;
                break;
            }
        }
        QVERIFY2(!m_filePath.isEmpty(), "the demo library has a landscape photo");
    }

    void preview_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    void preview()
    {
        QFETCH(bool, dark);
        const QPalette original = QApplication::palette();
        QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
        const QString theme = dark ? QStringLiteral("dark") : QStringLiteral("light");
        {
            ikui::TransformationBuilder window(m_demo);
            window.resize(1400, 900);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            ikui::PreviewPanel *panel = window.preview();
            QVERIFY(panel);

            window.setDocument(doneWhenChain(m_filePath));
            QVERIFY2(!window.currentUrl().isEmpty(), qPrintable(window.urlError()));
            panel->loader()->flush();
            QVERIFY(QTest::qWaitFor([&] { return !panel->isBusy() && panel->lastResult().isValid()
                                                 && !panel->view()->originalImage().isNull(); }, WaitMs));
            QVERIFY2(panel->errorText().isEmpty(), qPrintable(panel->errorText()));
            QCOMPARE(panel->lastResult().url, QUrl(window.currentUrl()));
            QCOMPARE(panel->lastResult().pixelSize, QSize(480, 360));
            panel->view()->setSplitPosition(0.42);
            save(&window, QStringLiteral("window-") + theme);

            panel->setMode(ikui::BeforeAfterView::Mode::SideBySide);
            save(&window, QStringLiteral("window-side-by-side-") + theme);

            // An invalid edit: the server's message, the last good image dimmed.
            panel->setMode(ikui::BeforeAfterView::Mode::Split);
            ik::TransformationDocument invalid = doneWhenChain(m_filePath);
            invalid.steps[1].parameters.append({QStringLiteral("c"), QStringLiteral("squash")});
            window.setDocument(invalid);
            panel->loader()->flush();
            QVERIFY(QTest::qWaitFor([&] { return !panel->isBusy() && !panel->errorText().isEmpty(); }, WaitMs));
            QVERIFY(panel->view()->isTransformedDimmed());
            save(&window, QStringLiteral("window-error-") + theme);
            save(panel, QStringLiteral("preview-error-") + theme);
        }
        QApplication::setPalette(original);
    }
};

QTEST_MAIN(TestBuilderScreenshots)
#include "tst_builder_screenshots.moc"
