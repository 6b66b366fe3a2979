#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

class QAbstractItemView;
class QDropEvent;
class QMimeData;

namespace ikui {

// Lets a file view accept its own dragged items (FileListModel ids) onto a folder row: watches the
// view's viewport for drags, accepts them only over a folder that is not among the dragged items,
// and reports the drop as idsDropped(ids, folderPath). The move itself is the window's operation.
class FolderDropHandler : public QObject
{
    Q_OBJECT

public:
    explicit FolderDropHandler(QAbstractItemView *view);

    // What a drop at `pos` (viewport coordinates) would do: the target folder, or empty.
    QString targetFolderAt(const QPoint &pos, const QStringList &draggedIds) const;
    static QStringList idsOf(const QMimeData *data);

Q_SIGNALS:
    void idsDropped(const QStringList &ids, const QString &folderPath);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QPointer<QAbstractItemView> m_view;
};

} // namespace ikui
