#include "uploads/uploadpanel.h"

#include "uploadqueue/uploadqueue.h"
#include "uploadqueue/uploadqueuemodel.h"
#include "uploadqueue/uploadstate.h"
#include "uploadqueue/uploadtotals.h"
#include "uploads/uploadprogressdelegate.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace ikui {

namespace {

const QString ConcurrencyKey = QStringLiteral("uploads/concurrency");

QString durationText(qint64 seconds)
{
    if (seconds < 60)
        return UploadPanel::tr("%n s", nullptr, int(seconds));
    if (seconds < 3600)
        return UploadPanel::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return UploadPanel::tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

QPushButton *makeButton(const QString &text, const char *name, const QString &tip, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(QLatin1String(name));
    button->setToolTip(tip);
    button->setAccessibleDescription(tip);
    return button;
}

} // namespace

UploadPanel::UploadPanel(QWidget *parent)
    : QDockWidget(tr("Uploads"), parent)
{
    setObjectName(QStringLiteral("uploadPanel"));
    setAccessibleName(tr("Uploads"));
    setAllowedAreas(Qt::BottomDockWidgetArea | Qt::TopDockWidgetArea);

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);

    auto *totalRow = new QHBoxLayout;
    m_totalBar = new QProgressBar(content);
    m_totalBar->setObjectName(QStringLiteral("uploadTotalBar"));
    m_totalBar->setAccessibleName(tr("Total upload progress"));
    m_totalBar->setRange(0, 1000);
    m_totalBar->setMaximumWidth(260);
    m_totals = new QLabel(tr("No uploads"), content);
    m_totals->setObjectName(QStringLiteral("uploadTotals"));
    m_totals->setAccessibleName(tr("Upload totals"));
    totalRow->addWidget(m_totalBar);
    totalRow->addWidget(m_totals, 1);
    layout->addLayout(totalRow);

    m_pausedNote = new QLabel(tr("Paused. Resuming sends the unfinished files again from the start: "
                                 "ImageKit has no resumable upload."), content);
    m_pausedNote->setObjectName(QStringLiteral("uploadPausedNote"));
    m_pausedNote->setWordWrap(true);
    m_pausedNote->hide();
    layout->addWidget(m_pausedNote);

    m_addingNote = new QLabel(content);
    m_addingNote->setObjectName(QStringLiteral("uploadAddingNote"));
    m_addingNote->setAccessibleName(tr("Files being added"));
    m_addingNote->hide();
    layout->addWidget(m_addingNote);

