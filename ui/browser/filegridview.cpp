#include "browser/filegridview.h"

#include <QAbstractItemDelegate>
#include <QCursor>
#include <QItemSelection>
#include <QMouseEvent>
#include <QPainter>
#include <QPaintEvent>
#include <QRubberBand>
#include <QScrollBar>

#include <algorithm>

namespace ikui {

FileGridView::FileGridView(QWidget *parent)
    : QListView(parent)
{
    // Icon-view look (decorations above names) and pixel scrolling; the layout itself is ours.
    setViewMode(QListView::IconMode);
    setMovement(QListView::Static);
    setResizeMode(QListView::Adjust);
    setUniformItemSizes(true);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
}

int FileGridView::rowCount() const
{
    return model() ? model()->rowCount(rootIndex()) : 0;
}

int FileGridView::columnCount() const
{
    const int usable = viewport()->width() - spacing();
    return std::max(1, usable / std::max(1, pitchX()));
}

int FileGridView::gridRowAt(int contentY) const
{
    const int y = contentY - spacing();
    return y < 0 ? -1 : y / std::max(1, pitchY());
}

int FileGridView::gridColumnAt(int contentX) const
{
    const int x = contentX - spacing();
    return x < 0 ? -1 : x / std::max(1, pitchX());
}

QRect FileGridView::cellRect(int gridRow, int gridColumn) const
{
    return QRect(QPoint(spacing() + gridColumn * pitchX(), spacing() + gridRow * pitchY()), m_itemSize);
}

int FileGridView::contentHeight() const
{
    const int rows = rowCount();
    if (rows == 0)
        return 0;
    const int gridRows = (rows + columnCount() - 1) / columnCount();
    return spacing() + gridRows * pitchY();
}

QModelIndex FileGridView::indexForRow(int row) const
{
    if (!model() || row < 0 || row >= rowCount())
        return {};
    return model()->index(row, modelColumn(), rootIndex());
}

QPair<int, int> FileGridView::rowsInViewport() const
{
    const int rows = rowCount();
    if (rows == 0 || viewport()->height() <= 0)
        return {-1, -1};
    const int columns = columnCount();
    const int top = verticalOffset();
    int firstGridRow = std::max(0, gridRowAt(top));
    if (top > cellRect(firstGridRow, 0).bottom())
        ++firstGridRow; // only the spacing under that row is on screen
    const int lastGridRow = gridRowAt(top + viewport()->height() - 1);
    const int first = firstGridRow * columns;
    if (lastGridRow < 0 || first >= rows)
        return {-1, -1};
    const int last = std::min(rows - 1, (lastGridRow + 1) * columns - 1);
    return {first, last};
}

QRect FileGridView::visualRect(const QModelIndex &index) const
{
    if (!index.isValid() || index.parent() != rootIndex() || index.column() != modelColumn())
        return {};
    const int columns = columnCount();
    return cellRect(index.row() / columns, index.row() % columns).translated(0, -verticalOffset());
}

QModelIndex FileGridView::indexAt(const QPoint &point) const
{
    const QPoint content = point + QPoint(0, verticalOffset());
    const int gridRow = gridRowAt(content.y());
    const int gridColumn = gridColumnAt(content.x());
    const int columns = columnCount();
    if (gridRow < 0 || gridColumn < 0 || gridColumn >= columns)
        return {};
    // Points in the spacing between cells belong to no cell, as in QListView.
    if (!cellRect(gridRow, gridColumn).contains(content))
        return {};
    return indexForRow(gridRow * columns + gridColumn);
}

void FileGridView::scrollTo(const QModelIndex &index, ScrollHint hint)
{
    const QRect rect = visualRect(index);
    if (!rect.isValid())
        return;
    const QRect area = viewport()->rect();
    QScrollBar *bar = verticalScrollBar();
    const int top = rect.top() + verticalOffset() - spacing();
    const int bottom = rect.bottom() + verticalOffset() + spacing();
    switch (hint) {
    case PositionAtTop:
        bar->setValue(top);
        break;
    case PositionAtBottom:
        bar->setValue(bottom - area.height() + 1);
        break;
    case PositionAtCenter:
        bar->setValue((top + bottom - area.height()) / 2);
        break;
    case EnsureVisible:
        if (rect.top() < area.top())
            bar->setValue(top);
        else if (rect.bottom() > area.bottom())
            bar->setValue(bottom - area.height() + 1);
        break;
    }
}

void FileGridView::doItemsLayout()
{
    // Nothing to lay out: read the cell size and let the base class do its bookkeeping
    // (pending editors, updateGeometries, fetchMore) without QListView's layout.
    updateItemSize();
    QAbstractItemView::doItemsLayout();
    viewport()->update();
}

void FileGridView::updateItemSize()
{
    QAbstractItemDelegate *delegate = itemDelegate();
    if (!delegate)
        return;
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    const QSize size = delegate->sizeHint(option, indexForRow(0));
    if (size.isValid() && !size.isEmpty())
        m_itemSize = size;
}

QModelIndex FileGridView::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers)
{
    const int rows = rowCount();
    if (rows == 0)
        return {};
    const QModelIndex current = currentIndex();
    if (!current.isValid())
        return indexForRow(0);
    const int columns = columnCount();
    const int pageRows = std::max(1, viewport()->height() / std::max(1, pitchY()));
    const int row = current.row();
    int target = row;
    switch (cursorAction) {
    case MoveLeft:
    case MovePrevious:
        target = row - 1;
        break;
    case MoveRight:
    case MoveNext:
        target = row + 1;
        break;
    case MoveUp:
        target = row - columns;
        break;
    case MoveDown:
        // From the last full grid row down into a shorter last row: its last cell, as file managers do.
        target = row + columns;
        if (target >= rows && row / columns < (rows - 1) / columns)
            target = rows - 1;
        break;
    case MovePageUp:
        target = std::max(row % columns, row - pageRows * columns);
        break;
    case MovePageDown:
        target = row + pageRows * columns;
        if (target >= rows)
            target = rows - 1;
        break;
    case MoveHome:
        target = 0;
        break;
    case MoveEnd:
        target = rows - 1;
        break;
    }
    if (target < 0 || target >= rows)
        return current;
    return indexForRow(target);
}

