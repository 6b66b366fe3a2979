#pragma once

#include <QStyledItemDelegate>

namespace ikui {

// Paints the Progress column of the Activity panel as a progress bar (the style's own, with the
// row's progress text on it) for operations that are still running; a busy bar while the amount
// of work is unknown. Finished operations and failure rows are drawn as plain text.
class ProgressBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit ProgressBarDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace ikui
