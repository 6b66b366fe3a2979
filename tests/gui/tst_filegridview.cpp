// FileGridView: the browser's uniform-cell grid. Geometry by arithmetic must agree with what is
// painted, with indexAt(), with the keyboard and with selection by rubber band, and it must page
// a lazily-fetching model like any item view.
#include "browser/filegridview.h"

#include <QAbstractListModel>
#include <QAccessible>
#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QTest>

namespace {

constexpr int ItemWidth = 40;
constexpr int ItemHeight = 30;
constexpr int Spacing = 4;

// Paints every cell in a colour made from its row, so a grab shows which row is where.
class RowColourDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    static QColor colourFor(int row) { return QColor::fromRgb(QRgb(0xff000000u | (quint32(row * 7919 + 17) & 0xffffffu))); }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        painter->fillRect(option.rect, colourFor(index.row()));
    }
    QSize sizeHint(const QStyleOptionViewItem &, const QModelIndex &) const override { return {ItemWidth, ItemHeight}; }
};

// A model that hands out its rows a page at a time, like FileListModel.
class PagedModel : public QAbstractListModel
{
public:
    PagedModel(int total, int page)
        : m_total(total)
        , m_page(page)
    {
    }
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : m_loaded; }
    QVariant data(const QModelIndex &index, int role) const override
    {
        return role == Qt::DisplayRole ? QVariant(QString::number(index.row())) : QVariant();
    }
    bool canFetchMore(const QModelIndex &parent) const override { return !parent.isValid() && m_loaded < m_total; }
    void fetchMore(const QModelIndex &parent) override
    {
        if (!canFetchMore(parent))
            return;
        const int count = qMin(m_page, m_total - m_loaded);
        beginInsertRows({}, m_loaded, m_loaded + count - 1);
        m_loaded += count;
        endInsertRows();
        ++fetches;
    }
    int fetches = 0;

private:
    int m_total;
    int m_page;
    int m_loaded = 0;
};

QStandardItemModel *makeModel(int rows, QObject *parent)
{
    auto *model = new QStandardItemModel(parent);
    for (int row = 0; row < rows; ++row)
        model->appendRow(new QStandardItem(QStringLiteral("item %1").arg(row)));
    return model;
}

} // namespace

class TestFileGridView : public QObject
{
    Q_OBJECT

private:
    // A view whose viewport is exactly `viewport` pixels.
    std::unique_ptr<ikui::FileGridView> makeView(QAbstractItemModel *model, const QSize &viewport)
    {
        auto view = std::make_unique<ikui::FileGridView>();
        view->setItemDelegate(new RowColourDelegate(view.get()));
        view->setSpacing(Spacing);
        view->setSelectionMode(QAbstractItemView::ExtendedSelection);
        view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
        view->setModel(model);
        view->resize(viewport);
        view->show();
        if (!QTest::qWaitForWindowExposed(view.get()))
            return nullptr;
        view->resize(view->size() + viewport - view->viewport()->size());
        QCoreApplication::processEvents();
        view->doItemsLayout();
        return view;
    }

private Q_SLOTS:
    void cellsFollowReadingOrderWithSpacing()
    {
        QStandardItemModel *model = makeModel(50, this);
        auto view = makeView(model, QSize(200, 120));
        QVERIFY(view);
        // (200 - 4) / 44 = 4 columns.
        QCOMPARE(view->columnCount(), 4);
        for (int row = 0; row < model->rowCount(); ++row) {
            const QRect rect = view->visualRect(model->index(row, 0));
            QCOMPARE(rect.size(), QSize(ItemWidth, ItemHeight));
            QCOMPARE(rect.left(), Spacing + (row % 4) * (ItemWidth + Spacing));
            QCOMPARE(rect.top(), Spacing + (row / 4) * (ItemHeight + Spacing));
        }
    }

    void indexAtInvertsVisualRectAndSkipsTheSpacing()
    {
        QStandardItemModel *model = makeModel(50, this);
        auto view = makeView(model, QSize(200, 120));
        QVERIFY(view);
        view->verticalScrollBar()->setValue(57); // mid-cell offset
        for (int row = 0; row < model->rowCount(); ++row) {
            const QRect rect = view->visualRect(model->index(row, 0));
            for (const QPoint &point : {rect.topLeft(), rect.center(), rect.bottomRight()})
                QCOMPARE(view->indexAt(point).row(), row);
            QVERIFY(!view->indexAt(rect.topLeft() - QPoint(1, 0)).isValid() || rect.left() == 0);
            QVERIFY(!view->indexAt(rect.bottomRight() + QPoint(1, 1)).isValid());
        }
        // Past the last cell of a short last row: nothing.
        const QRect last = view->visualRect(model->index(49, 0));
        QVERIFY(!view->indexAt(last.center() + QPoint(ItemWidth + Spacing, 0)).isValid());
    }

