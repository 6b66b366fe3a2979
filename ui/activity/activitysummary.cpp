#include "activity/activitysummary.h"

#include "activity/operationlistmodel.h"
#include "activity/operationprogress.h"
#include "operations/operationmanager.h"

namespace ikui {

namespace {

constexpr int TitlesNamed = 2;

} // namespace

ActivitySummary::ActivitySummary(OperationProgress *strip, QObject *parent)
    : QObject(parent)
    , m_strip(strip)
{
    // operationEnded may be queued or spied on.
    qRegisterMetaType<ikui::Operation *>();
    if (m_strip)
        connect(m_strip, &OperationProgress::cancelRequested, this, &ActivitySummary::onCancelRequested);
}

ActivitySummary::~ActivitySummary() = default;

void ActivitySummary::setManager(OperationManager *manager)
{
    if (manager == m_manager)
        return;
    if (m_manager)
        disconnect(m_manager, nullptr, this, nullptr);
    m_manager = manager;
    if (manager) {
        connect(manager, &OperationManager::operationAdded, this, &ActivitySummary::refresh);
        connect(manager, &OperationManager::operationChanged, this, &ActivitySummary::refresh);
        connect(manager, &OperationManager::operationFinished, this, &ActivitySummary::onFinished);
        connect(manager, &OperationManager::runningCountChanged, this, &ActivitySummary::refresh);
        // QPointer is already null in destroyed(): refresh() then hides the strip.
        connect(manager, &QObject::destroyed, this, &ActivitySummary::refresh);
    }
    refresh();
}

QString ActivitySummary::titleList(const QStringList &titles)
{
    if (titles.size() <= TitlesNamed + 1)
        return titles.join(tr(", "));
    const QStringList named = titles.mid(0, TitlesNamed);
    return tr("%1 and %n more", nullptr, int(titles.size() - TitlesNamed)).arg(named.join(tr(", ")));
}

void ActivitySummary::refresh()
{
    if (!m_strip)
        return;
    const QList<Operation *> running = m_manager ? m_manager->running() : QList<Operation *>();
    if (running.isEmpty()) {
        m_shown = nullptr;
        m_shownCount = 0;
        if (m_strip->isActive())
            m_strip->end();
        return;
    }
    if (running.size() == 1) {
        Operation *operation = running.first();
        if (!m_strip->isActive() || m_shown != operation || m_shownCount != 1)
            m_strip->begin(operation->title(), operation->itemTotal());
        m_shown = operation;
        m_shownCount = 1;
        m_strip->setProgress(operation->itemsDone(), operation->itemTotal());
        QString status = operation->statusText();
        if (operation->isCancelled())
            status = tr("Cancelling…");
        else if (status.isEmpty())
            status = OperationListModel::progressText(operation);
        m_strip->setStatus(status);
        return;
    }
    const int count = int(running.size());
    const int total = m_manager->runningItemTotal();
    if (!m_strip->isActive() || m_shownCount != count)
        m_strip->begin(tr("%n operations running", nullptr, count), total);
    m_shown = nullptr;
    m_shownCount = count;
    m_strip->setProgress(m_manager->runningItemsDone(), total);
    QStringList titles;
    for (const Operation *operation : running)
        titles << operation->title();
    m_strip->setStatus(titleList(titles));
}

void ActivitySummary::onFinished(Operation *operation)
{
    if (operation) {
        m_lastMessage = tr("%1: %2").arg(operation->title(), operation->resultText());
        Q_EMIT operationEnded(operation);
    }
    refresh();
}

void ActivitySummary::onCancelRequested()
{
    if (!m_manager)
        return;
    const QList<Operation *> running = m_manager->running();
    if (running.size() == 1) {
        running.first()->cancel();
        refresh();
    } else if (running.size() > 1) {
        Q_EMIT showActivityRequested();
    }
}

} // namespace ikui
