#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace ikui {

// The status-bar strip of a long operation: what runs, a progress bar (busy while the total is
// unknown, e.g. a folder job until the server says Completed) and a Cancel button.
class OperationProgress : public QWidget
{
    Q_OBJECT

public:
    explicit OperationProgress(QWidget *parent = nullptr);

    // Shows the strip for a new operation; `total` 0 means unknown (busy indicator).
    void begin(const QString &title, int total);
    void setProgress(int done, int total);
    void setStatus(const QString &status);
    // Hides the strip.
    void end();
    bool isActive() const { return m_active; }
    QString title() const;
    QString statusText() const;

Q_SIGNALS:
    void cancelRequested();

private:
    QLabel *m_title;
    QProgressBar *m_bar;
    QLabel *m_status;
    QToolButton *m_cancel;
    bool m_active = false;
};

} // namespace ikui
