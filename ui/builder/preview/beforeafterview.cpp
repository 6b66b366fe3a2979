#include "builder/preview/beforeafterview.h"

#include <QAccessible>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace ikui {

namespace {

constexpr int PaneGap = 6;          // between the two panes of side by side
constexpr int FitMargin = 8;        // around a fitted image
constexpr int DividerGrab = 8;      // how close to the divider a press grabs it
constexpr double DividerStep = 0.05;
constexpr double DividerFineStep = 0.01;

// Snaps a logical coordinate to the device pixel grid, so an unscaled image maps 1:1.
double snapped(double logical, double dpr)
{
    return std::round(logical * dpr) / dpr;
}

QPixmap checkerboard(const QPalette &palette, double dpr)
{
    const int cell = 8;
    QPixmap tile(QSize(cell * 2, cell * 2) * dpr);
    tile.setDevicePixelRatio(dpr);
    const QColor base = palette.color(QPalette::Base);
    tile.fill(base);
    QPainter painter(&tile);
    const QColor alternate = base.lightness() > 128 ? base.darker(112) : base.lighter(140);
    painter.fillRect(0, 0, cell, cell, alternate);
    painter.fillRect(cell, cell, cell, cell, alternate);
    return tile;
}

} // namespace

BeforeAfterView::BeforeAfterView(QWidget *parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAccessibleName(tr("Before and after comparison"));
    updateAccessibleDescription();
}

void BeforeAfterView::setOriginalImage(const QImage &image)
{
    m_original = image;
    setPan(m_pan);
    reportZoom();
    updateAccessibleDescription();
    update();
}

void BeforeAfterView::setTransformedImage(const QImage &image)
{
    m_transformed = image;
    setPan(m_pan); // the frame may have changed size
    reportZoom();
    updateAccessibleDescription();
    update();
}

void BeforeAfterView::setTransformedDimmed(bool dimmed)
{
    if (dimmed == m_transformedDimmed)
        return;
    m_transformedDimmed = dimmed;
    updateAccessibleDescription();
    update();
}

void BeforeAfterView::clear()
{
    m_original = {};
    m_transformed = {};
    m_transformedDimmed = false;
    m_pan = {};
    updateAccessibleDescription();
    update();
}

void BeforeAfterView::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    setPan(m_pan); // panes changed size
    reportZoom();
    updateAccessibleDescription();
    update();
    Q_EMIT modeChanged(mode);
}

void BeforeAfterView::setSplitPosition(double fraction)
{
    fraction = std::clamp(fraction, 0.0, 1.0);
    if (qFuzzyCompare(fraction + 1.0, m_split + 1.0))
        return;
    m_split = fraction;
    updateAccessibleDescription();
    update();
    Q_EMIT splitPositionChanged(m_split);
}

double BeforeAfterView::zoom() const
{
    return m_fit ? fitZoom() : m_zoom;
}

void BeforeAfterView::setZoom(double zoom)
{
    zoomAt(zoom, QRectF(paneRect(Side::Transformed)).center());
}

void BeforeAfterView::zoomAt(double zoom, const QPointF &anchor)
{
    const double oldZoom = this->zoom();
    const double newZoom = std::clamp(zoom, MinimumZoom, MaximumZoom);
    if (frameSize().isEmpty())
        return;
    // Keep the frame point under the anchor where it is, in the pane that holds the anchor.
    const QPointF fromCentre = anchor - QRectF(paneAt(anchor)).center();
    const QPointF newPan = fromCentre - (fromCentre - m_pan) * (newZoom / oldZoom);
    const bool changed = m_fit || !qFuzzyCompare(newZoom, m_zoom);
    m_fit = false;
    m_zoom = newZoom;
    setPan(newPan);
    if (changed) {
        updateAccessibleDescription();
        update();
    }
    reportZoom();
}

void BeforeAfterView::reportZoom()
{
    const double current = zoom();
    if (qFuzzyCompare(current, m_reportedZoom))
        return;
    m_reportedZoom = current;
    Q_EMIT zoomChanged(current);
}

void BeforeAfterView::setPan(const QPointF &pan)
{
    const QPointF clamped = clampedPan(pan, zoom());
    if (clamped == m_pan)
        return;
    m_pan = clamped;
    update();
    Q_EMIT panChanged(m_pan);
}

void BeforeAfterView::zoomIn()
{
    setZoom(zoom() * ZoomStep);
}

void BeforeAfterView::zoomOut()
{
    setZoom(zoom() / ZoomStep);
}

void BeforeAfterView::fitToView()
{
    const bool panned = !m_pan.isNull();
    m_fit = true;
    m_pan = {};
    updateAccessibleDescription();
    update();
    if (panned)
        Q_EMIT panChanged(m_pan);
    reportZoom();
}

void BeforeAfterView::showActualSize()
{
    setZoom(1.0);
}

