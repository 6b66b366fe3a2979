#pragma once

#include <QListView>
#include <QPair>
#include <QPoint>
#include <QSize>

class QRubberBand;

namespace ikui {

// The browser's thumbnail grid. Every cell has the same size, so where a row sits follows from
// its number alone: nothing is laid out when rows arrive, and visualRect()/indexAt() are
// arithmetic. A QListView lays out every row again after each insert, which took 20-35 ms of
// the UI thread per page once a folder had 50,000 rows.
//
// It stays a QListView for its API and because Qt exposes a QListView's items to screen readers
// (a bare QAbstractItemView is only a scroll area to them); every method that would use
// QListView's own layout is replaced, so that layout never runs.
class FileGridView : public QListView
{
    Q_OBJECT

public:
    explicit FileGridView(QWidget *parent = nullptr);

    // The cells' size without spacing: the delegate's size hint, read again on doItemsLayout().
    QSize itemSize() const { return m_itemSize; }
    int columnCount() const;
    // Model rows of the first and last cell that touch the viewport; {-1, -1} when none do.
    QPair<int, int> rowsInViewport() const;

    QRect visualRect(const QModelIndex &index) const override;
    QModelIndex indexAt(const QPoint &point) const override;
    void scrollTo(const QModelIndex &index, ScrollHint hint = EnsureVisible) override;
    void doItemsLayout() override;

protected:
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    int horizontalOffset() const override;
    int verticalOffset() const override;
    bool isIndexHidden(const QModelIndex &index) const override;
    void setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command) override;
    QRegion visualRegionForSelection(const QItemSelection &selection) const override;
    void updateGeometries() override;
    QSize viewportSizeHint() const override;
    void initViewItemOption(QStyleOptionViewItem *option) const override;

    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void timerEvent(QTimerEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void startDrag(Qt::DropActions supportedActions) override;

protected Q_SLOTS:
    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                     const QList<int> &roles = QList<int>()) override;
    void rowsInserted(const QModelIndex &parent, int start, int end) override;
    void rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end) override;

private:
    int rowCount() const;
    int pitchX() const { return m_itemSize.width() + spacing(); }
    int pitchY() const { return m_itemSize.height() + spacing(); }
    // Grid row and column of content coordinates (which cell's pitch they fall in), unclamped.
    int gridRowAt(int contentY) const;
    int gridColumnAt(int contentX) const;
    // A cell's rectangle in content coordinates (before scrolling).
    QRect cellRect(int gridRow, int gridColumn) const;
    int contentHeight() const;
    QModelIndex indexForRow(int row) const;
    void updateItemSize();

    QSize m_itemSize{1, 1};
    QPoint m_pressedContentPosition;
    QRubberBand *m_rubberBand = nullptr;
};

} // namespace ikui
