#pragma once

#include <QObject>
#include <QPointer>

class QAbstractItemView;
class QTimer;

namespace ikui {

class FileListModel;

// Tells a FileListModel which rows its view shows (FileListModel::setVisibleRows), after
// scrolling, resizing, layout changes and new rows, coalesced to once per event-loop turn.
// While the user scrolls, it waits until the view has been still for scrollSettleMs() (like
// Dolphin's delayed previews): every screen flown past would otherwise start and abort a
// screenful of thumbnail requests on the UI thread.
class VisibleRowsWatcher : public QObject
{
    Q_OBJECT

public:
    VisibleRowsWatcher(QAbstractItemView *view, FileListModel *model, QObject *parent = nullptr);

    // The first and last row the viewport shows, or (-1, -1).
    static QPair<int, int> visibleRows(const QAbstractItemView *view);

    static constexpr int DefaultScrollSettleMs = 40;
    // 0: update on the next event-loop turn after a scroll step too.
    void setScrollSettleMs(int ms) { m_scrollSettleMs = qMax(0, ms); }
    int scrollSettleMs() const { return m_scrollSettleMs; }

public Q_SLOTS:
    void update();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void schedule();
    void scheduleAfterScroll();

    QPointer<QAbstractItemView> m_view;
    QPointer<FileListModel> m_model;
    QTimer *m_timer;
    int m_scrollSettleMs = DefaultScrollSettleMs;
};

} // namespace ikui
