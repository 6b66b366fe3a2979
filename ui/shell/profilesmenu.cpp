#include "shell/profilesmenu.h"

#include "accounts/profilestore.h"

namespace ikui {

ProfilesMenu::ProfilesMenu(QWidget *parent)
    : QMenu(tr("&Profiles"), parent)
{
    setObjectName(QStringLiteral("profilesMenu"));
    setEnabled(false);
    // The check mark follows the session, which changes without the profiles changing.
    connect(this, &QMenu::aboutToShow, this, &ProfilesMenu::rebuild);
}

void ProfilesMenu::setProfileStore(ProfileStore *profiles)
{
    if (m_profiles)
        m_profiles->disconnect(this);
    m_profiles = profiles;
    if (m_profiles)
        connect(m_profiles, &ProfileStore::profilesChanged, this, &ProfilesMenu::rebuild);
    rebuild();
}

void ProfilesMenu::setCurrentProfile(const QString &name)
{
    m_current = name;
    rebuild();
}

void ProfilesMenu::rebuild()
{
    clear();
    if (!m_profiles)
        return;
    for (const QString &name : m_profiles->names()) {
        QAction *action = addAction(name);
        action->setCheckable(true);
        action->setChecked(!m_current.isEmpty() && m_current == name);
        connect(action, &QAction::triggered, this, [this, name] { Q_EMIT profileRequested(name); });
    }
    addSeparator();
    QAction *add = addAction(tr("&Add account…"), this, &ProfilesMenu::addAccountRequested);
    add->setObjectName(QStringLiteral("actionAddAccount"));
    QAction *remove = addAction(tr("&Remove account…"), this, &ProfilesMenu::removeAccountRequested);
    remove->setObjectName(QStringLiteral("actionRemoveAccount"));
    remove->setEnabled(!m_profiles->isEmpty());
    setEnabled(true);
}

} // namespace ikui