    m_table = new QTableView(content);
    m_table->setObjectName(QStringLiteral("uploadTable"));
    m_table->setAccessibleName(tr("Upload queue"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setItemDelegateForColumn(UploadQueueModel::ProgressColumn, new UploadProgressDelegate(m_table));
    layout->addWidget(m_table, 1);

    auto *buttons = new QHBoxLayout;
    const QString resumeNote = tr("Resuming sends unfinished files again from the start (ImageKit has no resumable upload).");
    m_pause = makeButton(tr("&Pause All"), "uploadPauseButton", tr("Pause every upload. ") + resumeNote, content);
    m_cancel = makeButton(tr("&Cancel"), "uploadCancelButton", tr("Cancel the selected uploads"), content);
    m_cancelAll = makeButton(tr("Cancel &All"), "uploadCancelAllButton", tr("Cancel every unfinished upload"), content);
    m_retry = makeButton(tr("&Retry Failed"), "uploadRetryButton", tr("Queue the failed uploads again"), content);
    m_clear = makeButton(tr("C&lear Finished"), "uploadClearButton",
                         tr("Remove done, skipped and cancelled uploads from the list"), content);
    m_open = makeButton(tr("&Show in Browser"), "uploadOpenButton", tr("Open the folder of the uploaded file and select it"),
                        content);
    for (QPushButton *button : {m_pause, m_cancel, m_cancelAll, m_retry, m_clear, m_open})
        buttons->addWidget(button);
    buttons->addStretch(1);
    auto *concurrencyLabel = new QLabel(tr("Parallel &uploads:"), content);
    m_concurrency = new QSpinBox(content);
    m_concurrency->setObjectName(QStringLiteral("uploadConcurrency"));
    m_concurrency->setAccessibleName(tr("Parallel uploads"));
    m_concurrency->setRange(1, UploadQueue::MaxConcurrency);
    m_concurrency->setValue(rememberedConcurrency());
    concurrencyLabel->setBuddy(m_concurrency);
    buttons->addWidget(concurrencyLabel);
    buttons->addWidget(m_concurrency);
    layout->addLayout(buttons);
    setWidget(content);

    connect(m_pause, &QPushButton::clicked, this, &UploadPanel::togglePause);
    connect(m_cancel, &QPushButton::clicked, this, &UploadPanel::cancelSelected);
    connect(m_cancelAll, &QPushButton::clicked, this, &UploadPanel::cancelAll);
    connect(m_retry, &QPushButton::clicked, this, &UploadPanel::retryFailed);
    connect(m_clear, &QPushButton::clicked, this, &UploadPanel::clearFinished);
    connect(m_open, &QPushButton::clicked, this, &UploadPanel::openSelected);
    connect(m_table, &QAbstractItemView::doubleClicked, this, &UploadPanel::openSelected);
    connect(m_concurrency, &QSpinBox::valueChanged, this, [this](int value) {
        QSettings().setValue(ConcurrencyKey, value);
        if (m_queue)
            m_queue->setConcurrency(value);
    });
    setQueue(nullptr);
}

UploadQueue *UploadPanel::queue() const
{
    return m_queue.data();
}

int UploadPanel::rememberedConcurrency()
{
    const int value = QSettings().value(ConcurrencyKey, UploadQueue::DefaultConcurrency).toInt();
    return qBound(1, value, int(UploadQueue::MaxConcurrency));
}

void UploadPanel::setQueue(UploadQueue *queue)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_queueConnections))
        disconnect(connection);
    m_queueConnections.clear();
    m_queue = queue;
    m_table->setModel(queue ? queue->model() : nullptr);
    widget()->setEnabled(queue != nullptr);
    if (queue) {
        queue->setConcurrency(m_concurrency->value());
        m_queueConnections << connect(queue, &UploadQueue::totalsChanged, this, &UploadPanel::updateTotals)
                           << connect(queue, &UploadQueue::pausedChanged, this, &UploadPanel::updateButtons)
                           << connect(queue, &UploadQueue::addProgressChanged, this, &UploadPanel::updateAdding)
                           << connect(queue, &UploadQueue::itemStateChanged, this, &UploadPanel::updateButtons)
                           << connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
                                      &UploadPanel::updateButtons);
        QHeaderView *header = m_table->horizontalHeader();
        header->resizeSection(UploadQueueModel::NameColumn, 220);
        header->resizeSection(UploadQueueModel::FolderColumn, 160);
        header->resizeSection(UploadQueueModel::ProgressColumn, 140);
    }
    updateTotals();
    updateAdding();
}

QString UploadPanel::addingText() const
{
    return m_addingNote->isVisibleTo(this) ? m_addingNote->text() : QString();
}

void UploadPanel::updateAdding()
{
    const UploadQueue::AddProgress progress = m_queue ? m_queue->addProgress() : UploadQueue::AddProgress();
    if (progress.batches == 0) {
        m_addingNote->hide();
        m_addingNote->clear();
    } else {
        const QLocale locale;
        // The files join the queue (and the list below) when all of them are stored.
        m_addingNote->setText(tr("Adding files to the queue: %1 of %2 stored… (Cancel All stops it; none of them is queued then)")
                                  .arg(locale.toString(progress.filesStored), locale.toString(progress.filesTotal)));
        m_addingNote->show();
    }
    updateButtons();
}

QList<qint64> UploadPanel::selectedItems() const
{
    QList<qint64> ids;
    if (!m_queue || !m_table->selectionModel())
        return ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows(0);
    for (const QModelIndex &row : rows)
        ids << row.data(UploadQueueModel::ItemIdRole).toLongLong();
    return ids;
}

QString UploadPanel::totalsText() const
{
    return m_totals->text();
}

