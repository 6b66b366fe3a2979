#include "activity/operationprogress.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace ikui {

OperationProgress::OperationProgress(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_cancel(new QToolButton(this))
{
    setObjectName(QStringLiteral("operationProgress"));
    setAccessibleName(tr("Operation in progress"));
    m_bar->setMaximumWidth(180);
    m_bar->setAccessibleName(tr("Operation progress"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("operationCancel"));
    m_cancel->setAccessibleName(tr("Cancel the operation"));
    connect(m_cancel, &QToolButton::clicked, this, &OperationProgress::cancelRequested);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_bar);
    layout->addWidget(m_status);
    layout->addWidget(m_cancel);
    hide();
}

void OperationProgress::begin(const QString &title, int total)
{
    m_active = true;
    m_title->setText(title);
    m_status->clear();
    setProgress(0, total);
    m_cancel->setEnabled(true);
    show();
}

void OperationProgress::setProgress(int done, int total)
{
    m_bar->setRange(0, qMax(0, total)); // 0..0 is Qt's busy indicator
    m_bar->setValue(done);
    if (total > 0)
        m_status->setText(tr("%1 of %2").arg(done).arg(total));
}

void OperationProgress::setStatus(const QString &status)
{
    m_status->setText(status);
}

void OperationProgress::end()
{
    m_active = false;
    hide();
}

QString OperationProgress::title() const
{
    return m_title->text();
}

QString OperationProgress::statusText() const
{
    return m_status->text();
}

} // namespace ikui
