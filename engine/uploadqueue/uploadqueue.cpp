#include "uploadqueue/uploadqueue.h"

#include "uploadqueue/uploadbatchstager.h"
#include "uploadqueue/uploadqueuemodel.h"
#include "uploadqueue/uploadservermatch.h"
#include "uploadqueue/uploadstore.h"

#include "api/apiclient.h"
#include "api/imagekit.h"
#include "api/transport/retrybackoff.h"
#include "util/clock.h"

#include <QDateTime>
#include <QFileInfo>
#include <QLocale>
#include <QPointer>
#include <QRandomGenerator>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <array>
#include <atomic>
#include <deque>
#include <limits>
#include <map>

namespace ikui {

namespace {

constexpr qint64 SpeedWindowMs = 5000;

// What stopped a job that the queue itself cancelled.
enum class AbortReason { None, Pause, Cancel, Shutdown };

} // namespace

// An item being checked, uploaded or waiting out a backoff; holds one concurrency slot.
struct ActiveUpload
{
    StoredUploadItem item;
    UploadBatchOptions options;
    QPointer<ik::ApiJob> job;
    // The context of the pending backoff callback: deleting it (with the upload) drops the wait.
    std::unique_ptr<QObject> backoffContext;
    AbortReason abort = AbortReason::None;
    qint64 attemptStartMs = 0;
    qint64 bytesSent = 0;
    int transientFailures = 0;
};

// A batch added by addBatchInBackground(): stored by a worker, then fed to the model.
struct BackgroundAdd
{
    qint64 batchId = 0;
    qint64 total = 0;
    qint64 stored = 0;
    bool published = false;         // in the queue; being fed to the model
    qint64 fedUpTo = 0;             // the last item id given to the model
    std::shared_ptr<std::atomic_bool> cancelled = std::make_shared<std::atomic_bool>(false);
};

struct UploadQueue::Private
{
    UploadQueue *q = nullptr;
    ik::ImageKit *api = nullptr;
    QString databasePath;
    const ik::Clock *clock = &ik::Clock::system();
    std::unique_ptr<UploadStore> store;
    UploadQueueModel *model = nullptr;
    QHash<qint64, UploadBatchOptions> batches;
    std::map<qint64, std::unique_ptr<ActiveUpload>> active;
    int concurrency = DefaultConcurrency;
    bool paused = false;
    bool running = false;
    bool sentSinceIdle = false;     // queueFinished is due when everything ends
    int scanCursor = 0;             // rows before it hold no Queued item
    std::array<qint64, 7> countByState{};
    std::array<qint64, 7> bytesByState{};
    std::deque<std::pair<qint64, qint64>> speedSamples; // (ms, bytes) of recent progress
    qint64 activitySinceMs = -1;
    bool totalsPending = false;
    bool scheduling = false;        // schedule() is on the stack: its loop picks up any change
    ik::ApiClient::DelayScheduler delayScheduler;
    std::function<double()> jitterSource;
    std::deque<BackgroundAdd> adds; // in call order
    QThreadPool addPool;            // one thread: batches are stored one after another
    bool feedPosted = false;
    bool addProgressPending = false;
    InterruptedAdds interrupted;