void UploadPanel::updateTotals()
{
    if (!m_queue) {
        m_totalBar->setValue(0);
        m_totals->setText(tr("No account open"));
        updateButtons();
        return;
    }
    const UploadTotals totals = m_queue->totals();
    if (totals.files == 0) {
        m_totalBar->setValue(0);
        m_totals->setText(tr("No uploads. Drop files on the browser, paste them, or use File > Upload Files…"));
        updateButtons();
        return;
    }
    const QLocale locale;
    const qint64 ended = totals.done + totals.failed + totals.skipped + totals.cancelled;
    m_totalBar->setValue(totals.bytesTotal > 0 ? int(qMin<qint64>(1000, totals.bytesSent * 1000 / totals.bytesTotal))
                                               : (ended == totals.files ? 1000 : 0));
    QStringList parts;
    parts << tr("%1 of %n file(s) done", nullptr, int(totals.files)).arg(totals.done);
    parts << tr("%1 of %2").arg(locale.formattedDataSize(totals.bytesSent), locale.formattedDataSize(totals.bytesTotal));
    if (totals.active > 0 && totals.bytesPerSecond > 0)
        parts << tr("%1/s").arg(locale.formattedDataSize(qint64(totals.bytesPerSecond)));
    if (totals.active > 0 && totals.secondsLeft >= 0)
        parts << tr("%1 left").arg(durationText(totals.secondsLeft));
    if (totals.failed > 0)
        parts << tr("%n failed", nullptr, int(totals.failed));
    if (totals.skipped > 0)
        parts << tr("%n skipped", nullptr, int(totals.skipped));
    if (totals.cancelled > 0)
        parts << tr("%n cancelled", nullptr, int(totals.cancelled));
    m_totals->setText(parts.join(QStringLiteral(" · ")));
    updateButtons();
}

void UploadPanel::updateButtons()
{
    const bool hasQueue = m_queue != nullptr;
    const UploadTotals totals = hasQueue ? m_queue->totals() : UploadTotals();
    const bool paused = hasQueue && m_queue->isPaused();
    m_pause->setText(paused ? tr("&Resume All") : tr("&Pause All"));
    const bool adding = hasQueue && m_queue->isAdding();
    m_pause->setEnabled(hasQueue && (paused || adding || totals.remainingFiles() > 0));
    m_pausedNote->setVisible(paused);
    const QList<qint64> selected = selectedItems();
    bool anyCancellable = false;
    bool anyDone = false;
    for (qint64 id : selected) {
        const UploadState state = m_queue->state(id);
        anyCancellable = anyCancellable || !isFinishedState(state);
        anyDone = anyDone || state == UploadState::Done;
    }
    m_cancel->setEnabled(anyCancellable);
    m_cancelAll->setEnabled(adding || totals.remainingFiles() > 0);
    m_retry->setEnabled(totals.failed > 0);
    m_clear->setEnabled(totals.done + totals.skipped + totals.cancelled > 0);
    m_open->setEnabled(selected.size() == 1 && anyDone);
}

void UploadPanel::togglePause()
{
    if (!m_queue)
        return;
    if (m_queue->isPaused())
        m_queue->resumeAll();
    else
        m_queue->pauseAll();
    updateButtons();
}

void UploadPanel::cancelSelected()
{
    if (!m_queue)
        return;
    for (qint64 id : selectedItems())
        m_queue->cancel(id);
    updateTotals();
}

void UploadPanel::cancelAll()
{
    if (m_queue)
        m_queue->cancelAll();
    updateTotals();
}

void UploadPanel::retryFailed()
{
    if (m_queue)
        m_queue->retryFailed();
    updateTotals();
}

void UploadPanel::clearFinished()
{
    if (m_queue)
        m_queue->clearFinished();
    updateTotals();
}

void UploadPanel::openSelected()
{
    const QList<qint64> selected = selectedItems();
    if (!m_queue || selected.size() != 1)
        return;
    const UploadQueueModel *model = m_queue->model();
    const UploadQueueModel::Row *row = model->rowForItem(selected.first());
    if (!row || row->state != UploadState::Done || row->filePath.isEmpty())
        return;
    Q_EMIT openUploadedRequested(row->filePath, row->fileId);
}

} // namespace ikui