QSize BeforeAfterView::frameSize() const
{
    return m_transformed.isNull() ? m_original.size() : m_transformed.size();
}

double BeforeAfterView::fitZoom() const
{
    const QSize frame = frameSize();
    if (frame.isEmpty())
        return 1.0;
    const QRect pane = paneRect(Side::Transformed).adjusted(FitMargin, FitMargin, -FitMargin, -FitMargin);
    const double dpr = devicePixelRatioF();
    const double fit = std::min(pane.width() * dpr / frame.width(), pane.height() * dpr / frame.height());
    return std::clamp(fit, MinimumZoom, 1.0);
}

QRectF BeforeAfterView::frameRect(const QRect &pane) const
{
    const QSize frame = frameSize();
    if (frame.isEmpty())
        return {};
    const double dpr = devicePixelRatioF();
    const double scale = zoom() / dpr;
    const QSizeF size(frame.width() * scale, frame.height() * scale);
    const QPointF centre = QRectF(pane).center() + m_pan;
    const QPointF topLeft(snapped(centre.x() - size.width() / 2, dpr), snapped(centre.y() - size.height() / 2, dpr));
    return QRectF(topLeft, size);
}

QRectF BeforeAfterView::originalRectIn(const QRectF &frame) const
{
    if (m_original.isNull() || m_transformed.isNull())
        return frame;
    // Contained in the frame, centred: the whole original, lined up with the result.
    QSizeF size = QSizeF(m_original.size()).scaled(frame.size(), Qt::KeepAspectRatio);
    const double dpr = devicePixelRatioF();
    const QPointF topLeft(snapped(frame.center().x() - size.width() / 2, dpr),
                          snapped(frame.center().y() - size.height() / 2, dpr));
    return QRectF(topLeft, size);
}

QRect BeforeAfterView::paneRect(Side side) const
{
    const QRect all = rect();
    if (m_mode != Mode::SideBySide)
        return all;
    const int half = (all.width() - PaneGap) / 2;
    if (side == Side::Original)
        return QRect(all.left(), all.top(), half, all.height());
    return QRect(all.right() - half + 1, all.top(), half, all.height());
}

QRectF BeforeAfterView::imageRect(Side side) const
{
    const QImage &image = side == Side::Original ? m_original : m_transformed;
    if (image.isNull())
        return {};
    if (m_mode == Mode::TransformedOnly && side == Side::Original && !m_transformed.isNull())
        return {};
    const QRectF frame = frameRect(paneRect(side));
    return side == Side::Original ? originalRectIn(frame) : frame;
}

double BeforeAfterView::dividerX() const
{
    const QRect pane = paneRect(Side::Transformed);
    return pane.left() + m_split * pane.width();
}

QSize BeforeAfterView::sizeHint() const
{
    return {560, 400};
}

QSize BeforeAfterView::minimumSizeHint() const
{
    return {160, 120};
}

QPointF BeforeAfterView::clampedPan(const QPointF &pan, double zoom) const
{
    const QSize frame = frameSize();
    if (frame.isEmpty())
        return {};
    const double scale = zoom / devicePixelRatioF();
    const QRect pane = paneRect(Side::Transformed);
    // An image smaller than the pane stays centred; a larger one never shows empty space past its edges.
    const double excessX = std::max(0.0, (frame.width() * scale - pane.width()) / 2 + FitMargin);
    const double excessY = std::max(0.0, (frame.height() * scale - pane.height()) / 2 + FitMargin);
    const bool pannableX = frame.width() * scale > pane.width() - 2 * FitMargin;
    const bool pannableY = frame.height() * scale > pane.height() - 2 * FitMargin;
    return {pannableX ? std::clamp(pan.x(), -excessX, excessX) : 0.0,
            pannableY ? std::clamp(pan.y(), -excessY, excessY) : 0.0};
}

QRect BeforeAfterView::paneAt(const QPointF &position) const
{
    const QRect original = paneRect(Side::Original);
    if (m_mode == Mode::SideBySide && position.x() < original.right() + PaneGap / 2.0)
        return original;
    return paneRect(Side::Transformed);
}

bool BeforeAfterView::nearDivider(const QPointF &position) const
{
    return m_mode == Mode::Split && !m_original.isNull() && !m_transformed.isNull()
        && std::abs(position.x() - dividerX()) <= DividerGrab;
}

