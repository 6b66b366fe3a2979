// Screenshots for the README and for review: the welcome screen with saved accounts; the browser
// grid, details list with the details pane, and a folder job in progress, in light and dark palettes, at the scale factor the test
// runs with (a second CTest entry sets QT_SCALE_FACTOR=2). PNGs go to MEDIADESK_SCREENSHOT_DIR.
#include "accounts/session.h"
#include "accounts/storage/keystore.h"
#include "accounts/storage/profilestore.h"
#include "demo/demosession.h"
#include "details/detailspane.h"
#include "mainwindow.h"
#include "models/filelistmodel.h"
#include "operations/operationprogress.h"
#include "thumbnails/thumbnailprovider.h"
#include "welcome/welcomewidget.h"

#include <QApplication>
#include <QDir>
#include <QListView>
#include <QListWidget>
#include <QPalette>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

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
    return p;
}

} // namespace

class TestScreenshots : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ikui::Session *m_demo = nullptr;
    QString m_outDir;
    QString m_scaleTag;

    void save(QWidget *widget, const QString &name)
    {
        const QPixmap shot = widget->grab();
        QVERIFY(!shot.isNull());
        const QString path = QDir(m_outDir).filePath(QStringLiteral("%1-%2.png").arg(name, m_scaleTag));
        QVERIFY2(shot.save(path), qPrintable(path));
        QVERIFY(QFileInfo(path).size() > 1000);
    }

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
    }

    void welcome_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    void welcome()
    {
        QFETCH(bool, dark);
        const QPalette original = QApplication::palette();
        QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
        {
            ikui::ProfileStore profiles(m_dir.filePath(QStringLiteral("welcome-%1.ini").arg(dark)));
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
            save(&welcome, QStringLiteral("welcome-") + (dark ? QStringLiteral("dark") : QStringLiteral("light")));
        }
        QApplication::setPalette(original);
    }

    void browser_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    void browser()
    {
        QFETCH(bool, dark);
        const QPalette original = QApplication::palette();
        QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
        const QString theme = dark ? QStringLiteral("dark") : QStringLiteral("light");
        {
            ikui::MainWindow window;
            window.resize(1280, 800);
            window.setSession(m_demo);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.openFolder(QStringLiteral("/shapes"));
            QVERIFY(waitForThumbnails(window));
            save(&window, QStringLiteral("browser-grid-") + theme);

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
            save(&window, QStringLiteral("browser-list-") + theme);
            save(window.detailsPane(), QStringLiteral("details-pane-") + theme);

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
            window.copyIdsTo({folderId}, QStringLiteral("/backups"));
            QVERIFY(QTest::qWaitFor([&] { return window.operationProgress()->isVisible()
                                                 && !window.operationProgress()->statusText().isEmpty(); }, WaitMs));
            save(&window, QStringLiteral("job-in-progress-") + theme);
            QVERIFY(finished.wait(WaitMs));
        }
        QApplication::setPalette(original);
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
