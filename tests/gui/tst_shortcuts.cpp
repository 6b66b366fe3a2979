// The browser's keyboard, driven by real key events on the offscreen platform against the demo
// emulator: arrows move the current item, Enter opens a folder, Backspace and Alt+Up go up, F2
// renames, Delete asks first, Ctrl+C copies the URL, Ctrl+F focuses the search, F5 reloads.
#include "browserwaits.h"
#include "demofixture.h"
#include "modaldialogs.h"

#include "session/session.h"
#include "shell/mainwindow.h"
#include "models/filelistmodel.h"
#include "search/searchbox.h"

#include "api/imagekit.h"

#include <QAbstractButton>
#include <QClipboard>
#include <QInputDialog>
#include <QMessageBox>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

namespace {

constexpr int WaitMs = 15000;

using guitest::onNextModal;
using guitest::rowOfName;

QStringList namesIn(ik::ImageKit &imageKit, const QString &folder)
{
    return guitest::namesIn(imageKit, folder, WaitMs);
}

} // namespace

class TestShortcuts : public QObject
{
    Q_OBJECT

private:
    guitest::DemoFixture m_demo{WaitMs};
    std::unique_ptr<ikui::MainWindow> m_window;

    bool waitForListing() { return guitest::waitForListing(*m_window, WaitMs); }

    auto *grid() const { return m_window->gridView(); }
    ikui::FileListModel *model() const { return m_window->fileModel(); }

    // Makes `name` the current and only selected item, with the grid focused.
    bool focusItem(const QString &name)
    {
        const int row = rowOfName(model(), name);
        if (row < 0)
            return false;
        grid()->setFocus();
        grid()->setCurrentIndex(model()->index(row, 0)); // selects it too (ExtendedSelection)
        return m_window->selectedIds().size() == 1;
    }

    QString firstFileIn(const QString &folder)
    {
        m_window->openFolder(folder);
        if (!waitForListing())
            return {};
        for (int row = 0; row < model()->rowCount(); ++row) {
            if (!model()->index(row, 0).data(ikui::FileListModel::IsFolderRole).toBool())
                return model()->index(row, 0).data(ikui::FileListModel::NameRole).toString();
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_demo.start(), qPrintable(m_demo.errorText()));
        m_window = std::make_unique<ikui::MainWindow>();
        m_window->setViewMode(ikui::MainWindow::ViewMode::Grid);
        m_window->resize(1100, 700);
        // Active: window shortcuts need the active window.
        QVERIFY2(m_demo.showWindow(*m_window, guitest::DemoFixture::Activation::Active), qPrintable(m_demo.errorText()));
    }

    // A closed dialog does not always give the activation back on offscreen: shortcuts need it.
    void init()
    {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

    void cleanupTestCase()
    {
        m_window.reset();
    }

    void arrowsMoveTheCurrentItem()
    {
        m_window->openFolder(QStringLiteral("/"));
        QVERIFY(waitForListing());
        QVERIFY(model()->rowCount() >= 4);
        grid()->setFocus();
        grid()->setCurrentIndex(model()->index(0, 0));
        QTest::keyClick(grid(), Qt::Key_Right);
        QCOMPARE(grid()->currentIndex().row(), 1);
        QTest::keyClick(grid(), Qt::Key_Left);
        QCOMPARE(grid()->currentIndex().row(), 0);
        // Down goes to the next line of the grid: further than one step, to the same column.
        QTest::keyClick(grid(), Qt::Key_Down);
        const int below = grid()->currentIndex().row();
        QVERIFY2(below > 1 || model()->rowCount() <= 2, qPrintable(QString::number(below)));
        QCOMPARE(grid()->visualRect(model()->index(below, 0)).left(), grid()->visualRect(model()->index(0, 0)).left());
        QTest::keyClick(grid(), Qt::Key_Up);
        QCOMPARE(grid()->currentIndex().row(), 0);
        // The selection follows, so the details pane and the actions see the current item.
        QCOMPARE(m_window->selectedIds(),
                 QStringList{model()->index(0, 0).data(ikui::FileListModel::FileIdRole).toString()});
    }

    void enterOpensAFolderBackspaceAndAltUpGoUp()
    {
        m_window->openFolder(QStringLiteral("/"));
        QVERIFY(waitForListing());
        QVERIFY(focusItem(QStringLiteral("photos")));
        QTest::keyClick(grid(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->currentFolder(), QStringLiteral("/photos"), WaitMs);
        QVERIFY(waitForListing());
        QVERIFY(focusItem(QStringLiteral("edits")));
        QTest::keyClick(grid(), Qt::Key_Enter); // the keypad's Enter too
        QTRY_COMPARE_WITH_TIMEOUT(m_window->currentFolder(), QStringLiteral("/photos/edits"), WaitMs);

        QTest::keyClick(grid(), Qt::Key_Backspace);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->currentFolder(), QStringLiteral("/photos"), WaitMs);
        QTest::keyClick(grid(), Qt::Key_Up, Qt::AltModifier);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->currentFolder(), QStringLiteral("/"), WaitMs);
    }

