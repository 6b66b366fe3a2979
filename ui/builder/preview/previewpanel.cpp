#include "builder/preview/previewpanel.h"

#include "builder/preview/previewloader.h"

#include <QButtonGroup>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace ikui {

namespace {

QString figuresOf(const PreviewResult &result, bool withTime)
{
    QStringList parts;
    parts << PreviewPanel::tr("%1 × %2 px").arg(result.pixelSize.width()).arg(result.pixelSize.height());
    if (!result.format.isEmpty())
        parts << result.format;
    parts << QLocale().formattedDataSize(result.bytes);
    if (withTime)
        parts << PreviewPanel::tr("%1 ms").arg(result.loadTimeMs);
    return parts.join(QStringLiteral(" · "));
}

// An error colour readable on the current window colour.
QColor errorColorFor(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() > 128 ? QColor(0xb0, 0x1c, 0x1c) : QColor(0xff, 0x8a, 0x80);
}

} // namespace

PreviewPanel::PreviewPanel(QNetworkAccessManager *network, QWidget *parent)
    : QWidget(parent)
    , m_loader(new PreviewLoader(network, this))
    , m_originalLoader(new PreviewLoader(network, this))
{
    // The original comes once per file: no reason to wait.
    m_originalLoader->setDebounceInterval(0);
    buildUi();

    connect(m_loader, &PreviewLoader::previewReady, this, &PreviewPanel::showTransformed);
    connect(m_loader, &PreviewLoader::previewFailed, this, &PreviewPanel::showTransformedFailure);
    connect(m_loader, &PreviewLoader::loadingChanged, this, &PreviewPanel::updateBusy);
    connect(m_originalLoader, &PreviewLoader::previewReady, this, &PreviewPanel::showOriginal);
    connect(m_originalLoader, &PreviewLoader::previewFailed, this, &PreviewPanel::showOriginalFailure);
    connect(m_originalLoader, &PreviewLoader::loadingChanged, this, &PreviewPanel::updateBusy);
    connect(m_view, &BeforeAfterView::zoomChanged, this, &PreviewPanel::updateZoomLabel);
    connect(m_view, &BeforeAfterView::modeChanged, this, &PreviewPanel::syncModeButtons);
}