void BeforeAfterView::drawImage(QPainter &painter, const QImage &image, const QRectF &target, bool dimmed) const
{
    if (image.isNull() || target.isEmpty())
        return;
    const double dpr = devicePixelRatioF();
    if (image.hasAlphaChannel())
        painter.fillRect(target, QBrush(checkerboard(palette(), dpr)));
    // Smooth when shrinking; exact pixels at 100% and when magnifying, so detail stays inspectable.
    const bool shrinking = target.width() * dpr < image.width() - 0.5;
    const bool unscaled = std::abs(target.width() * dpr - image.width()) < 0.01
        && std::abs(target.height() * dpr - image.height()) < 0.01;
    if (unscaled) {
        // Tagged with the screen's ratio, the image is copied pixel for pixel (also at 1.5x).
        QImage exact = image;
        exact.setDevicePixelRatio(dpr);
        painter.drawImage(target.topLeft(), exact);
    } else {
        painter.setRenderHint(QPainter::SmoothPixmapTransform, shrinking);
        painter.drawImage(target, image);
    }
    if (dimmed) {
        QColor veil = palette().color(QPalette::Base);
        veil.setAlpha(170);
        painter.fillRect(target, veil);
    }
}

void BeforeAfterView::drawBadge(QPainter &painter, const QString &text, const QRect &pane, Qt::Alignment corner) const
{
    const QFontMetrics metrics(font());
    const QSize size(metrics.horizontalAdvance(text) + 12, metrics.height() + 4);
    const int x = corner & Qt::AlignRight ? pane.right() - 8 - size.width() + 1 : pane.left() + 8;
    const QRect box(QPoint(x, pane.top() + 8), size);
    if (box.width() > pane.width() - 16)
        return;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0, 0, 0, 150));
    painter.drawRoundedRect(box, 4, 4);
    painter.setPen(Qt::white);
    painter.drawText(box, Qt::AlignCenter, text);
    painter.restore();
}

void BeforeAfterView::drawDivider(QPainter &painter) const
{
    const double x = snapped(dividerX(), devicePixelRatioF());
    const QRect pane = paneRect(Side::Transformed);
    const QColor accent = palette().color(QPalette::Highlight);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(QPen(Qt::white, 3));
    painter.drawLine(QPointF(x, pane.top()), QPointF(x, pane.bottom() + 1));
    painter.setPen(QPen(accent, 1.5));
    painter.drawLine(QPointF(x, pane.top()), QPointF(x, pane.bottom() + 1));
    // The handle: a disc with two arrows, larger when it has the keyboard focus.
    const double radius = hasFocus() ? 13 : 11;
    const QPointF centre(x, pane.center().y());
    painter.setPen(QPen(Qt::white, 2));
    painter.setBrush(accent);
    painter.drawEllipse(centre, radius, radius);
    QPainterPath arrows;
    const double a = radius * 0.45;
    arrows.moveTo(centre + QPointF(-a * 0.3, -a));
    arrows.lineTo(centre + QPointF(-a * 1.3, 0));
    arrows.lineTo(centre + QPointF(-a * 0.3, a));
    arrows.closeSubpath();
    arrows.moveTo(centre + QPointF(a * 0.3, -a));
    arrows.lineTo(centre + QPointF(a * 1.3, 0));
    arrows.lineTo(centre + QPointF(a * 0.3, a));
    arrows.closeSubpath();
    painter.setPen(Qt::NoPen);
    painter.setBrush(Qt::white);
    painter.drawPath(arrows);
    painter.restore();
}

void BeforeAfterView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QColor background = palette().color(QPalette::Window).darker(palette().color(QPalette::Window).lightness() > 128 ? 108 : 80);
    painter.fillRect(rect(), background);

    if (m_original.isNull() && m_transformed.isNull()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("The preview appears here once a file is chosen."));
    } else if (m_mode == Mode::SideBySide) {
        for (const Side side : {Side::Original, Side::Transformed}) {
            const QRect pane = paneRect(side);
            painter.save();
            painter.setClipRect(pane);
            const bool original = side == Side::Original;
            drawImage(painter, original ? m_original : m_transformed, imageRect(side), !original && m_transformedDimmed);
            drawBadge(painter, original ? tr("Original") : tr("Transformed"), pane, Qt::AlignLeft);
            painter.restore();
        }
        const QColor separator = palette().color(QPalette::Mid);
        painter.fillRect(QRect(paneRect(Side::Original).right() + 1, 0, PaneGap, height()), separator);
    } else if (m_mode == Mode::TransformedOnly || m_original.isNull() || m_transformed.isNull()) {
        const bool transformed = !m_transformed.isNull();
        const Side side = transformed ? Side::Transformed : Side::Original;
        drawImage(painter, transformed ? m_transformed : m_original, imageRect(side), transformed && m_transformedDimmed);
        drawBadge(painter, transformed ? tr("Transformed") : tr("Original"), paneRect(side), Qt::AlignLeft);
    } else {
        const QRect pane = paneRect(Side::Transformed);
        const double divider = snapped(dividerX(), devicePixelRatioF());
        painter.save();
        painter.setClipRect(QRectF(pane.left(), pane.top(), divider - pane.left(), pane.height()));
        drawImage(painter, m_original, imageRect(Side::Original), false);
        drawBadge(painter, tr("Original"), pane, Qt::AlignLeft);
        painter.restore();
        painter.save();
        painter.setClipRect(QRectF(divider, pane.top(), pane.right() + 1 - divider, pane.height()));
        drawImage(painter, m_transformed, imageRect(Side::Transformed), m_transformedDimmed);
        drawBadge(painter, tr("Transformed"), pane, Qt::AlignRight);
        painter.restore();
        drawDivider(painter);
    }

    if (hasFocus()) {
        painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(rect()).adjusted(1, 1, -1, -1));
    }
}

