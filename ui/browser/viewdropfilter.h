#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

class QAbstractItemView;
class QDropEvent;
class QMimeData;
class QPoint;

namespace ikui {

// The drag-and-drop half of a file view that is ours rather than the view's: an event filter on
// the view's viewport that takes DragEnter/DragMove/Drop of one kind of drag, accepts it only over
// a target folder, and hands the drop to its policy. Drags of any other kind pass untouched
// (eventFilter returns false), so several filters share one viewport, each taking its own kind,
// and the view still sees the rest.
//
// A subclass is the payload policy: what its drags carry (payloadOf, empty = not mine), where a
// drop at a point lands (targetFolderFor, empty = refused there), and what a drop does (deliver).
class ViewDropFilter : public QObject
{
    Q_OBJECT

public:
    // Whether a drag that does not offer the filter's action may still be dropped.
    enum class OfferRule {
        // The source must offer the action, or the drop is refused (an upload copies: a file
        // manager that offers only Move or Link must never lose the user's files).
        ActionMustBeOffered,
        // The drop does the action whatever the drag offers (our own item drags offer the model's
        // default, Copy, while a drop on a folder moves); the cursor then shows what the drag proposes.
        ActionAlwaysDone,
    };

    // Watches `view`'s viewport (drag events are delivered there) and makes it accept drops.
    // The filter is a child of the view. A drop it takes reports `action` as its drop action.
    ViewDropFilter(QAbstractItemView *view, Qt::DropAction action, OfferRule offerRule);

    QAbstractItemView *view() const;
    Qt::DropAction action() const { return m_action; }

    // The folder a drop of `data` at `pos` (viewport coordinates) would land in: empty when the
    // drag is not this filter's or the spot refuses it.
    QString dropTargetFor(const QMimeData *data, const QPoint &pos) const;

    // The folder row of `view` under `pos` (viewport coordinates): any row of a FolderTreeModel,
    // or a row whose FileListModel::IsFolderRole is true (its FileListModel::PathRole). Empty over
    // files and empty space.
    static QString folderRowAt(const QAbstractItemView *view, const QPoint &pos);

protected:
    // What a drag carries for this policy (ids, local paths...); empty when it is not this
    // policy's kind of drag, which leaves the event to the view and the other filters.
    virtual QStringList payloadOf(const QMimeData *data) const = 0;
    // Where a drop of `payload` at `pos` lands; empty refuses the drop there.
    virtual QString targetFolderFor(const QStringList &payload, const QPoint &pos) const = 0;
    // Does the drop (usually: emits the policy's signal). Called once per accepted drop.
    virtual void deliver(const QStringList &payload, const QString &targetFolder) = 0;

    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // Accepts `event` with the filter's action (Qt shows the drag's proposed action instead when
    // the drag does not offer ours and the rule lets it through). False when the rule refuses it.
    bool acceptWithAction(QDropEvent *event) const;

    QPointer<QAbstractItemView> m_view;
    Qt::DropAction m_action;
    OfferRule m_offerRule;
};

} // namespace ikui