int FileGridView::horizontalOffset() const
{
    return 0;
}

int FileGridView::verticalOffset() const
{
    return verticalScrollBar()->value();
}

bool FileGridView::isIndexHidden(const QModelIndex &) const
{
    return false;
}

void FileGridView::setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command)
{
    if (!selectionModel())
        return;
    const int rows = rowCount();
    const int columns = columnCount();
    const QRect content = rect.normalized().translated(0, verticalOffset());
    // The cells the rectangle touches: grid rows and columns it reaches into, minus a first or
    // last one where it only touches the spacing.
    int firstColumn = std::max(0, gridColumnAt(content.left()));
    int lastColumn = std::min(columns - 1, gridColumnAt(content.right()));
    int firstRow = std::max(0, gridRowAt(content.top()));
    int lastRow = gridRowAt(content.bottom());
    if (firstColumn <= lastColumn && content.left() > cellRect(0, firstColumn).right())
        ++firstColumn;
    if (firstRow <= lastRow && content.top() > cellRect(firstRow, 0).bottom())
        ++firstRow;
    QItemSelection selection;
    for (int gridRow = firstRow; gridRow <= lastRow && firstColumn <= lastColumn; ++gridRow) {
        const int first = gridRow * columns + firstColumn;
        const int last = std::min(rows - 1, gridRow * columns + lastColumn);
        if (first > last)
            break;
        selection.select(indexForRow(first), indexForRow(last));
    }
    selectionModel()->select(selection, command);
}

QRegion FileGridView::visualRegionForSelection(const QItemSelection &selection) const
{
    // Only cells on screen matter for repainting; a 100,000-row selection costs one screenful.
    const QPair<int, int> visible = rowsInViewport();
    QRegion region;
    if (visible.first < 0)
        return region;
    for (const QItemSelectionRange &range : selection) {
        if (range.parent() != rootIndex() || range.left() > modelColumn() || range.right() < modelColumn())
            continue;
        const int first = std::max(range.top(), visible.first);
        const int last = std::min(range.bottom(), visible.second);
        for (int row = first; row <= last; ++row)
            region += visualRect(indexForRow(row));
    }
    return region;
}

void FileGridView::updateGeometries()
{
    QScrollBar *bar = verticalScrollBar();
    const int viewportHeight = viewport()->height();
    bar->setRange(0, std::max(0, contentHeight() - viewportHeight));
    bar->setPageStep(viewportHeight);
    bar->setSingleStep(std::max(1, pitchY() / 4));
    horizontalScrollBar()->setRange(0, 0);
    // The base class also asks the model for more rows when the last one is in view.
    QAbstractItemView::updateGeometries();
}

QSize FileGridView::viewportSizeHint() const
{
    return QAbstractItemView::viewportSizeHint();
}

void FileGridView::initViewItemOption(QStyleOptionViewItem *option) const
{
    QAbstractItemView::initViewItemOption(option);
    option->decorationPosition = QStyleOptionViewItem::Top;
    option->displayAlignment = Qt::AlignHCenter | Qt::AlignTop;
    option->showDecorationSelected = true;
}

