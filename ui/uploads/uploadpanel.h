#pragma once

#include <QDockWidget>
#include <QPointer>

class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;

namespace ikui {

class UploadQueue;

// The upload panel (a dock at the bottom of the main window): every queued file with its name,
// target folder, size, state, a progress bar and speed; a total bar with bytes, files, speed and
// time left; pause/resume all, cancel selected/all, retry failed, clear finished, open the
// uploaded file in the browser, and the number of parallel uploads (a setting, default 4).
class UploadPanel : public QDockWidget
{
    Q_OBJECT

public:
    explicit UploadPanel(QWidget *parent = nullptr);

    // The queue shown (nullptr: none, the panel is disabled). The panel does not own it.
    void setQueue(UploadQueue *queue);
    UploadQueue *queue() const;

    // The remembered number of parallel uploads (QSettings "uploads/concurrency", default 4).
    static int rememberedConcurrency();

    QTableView *table() const { return m_table; }
    QString totalsText() const;
    // "Adding files to the queue: 1,500 of 100,000…" while a big drop is stored; empty otherwise.
    QString addingText() const;
    // Item ids of the selected rows.
    QList<qint64> selectedItems() const;

public Q_SLOTS:
    void togglePause();
    void cancelSelected();
    void cancelAll();
    void retryFailed();
    void clearFinished();
    void openSelected();

Q_SIGNALS:
    // "Open in browser" for a Done item: its folder and file.
    void openUploadedRequested(const QString &filePath, const QString &fileId);

private:
    void updateTotals();
    void updateButtons();
    void updateAdding();

    QPointer<UploadQueue> m_queue;
    QTableView *m_table = nullptr;
    QProgressBar *m_totalBar = nullptr;
    QLabel *m_totals = nullptr;
    QLabel *m_pausedNote = nullptr;
    QLabel *m_addingNote = nullptr;
    QPushButton *m_pause = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_cancelAll = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_clear = nullptr;
    QPushButton *m_open = nullptr;
    QSpinBox *m_concurrency = nullptr;
    QList<QMetaObject::Connection> m_queueConnections;
};

} // namespace ikui
