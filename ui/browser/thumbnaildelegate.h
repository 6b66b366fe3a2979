#pragma once

#include <QCache>
#include <QFont>
#include <QSize>
#include <QStaticText>
#include <QString>
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
    // The name as painted under the cell: elided to `width`, laid out once and then reused,
    // because shaping 60 names on every paint cost several milliseconds of each scroll step.
    QStaticText nameText(const QString &name, int width, const QFont &font) const;

    QSize m_thumbnailSize{160, 160};
    mutable QCache<QString, QStaticText> m_names{4000};
    mutable QFont m_namesFont;
};

} // namespace ikui
