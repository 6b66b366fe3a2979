#include "activity/activitypanel.h"

#include "activity/operationlistmodel.h"
#include "activity/progressbardelegate.h"
#include "operations/operationmanager.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace ikui {

QSize ActivityPanel::sizeHint() const
{
    return {640, 190};
}

ActivityPanel::ActivityPanel(QWidget *parent)
    : QDockWidget(parent)
    , m_model(new OperationListModel(this))
    , m_view(new QTreeView)
    , m_cancel(new QPushButton(tr("Cancel")))
    , m_retry(new QPushButton(tr("Retry Failed")))
    , m_clear(new QPushButton(tr("Clear Finished")))
    , m_cancelAction(new QAction(tr("Cancel"), this))
    , m_retryAction(new QAction(tr("Retry Failed"), this))
    , m_clearAction(new QAction(tr("Clear Finished"), this))
    , m_message(new QLabel)
{
    setObjectName(QStringLiteral("activityPanel"));
    setWindowTitle(tr("Activity"));
    setAccessibleName(tr("Activity"));

    m_view->setObjectName(QStringLiteral("activityView"));
    m_view->setAccessibleName(tr("Operations"));
    m_view->setModel(m_model);
    m_view->setItemDelegateForColumn(OperationListModel::ProgressColumn, new ProgressBarDelegate(m_view));
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAllColumnsShowFocus(true);
    m_view->setUniformRowHeights(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->header()->setStretchLastSection(true);
    m_view->setColumnWidth(OperationListModel::TitleColumn, 260);
    m_view->setColumnWidth(OperationListModel::ProgressColumn, 180);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->addActions({m_cancelAction, m_retryAction, m_clearAction});

    m_cancel->setObjectName(QStringLiteral("activityCancel"));
    m_cancel->setAccessibleName(tr("Cancel the selected operation"));
    m_retry->setObjectName(QStringLiteral("activityRetry"));
    m_retry->setAccessibleName(tr("Retry the failed items of the selected operation"));
    m_clear->setObjectName(QStringLiteral("activityClear"));
    m_clear->setAccessibleName(tr("Clear finished operations"));
    m_message->setObjectName(QStringLiteral("activityMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    connect(m_cancel, &QPushButton::clicked, this, &ActivityPanel::cancelSelected);
    connect(m_retry, &QPushButton::clicked, this, &ActivityPanel::retrySelected);
    connect(m_clear, &QPushButton::clicked, this, &ActivityPanel::clearFinished);
    connect(m_cancelAction, &QAction::triggered, this, &ActivityPanel::cancelSelected);
    connect(m_retryAction, &QAction::triggered, this, &ActivityPanel::retrySelected);
    connect(m_clearAction, &QAction::triggered, this, &ActivityPanel::clearFinished);

    // Every change of an operation reaches the model; the buttons follow the model.
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ActivityPanel::updateActions);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent) {
        // Failed items show up as they happen: the user sees which and why without digging.
        if (parent.isValid())
            m_view->expand(parent);
        updateActions();
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ActivityPanel::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ActivityPanel::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ActivityPanel::updateActions);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_retry);
    buttons->addStretch(1);
    buttons->addWidget(m_clear);
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_message);
    setWidget(content);
    updateActions();
}

ActivityPanel::~ActivityPanel() = default;

void ActivityPanel::setManager(OperationManager *manager)
{
    if (manager == m_manager)
        return;
    m_manager = manager;
    m_model->setManager(manager);
    clearMessage();
    updateActions();
}

Operation *ActivityPanel::selectedOperation() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows(OperationListModel::TitleColumn);
    return rows.isEmpty() ? nullptr : m_model->operationAt(rows.first());
}

void ActivityPanel::selectOperation(Operation *operation)
{
    const QModelIndex index = m_model->indexOf(operation);
    if (!index.isValid()) {
        m_view->selectionModel()->clearSelection();
        return;
    }
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

QString ActivityPanel::message() const
{
    return m_message->text();
}

void ActivityPanel::cancelSelected()
{
    if (Operation *operation = selectedOperation())
        operation->cancel();
    updateActions();
}

void ActivityPanel::retrySelected()
{
    Operation *operation = selectedOperation();
    if (!operation || !m_manager)
        return;
    QString why;
    if (!m_manager->retryFailed(operation, &why)) {
        showMessage(why.isEmpty() ? tr("%1 cannot be retried.").arg(operation->title()) : why);
        return;
    }
    clearMessage();
    // The retry is the newest operation: follow it.
    const QList<Operation *> operations = m_manager->operations();
    if (!operations.isEmpty())
        selectOperation(operations.last());
}

void ActivityPanel::clearFinished()
{
    if (m_manager)
        m_manager->clearFinished();
}

void ActivityPanel::showMessage(const QString &text)
{
    if (text == m_message->text())
        return;
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    Q_EMIT messageChanged(text);
}

void ActivityPanel::clearMessage()
{
    showMessage({});
}

void ActivityPanel::updateActions()
{
    const Operation *operation = selectedOperation();
    const bool canCancel = operation && !operation->isFinished() && !operation->isCancelled();
    const bool canRetry = operation && operation->isFinished() && !operation->itemFailures().isEmpty()
        && operation->canRetry();
    bool anyFinished = false;
    for (int row = 0; row < m_model->rowCount() && !anyFinished; ++row) {
        const Operation *other = m_model->operationAt(m_model->index(row, 0));
        anyFinished = other && other->isFinished();
    }
    m_cancel->setEnabled(canCancel);
    m_cancelAction->setEnabled(canCancel);
    m_retry->setEnabled(canRetry);
    m_retryAction->setEnabled(canRetry);
    m_clear->setEnabled(anyFinished);
    m_clearAction->setEnabled(anyFinished);
}

} // namespace ikui
