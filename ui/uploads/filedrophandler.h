#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

class QAbstractItemView;
class QMimeData;
class QPoint;

namespace ikui {

// Lets a view take local files and folders dragged in from the desktop file manager
// (text/uri-list with file:// URLs) and reports them as filesDropped(paths, targetFolder).
//
// Installed as an event filter on the view's viewport, next to the browser's own
// FolderDropHandler: drags of our own items (FileListModel ids) or without local file URLs are
// left alone (the filter returns false), so internal moves keep working.
//
// The target folder under the cursor comes from `resolver` (viewport coordinates -> folder
// path); an empty answer refuses the drop there.
class FileDropHandler : public QObject
{
    Q_OBJECT

public:
    using TargetResolver = std::function<QString(const QPoint &pos)>;

    FileDropHandler(QAbstractItemView *view, TargetResolver resolver);

    // The local paths a drag carries: only when every URL is a local file and the drag is not
    // one of our own item drags; empty otherwise.
    static QStringList localPathsOf(const QMimeData *data);
    QString targetFolderAt(const QPoint &pos) const;

Q_SIGNALS:
    void filesDropped(const QStringList &localPaths, const QString &targetFolder);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QPointer<QAbstractItemView> m_view;
    TargetResolver m_resolver;
};

} // namespace ikui