    void schedule();
    void startItem(qint64 id);
    UploadQueueModel::Row rowFor(const StoredUploadItem &item);
    void onStaged(qint64 batchId, qint64 stored);
    void onStagingEnded(qint64 batchId, const UploadBatchStager::Outcome &outcome);
    void postFeed();
    void feed();
    void addProgressChanged();
    BackgroundAdd *backgroundAdd(qint64 batchId);
    void scheduleDelay(qint64 ms, QObject *context, std::function<void()> callback) const;
    void proceed(ActiveUpload *upload);
    void runCheck(ActiveUpload *upload);
    void onChecked(qint64 id, const QList<ik::FileItem> &files);
    void sendUpload(ActiveUpload *upload);
    void onProgress(qint64 id, qint64 sent, qint64 total);
    void onUploaded(qint64 id, const ik::UploadResult &result);
    void onJobFailed(qint64 id, const ik::ApiError &error);
    void completeDone(ActiveUpload *upload, const ik::UploadResult &result);
    void finishActive(qint64 id, UploadState state, const QString &error, bool needsCheck);
    void abortActive(ActiveUpload *upload, AbortReason reason);
    void returnToQueue(qint64 id);
    void setRowState(qint64 id, UploadState state, const QString &error, bool needsCheck, qint64 bytesSent = 0);
    void countChange(UploadState from, UploadState to, qint64 size);
    bool persisted(bool ok);
    void totalsChanged();
    void checkFinished();
    QString localFileProblem(const StoredUploadItem &item) const;
    double currentBytesPerSecond() const;
    ActiveUpload *activeItem(qint64 id) const
    {
        const auto it = active.find(id);
        return it == active.end() ? nullptr : it->second.get();
    }
};

UploadQueue::UploadQueue(ik::ImageKit *api, const QString &databasePath, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->q = this;
    // For QSignalSpy and queued connections to itemUploaded.
    qRegisterMetaType<ik::UploadResult>("ik::UploadResult");
    d->api = api;
    d->databasePath = databasePath;
    d->addPool.setMaxThreadCount(1);
    d->model = new UploadQueueModel(this);
    d->store = std::make_unique<UploadStore>(databasePath);
    UploadStore *store = d->store.get();
    d->model->setLocalPathResolver([store](qint64 id) {
        const std::optional<StoredUploadItem> item = store->isOpen() ? store->item(id) : std::nullopt;
        return item ? item->localPath : QString();
    });
}

UploadQueue::~UploadQueue()
{
    // A batch still being stored is dropped (its worker deletes what it stored; if it cannot, the
    // next open() does). Its posted reports die with this object.
    for (BackgroundAdd &add : d->adds)
        add.cancelled->store(true);
    d->addPool.waitForDone();
    // In-flight requests are abandoned; their items come back "needs check" on the next open().
    for (auto &entry : d->active) {
        entry.second->abort = AbortReason::Shutdown;
        if (entry.second->job) {
            disconnect(entry.second->job, nullptr, this, nullptr);
            entry.second->job->cancel();
        }
    }
    d->active.clear();
    if (d->store->isOpen())
        d->store->recoverInterruptedItems();
    d->model->setLocalPathResolver({});
}

QString UploadQueue::databasePath() const
{
    return d->databasePath;
}

bool UploadQueue::open(QString *error)
{
    if (d->store->isOpen())
        return true;
    if (!d->store->open(error))
        return false;
    if (d->store->recoverInterruptedItems() < 0) {
        if (error)
            *error = d->store->lastError();
        return false;
    }
    // Staged items of a background add the app did not finish: whole batches or nothing.
    d->interrupted = {};
    const int interruptedBatches = d->store->discardInterruptedAdds(&d->interrupted.filesStored, &d->interrupted.filesPlanned);
    if (interruptedBatches < 0) {
        if (error)
            *error = d->store->lastError();
        return false;
    }
    d->interrupted.batches = interruptedBatches;
    d->batches = d->store->batches();
    d->paused = d->store->isPaused();
    QList<UploadQueueModel::Row> rows;
    const bool loaded = d->store->forEachItem([this, &rows](const StoredUploadItem &item) { rows.append(d->rowFor(item)); });
    if (!loaded) {
        if (error)
            *error = d->store->lastError();
        return false;
    }
    d->model->clear();
    d->model->appendRows(std::move(rows));
    d->totalsChanged();
    return true;
}

bool UploadQueue::isOpen() const
{
    return d->store->isOpen();
}

void UploadQueue::setClock(const ik::Clock *clock)
{
    d->clock = clock ? clock : &ik::Clock::system();
}

void UploadQueue::setDelayScheduler(ik::ApiClient::DelayScheduler scheduler)
{
    d->delayScheduler = std::move(scheduler);
}

void UploadQueue::setJitterSource(std::function<double()> unitRandom)
{
    d->jitterSource = std::move(unitRandom);
}

void UploadQueue::Private::scheduleDelay(qint64 ms, QObject *context, std::function<void()> callback) const
{
    if (delayScheduler) {
        delayScheduler(ms, context, std::move(callback));
        return;
    }
    QTimer::singleShot(int(qBound<qint64>(0, ms, qint64(std::numeric_limits<int>::max()))), context, std::move(callback));
}

qint64 UploadQueue::addBatch(const QList<UploadSource> &sources, const UploadBatchOptions &options, QString *error)
{
    const auto refuse = [error](const QString &reason) {
        if (error)
            *error = reason;
        return qint64(0);
    };
    if (!d->store->isOpen())
        return refuse(tr("The upload queue is not open."));
    const QString invalid = options.validationError();
    if (!invalid.isEmpty())
        return refuse(invalid);
    if (sources.isEmpty())
        return refuse(tr("There is nothing to upload."));

    QList<NewUploadItem> items;
    items.reserve(sources.size());
    for (const UploadSource &source : sources)
        items.append(UploadStore::describeSource(source));
    QList<qint64> ids;
    const qint64 batchId = d->store->addBatch(options, items, &ids);
    if (batchId == 0)
        return refuse(tr("The upload queue could not store the files: %1").arg(d->store->lastError()));
    d->batches.insert(batchId, options);

    QList<UploadQueueModel::Row> rows;
    rows.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        const NewUploadItem &item = items.at(i);
        StoredUploadItem stored;
        stored.id = ids.at(i);
        stored.name = item.name;
        stored.targetFolder = item.targetFolder;
        stored.size = item.size;
        stored.state = item.state;
        stored.error = item.error;
        rows.append(d->rowFor(stored));
    }
    d->model->appendRows(std::move(rows));
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (items.at(i).state == UploadState::Failed)
            Q_EMIT itemFailed(ids.at(i), items.at(i).error);
    }
    d->totalsChanged();
    d->schedule();
    return batchId;
}