    void rowsInViewportAreExactlyTheCellsOnScreen()
    {
        QStandardItemModel *model = makeModel(500, this);
        auto view = makeView(model, QSize(200, 120));
        QVERIFY(view);
        for (int offset : {0, 1, 33, 34, 500, 1234, view->verticalScrollBar()->maximum()}) {
            view->verticalScrollBar()->setValue(offset);
            const QPair<int, int> range = view->rowsInViewport();
            int first = -1;
            int last = -1;
            for (int row = 0; row < model->rowCount(); ++row) {
                if (view->visualRect(model->index(row, 0)).intersects(view->viewport()->rect())) {
                    if (first < 0)
                        first = row;
                    last = row;
                }
            }
            QCOMPARE(range.first, first);
            QCOMPARE(range.second, last);
        }
    }

    void paintsEachRowWhereVisualRectSaysItIs()
    {
        QStandardItemModel *model = makeModel(200, this);
        auto view = makeView(model, QSize(200, 120));
        QVERIFY(view);
        view->verticalScrollBar()->setValue(150);
        QCoreApplication::processEvents();
        const QImage image = view->viewport()->grab().toImage();
        const qreal ratio = image.devicePixelRatio();
        const QPair<int, int> range = view->rowsInViewport();
        QVERIFY(range.first > 0);
        int checked = 0;
        for (int row = range.first; row <= range.second; ++row) {
            const QRect rect = view->visualRect(model->index(row, 0)).intersected(view->viewport()->rect());
            const QPoint centre = rect.center();
            QCOMPARE(QColor(image.pixel(QPoint(int(centre.x() * ratio), int(centre.y() * ratio)))), RowColourDelegate::colourFor(row));
            ++checked;
        }
        QVERIFY(checked >= 12);
    }

    void scrollRangeCoversEveryRowAndScrollToReachesTheLast()
    {
        QStandardItemModel *model = makeModel(1001, this);
        auto view = makeView(model, QSize(200, 120));
        QVERIFY(view);
        const int gridRows = (1001 + 3) / 4;
        QCOMPARE(view->verticalScrollBar()->maximum(), Spacing + gridRows * (ItemHeight + Spacing) - 120);
        view->scrollTo(model->index(1000, 0));
        QVERIFY(view->viewport()->rect().contains(view->visualRect(model->index(1000, 0))));
        view->scrollTo(model->index(0, 0));
        QCOMPARE(view->verticalScrollBar()->value(), 0);
    }

    void appendedRowsLeaveTheCellsOnScreenInPlace()
    {
        QStandardItemModel *model = makeModel(100, this);
        auto view = makeView(model, QSize(200, 120));
        QVERIFY(view);
        view->verticalScrollBar()->setValue(40);
        const QRect before = view->visualRect(model->index(20, 0));
        const int maximumBefore = view->verticalScrollBar()->maximum();
        for (int i = 0; i < 400; ++i)
            model->appendRow(new QStandardItem(QStringLiteral("more")));
        QCOMPARE(view->visualRect(model->index(20, 0)), before);
        QCOMPARE(view->verticalScrollBar()->value(), 40);
        QCOMPARE(view->verticalScrollBar()->maximum(), maximumBefore + 100 * (ItemHeight + Spacing));
        model->removeRows(0, 490); // 10 rows left: 3 grid rows fit in 120 px
        QTRY_COMPARE(view->verticalScrollBar()->maximum(), 0);
    }

    void resizingChangesTheColumnsAndCellsFollow()
    {
        QStandardItemModel *model = makeModel(60, this);
        auto view = makeView(model, QSize(200, 120));
        QVERIFY(view);
        QCOMPARE(view->columnCount(), 4);
        view->resize(view->size() + QSize(88, 0));
        QCoreApplication::processEvents();
        QCOMPARE(view->columnCount(), 6);
        QCOMPARE(view->visualRect(model->index(6, 0)).topLeft(), QPoint(Spacing, Spacing + ItemHeight + Spacing));
        QCOMPARE(view->indexAt(view->visualRect(model->index(17, 0)).center()).row(), 17);
    }

