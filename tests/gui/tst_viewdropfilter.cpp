// ViewDropFilter on real views: synthetic drag events on a QListView and a QTreeView over a small
// QStandardItemModel, through the two policies the browser uses (FolderDropHandler: our own ids
// move onto a folder row; FileDropHandler: local files upload to the folder under the cursor or,
// like the upload controller's rule, to the current folder elsewhere) and a bare test policy.
#include "browser/folderdrophandler.h"
#include "browser/viewdropfilter.h"
#include "models/filelistmodel.h"
#include "uploads/filedrophandler.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QDragMoveEvent>
#include <QDropEvent>
#include <QListView>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTreeView>
#include <QUrl>
#include <QtTest>

#include <memory>

namespace {

const QString CurrentFolder = QStringLiteral("/current");

QStandardItem *entry(const QString &name, const QString &path, const QString &id, bool folder)
{
    auto *item = new QStandardItem(name);
    item->setData(path, ikui::FileListModel::PathRole);
    item->setData(id, ikui::FileListModel::FileIdRole);
    item->setData(folder, ikui::FileListModel::IsFolderRole);
    item->setDropEnabled(false); // the view itself never takes a drop: only the filters do
    return item;
}

// /photos (folder, with the folder /photos/summer below it in the tree), /archive (folder), /a.jpg (file).
void fill(QStandardItemModel &model)
{
    QStandardItem *photos = entry(QStringLiteral("photos"), QStringLiteral("/photos"), QStringLiteral("id-photos"), true);
    photos->appendRow(entry(QStringLiteral("summer"), QStringLiteral("/photos/summer"), QStringLiteral("id-summer"), true));
    model.appendRow(photos);
    model.appendRow(entry(QStringLiteral("archive"), QStringLiteral("/archive"), QStringLiteral("id-archive"), true));
    model.appendRow(entry(QStringLiteral("a.jpg"), QStringLiteral("/a.jpg"), QStringLiteral("id-a"), false));
}

std::unique_ptr<QMimeData> idsDrag(const QStringList &ids)
{
    auto data = std::make_unique<QMimeData>();
    data->setData(ikui::FileListModel::idsMimeType(), ids.join(QLatin1Char('\n')).toUtf8());
    return data;
}

std::unique_ptr<QMimeData> localFilesDrag(const QStringList &paths)
{
    auto data = std::make_unique<QMimeData>();
    QList<QUrl> urls;
    for (const QString &path : paths)
        urls << QUrl::fromLocalFile(path);
    data->setUrls(urls);
    return data;
}

// The upload controller's rule for the grid and the list: the folder row under the cursor, else
// the listed folder.
ikui::FileDropHandler *uploadFilterOn(QAbstractItemView *view)
{
    return new ikui::FileDropHandler(view, [view](const QPoint &pos) {
        const QString folder = ikui::ViewDropFilter::folderRowAt(view, pos);
        return folder.isEmpty() ? CurrentFolder : folder;
    });
}

// What the viewport made of one drag: enter, one move and the drop at `pos`, sent as a real drag
// would deliver them (through every event filter, then the view).
struct DragOutcome
{
    bool enterAccepted = false;
    bool moveAccepted = false;
    Qt::DropAction moveAction = Qt::IgnoreAction;
    bool dropAccepted = false;
    Qt::DropAction dropAction = Qt::IgnoreAction;
};

DragOutcome dragAndDrop(QAbstractItemView *view, const QPoint &pos, const QMimeData *data,
                        Qt::DropActions offered = Qt::CopyAction | Qt::MoveAction)
{
    DragOutcome outcome;
    QDragEnterEvent enter(pos, offered, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &enter);
    outcome.enterAccepted = enter.isAccepted();
    QDragMoveEvent move(pos, offered, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &move);
    outcome.moveAccepted = move.isAccepted();
    outcome.moveAction = move.dropAction();
    QDropEvent drop(pos, offered, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &drop);
    outcome.dropAccepted = drop.isAccepted();
    outcome.dropAction = drop.dropAction();
    return outcome;
}

// A bare policy: text/plain drags carry one line per item, and only the folder row "/archive"
// takes them; drops are recorded.
class ArchiveTextFilter : public ikui::ViewDropFilter
{
public:
    explicit ArchiveTextFilter(QAbstractItemView *view)
        : ViewDropFilter(view, Qt::LinkAction, OfferRule::ActionMustBeOffered)
    {
    }

