#pragma once

#include "builder/preview/beforeafterview.h"
#include "builder/preview/previewresult.h"

#include <QUrl>
#include <QWidget>

class QLabel;
class QNetworkAccessManager;
class QProgressBar;
class QToolButton;

namespace ikui {

class PreviewLoader;

// The builder's live preview: the before/after view, a mode switch (split, side by side,
// transformed only), zoom buttons, a busy indicator while an image loads, an info line (pixel
// size, format, bytes, load time) and the server's error when the transformation is invalid
// (the last good image then stays, dimmed).
//
//   auto *preview = new PreviewPanel(session->client()->networkAccessManager(), this);
//   preview->setOriginalUrl(fileUrl);          // the untransformed file, loaded at once
//   preview->setTransformedUrl(builtUrl);      // on every edit: debounced, stale answers dropped
//   preview->lastResult();                     // the image shown, with its figures
//   preview->loader();                         // signals previewReady / previewFailed / loadingChanged
class PreviewPanel : public QWidget
{
    Q_OBJECT

public:
    // `network` may be nullptr (an own manager is used) and may be changed later.
    explicit PreviewPanel(QNetworkAccessManager *network = nullptr, QWidget *parent = nullptr);

    void setNetworkAccessManager(QNetworkAccessManager *network);

    void setOriginalUrl(const QUrl &url);
    QUrl originalUrl() const { return m_originalUrl; }
    // The URL to preview (debounced). An empty URL clears the transformed side.
    void setTransformedUrl(const QUrl &url);
    QUrl transformedUrl() const { return m_transformedUrl; }

    // The transformed image shown (the last good one), and the original's.
    const PreviewResult &lastResult() const;
    const PreviewResult &originalResult() const;
    // The transformed image's loader (debounce settings, request counts, signals).
    PreviewLoader *loader() const { return m_loader; }
    PreviewLoader *originalLoader() const { return m_originalLoader; }
    BeforeAfterView *view() const { return m_view; }

    void setMode(BeforeAfterView::Mode mode);
    BeforeAfterView::Mode mode() const;

    bool isBusy() const;
    // The info line, and the error shown ("" when none).
    QString infoText() const;
    QString errorText() const;

public Q_SLOTS:
    void reload();

Q_SIGNALS:
    void busyChanged(bool busy);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    QToolButton *addToolButton(const QString &objectName, const QString &text, const QString &toolTip);
    void showTransformed(const PreviewResult &result);
    void showTransformedFailure(const QString &message);
    void showOriginal(const PreviewResult &result);
    void showOriginalFailure(const QString &message);
    void updateInfo();
    void updateBusy();
    void updateRequestCounts();
    void updateZoomLabel(double zoom);
    void updateErrorColor();
    void syncModeButtons();

    PreviewLoader *m_loader = nullptr;
    PreviewLoader *m_originalLoader = nullptr;
    BeforeAfterView *m_view = nullptr;
    QToolButton *m_splitButton = nullptr;
    QToolButton *m_sideBySideButton = nullptr;
    QToolButton *m_transformedOnlyButton = nullptr;
    QLabel *m_zoomLabel = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_info = nullptr;
    QLabel *m_error = nullptr;
    QUrl m_originalUrl;
    QUrl m_transformedUrl;
    QString m_originalProblem;
    bool m_lastBusy = false;
};

} // namespace ikui
