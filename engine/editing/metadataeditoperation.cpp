#include "editing/metadataeditoperation.h"

#include "session/filestore.h"

#include "api/jobs/filejob.h"
#include "api/jobs/tagsjob.h"
#include "api/results/batcherrordetails.h"

#include <QTimer>

namespace ikui {

namespace {

// The part of `wanted` the request carried.
QStringList sentPart(const QStringList &wanted, const QStringList &sent)
{
    QStringList part;
    for (const QString &tag : wanted) {
        if (sent.contains(tag))
            part << tag;
    }
    return part;
}

void appendNew(QStringList &to, const QStringList &tags)
{
    for (const QString &tag : tags) {
        if (!to.contains(tag))
            to << tag;
    }
}

QStringList without(const QStringList &all, const QStringList &done)
{
    QStringList rest;
    for (const QString &tag : all) {
        if (!done.contains(tag))
            rest << tag;
    }
    return rest;
}

} // namespace

MetadataEditOperation::MetadataEditOperation(QString title, const ik::ImageKit &imagekit, FileStore *store,
                                             QList<FileMetadataDiff> diffs, QObject *parent)
    : Operation(std::move(title), parent)
    , m_imagekit(imagekit)
    , m_store(store)
    , m_diffs(std::move(diffs))
{
    QStringList subjects;
    for (qsizetype i = 0; i < m_diffs.size(); ++i) {
        const FileMetadataDiff &diff = m_diffs.at(i);
        m_index.insert(diff.fileId, int(i));
        FileMetadataDiff none;
        none.fileId = diff.fileId;
        none.label = diff.label;
        m_applied << none;
        subjects << diff.fileId;
    }
    setSubjects(subjects, Effect::Changes);
    setItemTotal(int(m_diffs.size()));
}

QList<FileMetadataDiff> MetadataEditOperation::applied() const
{
    QList<FileMetadataDiff> done;
    for (const FileMetadataDiff &diff : m_applied) {
        if (!diff.isEmpty())
            done << diff;
    }
    return done;
}

QStringList MetadataEditOperation::appliedFileIds() const
{
    QStringList ids;
    for (const FileMetadataDiff &diff : m_applied) {
        if (!diff.isEmpty())
            ids << diff.fileId;
    }
    return ids;
}

void MetadataEditOperation::run()
{
    for (const TagRequest &request : TagRequest::plan(m_diffs)) {
        m_queue.append({request, {}});
        for (const QString &id : request.fileIds)
            ++m_pending[id];
    }
    for (const FileMetadataDiff &diff : std::as_const(m_diffs)) {
        if (!diff.changesDetails())
            continue;
        m_queue.append({std::nullopt, diff.fileId});
        ++m_pending[diff.fileId];
    }
    if (m_queue.isEmpty()) {
        QTimer::singleShot(0, this, &MetadataEditOperation::finishIfDone);
        return;
    }
    launchMore();
}

void MetadataEditOperation::abort()
{
    // Nothing new is sent, but the requests in flight are answered: the server may already have
    // applied them, and only their answers tell which files got the change (at most MaxInFlight).
    finishIfDone();
}

void MetadataEditOperation::launchMore()
{
    while (!isCancelled() && !m_queue.isEmpty() && m_inFlight.size() < MaxInFlight)
        launch(m_queue.takeFirst());
}

void MetadataEditOperation::launch(const Request &request)
{
    ++m_requestsSent;
    ik::ApiJob *job = nullptr;
    if (request.tags) {
        const TagRequest tags = *request.tags;
        ik::TagsJob *tagsJob = nullptr;
        switch (tags.kind) {
        case TagRequest::Kind::Add:
            tagsJob = m_imagekit.addTags(tags.fileIds, tags.tags);
            break;
        case TagRequest::Kind::Remove:
            tagsJob = m_imagekit.removeTags(tags.fileIds, tags.tags);
            break;
        case TagRequest::Kind::RemoveAi:
            tagsJob = m_imagekit.removeAITags(tags.fileIds, tags.tags);
            break;
        }
        connect(tagsJob, &ik::TagsJob::finished, this, [this, tags](const ik::TagsResult &result) {
            // An answer that names no file stands for all of them.
            onTagsDone(tags, result.successfullyUpdatedFileIds.isEmpty() ? tags.fileIds : result.successfullyUpdatedFileIds);
        });
        connect(tagsJob, &ik::ApiJob::failed, this, [this, tags](const ik::ApiError &error) { onTagsFailed(tags, error); });
        job = tagsJob;
    } else {
        const QString fileId = request.detailsFileId;
        const FileMetadataDiff &diff = m_diffs.at(m_index.value(fileId));
        ik::UpdateFileOptions options;
        if (!diff.setMetadata.isEmpty())
            options.customMetadata = diff.setMetadata;
        if (diff.description)
            options.description = *diff.description;
        if (diff.coordinates) {
            if (diff.coordinates->isEmpty())
                options.clearCustomCoordinates = true;
            else
                options.customCoordinates = *diff.coordinates;
        }
        ik::FileJob *fileJob = m_imagekit.updateFileDetails(fileId, options);
        connect(fileJob, &ik::FileJob::finished, this, [this, fileId](const ik::FileItem &file) { onDetailsDone(fileId, file); });
        connect(fileJob, &ik::ApiJob::failed, this, [this, fileId](const ik::ApiError &error) {
            if (error.kind() == ik::ErrorKind::Cancelled && isCancelled())
                return;
            failFile(fileId, error);
        });
        job = fileJob;
    }
    m_inFlight.append(job);
    connect(job, &ik::ApiJob::done, this, [this, job] {
        m_inFlight.removeAll(job);
        launchMore();
        finishIfDone();
    });
}

void MetadataEditOperation::onTagsDone(const TagRequest &request, const QStringList &succeeded)
{
    QStringList confirmed;
    for (const QString &id : succeeded) {
        const auto at = m_index.constFind(id);
        if (at == m_index.cend() || !request.fileIds.contains(id))
            continue;
        const FileMetadataDiff &wanted = m_diffs.at(*at);
        FileMetadataDiff &done = m_applied[*at];
        switch (request.kind) {
        case TagRequest::Kind::Add:
            appendNew(done.addTags, sentPart(wanted.addTags, request.tags));
            break;
        case TagRequest::Kind::Remove:
            appendNew(done.removeTags, sentPart(wanted.removeTags, request.tags));
            break;
        case TagRequest::Kind::RemoveAi:
            appendNew(done.removeAiTags, sentPart(wanted.removeAiTags, request.tags));
            break;
        }
        confirmed << id;
    }
    if (m_store) {
        if (request.kind == TagRequest::Kind::Add)
            m_store->changeTags(confirmed, request.tags, {});
        else if (request.kind == TagRequest::Kind::Remove)
            m_store->changeTags(confirmed, {}, request.tags);
        else
            m_store->removeAiTags(confirmed, request.tags);
    }
    for (const QString &id : request.fileIds) {
        if (confirmed.contains(id))
            settle(id);
        else
            failFile(id, ik::ApiError(ik::ErrorKind::Unknown, tr("The server did not confirm the change of this file.")));
    }
}

void MetadataEditOperation::onTagsFailed(const TagRequest &request, const ik::ApiError &error)
{
    if (error.kind() == ik::ErrorKind::Cancelled && isCancelled())
        return; // not sent: the files did not get this part
    const ik::BatchErrorDetails details = ik::BatchErrorDetails::fromError(error);
    if (error.kind() == ik::ErrorKind::NotFound && !details.missingFileIds.isEmpty()) {
        // Nothing was applied: drop the files that are gone and send the rest again.
        QStringList rest;
        for (const QString &id : request.fileIds) {
            if (details.missingFileIds.contains(id))
                failFile(id, ik::ApiError(ik::ErrorKind::NotFound, tr("The file no longer exists in the library."),
                                          tr("It was deleted elsewhere; refresh the folder.")));
            else
                rest << id;
        }
        if (m_store)
            m_store->remove(details.missingFileIds);
        if (!rest.isEmpty()) {
            TagRequest again = request;
            again.fileIds = rest;
            m_queue.prepend({again, {}});
        }
        return;
    }
    if (error.kind() == ik::ErrorKind::PartialSuccess && !details.isEmpty()) {
        QStringList failedIds;
        for (const ik::BatchErrorDetails::ItemError &item : details.itemErrors) {
            failedIds << item.fileId;
            failFile(item.fileId, ik::ApiError(ik::ErrorKind::BadRequest, item.error));
        }
        for (const QString &id : details.missingFileIds) {
            if (!failedIds.contains(id)) {
                failedIds << id;
                failFile(id, ik::ApiError(ik::ErrorKind::NotFound, tr("The file no longer exists in the library.")));
            }
        }
        // Files the answer does not name as failed got the change.
        QStringList succeeded = details.succeededFileIds;
        if (succeeded.isEmpty()) {
            for (const QString &id : request.fileIds) {
                if (!failedIds.contains(id))
                    succeeded << id;
            }
        }
        TagRequest rest = request;
        rest.fileIds = without(request.fileIds, failedIds);
        onTagsDone(rest, succeeded);
        return;
    }
    for (const QString &id : request.fileIds)
        failFile(id, error);
}

void MetadataEditOperation::onDetailsDone(const QString &fileId, const ik::FileItem &file)
{
    const auto at = m_index.constFind(fileId);
    if (at != m_index.cend()) {
        const FileMetadataDiff &wanted = m_diffs.at(*at);
        FileMetadataDiff &done = m_applied[*at];
        done.setMetadata = wanted.setMetadata;
        done.metadataBefore = wanted.metadataBefore;
        done.description = wanted.description;
        done.descriptionBefore = wanted.descriptionBefore;
        done.coordinates = wanted.coordinates;
        done.coordinatesBefore = wanted.coordinatesBefore;
    }
    // The answer is the whole file as the server now has it.
    if (m_store && !file.fileId.isEmpty())
        m_store->putFile(file);
    settle(fileId);
}

void MetadataEditOperation::failFile(const QString &fileId, const ik::ApiError &error)
{
    if (!m_failed.contains(fileId)) {
        m_failed.insert(fileId);
        const auto at = m_index.constFind(fileId);
        addFailure(fileId, at == m_index.cend() ? fileId : m_diffs.at(*at).label, error);
    }
    settle(fileId);
}

void MetadataEditOperation::settle(const QString &fileId)
{
    auto it = m_pending.find(fileId);
    if (it == m_pending.end() || *it <= 0)
        return;
    if (--*it == 0) {
        ++m_settled;
        setItemsDone(m_settled);
    }
}

QString MetadataEditOperation::appliedNote() const
{
    const QStringList ids = appliedFileIds();
    QStringList names;
    for (const QString &id : ids) {
        if (names.size() == 5)
            break;
        names << m_applied.at(m_index.value(id)).label;
    }
    if (ids.isEmpty())
        return tr("no file got the change");
    QString note = tr("%n of %1 file(s) got the change", nullptr, int(ids.size())).arg(m_diffs.size());
    note += QStringLiteral(": ") + names.join(QStringLiteral(", "));
    if (ids.size() > names.size())
        note += tr(" and %n more", nullptr, int(ids.size() - names.size()));
    return note;
}

void MetadataEditOperation::finishIfDone()
{
    if (m_ended || !m_inFlight.isEmpty() || (!m_queue.isEmpty() && !isCancelled()))
        return;
    m_ended = true;
    if (isCancelled() || !m_failed.isEmpty())
        setResultNote(appliedNote());
    if (m_whenEnded)
        m_whenEnded(this);
    finish();
}

Operation *MetadataEditOperation::createRetry() const
{
    QList<FileMetadataDiff> rest;
    for (qsizetype i = 0; i < m_diffs.size(); ++i) {
        const FileMetadataDiff &wanted = m_diffs.at(i);
        const FileMetadataDiff &done = m_applied.at(i);
        FileMetadataDiff left = wanted;
        left.addTags = without(wanted.addTags, done.addTags);
        left.removeTags = without(wanted.removeTags, done.removeTags);
        left.removeAiTags = without(wanted.removeAiTags, done.removeAiTags);
        if (done.changesDetails()) {
            left.setMetadata = {};
            left.metadataBefore = {};
            left.description.reset();
            left.descriptionBefore.reset();
            left.coordinates.reset();
            left.coordinatesBefore.reset();
        }
        if (!left.isEmpty())
            rest << left;
    }
    if (rest.isEmpty())
        return nullptr;
    auto *retry = new MetadataEditOperation(tr("%1 (retry)").arg(title()), m_imagekit, m_store, rest);
    retry->setWhenEnded(m_whenEnded);
    return retry;
}

} // namespace ikui
