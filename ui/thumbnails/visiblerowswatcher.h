#pragma once

#include <QObject>
#include <QPointer>

class QAbstractItemView;
class QTimer;

namespace ikui {

class FileListModel;

// Tells a FileListModel which rows its view shows (FileListModel::setVisibleRows), after
// scrolling, resizing, layout changes and new rows, coalesced to once per event-loop turn.
class VisibleRowsWatcher : public QObject
{
    Q_OBJECT

public:
    VisibleRowsWatcher(QAbstractItemView *view, FileListModel *model, QObject *parent = nullptr);

    // The first and last row the viewport shows, or (-1, -1).
    static QPair<int, int> visibleRows(const QAbstractItemView *view);

public Q_SLOTS:
    void update();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void schedule();

    QPointer<QAbstractItemView> m_view;
    QPointer<FileListModel> m_model;
    QTimer *m_timer;
};

} // namespace ikui