    QList<QPair<QStringList, QString>> delivered;

protected:
    QStringList payloadOf(const QMimeData *data) const override
    {
        return data && data->hasText() ? data->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts) : QStringList();
    }
    QString targetFolderFor(const QStringList &, const QPoint &pos) const override
    {
        const QString folder = folderRowAt(view(), pos);
        return folder == QStringLiteral("/archive") ? folder : QString();
    }
    void deliver(const QStringList &payload, const QString &targetFolder) override
    {
        delivered.append({payload, targetFolder});
    }
};

} // namespace

class TestViewDropFilter : public QObject
{
    Q_OBJECT

private:
    QStandardItemModel m_model;
    std::unique_ptr<QListView> m_list;
    std::unique_ptr<QTreeView> m_tree;

    // A fresh view of `kind` ("list" or "tree") showing every row, with room below the rows.
    QAbstractItemView *freshView(const QString &kind)
    {
        m_list.reset();
        m_tree.reset();
        QAbstractItemView *view = nullptr;
        if (kind == QLatin1String("tree")) {
            m_tree = std::make_unique<QTreeView>();
            m_tree->setModel(&m_model);
            m_tree->expandAll();
            view = m_tree.get();
        } else {
            m_list = std::make_unique<QListView>();
            m_list->setModel(&m_model);
            view = m_list.get();
        }
        view->resize(320, 400);
        view->show();
        if (!QTest::qWaitForWindowExposed(view))
            return nullptr;
        return view;
    }

    QPoint centreOf(QAbstractItemView *view, const QString &path) const
    {
        const QModelIndexList found = m_model.match(m_model.index(0, 0), ikui::FileListModel::PathRole, path, 1,
                                                    Qt::MatchExactly | Qt::MatchRecursive);
        return found.isEmpty() ? QPoint(-1, -1) : view->visualRect(found.first()).center();
    }

    static QPoint emptySpace(QAbstractItemView *view)
    {
        return QPoint(view->viewport()->width() / 2, view->viewport()->height() - 4);
    }

    static void addViews()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("list") << QStringLiteral("list");
        QTest::newRow("tree") << QStringLiteral("tree");
    }