    void keyboardMovesByCellRowAndPage()
    {
        QStandardItemModel *model = makeModel(30, this); // 4 columns: the last grid row holds 28 and 29
        auto view = makeView(model, QSize(200, 120));
        QVERIFY(view);
        view->setFocus();
        view->setCurrentIndex(model->index(0, 0));
        QTest::keyClick(view.get(), Qt::Key_Right);
        QCOMPARE(view->currentIndex().row(), 1);
        QTest::keyClick(view.get(), Qt::Key_Down);
        QCOMPARE(view->currentIndex().row(), 5);
        QTest::keyClick(view.get(), Qt::Key_Left);
        QCOMPARE(view->currentIndex().row(), 4);
        QTest::keyClick(view.get(), Qt::Key_Up);
        QCOMPARE(view->currentIndex().row(), 0);
        QTest::keyClick(view.get(), Qt::Key_Up); // already on the first grid row
        QCOMPARE(view->currentIndex().row(), 0);
        QTest::keyClick(view.get(), Qt::Key_PageDown); // 120 px show 3 grid rows
        QCOMPARE(view->currentIndex().row(), 12);
        QTest::keyClick(view.get(), Qt::Key_End);
        QCOMPARE(view->currentIndex().row(), 29);
        QVERIFY(view->viewport()->rect().contains(view->visualRect(view->currentIndex())));
        view->setCurrentIndex(model->index(27, 0));
        QTest::keyClick(view.get(), Qt::Key_Down); // into the shorter last row: its last cell
        QCOMPARE(view->currentIndex().row(), 29);
        QTest::keyClick(view.get(), Qt::Key_Home);
        QCOMPARE(view->currentIndex().row(), 0);
        QCOMPARE(view->verticalScrollBar()->value(), 0);
        QTest::keyClick(view.get(), Qt::Key_Right, Qt::ShiftModifier);
        QTest::keyClick(view.get(), Qt::Key_Down, Qt::ShiftModifier);
        // Shift selects the block between the anchor and the current cell, as QListView's icon mode does.
        QList<int> selected;
        for (const QModelIndex &index : view->selectionModel()->selectedRows())
            selected.append(index.row());
        std::sort(selected.begin(), selected.end());
        QCOMPARE(selected, (QList<int>{0, 1, 4, 5}));
    }

    void clicksAndRubberBandSelectTheCellsTheyTouch()
    {
        QStandardItemModel *model = makeModel(40, this);
        auto view = makeView(model, QSize(200, 120));
        QVERIFY(view);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(model->index(5, 0)).center());
        QCOMPARE(view->selectionModel()->selectedRows().size(), 1);
        QCOMPARE(view->currentIndex().row(), 5);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::ControlModifier, view->visualRect(model->index(7, 0)).center());
        QCOMPARE(view->selectionModel()->selectedRows().size(), 2);

        // From the spacing left of cell 1 to the middle of cell 10: columns 1-2, grid rows 0-2.
        const QPoint from = view->visualRect(model->index(1, 0)).topLeft() - QPoint(2, 2);
        const QPoint to = view->visualRect(model->index(10, 0)).center();
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, from);
        QMouseEvent move(QEvent::MouseMove, QPointF(to), view->viewport()->mapToGlobal(QPointF(to)), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &move);
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, to);
        QList<int> selected;
        for (const QModelIndex &index : view->selectionModel()->selectedRows())
            selected.append(index.row());
        std::sort(selected.begin(), selected.end());
        QCOMPARE(selected, (QList<int>{1, 2, 5, 6, 9, 10}));
    }

    void pagesALazyModelAsItScrolls()
    {
        PagedModel model(10000, 200);
        auto view = makeView(&model, QSize(200, 120));
        QVERIFY(view);
        // The first page is fetched because the view is empty; nothing more until the end is near.
        QTRY_VERIFY(model.rowCount() >= 200);
        QCoreApplication::processEvents();
        const int fetchesAtStart = model.fetches;
        QVERIFY(model.rowCount() < 10000);
        QScrollBar *bar = view->verticalScrollBar();
        for (int step = 0; step < 20 && model.rowCount() < 10000; ++step) {
            bar->setValue(bar->maximum());
            QCoreApplication::processEvents();
        }
        QVERIFY(model.fetches > fetchesAtStart);
        QVERIFY(model.fetches < 50); // one page per arrival at the end, not everything at once
    }

    void isAListToAssistiveTechnology()
    {
        QStandardItemModel *model = makeModel(20, this);
        auto view = makeView(model, QSize(200, 120));
        QVERIFY(view);
        view->setAccessibleName(QStringLiteral("Files (grid)"));
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(view.get());
        QVERIFY(iface);
        QCOMPARE(iface->role(), QAccessible::List);
        QCOMPARE(iface->text(QAccessible::Name), QStringLiteral("Files (grid)"));
        QVERIFY(iface->tableInterface());
        QCOMPARE(iface->tableInterface()->rowCount(), 20);
        QAccessibleInterface *cell = iface->tableInterface()->cellAt(3, 0);
        QVERIFY(cell);
        QCOMPARE(cell->text(QAccessible::Name), QStringLiteral("item 3"));
    }
};

QTEST_MAIN(TestFileGridView)
#include "tst_filegridview.moc"