qint64 UploadQueue::addBatchInBackground(const QList<UploadSource> &sources, const UploadBatchOptions &options, QString *error)
{
    if (sources.size() <= ImmediateAddLimit || !d->store->isOpen() || !options.validationError().isEmpty())
        return addBatch(sources, options, error); // small (a few ms), or refused with the reason
    const qint64 batchId = d->store->createStagedBatch(options, sources.size());
    if (batchId == 0) {
        if (error)
            *error = tr("The upload queue could not store the files: %1").arg(d->store->lastError());
        return 0;
    }
    d->batches.insert(batchId, options);
    BackgroundAdd add;
    add.batchId = batchId;
    add.total = sources.size();
    d->adds.push_back(add);
    // The worker reports through queued calls on this object: they die with it.
    Private *self = d.get();
    d->addPool.start([self, queue = this, path = d->databasePath, batchId, sources, cancelled = add.cancelled] {
        const UploadBatchStager::Outcome outcome = UploadBatchStager::run(path, batchId, sources, *cancelled, [&](qint64 stored) {
            QMetaObject::invokeMethod(queue, [self, batchId, stored] { self->onStaged(batchId, stored); }, Qt::QueuedConnection);
        });
        QMetaObject::invokeMethod(queue, [self, batchId, outcome] { self->onStagingEnded(batchId, outcome); }, Qt::QueuedConnection);
    });
    d->addProgressChanged();
    return batchId;
}

bool UploadQueue::isAdding() const
{
    return !d->adds.empty();
}

UploadQueue::AddProgress UploadQueue::addProgress() const
{
    AddProgress progress;
    for (const BackgroundAdd &add : d->adds) {
        ++progress.batches;
        progress.filesStored += add.stored;
        progress.filesTotal += add.total;
    }
    return progress;
}

void UploadQueue::cancelAdding()
{
    // The worker checks the flag inside each transaction, so a batch is either published before
    // this (and stays, like any queued item) or rolled back and deleted.
    for (BackgroundAdd &add : d->adds) {
        if (!add.published)
            add.cancelled->store(true);
    }
}

UploadQueue::InterruptedAdds UploadQueue::interruptedAdds() const
{
    return d->interrupted;
}

UploadQueueModel::Row UploadQueue::Private::rowFor(const StoredUploadItem &item)
{
    UploadQueueModel::Row row;
    row.id = item.id;
    row.name = item.name;
    row.folder = item.targetFolder;
    row.size = item.size;
    row.state = item.state;
    row.needsCheck = item.needsCheck;
    row.error = item.error;
    row.fileId = item.fileId;
    row.filePath = item.filePath;
    if (row.state == UploadState::Done)
        row.bytesSent = row.size;
    countChange(UploadState(-1), row.state, row.size);
    return row;
}

BackgroundAdd *UploadQueue::Private::backgroundAdd(qint64 batchId)
{
    for (BackgroundAdd &add : adds) {
        if (add.batchId == batchId)
            return &add;
    }
    return nullptr;
}

void UploadQueue::Private::onStaged(qint64 batchId, qint64 stored)
{
    if (BackgroundAdd *add = backgroundAdd(batchId)) {
        add->stored = stored;
        addProgressChanged();
    }
}

void UploadQueue::Private::onStagingEnded(qint64 batchId, const UploadBatchStager::Outcome &outcome)
{
    BackgroundAdd *add = backgroundAdd(batchId);
    if (!add)
        return;
    if (outcome.published) {
        add->stored = add->total;
        add->published = true;
        model->reserveRows(add->total);
        postFeed();
        addProgressChanged();
        return;
    }
    adds.erase(std::find_if(adds.begin(), adds.end(), [batchId](const BackgroundAdd &a) { return a.batchId == batchId; }));
    batches.remove(batchId);
    addProgressChanged();
    const QString reason = outcome.cancelled
        ? QString()
        : UploadQueue::tr("The upload queue could not store the files: %1").arg(outcome.error);
    Q_EMIT q->backgroundAddFinished(batchId, false, reason);
    checkFinished();
}

void UploadQueue::Private::postFeed()
{
    if (feedPosted)
        return;
    feedPosted = true;
    QMetaObject::invokeMethod(q, [this] { feed(); }, Qt::QueuedConnection);
}

void UploadQueue::Private::feed()
{
    // One slice per event-loop turn: a 100,000-file batch reaches the view without a long stall.
    feedPosted = false;
    auto it = std::find_if(adds.begin(), adds.end(), [](const BackgroundAdd &add) { return add.published; });
    if (it == adds.end())
        return;
    const qint64 batchId = it->batchId;
    QList<UploadQueueModel::Row> rows;
    QList<std::pair<qint64, QString>> failed;
    qint64 lastId = it->fedUpTo;
    const bool read = store->batchItemsAfter(batchId, lastId, FeedSliceRows, [&](const StoredUploadItem &item) {
        lastId = item.id;
        if (item.state == UploadState::Failed)
            failed.append({item.id, item.error});
        rows.append(rowFor(item));
    });
    if (!read) {
        // The database stopped answering: pause and say why; resumeAll() tries again. The batch
        // is stored, so it is also shown when the queue is opened again.
        persisted(false);
        return;
    }
    if (rows.isEmpty()) {
        adds.erase(it);
        addProgressChanged();
        Q_EMIT q->backgroundAddFinished(batchId, true, QString());
        if (std::any_of(adds.begin(), adds.end(), [](const BackgroundAdd &add) { return add.published; }))
            postFeed();
        checkFinished();
        return;
    }
    it->fedUpTo = lastId;
    model->appendRows(std::move(rows));
    for (const auto &[id, reason] : std::as_const(failed))
        Q_EMIT q->itemFailed(id, reason);
    totalsChanged();
    postFeed();
    schedule();
}