private Q_SLOTS:
    void initTestCase()
    {
        fill(m_model);
        QCOMPARE(m_model.rowCount(), 3);
    }

    void folderRowAtFindsFolderRowsOnly_data() { addViews(); }
    void folderRowAtFindsFolderRowsOnly()
    {
        QFETCH(QString, kind);
        QAbstractItemView *view = freshView(kind);
        QVERIFY(view);
        QCOMPARE(ikui::ViewDropFilter::folderRowAt(view, centreOf(view, QStringLiteral("/photos"))), QStringLiteral("/photos"));
        QCOMPARE(ikui::ViewDropFilter::folderRowAt(view, centreOf(view, QStringLiteral("/archive"))), QStringLiteral("/archive"));
        QVERIFY(ikui::ViewDropFilter::folderRowAt(view, centreOf(view, QStringLiteral("/a.jpg"))).isEmpty());
        QVERIFY(!view->indexAt(emptySpace(view)).isValid());
        QVERIFY(ikui::ViewDropFilter::folderRowAt(view, emptySpace(view)).isEmpty());
        QVERIFY(ikui::ViewDropFilter::folderRowAt(nullptr, QPoint(1, 1)).isEmpty());
        if (kind == QLatin1String("tree")) {
            const QPoint nested = centreOf(view, QStringLiteral("/photos/summer"));
            QVERIFY(view->indexAt(nested).isValid());
            QCOMPARE(ikui::ViewDropFilter::folderRowAt(view, nested), QStringLiteral("/photos/summer"));
        }
    }

    void idsMoveOntoAFolderRowOnly_data() { addViews(); }
    void idsMoveOntoAFolderRowOnly()
    {
        QFETCH(QString, kind);
        QAbstractItemView *view = freshView(kind);
        QVERIFY(view);
        auto *handler = new ikui::FolderDropHandler(view);
        QCOMPARE(view->findChild<ikui::FolderDropHandler *>(), handler);
        QSignalSpy dropped(handler, &ikui::FolderDropHandler::idsDropped);
        const auto mime = idsDrag({QStringLiteral("id-a"), QStringLiteral("id-b")});

        const DragOutcome onFolder = dragAndDrop(view, centreOf(view, QStringLiteral("/archive")), mime.get());
        QVERIFY(onFolder.enterAccepted);
        QVERIFY(onFolder.moveAccepted);
        QCOMPARE(onFolder.moveAction, Qt::MoveAction);
        QVERIFY(onFolder.dropAccepted);
        QCOMPARE(onFolder.dropAction, Qt::MoveAction);
        QCOMPARE(dropped.size(), 1);
        QCOMPARE(dropped.first().at(0).toStringList(), QStringList({QStringLiteral("id-a"), QStringLiteral("id-b")}));
        QCOMPARE(dropped.first().at(1).toString(), QStringLiteral("/archive"));

        // A file row and empty space refuse: moving into the listed folder would change nothing.
        // The enter is still accepted, or the drag would get no moves to reach a folder with.
        for (const QPoint &refusing : {centreOf(view, QStringLiteral("/a.jpg")), emptySpace(view)}) {
            const DragOutcome off = dragAndDrop(view, refusing, mime.get());
            QVERIFY(off.enterAccepted);
            QVERIFY(!off.moveAccepted);
            QVERIFY(!off.dropAccepted);
        }
        QCOMPARE(dropped.size(), 1);

        // A folder never takes itself.
        const auto itself = idsDrag({QStringLiteral("id-archive")});
        QVERIFY(handler->targetFolderAt(centreOf(view, QStringLiteral("/archive")), {QStringLiteral("id-archive")}).isEmpty());
        QVERIFY(!dragAndDrop(view, centreOf(view, QStringLiteral("/archive")), itself.get()).dropAccepted);
        QVERIFY(dragAndDrop(view, centreOf(view, QStringLiteral("/photos")), itself.get()).dropAccepted);
        QCOMPARE(dropped.size(), 2);
        QCOMPARE(dropped.last().at(1).toString(), QStringLiteral("/photos"));
    }

    void ownDragsOfferingOnlyCopyStillMove()
    {
        // Our item drags offer the model's default action (Copy); the drop on a folder moves anyway.
        QAbstractItemView *view = freshView(QStringLiteral("list"));
        QVERIFY(view);
        auto *handler = new ikui::FolderDropHandler(view);
        QSignalSpy dropped(handler, &ikui::FolderDropHandler::idsDropped);
        const auto mime = idsDrag({QStringLiteral("id-a")});
        const DragOutcome outcome = dragAndDrop(view, centreOf(view, QStringLiteral("/photos")), mime.get(), Qt::CopyAction);
        QVERIFY(outcome.moveAccepted);
        QVERIFY(outcome.dropAccepted);
        QCOMPARE(dropped.size(), 1);
        QCOMPARE(dropped.first().at(1).toString(), QStringLiteral("/photos"));
    }

    void localFilesUploadToTheFolderUnderTheCursorOrTheCurrentOne_data() { addViews(); }
    void localFilesUploadToTheFolderUnderTheCursorOrTheCurrentOne()
    {
        QFETCH(QString, kind);
        QAbstractItemView *view = freshView(kind);
        QVERIFY(view);
        ikui::FileDropHandler *handler = uploadFilterOn(view);
        QSignalSpy dropped(handler, &ikui::FileDropHandler::filesDropped);
        const QStringList paths = {QStringLiteral("/home/ada/red.png"), QStringLiteral("/home/ada/album")};
        const auto mime = localFilesDrag({paths.at(0), paths.at(1) + QLatin1Char('/')});

        const QString nestedOrTop = kind == QLatin1String("tree") ? QStringLiteral("/photos/summer") : QStringLiteral("/photos");
        const QList<QPair<QPoint, QString>> spots = {
            {centreOf(view, nestedOrTop), nestedOrTop},
            {centreOf(view, QStringLiteral("/a.jpg")), CurrentFolder},
            {emptySpace(view), CurrentFolder},
        };
        for (const auto &[pos, folder] : spots) {
            QCOMPARE(handler->dropTargetFor(mime.get(), pos), folder);
            const DragOutcome outcome = dragAndDrop(view, pos, mime.get());
            QVERIFY(outcome.enterAccepted);
            QVERIFY(outcome.moveAccepted);
            QCOMPARE(outcome.moveAction, Qt::CopyAction); // uploading copies
            QVERIFY(outcome.dropAccepted);
            QCOMPARE(outcome.dropAction, Qt::CopyAction);
            QCOMPARE(dropped.last().at(0).toStringList(), paths);
            QCOMPARE(dropped.last().at(1).toString(), folder);
        }
        QCOMPARE(dropped.size(), spots.size());
    }

    void localFilesRefused_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("spot");
        QTest::addColumn<Qt::DropActions>("offered");
        // The tree's rule: only a folder row takes an upload.
        QTest::newRow("tree, empty space") << QStringLiteral("tree") << QString() << (Qt::CopyAction | Qt::MoveAction);
        // A file manager offering only Move must never have the user's files moved away.
        QTest::newRow("folder row, Move only") << QStringLiteral("list") << QStringLiteral("/photos")
                                               << Qt::DropActions(Qt::MoveAction);
    }
    void localFilesRefused()
    {
        QFETCH(QString, kind);
        QFETCH(QString, spot);
        QFETCH(Qt::DropActions, offered);
        QAbstractItemView *view = freshView(kind);
        QVERIFY(view);
        auto *handler = new ikui::FileDropHandler(view, [view](const QPoint &pos) {
            return ikui::ViewDropFilter::folderRowAt(view, pos);
        });
        QSignalSpy dropped(handler, &ikui::FileDropHandler::filesDropped);
        const auto mime = localFilesDrag({QStringLiteral("/home/ada/red.png")});
        const QPoint pos = spot.isEmpty() ? emptySpace(view) : centreOf(view, spot);
        const DragOutcome outcome = dragAndDrop(view, pos, mime.get(), offered);
        QVERIFY(outcome.enterAccepted); // the drag may still move on to a spot that takes it
        QVERIFY(!outcome.moveAccepted);
        QVERIFY(!outcome.dropAccepted);
        QVERIFY(dropped.isEmpty());
    }

    void foreignDragsAreLeftToTheView()
    {
        QAbstractItemView *view = freshView(QStringLiteral("list"));
        QVERIFY(view);
        QObject *folders = new ikui::FolderDropHandler(view);
        QObject *uploads = uploadFilterOn(view);
        QMimeData text;
        text.setText(QStringLiteral("just words"));
        QMimeData web;
        web.setUrls({QUrl(QStringLiteral("https://example.com/a.png"))});
        QMimeData mixed; // a web link among local files is no faithful upload
        mixed.setUrls({QUrl::fromLocalFile(QStringLiteral("/home/ada/red.png")), QUrl(QStringLiteral("https://example.com/a.png"))});
        const QPoint onFolder = centreOf(view, QStringLiteral("/photos"));
        for (const QMimeData *foreign : {static_cast<const QMimeData *>(&text), static_cast<const QMimeData *>(&web),
                                          static_cast<const QMimeData *>(&mixed)}) {
            for (QObject *filter : {folders, uploads}) {
                QDragEnterEvent enter(onFolder, Qt::CopyAction, foreign, Qt::LeftButton, Qt::NoModifier);
                QVERIFY(!filter->eventFilter(view->viewport(), &enter));
                QVERIFY(!enter.isAccepted()); // untouched: the view decides
                QDragMoveEvent move(onFolder, Qt::CopyAction, foreign, Qt::LeftButton, Qt::NoModifier);
                QVERIFY(!filter->eventFilter(view->viewport(), &move));
                QDropEvent drop(onFolder, Qt::CopyAction, foreign, Qt::LeftButton, Qt::NoModifier);
                QVERIFY(!filter->eventFilter(view->viewport(), &drop));
                QVERIFY(!drop.isAccepted());
            }
        }
        // Events of other widgets are never the filter's, even with its own kind of drag.
        const auto ids = idsDrag({QStringLiteral("id-a")});
        QDropEvent elsewhere(onFolder, Qt::MoveAction, ids.get(), Qt::LeftButton, Qt::NoModifier);
        QVERIFY(!folders->eventFilter(view, &elsewhere));
        QVERIFY(!elsewhere.isAccepted());
    }

    void bothPoliciesOnOneViewportTakeOnlyTheirOwn_data()
    {
        QTest::addColumn<bool>("foldersFirst");
        QTest::newRow("folder filter installed first") << true;
        QTest::newRow("upload filter installed first") << false;
    }
    void bothPoliciesOnOneViewportTakeOnlyTheirOwn()
    {
        QFETCH(bool, foldersFirst);
        QAbstractItemView *view = freshView(QStringLiteral("list"));
        QVERIFY(view);
        // The filter installed last sees the events first.
        ikui::FolderDropHandler *folders = nullptr;
        ikui::FileDropHandler *uploads = nullptr;
        if (foldersFirst) {
            folders = new ikui::FolderDropHandler(view);
            uploads = uploadFilterOn(view);
        } else {
            uploads = uploadFilterOn(view);
            folders = new ikui::FolderDropHandler(view);
        }
        QSignalSpy moved(folders, &ikui::FolderDropHandler::idsDropped);
        QSignalSpy uploaded(uploads, &ikui::FileDropHandler::filesDropped);
        const QPoint onFolder = centreOf(view, QStringLiteral("/archive"));

        // Our own drag carries the ids and the files' URLs (for drag-out): it is a move, never an upload.
        auto own = idsDrag({QStringLiteral("id-a")});
        own->setUrls({QUrl::fromLocalFile(QStringLiteral("/tmp/drag-out/a.jpg"))});
        QVERIFY(dragAndDrop(view, onFolder, own.get()).dropAccepted);
        QCOMPARE(moved.size(), 1);
        QCOMPARE(uploaded.size(), 0);
        // Off a folder the move is refused, and the upload filter does not take it instead.
        QVERIFY(!dragAndDrop(view, emptySpace(view), own.get()).dropAccepted);
        QCOMPARE(moved.size(), 1);
        QCOMPARE(uploaded.size(), 0);

        // Local files: an upload, never a move, on a folder row and off it.
        const auto files = localFilesDrag({QStringLiteral("/home/ada/red.png")});
        for (const QPoint &pos : {onFolder, emptySpace(view)}) {
            const DragOutcome outcome = dragAndDrop(view, pos, files.get(), Qt::MoveAction | Qt::CopyAction);
            QVERIFY(outcome.dropAccepted);
            QCOMPARE(outcome.dropAction, Qt::CopyAction);
        }
        QCOMPARE(uploaded.size(), 2);
        QCOMPARE(uploaded.at(0).at(1).toString(), QStringLiteral("/archive"));
        QCOMPARE(uploaded.at(1).at(1).toString(), CurrentFolder);
        QCOMPARE(moved.size(), 1);
    }

    void aPolicyOfItsOwnGetsTheSameRules()
    {
        QAbstractItemView *view = freshView(QStringLiteral("tree"));
        QVERIFY(view);
        auto *filter = new ArchiveTextFilter(view);
        QCOMPARE(filter->view(), view);
        QCOMPARE(filter->action(), Qt::LinkAction);
        QMimeData text;
        text.setText(QStringLiteral("one\ntwo\n"));

        QVERIFY(!dragAndDrop(view, centreOf(view, QStringLiteral("/photos")), &text, Qt::LinkAction).dropAccepted);
        QVERIFY(!dragAndDrop(view, centreOf(view, QStringLiteral("/archive")), &text, Qt::CopyAction).dropAccepted);
        QVERIFY(filter->delivered.isEmpty());
        const DragOutcome outcome = dragAndDrop(view, centreOf(view, QStringLiteral("/archive")), &text,
                                                Qt::CopyAction | Qt::LinkAction);
        QVERIFY(outcome.moveAccepted);
        QCOMPARE(outcome.moveAction, Qt::LinkAction);
        QVERIFY(outcome.dropAccepted);
        QCOMPARE(outcome.dropAction, Qt::LinkAction);
        QCOMPARE(filter->delivered.size(), 1);
        QCOMPARE(filter->delivered.first().first, QStringList({QStringLiteral("one"), QStringLiteral("two")}));
        QCOMPARE(filter->delivered.first().second, QStringLiteral("/archive"));
        QCOMPARE(filter->dropTargetFor(&text, centreOf(view, QStringLiteral("/archive"))), QStringLiteral("/archive"));
        QVERIFY(filter->dropTargetFor(&text, centreOf(view, QStringLiteral("/photos"))).isEmpty());
        const auto ids = idsDrag({QStringLiteral("id-a")});
        QVERIFY(filter->dropTargetFor(ids.get(), centreOf(view, QStringLiteral("/archive"))).isEmpty());
    }
};

QTEST_MAIN(TestViewDropFilter)
#include "tst_viewdropfilter.moc"
