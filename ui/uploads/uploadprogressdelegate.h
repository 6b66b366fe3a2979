#pragma once

#include <QStyledItemDelegate>

namespace ikui {

// Draws the Progress column of the upload panel as a progress bar (UploadQueueModel::ProgressRole)
// in the style and palette of the platform, so light and dark themes both read well.
class UploadProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace ikui