void UploadQueue::Private::addProgressChanged()
{
    if (addProgressPending)
        return;
    addProgressPending = true;
    QTimer::singleShot(0, q, [this]() {
        addProgressPending = false;
        Q_EMIT q->addProgressChanged();
    });
}

void UploadQueue::start()
{
    d->running = true;
    d->schedule();
}

bool UploadQueue::isRunning() const
{
    return d->running;
}

void UploadQueue::setConcurrency(int count)
{
    d->concurrency = qBound(1, count, MaxConcurrency);
    // The client caps requests in flight for everything on it (browsing too): make room for the
    // uploads plus two requests, so a higher setting really runs and the browser stays usable.
    if (d->api && d->api->client()) {
        ik::ApiClient *client = d->api->client();
        const int needed = d->concurrency + 2;
        if (client->maxConcurrentRequests() < needed)
            client->setMaxConcurrentRequests(needed);
    }
    d->schedule(); // fewer: the extra uploads finish, no new ones start
}

int UploadQueue::concurrency() const
{
    return d->concurrency;
}

void UploadQueue::pauseAll()
{
    if (d->paused)
        return;
    d->paused = true;
    d->persisted(d->store->isOpen() ? d->store->setPaused(true) : true);
    QList<qint64> ids;
    for (const auto &entry : d->active)
        ids.append(entry.first);
    for (qint64 id : std::as_const(ids)) {
        if (ActiveUpload *upload = d->activeItem(id))
            d->abortActive(upload, AbortReason::Pause);
    }
    d->totalsChanged();
    Q_EMIT pausedChanged(true);
}

void UploadQueue::resumeAll()
{
    if (!d->paused)
        return;
    d->paused = false;
    d->persisted(d->store->isOpen() ? d->store->setPaused(false) : true);
    Q_EMIT pausedChanged(false);
    if (std::any_of(d->adds.begin(), d->adds.end(), [](const BackgroundAdd &add) { return add.published; }))
        d->postFeed(); // a feed a storage error stopped
    d->schedule();
}

bool UploadQueue::isPaused() const
{
    return d->paused;
}

void UploadQueue::cancel(qint64 itemId)
{
    if (ActiveUpload *upload = d->activeItem(itemId)) {
        d->abortActive(upload, AbortReason::Cancel);
        d->schedule();
        return;
    }
    const UploadQueueModel::Row *row = d->model->rowForItem(itemId);
    if (!row || isFinishedState(row->state))
        return;
    if (d->persisted(d->store->setState(itemId, UploadState::Cancelled, QString(), row->needsCheck)))
        d->setRowState(itemId, UploadState::Cancelled, QString(), row->needsCheck);
    d->totalsChanged();
    d->checkFinished();
}

void UploadQueue::cancelAll()
{
    if (!d->store->isOpen())
        return;
    cancelAdding(); // before the state change below, which waits for a worker's transaction
    // Waiting items first, so ending the active ones cannot start a waiting one meanwhile.
    if (!d->persisted(d->store->changeStates({UploadState::Queued}, UploadState::Cancelled) >= 0))
        return;
    d->model->updateAll([this](UploadQueueModel::Row &row) {
        if (row.state != UploadState::Queued || d->active.count(row.id))
            return false;
        d->countChange(row.state, UploadState::Cancelled, row.size);
        row.state = UploadState::Cancelled;
        return true;
    });
    QList<qint64> ids;
    for (const auto &entry : d->active)
        ids.append(entry.first);
    for (qint64 id : std::as_const(ids)) {
        if (ActiveUpload *upload = d->activeItem(id))
            d->abortActive(upload, AbortReason::Cancel);
    }
    d->totalsChanged();
    d->checkFinished();
}

void UploadQueue::retryFailed()
{
    if (!d->store->isOpen() || !d->persisted(d->store->changeStates({UploadState::Failed}, UploadState::Queued) >= 0))
        return;
    d->model->updateAll([this](UploadQueueModel::Row &row) {
        if (row.state != UploadState::Failed)
            return false;
        d->countChange(row.state, UploadState::Queued, row.size);
        row.state = UploadState::Queued;
        row.error.clear();
        row.bytesSent = 0;
        return true;
    });
    d->scanCursor = 0;
    d->totalsChanged();
    d->schedule();
}

