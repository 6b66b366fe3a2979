#include "editing/edithistory.h"

#include "editing/metadataeditoperation.h"
#include "operations/operationmanager.h"

namespace ikui {

namespace {

// The inverse of each diff, leaving out what cannot be put back (AI tags).
QList<FileMetadataDiff> inverseOf(const QList<FileMetadataDiff> &diffs)
{
    QList<FileMetadataDiff> back;
    for (const FileMetadataDiff &diff : diffs) {
        const FileMetadataDiff inverse = diff.inverse();
        if (!inverse.isEmpty())
            back << inverse;
    }
    return back;
}

// `step` without the parts `done` covered (an undo that reached only some files).
QList<FileMetadataDiff> remainderOf(const QList<FileMetadataDiff> &step, const QList<FileMetadataDiff> &done)
{
    QHash<QString, FileMetadataDiff> doneById;
    for (const FileMetadataDiff &diff : done)
        doneById.insert(diff.fileId, diff);
    QList<FileMetadataDiff> rest;
    for (const FileMetadataDiff &diff : step) {
        const auto it = doneById.constFind(diff.fileId);
        if (it == doneById.cend()) {
            rest << diff;
            continue;
        }
        // `done` is the inverse's applied part: its removals undid our additions and so on.
        FileMetadataDiff left = diff;
        left.addTags.removeIf([&it](const QString &tag) { return it->removeTags.contains(tag); });
        left.removeTags.removeIf([&it](const QString &tag) { return it->addTags.contains(tag); });
        left.removeAiTags.clear();
        if (it->changesDetails()) {
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
    return rest;
}

} // namespace

EditHistory::EditHistory(const ik::ImageKit &imagekit, FileStore *store, OperationManager *operations, QObject *parent)
    : QObject(parent)
    , m_imagekit(imagekit)
    , m_store(store)
    , m_operations(operations)
{
}

MetadataEditOperation *EditHistory::apply(const QList<EditableState> &files, const MetadataChange &change, QString *why)
{
    const QList<FileMetadataDiff> diffs = change.diffsFor(files);
    QString title = change.summary();
    if (files.size() > 1)
        title = tr("%1 on %n file(s)", nullptr, int(diffs.size())).arg(title);
    else if (files.size() == 1)
        title = tr("%1 on %2").arg(title, files.first().name);
    return applyDiffs(title, diffs, why);
}

MetadataEditOperation *EditHistory::applyDiffs(const QString &title, const QList<FileMetadataDiff> &diffs, QString *why)
{
    return start(Kind::Edit, title, diffs, why);
}

MetadataEditOperation *EditHistory::undo(QString *why)
{
    if (m_running) {
        if (why)
            *why = tr("Wait until “%1” has finished.").arg(m_running->title());
        return nullptr;
    }
    if (m_undo.isEmpty()) {
        if (why)
            *why = tr("There is nothing to undo.");
        return nullptr;
    }
    const Step step = m_undo.last();
    const QList<FileMetadataDiff> back = inverseOf(step.diffs);
    if (back.isEmpty()) {
        m_undo.removeLast();
        Q_EMIT changed();
        if (why)
            *why = tr("“%1” cannot be undone: removed AI tags cannot be added back.").arg(step.title);
        return nullptr;
    }
    return start(Kind::Undo, tr("Undo: %1").arg(step.title), back, why);
}

MetadataEditOperation *EditHistory::redo(QString *why)
{
    if (m_running) {
        if (why)
            *why = tr("Wait until “%1” has finished.").arg(m_running->title());
        return nullptr;
    }
    if (m_redo.isEmpty()) {
        if (why)
            *why = tr("There is nothing to redo.");
        return nullptr;
    }
    // A redo step holds the diffs an undo applied: their inverse does the edit again.
    const Step step = m_redo.last();
    return start(Kind::Redo, tr("Redo: %1").arg(step.title), inverseOf(step.diffs), why);
}

void EditHistory::clear()
{
    m_undo.clear();
    m_redo.clear();
    Q_EMIT changed();
}

MetadataEditOperation *EditHistory::start(Kind kind, const QString &title, const QList<FileMetadataDiff> &diffs, QString *why)
{
    if (diffs.isEmpty()) {
        if (why)
            *why = tr("Nothing to change: the files already have these values.");
        return nullptr;
    }
    if (!m_operations) {
        if (why)
            *why = tr("No account is open.");
        return nullptr;
    }
    auto *operation = new MetadataEditOperation(title, m_imagekit, m_store, diffs);
    const QString stepTitle = kind == Kind::Edit ? title : (kind == Kind::Undo ? m_undo.last().title : m_redo.last().title);
    QPointer<EditHistory> self(this);
    operation->setWhenEnded([self, kind, stepTitle](MetadataEditOperation *ended) {
        if (self)
            self->onEnded(kind, ended, stepTitle);
    });
    connect(operation, &Operation::finished, this, [this, operation] { Q_EMIT operationEnded(operation); });
    m_running = operation;
    if (!m_operations->start(operation, why)) {
        m_running = nullptr;
        delete operation;
        return nullptr;
    }
    Q_EMIT changed();
    return operation;
}

void EditHistory::onEnded(Kind kind, MetadataEditOperation *operation, const QString &stepTitle)
{
    if (m_running == operation)
        m_running = nullptr;
    const QList<FileMetadataDiff> applied = operation->applied();
    switch (kind) {
    case Kind::Edit:
        if (!applied.isEmpty()) {
            m_undo.append({stepTitle, applied});
            m_redo.clear();
        }
        break;
    case Kind::Undo:
        if (!m_undo.isEmpty() && !applied.isEmpty()) {
            Step &top = m_undo.last();
            const QList<FileMetadataDiff> rest = remainderOf(top.diffs, applied);
            if (rest.isEmpty())
                m_undo.removeLast();
            else
                top.diffs = rest;
            m_redo.append({stepTitle, applied});
        }
        break;
    case Kind::Redo:
        if (!m_redo.isEmpty() && !applied.isEmpty()) {
            Step &top = m_redo.last();
            const QList<FileMetadataDiff> rest = remainderOf(top.diffs, applied);
            if (rest.isEmpty())
                m_redo.removeLast();
            else
                top.diffs = rest;
            m_undo.append({stepTitle, applied});
        }
        break;
    }
    Q_EMIT changed();
}

} // namespace ikui
