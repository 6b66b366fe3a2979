// Screenshots of the URL builder window for the README and for review: a demo photo with the
// issue's chain (a resize, a crop and a text layer) and its live preview, in split and
// side-by-side views, and an invalid edit (the server's message under the dimmed last good
// image), in light and dark palettes, at the scale factor the test runs with (a second CTest
// entry sets QT_SCALE_FACTOR=2). PNGs go to MEDIADESK_SCREENSHOT_DIR as builder-*.png.
#include "apiwait.h"
#include "demofixture.h"
#include "screenshotwriter.h"
#include "theme.h"

#include "session/session.h"
#include "builder/preview/beforeafterview.h"
#include "builder/preview/previewloader.h"
#include "builder/preview/previewpanel.h"
#include "builder/transformationbuilder.h"

#include "api/apiclient.h"
#include "api/imagekit.h"
#include "transform/transformationdocument.h"

#include <QApplication>
#include <QStyleFactory>
#include <QtTest>

namespace {

constexpr int WaitMs = 20000;

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

    guitest::DemoFixture m_demo{WaitMs};
    guitest::ScreenshotWriter m_shots{QStringLiteral("builder-")};
    QString m_filePath;

private Q_SLOTS:
    void initTestCase()
    {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QVERIFY2(m_demo.start(), qPrintable(m_demo.errorText()));

        // A landscape photo of the demo library.
        ik::ListFilesOptions options;
        options.path = QStringLiteral("/photos");
        options.fileType = QStringLiteral("image");
        const auto list = guitest::awaitResult<ik::FileListJob, ik::FileList>(m_demo.imageKit().listFiles(options), WaitMs);
        QVERIFY(list.has_value());
        for (const ik::FileItem &file : list->files) {
            if (file.width && file.height && *file.width > *file.height && *file.width >= 960) {
                m_filePath = file.filePath;
                break;
            }
        }
        QVERIFY2(!m_filePath.isEmpty(), "the demo library has a landscape photo");
    }

    void preview_data() { guitest::addThemeRows(); }
    void preview()
    {
        QFETCH(guitest::Theme, theme);
        const guitest::ThemeScope palette(theme);
        {
            ikui::TransformationBuilder window(m_demo.session());
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
            QVERIFY2(m_shots.save(&window, QStringLiteral("window"), theme), qPrintable(m_shots.errorText()));

            panel->setMode(ikui::BeforeAfterView::Mode::SideBySide);
            QVERIFY2(m_shots.save(&window, QStringLiteral("window-side-by-side"), theme), qPrintable(m_shots.errorText()));

            // An invalid edit: the server's message, the last good image dimmed.
            panel->setMode(ikui::BeforeAfterView::Mode::Split);
            ik::TransformationDocument invalid = doneWhenChain(m_filePath);
            invalid.steps[1].parameters.append({QStringLiteral("c"), QStringLiteral("squash")});
            window.setDocument(invalid);
            panel->loader()->flush();
            QVERIFY(QTest::qWaitFor([&] { return !panel->isBusy() && !panel->errorText().isEmpty(); }, WaitMs));
            QVERIFY(panel->view()->isTransformedDimmed());
            QVERIFY2(m_shots.save(&window, QStringLiteral("window-error"), theme), qPrintable(m_shots.errorText()));
            QVERIFY2(m_shots.save(panel, QStringLiteral("preview-error"), theme), qPrintable(m_shots.errorText()));
        }
    }
};

QTEST_MAIN(TestBuilderScreenshots)
#include "tst_builder_screenshots.moc"