void UploadQueue::retry(qint64 itemId)
{
    const UploadQueueModel::Row *row = d->model->rowForItem(itemId);
    if (!row || (row->state != UploadState::Failed && row->state != UploadState::Cancelled) || d->activeItem(itemId))
        return;
    const bool needsCheck = row->needsCheck;
    if (!d->persisted(d->store->setState(itemId, UploadState::Queued, QString(), needsCheck)))
        return;
    d->setRowState(itemId, UploadState::Queued, QString(), needsCheck);
    d->scanCursor = qMin(d->scanCursor, d->model->rowOfItem(itemId));
    d->totalsChanged();
    d->schedule();
}

void UploadQueue::clearFinished()
{
    if (!d->store->isOpen())
        return;
    const QList<UploadState> finished = {UploadState::Done, UploadState::Skipped, UploadState::Cancelled};
    if (!d->persisted(d->store->removeItems(finished) >= 0))
        return;
    QList<qint64> ids;
    for (int i = 0; i < d->model->rowCount(); ++i) {
        const UploadQueueModel::Row &row = d->model->rowAt(i);
        if (finished.contains(row.state)) {
            ids.append(row.id);
            d->countChange(row.state, UploadState(-1), row.size);
        }
    }
    d->model->removeItems(ids);
    d->scanCursor = 0;
    d->totalsChanged();
}

UploadQueueModel *UploadQueue::model() const
{
    return d->model;
}

UploadTotals UploadQueue::totals() const
{
    UploadTotals totals;
    const auto count = [this](UploadState state) { return d->countByState[size_t(state)]; };
    const auto bytes = [this](UploadState state) { return d->bytesByState[size_t(state)]; };
    for (qint64 c : d->countByState)
        totals.files += c;
    totals.done = count(UploadState::Done);
    totals.failed = count(UploadState::Failed);
    totals.skipped = count(UploadState::Skipped);
    totals.cancelled = count(UploadState::Cancelled);
    totals.active = count(UploadState::Checking) + count(UploadState::Uploading);
    for (qint64 b : d->bytesByState)
        totals.bytesTotal += b;
    totals.bytesTotal -= bytes(UploadState::Cancelled) + bytes(UploadState::Skipped);
    totals.bytesSent = bytes(UploadState::Done);
    for (const auto &entry : d->active)
        totals.bytesSent += entry.second->bytesSent;
    totals.bytesPerSecond = d->currentBytesPerSecond();
    const qint64 left = totals.bytesTotal - totals.bytesSent - bytes(UploadState::Failed);
    if (totals.bytesPerSecond > 0 && left > 0)
        totals.secondsLeft = qint64(double(left) / totals.bytesPerSecond + 0.5);
    return totals;
}

UploadState UploadQueue::state(qint64 itemId) const
{
    const UploadQueueModel::Row *row = d->model->rowForItem(itemId);
    return row ? row->state : UploadState::Cancelled;
}

int UploadQueue::activeCount() const
{
    return int(d->active.size());
}

QSet<QString> UploadQueue::localPathsInUse(const QStringList &candidates) const
{
    if (!d->store->isOpen())
        return QSet<QString>(candidates.cbegin(), candidates.cend());
    return d->store->localPathsInUse(candidates);
}

// ---- scheduling -------------------------------------------------------------------------------

void UploadQueue::Private::schedule()
{
    // An item can end inside startItem() (a vanished file): without this guard every such item
    // would nest one more schedule() call, and 100,000 of them would overflow the stack.
    if (!running || paused || !store->isOpen() || scheduling)
        return;
    scheduling = true;
    // One commit for everything the loop writes; it lands before control returns to the event
    // loop, so before any request started here leaves. Begun only when an item starts: it takes
    // the write lock, which a background add may hold for a slice.
    bool grouped = false;
    bool groupTried = false;
    while (int(active.size()) < concurrency && !paused) {
        qint64 next = 0;
        const int rows = model->rowCount();
        while (scanCursor < rows) {
            const UploadQueueModel::Row &row = model->rowAt(scanCursor);
            if (row.state == UploadState::Queued && !active.count(row.id)) {
                next = row.id;
                break;
            }
            ++scanCursor;
        }
        if (next == 0)
            break;
        if (!groupTried) {
            groupTried = true;
            grouped = store->beginTransaction();
        }
        startItem(next);
    }
    scheduling = false;
    if (grouped)
        persisted(store->commitTransaction());
    checkFinished();
}

void UploadQueue::Private::checkFinished()
{
    if (!sentSinceIdle || !active.empty() || countByState[size_t(UploadState::Queued)] > 0 || !adds.empty())
        return;
    sentSinceIdle = false;
    activitySinceMs = -1;
    Q_EMIT q->queueFinished();
}

