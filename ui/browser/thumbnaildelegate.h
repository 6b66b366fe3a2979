#pragma once

#include <QSize>
#include <QStyledItemDelegate>

namespace ikui {

// Paints a grid cell: the thumbnail (the model's DecorationRole pixmap, which carries the
// screen's device pixel ratio, so it is drawn 1:1 in device pixels and stays crisp at 150% and
// 200%) centred in a square, and the elided name under it.
class ThumbnailDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit ThumbnailDelegate(QObject *parent = nullptr);

    void setThumbnailSize(const QSize &size) { m_thumbnailSize = size; }
    QSize thumbnailSize() const { return m_thumbnailSize; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    QSize m_thumbnailSize{160, 160};
};

} // namespace ikui
