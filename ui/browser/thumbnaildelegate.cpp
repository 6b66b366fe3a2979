#include "browser/thumbnaildelegate.h"

#include <QApplication>
#include <QPainter>
#include <QFontMetrics>
#include <QPixmap>

namespace ikui {

namespace {
constexpr int Padding = 6;
}

ThumbnailDelegate::ThumbnailDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QSize ThumbnailDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const int textHeight = option.fontMetrics.height();
    return {m_thumbnailSize.width() + 2 * Padding, m_thumbnailSize.height() + textHeight + 3 * Padding};
}

void ThumbnailDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();

    // Background and selection as the style draws them, without its own icon and text.
    opt.text.clear();
    opt.icon = QIcon();
    opt.features &= ~QStyleOptionViewItem::HasDecoration;
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    const QRect cell = option.rect.adjusted(Padding, Padding, -Padding, -Padding);
    const QRect imageArea(cell.topLeft(), m_thumbnailSize);
    const QVariant decoration = index.data(Qt::DecorationRole);
    QPixmap pixmap = decoration.value<QPixmap>();
    if (pixmap.isNull() && decoration.canConvert<QIcon>())
        pixmap = decoration.value<QIcon>().pixmap(m_thumbnailSize, painter->device()->devicePixelRatioF());
    if (!pixmap.isNull()) {
        // deviceIndependentSize() is the size the pixmap covers on screen; never upscale it.
        QSizeF shown = pixmap.deviceIndependentSize();
        if (shown.width() > imageArea.width() || shown.height() > imageArea.height())
            shown.scale(imageArea.size(), Qt::KeepAspectRatio);
        const QRectF target(imageArea.x() + (imageArea.width() - shown.width()) / 2.0,
                            imageArea.y() + (imageArea.height() - shown.height()) / 2.0, shown.width(), shown.height());
        painter->save();
        painter->setRenderHint(QPainter::SmoothPixmapTransform);
        painter->drawPixmap(target, pixmap, QRectF(pixmap.rect()));
        painter->restore();
    }

    const QRect textRect(cell.left(), imageArea.bottom() + Padding, cell.width(), option.fontMetrics.height());
    const QStaticText name = nameText(index.data(Qt::DisplayRole).toString(), textRect.width(), option.font);
    const QSizeF nameSize = name.size();
    const QPointF namePosition(textRect.left() + (textRect.width() - nameSize.width()) / 2.0,
                               textRect.top() + (textRect.height() - nameSize.height()) / 2.0);
    painter->save();
    const bool selected = option.state & QStyle::State_Selected;
    painter->setPen(option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    painter->setFont(option.font);
    painter->drawStaticText(namePosition, name);
    painter->restore();
}

QStaticText ThumbnailDelegate::nameText(const QString &name, int width, const QFont &font) const
{
    if (font != m_namesFont) {
        m_names.clear();
        m_namesFont = font;
    }
    const QString key = QString::number(width) + QLatin1Char('/') + name;
    if (const QStaticText *cached = m_names.object(key))
        return *cached;
    auto *text = new QStaticText(QFontMetrics(font).elidedText(name, Qt::ElideMiddle, width));
    text->setTextFormat(Qt::PlainText);
    text->prepare(QTransform(), font);
    m_names.insert(key, text);
    return *text;
}

} // namespace ikui