void UploadQueue::Private::startItem(qint64 id)
{
    const std::optional<StoredUploadItem> stored = store->item(id);
    if (!stored) {
        persisted(false);
        return;
    }
    auto upload = std::make_unique<ActiveUpload>();
    upload->item = *stored;
    upload->options = batches.value(stored->batchId);
    ActiveUpload *raw = upload.get();
    active[id] = std::move(upload);
    sentSinceIdle = true;
    if (activitySinceMs < 0)
        activitySinceMs = clock->nowMilliseconds();
    proceed(raw);
}

QString UploadQueue::Private::localFileProblem(const StoredUploadItem &item) const
{
    const QFileInfo info(item.localPath);
    if (!info.exists())
        return UploadQueue::tr("The file %1 no longer exists; it was not uploaded.").arg(item.localPath);
    const qint64 modifiedMs = info.lastModified().toMSecsSinceEpoch();
    if (info.size() != item.size || modifiedMs != item.modifiedMs) {
        return UploadQueue::tr("The file %1 changed after it was queued (%2 bytes, modified %3; queued with %4 bytes, modified %5), "
                               "so it was not uploaded. Add it again to upload the new content.")
            .arg(item.localPath)
            .arg(info.size())
            .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(modifiedMs), QLocale::ShortFormat))
            .arg(item.size)
            .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(item.modifiedMs), QLocale::ShortFormat));
    }
    if (!info.isReadable())
        return UploadQueue::tr("The file %1 cannot be read.").arg(item.localPath);
    return {};
}

void UploadQueue::Private::proceed(ActiveUpload *upload)
{
    const QString problem = localFileProblem(upload->item);
    if (!problem.isEmpty()) {
        finishActive(upload->item.id, UploadState::Failed, problem, upload->item.needsCheck);
        return;
    }
    const UploadBatchOptions::WhenExists whenExists = upload->options.whenExists;
    const bool unique = upload->item.uniqueName || upload->options.useUniqueFileName;
    const bool mustCheck = (upload->item.needsCheck && upload->item.firstAttemptMs > 0)
        || whenExists == UploadBatchOptions::WhenExists::Skip
        || (whenExists == UploadBatchOptions::WhenExists::KeepBoth && !unique);
    if (mustCheck)
        runCheck(upload);
    else
        sendUpload(upload);
}

void UploadQueue::Private::runCheck(ActiveUpload *upload)
{
    const qint64 id = upload->item.id;
    if (!persisted(store->setState(id, UploadState::Checking, QString(), upload->item.needsCheck)))
        return;
    setRowState(id, UploadState::Checking, QString(), upload->item.needsCheck);
    ik::ListFilesOptions options;
    options.path = upload->item.targetFolder;
    options.searchQuery = UploadServerMatch::searchQuery(upload->item.name);
    options.type = QStringLiteral("file");
    options.limit = ik::ListFilesOptions::MaxLimit;
    ik::FileListJob *job = api->listFiles(options);
    upload->job = job;
    QObject::connect(job, &ik::FileListJob::finished, q, [this, id](const ik::FileList &list) { onChecked(id, list.files); });
    QObject::connect(job, &ik::ApiJob::failed, q, [this, id](const ik::ApiError &error) { onJobFailed(id, error); });
    totalsChanged();
}

void UploadQueue::Private::onChecked(qint64 id, const QList<ik::FileItem> &files)
{
    ActiveUpload *upload = activeItem(id);
    if (!upload)
        return;
    upload->job = nullptr;
    StoredUploadItem &item = upload->item;
    const bool unique = item.uniqueName || upload->options.useUniqueFileName;
    if (item.needsCheck && item.firstAttemptMs > 0) {
        const UploadServerMatch::Request request{item.targetFolder, item.name, item.size, item.firstAttemptMs, unique};
        const std::optional<ik::FileItem> earlier = UploadServerMatch::findEarlierUpload(
            files, request, [this, id](const QString &fileId) { return store->isFileIdClaimed(fileId, id); });
        if (earlier) {
            // The earlier attempt did store it: done, without sending it again.
            completeDone(upload, ik::UploadResult::fromJson(earlier->fields));
            return;
        }
    }
    const std::optional<ik::FileItem> sameName = UploadServerMatch::findSameName(files, item.targetFolder, item.name);
    if (sameName && upload->options.whenExists == UploadBatchOptions::WhenExists::Skip) {
        finishActive(id, UploadState::Skipped,
                     UploadQueue::tr("Skipped: %1 already exists on the server.").arg(sameName->filePath), false);
        return;
    }
    if (sameName && upload->options.whenExists == UploadBatchOptions::WhenExists::KeepBoth && !unique) {
        item.uniqueName = true;
        if (!persisted(store->setUniqueName(id, true)))
            return;
    }
    sendUpload(upload);
}

