// Screenshots for the README and for review: the welcome screen with saved accounts; the browser
// grid, details list with the details pane, and a folder job in progress, in light and dark palettes, at the scale factor the test
// runs with (a second CTest entry sets QT_SCALE_FACTOR=2). PNGs go to MEDIADESK_SCREENSHOT_DIR.
#include "demofixture.h"
#include "screenshotwriter.h"
#include "theme.h"

#include "session/session.h"
#include "accounts/keystore.h"
#include "accounts/profilestore.h"
#include "details/detailspane.h"
#include "shell/mainwindow.h"
#include "actions/fileactions.h"
#include "models/filelistmodel.h"
#include "activity/operationprogress.h"
#include "thumbnails/thumbnailprovider.h"
#include "welcome/welcomewidget.h"

#include <QApplication>
#include <QListWidget>
#include <QStyleFactory>
#include <QTreeView>
#include <QtTest>

namespace {

constexpr int WaitMs = 20000;

} // namespace

class TestScreenshots : public QObject
{
    Q_OBJECT

    guitest::DemoFixture m_demo{WaitMs};
    guitest::ScreenshotWriter m_shots;

    bool waitForThumbnails(ikui::MainWindow &window)
    {
        ikui::FileListModel *model = window.fileModel();
        if (!QTest::qWaitFor([&] { return !model->isLoading() && model->rowCount() > 0; }, WaitMs))
            return false;
        ikui::ThumbnailProvider *thumbnails = model->thumbnailProvider();
        // Thumbnails are a nicety here: take the picture even if some are still missing.
        const bool loaded = QTest::qWaitFor([&] { return thumbnails->loadedCount() > 0 && thumbnails->inFlightCount() == 0; }, WaitMs);
        if (!loaded)
            qWarning("thumbnails still loading: %d in flight", thumbnails->inFlightCount());
        QTest::qWait(100);
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QVERIFY2(m_demo.start(), qPrintable(m_demo.errorText()));
    }

    void welcome_data() { guitest::addThemeRows(); }
    void welcome()
    {
        QFETCH(guitest::Theme, theme);
        const guitest::ThemeScope palette(theme);
        {
            ikui::ProfileStore profiles(m_demo.filePath(QStringLiteral("welcome-%1.ini").arg(guitest::themeName(theme))));
            for (const char *name : {"work", "agency-clients", "personal"}) {
                ikui::Profile profile;
                profile.name = QLatin1String(name);
                profile.publicKey = QStringLiteral("public_%1").arg(profile.name);
                profile.urlEndpoint = QStringLiteral("https://ik.imagekit.io/%1").arg(profile.name);
                QVERIFY(profiles.save(profile));
            }
            profiles.setLastUsed(QStringLiteral("work"));
            ikui::KeyStore keys(QStringLiteral("Mediadesk-screenshots")); // never asked: nothing is connected
            ikui::WelcomeWidget welcome(&profiles, &keys);
            welcome.resize(900, 560);
            welcome.show();
            QVERIFY(QTest::qWaitForWindowExposed(&welcome));
            QCOMPARE(welcome.findChild<QListWidget *>(QStringLiteral("savedProfiles"))->count(), 3);
            QTest::qWait(50);
            QVERIFY2(m_shots.save(&welcome, QStringLiteral("welcome"), theme), qPrintable(m_shots.errorText()));
        }
    }

    void browser_data() { guitest::addThemeRows(); }
    void browser()
    {
        QFETCH(guitest::Theme, theme);
        const guitest::ThemeScope palette(theme);
        {
            ikui::MainWindow window;
            window.resize(1280, 800);
            QVERIFY2(m_demo.showWindow(window), qPrintable(m_demo.errorText()));
            window.openFolder(QStringLiteral("/shapes"));
            QVERIFY(waitForThumbnails(window));
            QVERIFY2(m_shots.save(&window, QStringLiteral("browser-grid"), theme), qPrintable(m_shots.errorText()));

            // Details list with a file selected and its details loaded.
            window.setViewMode(ikui::MainWindow::ViewMode::List);
            window.openFolder(QStringLiteral("/products"));
            QVERIFY(QTest::qWaitFor([&] { return !window.fileModel()->isLoading() && window.fileModel()->rowCount() > 1; }, WaitMs));
            int fileRow = 0;
            while (fileRow < window.fileModel()->rowCount()
                   && window.fileModel()->index(fileRow, 0).data(ikui::FileListModel::IsFolderRole).toBool())
                ++fileRow;
            window.listView()->selectionModel()->select(window.fileModel()->index(fileRow, 0),
                                                        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            QVERIFY(QTest::qWaitFor([&] { return window.detailsPane()->isLoaded() && window.detailsPane()->versionsLoaded()
                                                 && window.detailsPane()->metadataLoaded(); }, WaitMs));
            QTest::qWait(300); // the preview image
            QVERIFY2(m_shots.save(&window, QStringLiteral("browser-list"), theme), qPrintable(m_shots.errorText()));
            QVERIFY2(m_shots.save(window.detailsPane(), QStringLiteral("details-pane"), theme), qPrintable(m_shots.errorText()));

            // A folder job in progress: copying a folder stays Pending on the emulator for a while.
            window.setViewMode(ikui::MainWindow::ViewMode::Grid);
            window.openFolder(QStringLiteral("/"));
            QVERIFY(QTest::qWaitFor([&] { return !window.fileModel()->isLoading() && window.fileModel()->rowCount() > 0; }, WaitMs));
            const QString folderId = [&] {
                for (int row = 0; row < window.fileModel()->rowCount(); ++row) {
                    const QModelIndex index = window.fileModel()->index(row, 0);
                    if (index.data(ikui::FileListModel::NameRole).toString() == QLatin1String("icons"))
                        return index.data(ikui::FileListModel::FileIdRole).toString();
                }
                return QString();
            }();
            QVERIFY(!folderId.isEmpty());
            QSignalSpy finished(&window, &ikui::MainWindow::operationFinished);
            window.fileActions()->copyIdsTo({folderId}, QStringLiteral("/backups"));
            QVERIFY(QTest::qWaitFor([&] { return window.operationProgress()->isVisible()
                                                 && !window.operationProgress()->statusText().isEmpty(); }, WaitMs));
            QVERIFY2(m_shots.save(&window, QStringLiteral("job-in-progress"), theme), qPrintable(m_shots.errorText()));
            QVERIFY(finished.wait(WaitMs));
        }
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