void PreviewPanel::buildUi()
{
    setAccessibleName(tr("Live preview"));

    m_splitButton = addToolButton(QStringLiteral("previewModeSplit"), tr("Split"),
                                  tr("Original and transformed image split by a divider you can drag"));
    m_sideBySideButton = addToolButton(QStringLiteral("previewModeSideBySide"), tr("Side by side"),
                                       tr("Original left, transformed right, zoomed and panned together"));
    m_transformedOnlyButton = addToolButton(QStringLiteral("previewModeTransformed"), tr("Transformed"),
                                            tr("The transformed image alone"));
    auto *modes = new QButtonGroup(this);
    for (QToolButton *button : {m_splitButton, m_sideBySideButton, m_transformedOnlyButton}) {
        button->setCheckable(true);
        modes->addButton(button);
    }
    m_splitButton->setChecked(true);
    connect(m_splitButton, &QToolButton::clicked, this, [this] { setMode(BeforeAfterView::Mode::Split); });
    connect(m_sideBySideButton, &QToolButton::clicked, this, [this] { setMode(BeforeAfterView::Mode::SideBySide); });
    connect(m_transformedOnlyButton, &QToolButton::clicked, this,
            [this] { setMode(BeforeAfterView::Mode::TransformedOnly); });

    m_view = new BeforeAfterView(this);
    m_view->setObjectName(QStringLiteral("previewView"));

    QToolButton *zoomOut = addToolButton(QStringLiteral("previewZoomOut"), QStringLiteral("−"), tr("Zoom out (-)"));
    zoomOut->setAccessibleName(tr("Zoom out"));
    m_zoomLabel = new QLabel(this);
    m_zoomLabel->setObjectName(QStringLiteral("previewZoom"));
    m_zoomLabel->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("3200%")) + 4);
    m_zoomLabel->setAlignment(Qt::AlignCenter);
    QToolButton *zoomIn = addToolButton(QStringLiteral("previewZoomIn"), QStringLiteral("+"), tr("Zoom in (+)"));
    zoomIn->setAccessibleName(tr("Zoom in"));
    QToolButton *fit = addToolButton(QStringLiteral("previewZoomFit"), tr("Fit"), tr("Fit the image in the view (0)"));
    // "1:1", not "100%": the zoom label next to it already reads as a percentage.
    QToolButton *actual = addToolButton(QStringLiteral("previewZoomActual"), tr("1:1"),
                                        tr("Actual size: one image pixel per screen pixel (1)"));
    actual->setAccessibleName(tr("Actual size"));
    QToolButton *reloadButton = addToolButton(QStringLiteral("previewReload"), tr("Reload"), tr("Load the preview again"));
    connect(zoomOut, &QToolButton::clicked, m_view, &BeforeAfterView::zoomOut);
    connect(zoomIn, &QToolButton::clicked, m_view, &BeforeAfterView::zoomIn);
    connect(fit, &QToolButton::clicked, m_view, &BeforeAfterView::fitToView);
    connect(actual, &QToolButton::clicked, m_view, &BeforeAfterView::showActualSize);
    connect(reloadButton, &QToolButton::clicked, this, &PreviewPanel::reload);

    auto *toolbar = new QHBoxLayout;
    toolbar->setSpacing(2);
    toolbar->addWidget(m_splitButton);
    toolbar->addWidget(m_sideBySideButton);
    toolbar->addWidget(m_transformedOnlyButton);
    toolbar->addStretch(1);
    toolbar->addWidget(zoomOut);
    toolbar->addWidget(m_zoomLabel);
    toolbar->addWidget(zoomIn);
    toolbar->addWidget(fit);
    toolbar->addWidget(actual);
    toolbar->addSpacing(8);
    toolbar->addWidget(reloadButton);

    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("previewBusy"));
    m_busy->setAccessibleName(tr("Loading the preview"));
    m_busy->setRange(0, 0); // indeterminate
    m_busy->setTextVisible(false);
    m_busy->setFixedSize(64, 10);
    m_busy->setVisible(false);
    m_info = new QLabel(this);
    m_info->setObjectName(QStringLiteral("previewInfo"));
    m_info->setAccessibleName(tr("Preview information"));
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_info->setText(tr("No preview yet."));
    auto *status = new QHBoxLayout;
    status->addWidget(m_busy);
    status->addWidget(m_info, 1);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("previewError"));
    m_error->setAccessibleName(tr("Preview error"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_error->setVisible(false);
    updateErrorColor();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(toolbar);
    layout->addWidget(m_view, 1);
    layout->addLayout(status);
    layout->addWidget(m_error);
    updateZoomLabel(m_view->zoom());
}

QToolButton *PreviewPanel::addToolButton(const QString &objectName, const QString &text, const QString &toolTip)
{
    auto *button = new QToolButton(this);
    button->setObjectName(objectName);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setAccessibleName(text);
    button->setAccessibleDescription(toolTip);
    button->setAutoRaise(true);
    return button;
}

void PreviewPanel::setNetworkAccessManager(QNetworkAccessManager *network)
{
    m_loader->setNetworkAccessManager(network);
    m_originalLoader->setNetworkAccessManager(network);
}

void PreviewPanel::setOriginalUrl(const QUrl &url)
{
    if (url == m_originalUrl)
        return;
    m_originalUrl = url;
    m_originalProblem.clear();
    if (url.isEmpty()) {
        m_originalLoader->cancel();
        m_view->setOriginalImage({});
        updateInfo();
        return;
    }
    m_originalLoader->requestPreview(url);
}

void PreviewPanel::setTransformedUrl(const QUrl &url)
{
    m_transformedUrl = url;
    if (url.isEmpty()) {
        m_loader->requestPreview(url);
        m_view->setTransformedImage({});
        m_view->setTransformedDimmed(false);
        m_error->clear();
        m_error->setVisible(false);
        updateInfo();
        return;
    }
    m_loader->requestPreview(url);
}

const PreviewResult &PreviewPanel::lastResult() const
{
    return m_loader->lastResult();
}

const PreviewResult &PreviewPanel::originalResult() const
{
    return m_originalLoader->lastResult();
}

void PreviewPanel::setMode(BeforeAfterView::Mode mode)
{
    m_view->setMode(mode);
    syncModeButtons();
}

BeforeAfterView::Mode PreviewPanel::mode() const
{
    return m_view->mode();
}

bool PreviewPanel::isBusy() const
{
    return m_loader->isLoading() || m_originalLoader->isLoading();
}

QString PreviewPanel::infoText() const
{
    return m_info->text();
}

QString PreviewPanel::errorText() const
{
    return m_error->isVisibleTo(this) ? m_error->text() : QString();
}

void PreviewPanel::reload()
{
    if (!m_originalUrl.isEmpty() && m_originalLoader->lastFailure().isValid())
        m_originalLoader->reload();
    m_loader->reload();
}

void PreviewPanel::showTransformed(const PreviewResult &result)
{
    m_view->setTransformedImage(result.image);
    m_view->setTransformedDimmed(false);
    m_error->clear();
    m_error->setVisible(false);
    updateInfo();
}

void PreviewPanel::showTransformedFailure(const QString &message)
{
    // The last good image stays for comparison, faded: it no longer matches the URL.
    m_view->setTransformedDimmed(!m_view->transformedImage().isNull());
    m_error->setText(message);
    m_error->setVisible(true);
    updateInfo();
}

void PreviewPanel::showOriginal(const PreviewResult &result)
{
    m_originalProblem.clear();
    m_view->setOriginalImage(result.image);
    updateInfo();
}

void PreviewPanel::showOriginalFailure(const QString &message)
{
    m_originalProblem = message.section(QLatin1Char('\n'), 0, 0);
    m_view->setOriginalImage({});
    updateInfo();
}

void PreviewPanel::updateInfo()
{
    QStringList lines;
    const PreviewResult &result = m_loader->lastResult();
    if (result.isValid() && !m_transformedUrl.isEmpty()) {
        QString line = figuresOf(result, true);
        if (m_loader->lastFailure().isValid())
            line = tr("Last good image: %1").arg(line);
        if (!result.ignoredParameters.isEmpty())
            line += QStringLiteral(" · ") + tr("ignored: %1").arg(result.ignoredParameters.join(QStringLiteral(", ")));
        lines << line;
    }
    const PreviewResult &original = m_originalLoader->lastResult();
    if (!m_originalProblem.isEmpty())
        lines << tr("Original not loaded: %1").arg(m_originalProblem);
    else if (original.isValid() && !m_originalUrl.isEmpty())
        lines << tr("Original: %1").arg(figuresOf(original, false));
    m_info->setText(lines.isEmpty() ? tr("No preview yet.") : lines.join(QStringLiteral("  —  ")));
    updateRequestCounts();
}

void PreviewPanel::updateRequestCounts()
{
    // A debug readout of the debounce: how many edits reached the network.
    m_info->setToolTip(tr("Preview requests sent: %1, cancelled as out of date: %2")
                           .arg(m_loader->requestCount())
                           .arg(m_loader->abortedCount()));
}

void PreviewPanel::updateBusy()
{
    const bool busy = isBusy();
    m_busy->setVisible(busy);
    updateRequestCounts();
    if (busy != m_lastBusy) {
        m_lastBusy = busy;
        Q_EMIT busyChanged(busy);
    }
}

void PreviewPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateErrorColor();
}

void PreviewPanel::updateErrorColor()
{
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, errorColorFor(palette()));
    m_error->setPalette(errorPalette);
}

void PreviewPanel::updateZoomLabel(double zoom)
{
    m_zoomLabel->setText(QStringLiteral("%1%").arg(qRound(zoom * 100)));
    m_zoomLabel->setAccessibleName(tr("Zoom %1%").arg(qRound(zoom * 100)));
}

void PreviewPanel::syncModeButtons()
{
    switch (m_view->mode()) {
    case BeforeAfterView::Mode::Split:
        m_splitButton->setChecked(true);
        break;
    case BeforeAfterView::Mode::SideBySide:
        m_sideBySideButton->setChecked(true);
        break;
    case BeforeAfterView::Mode::TransformedOnly:
        m_transformedOnlyButton->setChecked(true);
        break;
    }
}

} // namespace ikui