void UploadQueue::Private::sendUpload(ActiveUpload *upload)
{
    StoredUploadItem &item = upload->item;
    const qint64 id = item.id;
    const qint64 now = clock->nowMilliseconds();
    if (item.firstAttemptMs == 0)
        item.firstAttemptMs = now;
    ++item.attempts;
    if (!persisted(store->markAttemptStarted(id, item.firstAttemptMs, item.attempts, item.uniqueName)))
        return;
    item.needsCheck = true;
    upload->attemptStartMs = now;
    upload->bytesSent = 0;
    setRowState(id, UploadState::Uploading, QString(), true);

    ik::UploadOptions options;
    options.file = ik::UploadSource::localFile(item.localPath);
    options.fileName = item.name;
    options.folder = item.targetFolder;
    options.useUniqueFileName = item.uniqueName || upload->options.useUniqueFileName;
    // Only NewVersion may replace: Skip and KeepBoth make the server refuse a name taken meanwhile.
    options.overwriteFile = upload->options.whenExists == UploadBatchOptions::WhenExists::NewVersion;
    if (!upload->options.tags.isEmpty())
        options.tags = upload->options.tags;
    if (upload->options.isPrivate)
        options.isPrivateFile = true;
    if (!upload->options.customMetadata.isEmpty())
        options.customMetadata = upload->options.customMetadata;
    const QJsonArray extensions = upload->options.extensions();
    if (!extensions.isEmpty())
        options.extensions = extensions;

    ik::UploadJob *job = api->uploadFile(options);
    upload->job = job;
    QObject::connect(job, &ik::ApiJob::uploadProgress, q, [this, id](qint64 sent, qint64 total) { onProgress(id, sent, total); });
    QObject::connect(job, &ik::UploadJob::finished, q, [this, id](const ik::UploadResult &result) { onUploaded(id, result); });
    QObject::connect(job, &ik::ApiJob::failed, q, [this, id](const ik::ApiError &error) { onJobFailed(id, error); });
    totalsChanged();
}

void UploadQueue::Private::onProgress(qint64 id, qint64 sent, qint64 total)
{
    ActiveUpload *upload = activeItem(id);
    if (!upload || total <= 0)
        return;
    // The request is the file plus a few hundred bytes of multipart framing: scale to the file.
    const qint64 fileBytes = qMin(upload->item.size, qint64(double(sent) * double(upload->item.size) / double(total)));
    const qint64 delta = fileBytes - upload->bytesSent;
    if (delta <= 0)
        return;
    upload->bytesSent = fileBytes;
    const qint64 now = clock->nowMilliseconds();
    speedSamples.emplace_back(now, delta);
    while (!speedSamples.empty() && speedSamples.front().first < now - SpeedWindowMs)
        speedSamples.pop_front();
    const UploadQueueModel::Row *current = model->rowForItem(id);
    if (current) {
        UploadQueueModel::Row row = *current;
        row.bytesSent = fileBytes;
        row.speed = double(fileBytes) * 1000.0 / double(qMax<qint64>(500, now - upload->attemptStartMs));
        model->updateRow(row);
    }
    totalsChanged();
}

double UploadQueue::Private::currentBytesPerSecond() const
{
    if (speedSamples.empty() || activitySinceMs < 0)
        return 0;
    const qint64 now = clock->nowMilliseconds();
    qint64 bytes = 0;
    for (const auto &sample : speedSamples) {
        if (sample.first >= now - SpeedWindowMs)
            bytes += sample.second;
    }
    const qint64 window = qBound<qint64>(500, now - activitySinceMs, SpeedWindowMs);
    return double(bytes) * 1000.0 / double(window);
}

void UploadQueue::Private::onUploaded(qint64 id, const ik::UploadResult &result)
{
    ActiveUpload *upload = activeItem(id);
    if (!upload)
        return;
    upload->job = nullptr;
    const QString problem = localFileProblem(upload->item);
    if (!problem.isEmpty()) {
        // Sent, but the file changed underneath: the server's copy may be a mix of old and new.
        finishActive(id, UploadState::Failed,
                     UploadQueue::tr("%1 It changed while it was being uploaded; check %2 on the server.").arg(problem, result.filePath),
                     false);
        return;
    }
    completeDone(upload, result);
}

void UploadQueue::Private::completeDone(ActiveUpload *upload, const ik::UploadResult &result)
{
    const qint64 id = upload->item.id;
    if (!persisted(store->markDone(id, result.fileId, result.filePath)))
        return;
    const UploadQueueModel::Row *current = model->rowForItem(id);
    if (current) {
        UploadQueueModel::Row row = *current;
        countChange(row.state, UploadState::Done, row.size);
        row.state = UploadState::Done;
        row.bytesSent = row.size;
        row.speed = 0;
        row.needsCheck = false;
        row.error.clear();
        row.fileId = result.fileId;
        row.filePath = result.filePath;
        model->updateRow(row);
    }
    active.erase(id);
    Q_EMIT q->itemStateChanged(id, UploadState::Done);
    Q_EMIT q->itemUploaded(id, result);
    totalsChanged();
    schedule();
}

