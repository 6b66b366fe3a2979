#include "browser/visiblerowswatcher.h"

#include "browser/filegridview.h"
#include "models/filelistmodel.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QScrollBar>
#include <QTimer>

namespace ikui {

VisibleRowsWatcher::VisibleRowsWatcher(QAbstractItemView *view, FileListModel *model, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_model(model)
    , m_timer(new QTimer(this))
{
    // Zero-interval single shot: many scroll steps in one event-loop turn give one update.
    m_timer->setSingleShot(true);
    m_timer->setInterval(0);
    connect(m_timer, &QTimer::timeout, this, &VisibleRowsWatcher::update);
    if (!view)
        return;
    view->viewport()->installEventFilter(this);
    connect(view->verticalScrollBar(), &QScrollBar::valueChanged, this, &VisibleRowsWatcher::scheduleAfterScroll);
    connect(view->horizontalScrollBar(), &QScrollBar::valueChanged, this, &VisibleRowsWatcher::scheduleAfterScroll);
    if (model) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &VisibleRowsWatcher::schedule);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &VisibleRowsWatcher::schedule);
        connect(model, &QAbstractItemModel::modelReset, this, &VisibleRowsWatcher::schedule);
        connect(model, &QAbstractItemModel::layoutChanged, this, &VisibleRowsWatcher::schedule);
    }
    schedule();
}

QPair<int, int> VisibleRowsWatcher::visibleRows(const QAbstractItemView *view)
{
    if (!view || !view->model() || view->model()->rowCount() == 0 || !view->isVisible())
        return {-1, -1};
    // The grid knows its rows on screen by arithmetic.
    if (const auto *grid = qobject_cast<const FileGridView *>(view))
        return grid->rowsInViewport();
    const QRect area = view->viewport()->rect();
    // Rows are laid out in order in both list and icon (grid) modes: the first visible row is
    // at the top-left, the last at the bottom-right; scan a few points to skip gaps between cells.
    int first = -1;
    int last = -1;
    const int step = 4;
    for (int y = area.top(); y <= area.bottom() && first < 0; y += step) {
        for (int x = area.left(); x <= area.right(); x += step * 4) {
            const QModelIndex index = view->indexAt(QPoint(x, y));
            if (index.isValid()) {
                first = index.row();
                break;
            }
        }
    }
    for (int y = area.bottom(); y >= area.top() && last < 0; y -= step) {
        for (int x = area.right(); x >= area.left(); x -= step * 4) {
            const QModelIndex index = view->indexAt(QPoint(x, y));
            if (index.isValid()) {
                last = index.row();
                break;
            }
        }
    }
    if (first < 0 || last < 0)
        return {-1, -1};
    return {qMin(first, last), qMax(first, last)};
}

void VisibleRowsWatcher::update()
{
    if (!m_model)
        return;
    const QPair<int, int> rows = visibleRows(m_view);
    m_model->setVisibleRows(rows.first, rows.second);
}

bool VisibleRowsWatcher::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize || event->type() == QEvent::Show)
        schedule();
    return QObject::eventFilter(watched, event);
}

void VisibleRowsWatcher::schedule()
{
    // A pending update waiting for the scrolling to settle stays as it is.
    if (m_timer->isActive())
        return;
    m_timer->setInterval(0);
    m_timer->start();
}

void VisibleRowsWatcher::scheduleAfterScroll()
{
    // Restarted by every scroll step: one update once the view is still.
    m_timer->setInterval(m_scrollSettleMs);
    m_timer->start();
}

} // namespace ikui
