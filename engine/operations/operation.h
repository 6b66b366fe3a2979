#pragma once

#include "api/apierror.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

namespace ikui {

// One item an operation could not do: what it was (an id, a path), how the user knows it (a file
// name) and the server's reason.
struct OperationFailure
{
    QString item;
    QString label;
    ik::ApiError error;
};

// A user action that changes the server or moves data (rename, move, copy, delete, folder jobs,
// purge, version restore, download ...): a title, progress in items (and bytes where known), a
// status line, cancel, and a result that lists each failed item with its reason. Subclasses do
// the work in run(), stop it in abort(), report through the protected setters and call finish()
// once nothing of theirs is running any more. The OperationManager of a session starts them, shows
// them in the Activity panel and cancels them when the session closes.
//
// By default an operation deletes itself once finished (deleteLater) so that code without a
// manager cannot leak it; the manager keeps finished ones for the Activity panel instead.
class Operation : public QObject
{
    Q_OBJECT

public:
    enum class State { Ready, Running, Succeeded, PartlyFailed, Failed, Cancelled };
    Q_ENUM(State)
    // What the operation does to its subjects, for refusing conflicting actions.
    enum class Effect { Reads, Changes };

    ~Operation() override;

    QString title() const { return m_title; }
    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    bool isFinished() const { return m_state != State::Ready && m_state != State::Running; }
    // cancel() was called (the operation may still be winding down).
    bool isCancelled() const { return m_cancelRequested; }
    // Items in all (0: not known, a busy indicator) and settled so far (done or failed).
    int itemTotal() const { return m_itemTotal; }
    int itemsDone() const { return m_itemsDone; }
    // Bytes moved so far and expected (-1: not known / not a transfer).
    qint64 bytesDone() const { return m_bytesDone; }
    qint64 bytesTotal() const { return m_bytesTotal; }
    // What it is doing now ("Pending (check 3)"), empty when progress says it all.
    QString statusText() const { return m_statusText; }
    const QList<OperationFailure> &itemFailures() const { return m_failures; }
    // Ids and paths it works on, and whether it changes them.
    QStringList subjects() const { return m_subjects; }
    Effect effect() const { return m_effect; }
    // One line for the status bar and the Activity panel: "done", "2 of 10 failed", ...
    QString resultText() const;

    // A new operation that does the failed items again (not started), or nullptr when this kind
    // cannot retry or nothing failed.
    virtual Operation *createRetry() const { return nullptr; }
    bool canRetry() const;

    void setDeleteWhenFinished(bool on) { m_deleteWhenFinished = on; }
    // What it works on (ids and "/paths"), set by whoever creates it, before start().
    void setSubjects(const QStringList &subjects, Effect effect);

public Q_SLOTS:
    // Once; an operation with nothing to do finishes on the next event-loop turn.
    void start();
    // Stops the work still running; finished() follows (state Cancelled). Nothing once finished.
    void cancel();

Q_SIGNALS:
    void started();
    // Items settled so far and in all.
    void progress(int done, int total);
    void bytesProgress(qint64 done, qint64 total);
    // Any change of progress, status or failures (the Activity panel repaints on it).
    void changed();
    void itemFailed(const ikui::OperationFailure &failure);
    void finished();

protected:
    Operation(QString title, QObject *parent);

    virtual void run() = 0;
    // Must lead to finish() (now or soon): cancel requests in flight, start nothing new.
    virtual void abort() = 0;

    void setItemTotal(int total);
    void setItemsDone(int done);
    void setBytes(qint64 done, qint64 total);
    void setStatusText(const QString &text);
    // Said after the result ("cancelled after 3 of 10 — 2 files got the change").
    void setResultNote(const QString &note);
    void addFailure(const QString &item, const QString &label, const ik::ApiError &error);
    // Ends the operation: Cancelled after cancel(), Failed when nothing succeeded, PartlyFailed
    // when some items failed, else Succeeded. Once.
    void finish();
    // For operations that know better than counting (a folder job that failed as a whole).
    void finishAs(State state);

private:
    QString stateText() const;

    QString m_title;
    State m_state = State::Ready;
    int m_itemTotal = 0;
    int m_itemsDone = 0;
    qint64 m_bytesDone = -1;
    qint64 m_bytesTotal = -1;
    QString m_statusText;
    QString m_resultNote;
    QList<OperationFailure> m_failures;
    QStringList m_subjects;
    Effect m_effect = Effect::Changes;
    bool m_cancelRequested = false;
    bool m_deleteWhenFinished = true;
};

} // namespace ikui

Q_DECLARE_METATYPE(ikui::OperationFailure)