void UploadQueue::Private::onJobFailed(qint64 id, const ik::ApiError &error)
{
    ActiveUpload *upload = activeItem(id);
    if (!upload)
        return;
    upload->job = nullptr;
    switch (upload->abort) {
    case AbortReason::Pause:
        returnToQueue(id);
        return;
    case AbortReason::Cancel:
        finishActive(id, UploadState::Cancelled, QString(), upload->item.needsCheck);
        return;
    case AbortReason::Shutdown:
        return;
    case AbortReason::None:
        break;
    }
    if (error.kind() == ik::ErrorKind::Cancelled) {
        // Cancelled outside the queue (ApiClient::cancelAll): keep the item for later.
        returnToQueue(id);
        return;
    }
    const ik::RetryPolicy policy = api->client()->retryPolicy();
    if (error.isTransient() && ++upload->transientFailures < policy.maxAttempts) {
        // 5xx, 429 after the client's own retries, network error or timeout: the server may
        // have stored the file, so the next attempt starts with a check (needsCheck is set).
        const double unitRandom = jitterSource ? jitterSource() : QRandomGenerator::global()->generateDouble();
        const qint64 delay = ik::RetryBackoff::backoffDelayMs(policy, upload->transientFailures, unitRandom);
        const QString note = UploadQueue::tr("Retrying in %1 s: %2").arg(double(delay) / 1000.0, 0, 'f', 1).arg(error.message());
        if (!persisted(store->setState(id, UploadState::Queued, note, upload->item.needsCheck)))
            return;
        setRowState(id, UploadState::Queued, note, upload->item.needsCheck);
        upload->backoffContext = std::make_unique<QObject>();
        scheduleDelay(delay, upload->backoffContext.get(), [this, id]() {
            if (ActiveUpload *waiting = activeItem(id)) {
                // Deleted later: this callback may be running from inside it.
                waiting->backoffContext.release()->deleteLater();
                proceed(waiting);
            }
        });
        return;
    }
    QString message = error.message();
    if (message.isEmpty())
        message = error.className();
    finishActive(id, UploadState::Failed, message, upload->item.needsCheck);
}

void UploadQueue::Private::abortActive(ActiveUpload *upload, AbortReason reason)
{
    upload->abort = reason;
    if (upload->job) {
        upload->job->cancel(); // emits failed(Cancelled): onJobFailed finishes the item
        return;
    }
    // Waiting out a backoff: nothing in flight.
    if (reason == AbortReason::Pause)
        returnToQueue(upload->item.id);
    else if (reason == AbortReason::Cancel)
        finishActive(upload->item.id, UploadState::Cancelled, QString(), upload->item.needsCheck);
}

void UploadQueue::Private::returnToQueue(qint64 id)
{
    ActiveUpload *upload = activeItem(id);
    const bool needsCheck = upload ? upload->item.needsCheck : true;
    if (persisted(store->setState(id, UploadState::Queued, QString(), needsCheck)))
        setRowState(id, UploadState::Queued, QString(), needsCheck);
    active.erase(id);
    if (const int row = model->rowOfItem(id); row >= 0)
        scanCursor = qMin(scanCursor, row);
    totalsChanged();
}

void UploadQueue::Private::finishActive(qint64 id, UploadState state, const QString &error, bool needsCheck)
{
    if (persisted(store->setState(id, state, error, needsCheck)))
        setRowState(id, state, error, needsCheck);
    active.erase(id);
    if (state == UploadState::Failed)
        Q_EMIT q->itemFailed(id, error);
    totalsChanged();
    schedule();
}

void UploadQueue::Private::setRowState(qint64 id, UploadState state, const QString &error, bool needsCheck, qint64 bytesSent)
{
    const UploadQueueModel::Row *current = model->rowForItem(id);
    if (!current)
        return;
    UploadQueueModel::Row row = *current;
    const bool changed = row.state != state;
    countChange(row.state, state, row.size);
    row.state = state;
    row.error = error;
    row.needsCheck = needsCheck;
    row.bytesSent = bytesSent;
    row.speed = 0;
    model->updateRow(row);
    if (changed)
        Q_EMIT q->itemStateChanged(id, state);
}

void UploadQueue::Private::countChange(UploadState from, UploadState to, qint64 size)
{
    const auto valid = [](UploadState state) { return int(state) >= 0 && int(state) < 7; };
    if (valid(from)) {
        --countByState[size_t(from)];
        bytesByState[size_t(from)] -= size;
    }
    if (valid(to)) {
        ++countByState[size_t(to)];
        bytesByState[size_t(to)] += size;
    }
}

bool UploadQueue::Private::persisted(bool ok)
{
    if (ok)
        return true;
    // Without a working database the exactly-once promise cannot be kept: stop sending.
    const QString reason = UploadQueue::tr("The upload queue could not save its state (%1); uploads are paused.").arg(store->lastError());
    if (!paused) {
        paused = true;
        Q_EMIT q->pausedChanged(true);
    }
    Q_EMIT q->storageError(reason);
    return false;
}

void UploadQueue::Private::totalsChanged()
{
    // Progress arrives many times a second per upload: one signal per event-loop turn is enough.
    if (totalsPending)
        return;
    totalsPending = true;
    QTimer::singleShot(0, q, [this]() {
        totalsPending = false;
        Q_EMIT q->totalsChanged();
    });
}

} // namespace ikui
