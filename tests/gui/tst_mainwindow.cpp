#include "shell/aboutdialog.h"
#include "shell/mainwindow.h"

#include <QAction>
#include <QLabel>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTimer>
#include <QtTest>

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void showsNameAndMenus()
    {
        ikui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Mediadesk"));

        QStringList menus;
        for (QAction *action : window.menuBar()->actions())
            menus << action->text().remove(QLatin1Char('&'));
        QCOMPARE(menus, (QStringList{QStringLiteral("File"), QStringLiteral("Edit"), QStringLiteral("View"),
                                     QStringLiteral("Go"), QStringLiteral("Tools"), QStringLiteral("Help")}));
        // Without a session the operations are off and the start page shows.
        QVERIFY(!window.findChild<QAction *>(QStringLiteral("actionNewFolder"))->isEnabled());
        QVERIFY(!window.findChild<QAction *>(QStringLiteral("actionDelete"))->isEnabled());
        QCOMPARE(window.findChild<QAction *>(QStringLiteral("actionRename"))->shortcut(), QKeySequence(Qt::Key_F2));
        QCOMPARE(window.findChild<QAction *>(QStringLiteral("actionRefresh"))->shortcut(), QKeySequence(QKeySequence::Refresh));
    }

    void aboutBoxOpensFromHelpMenu()
    {
        ikui::MainWindow window;
        window.show();
        auto *about = window.findChild<QAction *>(QStringLiteral("actionAbout"));
        QVERIFY(about);

        // exec() is modal: inspect and close it from the event loop it runs.
        QString shownText;
        QTimer::singleShot(0, &window, [&] {
            auto *dialog = window.findChild<ikui::AboutDialog *>();
            QVERIFY(dialog);
            auto *text = dialog->findChild<QLabel *>(QStringLiteral("aboutText"));
            QVERIFY(text);
            shownText = text->text();
            dialog->reject();
        });
        about->trigger();
        QVERIFY(shownText.contains(QStringLiteral("Mediadesk")));
        QVERIFY(shownText.contains(QStringLiteral(MEDIADESK_VERSION)));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
