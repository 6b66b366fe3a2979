#pragma once

#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QWidget>

namespace ikui {

// Compares the original and the transformed image: a split view with a draggable divider
// (original left of it, transformed right), side by side, or the transformed image alone.
//
// Both images share one frame, the transformed image's pixel size; the original is scaled into
// it keeping its aspect ratio, so the two line up. Zoom and pan belong to that frame, so both
// sides always follow each other. A zoom of 1 (100%) shows one image pixel per device pixel,
// which keeps the preview crisp at any screen scale (1x, 1.5x, 2x).
//
// Keyboard: Left/Right (Shift: finer), Home/End move the divider in split mode; +/- zoom, 0 fits,
// 1 shows the actual size; Ctrl+arrows pan (plain arrows outside split mode).
class BeforeAfterView : public QWidget
{
    Q_OBJECT
    Q_PROPERTY(double splitPosition READ splitPosition WRITE setSplitPosition NOTIFY splitPositionChanged)

public:
    enum class Mode { Split, SideBySide, TransformedOnly };
    Q_ENUM(Mode)
    enum class Side { Original, Transformed };

    static constexpr double MinimumZoom = 0.02;
    static constexpr double MaximumZoom = 32.0;
    static constexpr double ZoomStep = 1.25;

    explicit BeforeAfterView(QWidget *parent = nullptr);

    void setOriginalImage(const QImage &image);
    void setTransformedImage(const QImage &image);
    const QImage &originalImage() const { return m_original; }
    const QImage &transformedImage() const { return m_transformed; }
    // The transformed side drawn faded: it is the last good image, not the current URL's.
    void setTransformedDimmed(bool dimmed);
    bool isTransformedDimmed() const { return m_transformedDimmed; }
    void clear();

    Mode mode() const { return m_mode; }
    void setMode(Mode mode);

    // Where the divider sits across the view, from 0 (all transformed) to 1 (all original).
    double splitPosition() const { return m_split; }
    void setSplitPosition(double fraction);

    // Device pixels per pixel of the frame (the transformed image). In fit mode the zoom follows
    // the view's size (never above 1: small images are not blown up).
    double zoom() const;
    bool isFitToView() const { return m_fit; }
    void setZoom(double zoom);
    // Zooms keeping the image point under `anchor` (view coordinates) in place.
    void zoomAt(double zoom, const QPointF &anchor);
    // Offset of the frame's centre from each pane's centre, in logical pixels.
    QPointF pan() const { return m_pan; }
    void setPan(const QPointF &pan);

    // Where each side is drawn in the current mode (view coordinates); empty when not shown.
    QRectF imageRect(Side side) const;
    QRect paneRect(Side side) const;
    // The divider's x in view coordinates (split mode).
    double dividerX() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void fitToView();
    void showActualSize();

Q_SIGNALS:
    void modeChanged(ikui::BeforeAfterView::Mode mode);
    void splitPositionChanged(double fraction);
    void zoomChanged(double zoom);
    void panChanged(const QPointF &pan);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    enum class Drag { None, Divider, Pan };

    QSize frameSize() const;
    double fitZoom() const;
    QRectF frameRect(const QRect &pane) const;
    QRectF originalRectIn(const QRectF &frame) const;
    bool nearDivider(const QPointF &position) const;
    QRect paneAt(const QPointF &position) const;
    QPointF clampedPan(const QPointF &pan, double zoom) const;
    void drawImage(QPainter &painter, const QImage &image, const QRectF &target, bool dimmed) const;
    void drawBadge(QPainter &painter, const QString &text, const QRect &pane, Qt::Alignment corner) const;
    void drawDivider(QPainter &painter) const;
    void updateCursor(const QPointF &position);
    void updateAccessibleDescription();
    // Emits zoomChanged() when the effective zoom differs from the last one announced.
    void reportZoom();

    QImage m_original;
    QImage m_transformed;
    Mode m_mode = Mode::Split;
    double m_split = 0.5;
    bool m_fit = true;
    double m_zoom = 1.0;      // used when !m_fit
    double m_reportedZoom = 1.0;
    QPointF m_pan;
    bool m_transformedDimmed = false;
    Drag m_drag = Drag::None;
    QPointF m_lastDragPosition;
};

} // namespace ikui
