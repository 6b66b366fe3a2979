#pragma once

#include <QMenu>
#include <QPointer>

namespace ikui {

class ProfileStore;

// File > Profiles: the saved accounts (the open one checked), "Add account…" and "Remove
// account…". It only asks; AppController answers the requests.
class ProfilesMenu : public QMenu
{
    Q_OBJECT

public:
    explicit ProfilesMenu(QWidget *parent = nullptr);

    void setProfileStore(ProfileStore *profiles);
    // The profile whose session is open ("" for none or the demo): its entry is checked.
    void setCurrentProfile(const QString &name);

Q_SIGNALS:
    void profileRequested(const QString &profileName);
    void addAccountRequested();
    void removeAccountRequested();

private:
    void rebuild();

    QPointer<ProfileStore> m_profiles;
    QString m_current;
};

} // namespace ikui
