#pragma once

#include "operations/operationmanager.h"
#include "session/filestore.h"
#include "editing/metadatachange.h"

#include "api/imagekit.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace ikui {

class MetadataEditOperation;


// Undo and redo of applied metadata edits. Every edit runs as an operation (Activity panel); what
// the server applied becomes one step, holding each file's earlier values, so undo restores
// exactly them (and only on the files that changed). An undo that partly fails leaves the rest of
// the step to undo again. AI tags cannot be put back (the API cannot add them): their removal is
// confirmed by the editor and left out of undo.
class EditHistory : public QObject
{
    Q_OBJECT

public:
    EditHistory(const ik::ImageKit &imagekit, FileStore *store, OperationManager *operations, QObject *parent = nullptr);

    // Starts `change` on `files` (nullptr and `why` set when there is nothing to do or the manager
    // refused it).
    MetadataEditOperation *apply(const QList<EditableState> &files, const MetadataChange &change, QString *why = nullptr);
    MetadataEditOperation *applyDiffs(const QString &title, const QList<FileMetadataDiff> &diffs, QString *why = nullptr);

    bool canUndo() const { return !m_undo.isEmpty() && !m_running; }
    bool canRedo() const { return !m_redo.isEmpty() && !m_running; }
    QString undoText() const { return m_undo.isEmpty() ? QString() : m_undo.last().title; }
    QString redoText() const { return m_redo.isEmpty() ? QString() : m_redo.last().title; }
    int undoCount() const { return int(m_undo.size()); }
    // An edit, undo or redo of this history is running (undo and redo wait for it).
    bool isBusy() const { return !m_running.isNull(); }

    MetadataEditOperation *undo(QString *why = nullptr);
    MetadataEditOperation *redo(QString *why = nullptr);
    void clear();

Q_SIGNALS:
    void changed();
    // An operation of this history ended (its state tells how).
    void operationEnded(ikui::MetadataEditOperation *operation);

private:
    struct Step
    {
        QString title;
        QList<FileMetadataDiff> diffs;     // as applied: their inverse undoes the step
    };
    enum class Kind { Edit, Undo, Redo };
    MetadataEditOperation *start(Kind kind, const QString &title, const QList<FileMetadataDiff> &diffs, QString *why);
    void onEnded(Kind kind, MetadataEditOperation *operation, const QString &stepTitle);

    ik::ImageKit m_imagekit;
    QPointer<FileStore> m_store;
    QPointer<OperationManager> m_operations;
    QList<Step> m_undo;
    QList<Step> m_redo;
    QPointer<MetadataEditOperation> m_running;
};

} // namespace ikui