void BeforeAfterView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (!m_fit)
        setPan(m_pan);
    reportZoom(); // a fitted image changes zoom with the view
}

void BeforeAfterView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_lastDragPosition = event->position();
    if (nearDivider(event->position())) {
        m_drag = Drag::Divider;
    } else {
        m_drag = Drag::Pan;
        setCursor(Qt::ClosedHandCursor);
    }
    event->accept();
}

void BeforeAfterView::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF position = event->position();
    if (m_drag == Drag::Divider) {
        const QRect pane = paneRect(Side::Transformed);
        setSplitPosition((position.x() - pane.left()) / std::max(1, pane.width()));
    } else if (m_drag == Drag::Pan) {
        setPan(m_pan + (position - m_lastDragPosition));
        m_lastDragPosition = position;
    } else {
        updateCursor(position);
    }
    event->accept();
}

void BeforeAfterView::mouseReleaseEvent(QMouseEvent *event)
{
    m_drag = Drag::None;
    updateCursor(event->position());
    event->accept();
}

void BeforeAfterView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || nearDivider(event->position()))
        return;
    if (m_fit)
        zoomAt(1.0, event->position());
    else
        fitToView();
    event->accept();
}

void BeforeAfterView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        event->ignore();
        return;
    }
    zoomAt(zoom() * std::pow(ZoomStep, steps), event->position());
    event->accept();
}

void BeforeAfterView::keyPressEvent(QKeyEvent *event)
{
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    const bool fine = event->modifiers() & Qt::ShiftModifier;
    const bool dividerKeys = m_mode == Mode::Split && !ctrl;
    const double panStep = std::max(16, paneRect(Side::Transformed).width() / 10);
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        break;
    case Qt::Key_Minus:
        zoomOut();
        break;
    case Qt::Key_0:
        fitToView();
        break;
    case Qt::Key_1:
        showActualSize();
        break;
    case Qt::Key_Left:
        if (dividerKeys)
            setSplitPosition(m_split - (fine ? DividerFineStep : DividerStep));
        else
            setPan(m_pan + QPointF(panStep, 0));
        break;
    case Qt::Key_Right:
        if (dividerKeys)
            setSplitPosition(m_split + (fine ? DividerFineStep : DividerStep));
        else
            setPan(m_pan - QPointF(panStep, 0));
        break;
    case Qt::Key_Up:
        setPan(m_pan + QPointF(0, panStep));
        break;
    case Qt::Key_Down:
        setPan(m_pan - QPointF(0, panStep));
        break;
    case Qt::Key_Home:
        if (m_mode != Mode::Split)
            return QWidget::keyPressEvent(event);
        setSplitPosition(0.0);
        break;
    case Qt::Key_End:
        if (m_mode != Mode::Split)
            return QWidget::keyPressEvent(event);
        setSplitPosition(1.0);
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void BeforeAfterView::updateCursor(const QPointF &position)
{
    if (m_drag == Drag::Pan)
        setCursor(Qt::ClosedHandCursor);
    else if (m_drag == Drag::Divider || nearDivider(position))
        setCursor(Qt::SplitHCursor);
    else
        unsetCursor();
}

void BeforeAfterView::updateAccessibleDescription()
{
    QString state;
    if (m_original.isNull() && m_transformed.isNull())
        state = tr("No image.");
    else if (m_mode == Mode::Split)
        state = tr("Split view: original left of the divider at %1%, transformed right.").arg(qRound(m_split * 100));
    else if (m_mode == Mode::SideBySide)
        state = tr("Side by side: original left, transformed right.");
    else
        state = tr("Transformed image only.");
    if (m_transformedDimmed)
        state += QLatin1Char(' ') + tr("The transformed image is out of date.");
    state += QLatin1Char(' ') + tr("Zoom %1%.").arg(qRound(zoom() * 100));
    state += QLatin1Char(' ')
        + tr("Left and Right move the divider, plus and minus zoom, 0 fits, 1 shows the actual size, Ctrl+arrows pan.");
    if (state == accessibleDescription())
        return;
    setAccessibleDescription(state);
    QAccessibleEvent changed(this, QAccessible::DescriptionChanged);
    QAccessible::updateAccessibility(&changed);
}

} // namespace ikui