void FileGridView::paintEvent(QPaintEvent *event)
{
    const QPair<int, int> visible = rowsInViewport();
    if (visible.first < 0)
        return;
    QPainter painter(viewport());
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    const bool enabled = isEnabled();
    const bool active = isActiveWindow();
    const QModelIndex current = currentIndex();
    const QModelIndex hovered = viewport()->underMouse() ? indexAt(viewport()->mapFromGlobal(QCursor::pos())) : QModelIndex();
    QItemSelectionModel *selection = selectionModel();
    for (int row = visible.first; row <= visible.second; ++row) {
        const QModelIndex index = indexForRow(row);
        option.rect = visualRect(index);
        if (!event->region().intersects(option.rect))
            continue;
        option.state = QStyle::State_None;
        if (enabled && (model()->flags(index) & Qt::ItemIsEnabled)) {
            option.state |= QStyle::State_Enabled;
            option.palette.setCurrentColorGroup(active ? QPalette::Active : QPalette::Inactive);
        } else {
            option.palette.setCurrentColorGroup(QPalette::Disabled);
        }
        if (active)
            option.state |= QStyle::State_Active;
        if (selection && selection->isSelected(index))
            option.state |= QStyle::State_Selected;
        if (index == current && hasFocus())
            option.state |= QStyle::State_HasFocus;
        if (index == hovered)
            option.state |= QStyle::State_MouseOver;
        itemDelegateForIndex(index)->paint(&painter, option, index);
    }
}

void FileGridView::resizeEvent(QResizeEvent *event)
{
    // The column count may change: positions follow by themselves, only the range is new.
    QAbstractItemView::resizeEvent(event);
    updateGeometries();
    viewport()->update();
}

void FileGridView::scrollContentsBy(int dx, int dy)
{
    // Move what is already painted; only the strip scrolled into view is painted anew.
    viewport()->scroll(dx, dy);
}

void FileGridView::mousePressEvent(QMouseEvent *event)
{
    m_pressedContentPosition = event->position().toPoint() + QPoint(0, verticalOffset());
    QAbstractItemView::mousePressEvent(event);
}

void FileGridView::mouseMoveEvent(QMouseEvent *event)
{
    QAbstractItemView::mouseMoveEvent(event);
    // A rubber band while selecting by dragging over empty space.
    if (state() == DragSelectingState && selectionMode() != SingleSelection && selectionMode() != NoSelection) {
        if (!m_rubberBand)
            m_rubberBand = new QRubberBand(QRubberBand::Rectangle, viewport());
        const QPoint pressed = m_pressedContentPosition - QPoint(0, verticalOffset());
        m_rubberBand->setGeometry(QRect(pressed, event->position().toPoint()).normalized());
        m_rubberBand->show();
    }
}

void FileGridView::mouseReleaseEvent(QMouseEvent *event)
{
    QAbstractItemView::mouseReleaseEvent(event);
    if (m_rubberBand)
        m_rubberBand->hide();
}

// The overrides below only skip QListView, whose versions read its own (never built) layout.

void FileGridView::wheelEvent(QWheelEvent *event)
{
    QAbstractItemView::wheelEvent(event);
}

void FileGridView::timerEvent(QTimerEvent *event)
{
    QAbstractItemView::timerEvent(event);
}

void FileGridView::dragMoveEvent(QDragMoveEvent *event)
{
    QAbstractItemView::dragMoveEvent(event);
}

void FileGridView::dragLeaveEvent(QDragLeaveEvent *event)
{
    QAbstractItemView::dragLeaveEvent(event);
}

void FileGridView::dropEvent(QDropEvent *event)
{
    QAbstractItemView::dropEvent(event);
}

void FileGridView::startDrag(Qt::DropActions supportedActions)
{
    QAbstractItemView::startDrag(supportedActions);
}

void FileGridView::dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    QAbstractItemView::dataChanged(topLeft, bottomRight, roles);
}

void FileGridView::rowsInserted(const QModelIndex &parent, int start, int end)
{
    QAbstractItemView::rowsInserted(parent, start, end);
    if (parent != rootIndex())
        return;
    if (start == 0)
        updateItemSize();
    updateGeometries();
    // Rows after `start` moved: repaint what is on screen from there on.
    const QPair<int, int> visible = rowsInViewport();
    if (visible.first >= 0 && start <= visible.second)
        viewport()->update();
}

void FileGridView::rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end)
{
    QAbstractItemView::rowsAboutToBeRemoved(parent, start, end);
    // Removed rows are gone from the model only after this: lay out again once they are.
    scheduleDelayedItemsLayout();
}

} // namespace ikui
