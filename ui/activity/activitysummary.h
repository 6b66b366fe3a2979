#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

namespace ikui {

class Operation;
class OperationManager;
class OperationProgress;

// Keeps the status-bar strip in step with the session's running operations: hidden when none
// runs; one running: its title, item progress (busy while its total is unknown) and status; more
// than one: "3 operations running", their items added up and their titles. The strip's Cancel
// cancels the one running operation; with several it asks for the Activity panel instead
// (showActivityRequested), where the user picks which. Each finished operation is announced
// (operationEnded, lastMessage) for the status bar.
class ActivitySummary : public QObject
{
    Q_OBJECT

public:
    // `strip` must outlive the summary (both usually belong to the main window).
    explicit ActivitySummary(OperationProgress *strip, QObject *parent = nullptr);
    ~ActivitySummary() override;

    // nullptr (or the manager's deletion) hides the strip.
    void setManager(OperationManager *manager);
    OperationManager *manager() const { return m_manager; }
    OperationProgress *strip() const { return m_strip; }

    // "<title>: <result>" of the operation that finished last; empty before the first.
    QString lastMessage() const { return m_lastMessage; }

    // "Move files, Copy files and 2 more" for the strip with several operations running.
    static QString titleList(const QStringList &titles);

Q_SIGNALS:
    // Several operations run and the user pressed the strip's Cancel: show the Activity panel.
    void showActivityRequested();
    // `operation` finished (lastMessage() says how). It stays valid until the event loop runs
    // again at least; the manager may drop it from its history later.
    void operationEnded(ikui::Operation *operation);

private:
    void refresh();
    void onFinished(Operation *operation);
    void onCancelRequested();

    QPointer<OperationProgress> m_strip;
    QPointer<OperationManager> m_manager;
    // What the strip shows now: one operation, or how many ran when it last showed several.
    QPointer<Operation> m_shown;
    int m_shownCount = 0;
    QString m_lastMessage;
};

} // namespace ikui
