#include "browser/breadcrumbbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace ikui {

BreadcrumbBar::BreadcrumbBar(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QHBoxLayout(this))
{
    setObjectName(QStringLiteral("breadcrumbBar"));
    setAccessibleName(tr("Folder path"));
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);
    rebuild();
}

void BreadcrumbBar::setPath(const QString &folderPath)
{
    QString path = folderPath.isEmpty() ? QStringLiteral("/") : folderPath;
    if (path.size() > 1 && path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (path == m_path)
        return;
    m_path = path;
    rebuild();
}

void BreadcrumbBar::setSearchActive(bool active)
{
    if (active == m_searchActive)
        return;
    m_searchActive = active;
    rebuild();
}

QStringList BreadcrumbBar::crumbPaths() const
{
    QStringList paths{QStringLiteral("/")};
    QString current;
    for (const QString &part : m_path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        current += QLatin1Char('/') + part;
        paths << current;
    }
    return paths;
}

QString BreadcrumbBar::parentOf(const QString &folderPath)
{
    const int slash = folderPath.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : folderPath.left(slash);
}

void BreadcrumbBar::rebuild()
{
    while (QLayoutItem *item = m_layout->takeAt(0)) {
        if (QWidget *widget = item->widget())
            widget->deleteLater();
        delete item;
    }
    const QStringList paths = crumbPaths();
    for (int i = 0; i < paths.size(); ++i) {
        if (i > 0) {
            auto *separator = new QLabel(QStringLiteral("›"), this);
            separator->setContentsMargins(2, 0, 2, 0);
            m_layout->addWidget(separator);
        }
        auto *button = new QToolButton(this);
        const QString path = paths.at(i);
        const QString name = i == 0 ? tr("Library") : path.section(QLatin1Char('/'), -1);
        button->setText(name);
        button->setAutoRaise(true);
        button->setObjectName(QStringLiteral("crumb:") + path);
        button->setAccessibleName(tr("Open folder %1").arg(path));
        button->setToolTip(path);
        QFont font = button->font();
        font.setBold(i == paths.size() - 1 && !m_searchActive);
        button->setFont(font);
        connect(button, &QToolButton::clicked, this, [this, path] { Q_EMIT folderActivated(path); });
        m_layout->addWidget(button);
    }
    if (m_searchActive) {
        auto *label = new QLabel(tr("› Search results"), this);
        label->setObjectName(QStringLiteral("searchCrumb"));
        m_layout->addWidget(label);
    }
    m_layout->addStretch(1);
}

} // namespace ikui