    void f2RenamesTheSelectedFile()
    {
        const QString name = firstFileIn(QStringLiteral("/patterns"));
        QVERIFY(!name.isEmpty());
        QVERIFY(focusItem(name));
        const QString newName = QStringLiteral("renamed-by-f2.png");
        QString proposed;
        onNextModal<QInputDialog>(this, [&proposed, newName](QInputDialog *dialog) {
            proposed = dialog->textValue();
            dialog->setTextValue(newName);
            dialog->accept();
        });
        QSignalSpy finished(m_window.get(), &ikui::MainWindow::operationFinished);
        QTest::keyClick(grid(), Qt::Key_F2);
        QCOMPARE(proposed, name); // the dialog starts from the current name
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, WaitMs);
        QVERIFY(finished.first().at(1).toBool());
        const QStringList onServer = namesIn(m_demo.imageKit(), QStringLiteral("/patterns"));
        QVERIFY(onServer.contains(newName));
        QVERIFY(!onServer.contains(name));
    }

    void deleteAsksAndCancelKeepsTheFile()
    {
        const QString name = firstFileIn(QStringLiteral("/posters"));
        QVERIFY(!name.isEmpty());
        QVERIFY(focusItem(name));
        QString question;
        onNextModal<QMessageBox>(this, [&question](QMessageBox *box) {
            question = box->text();
            box->button(QMessageBox::Cancel)->click();
        });
        QSignalSpy finished(m_window.get(), &ikui::MainWindow::operationFinished);
        QTest::keyClick(grid(), Qt::Key_Delete);
        QVERIFY2(question.contains(name), qPrintable(name + QLatin1String(" not in: ") + question));
        QTest::qWait(200);
        QCOMPARE(finished.size(), 0);
        QVERIFY(namesIn(m_demo.imageKit(), QStringLiteral("/posters")).contains(name));
        init();
        QVERIFY(focusItem(name));

        onNextModal<QMessageBox>(this, [](QMessageBox *box) { box->button(QMessageBox::Yes)->click(); });
        QTest::keyClick(grid(), Qt::Key_Delete);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, WaitMs);
        QVERIFY(finished.first().at(1).toBool());
        QVERIFY(!namesIn(m_demo.imageKit(), QStringLiteral("/posters")).contains(name));
    }

    void ctrlCCopiesTheUrl()
    {
        const QString name = firstFileIn(QStringLiteral("/shapes"));
        QVERIFY(!name.isEmpty());
        QVERIFY(focusItem(name));
        const QString url = model()->index(rowOfName(model(), name), 0).data(ikui::FileListModel::UrlRole).toString();
        QVERIFY(url.startsWith(QLatin1String("http")));
        QGuiApplication::clipboard()->setText(QStringLiteral("something else"));
        QTest::keyClick(grid(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), url);
    }

    void ctrlFFocusesTheSearch()
    {
        grid()->setFocus();
        QVERIFY(grid()->hasFocus());
        QTest::keyClick(grid(), Qt::Key_F, Qt::ControlModifier);
        QWidget *focus = QApplication::focusWidget();
        QVERIFY(focus);
        QVERIFY2(focus == m_window->searchBox() || m_window->searchBox()->isAncestorOf(focus),
                 focus->metaObject()->className());
    }

    void f5Reloads()
    {
        m_window->openFolder(QStringLiteral("/shapes"));
        QVERIFY(waitForListing());
        // Added behind the window's back: F5 shows it.
        ik::CreateFolderOptions options;
        options.folderName = QStringLiteral("madeElsewhere");
        options.parentFolderPath = QStringLiteral("/shapes");
        bool created = false;
        ik::EmptyResultJob *job = m_demo.imageKit().createFolder(options);
        connect(job, &ik::EmptyResultJob::finished, this, [&created] { created = true; });
        QTRY_VERIFY_WITH_TIMEOUT(created, WaitMs);
        QCOMPARE(rowOfName(model(), QStringLiteral("madeElsewhere")), -1);
        const int requests = model()->pageRequestCount();
        grid()->setFocus();
        QTest::keyClick(grid(), Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(model()->pageRequestCount() > requests, WaitMs);
        QVERIFY(waitForListing());
        QTRY_VERIFY2_WITH_TIMEOUT(rowOfName(model(), QStringLiteral("madeElsewhere")) >= 0,
                                 qPrintable(namesIn(m_demo.imageKit(), QStringLiteral("/shapes")).join(QLatin1Char(',')) + QLatin1String(" | ") + m_window->currentFolder()), WaitMs);
    }
};

QTEST_MAIN(TestShortcuts)
#include "tst_shortcuts.moc"
