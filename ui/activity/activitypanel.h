#pragma once

#include <QDockWidget>
#include <QPointer>

class QAction;
class QLabel;
class QPushButton;
class QTreeView;

namespace ikui {

class Operation;
class OperationListModel;
class OperationManager;

// The Activity panel: every operation of the session with its progress and result, the failed
// items below each one with the server's reason, and Cancel (the selected running operation),
// Retry Failed (a new operation for exactly the failed items) and Clear Finished. A line at the
// bottom says why the last action was refused. The main window puts toggleViewAction() into its
// View menu.
class ActivityPanel : public QDockWidget
{
    Q_OBJECT

public:
    explicit ActivityPanel(QWidget *parent = nullptr);

    // A few rows tall by default: the browser keeps most of the window.
    QSize sizeHint() const override;
    ~ActivityPanel() override;

    // The open session's manager; nullptr (or its deletion when the account is switched) empties
    // the panel.
    void setManager(OperationManager *manager);
    OperationManager *manager() const { return m_manager; }

    OperationListModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }

    // The operation of the selected row (a failure row selects its operation).
    Operation *selectedOperation() const;
    void selectOperation(Operation *operation);

    // The refusal or error shown at the bottom; empty when none.
    QString message() const;

public Q_SLOTS:
    void cancelSelected();
    // Shows the manager's refusal when it will not start the retry.
    void retrySelected();
    void clearFinished();
    // For refusals of actions started elsewhere (OperationManager::start's `why`).
    void showMessage(const QString &text);
    void clearMessage();

Q_SIGNALS:
    void messageChanged(const QString &text);

private:
    void updateActions();

    QPointer<OperationManager> m_manager;
    OperationListModel *m_model;
    QTreeView *m_view;
    QPushButton *m_cancel;
    QPushButton *m_retry;
    QPushButton *m_clear;
    QAction *m_cancelAction;
    QAction *m_retryAction;
    QAction *m_clearAction;
    QLabel *m_message;
};

} // namespace ikui
