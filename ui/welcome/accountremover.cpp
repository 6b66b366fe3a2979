#include "welcome/accountremover.h"

#include "accounts/keystore.h"
#include "accounts/profilestore.h"

#include <QMessageBox>
#include <QPushButton>

namespace ikui {

AccountRemover::AccountRemover(ProfileStore *profiles, KeyStore *keys, QObject *parent)
    : QObject(parent)
    , m_profiles(profiles)
    , m_keys(keys)
{
    connect(m_keys, &KeyStore::keyDeleted, this, [this](const QString &name) {
        if (m_waitingForKeychain.remove(name))
            Q_EMIT removed(name, QString());
    });
    connect(m_keys, &KeyStore::failed, this, [this](KeyStore::Operation operation, const QString &name, const KeyStoreFailure &failure) {
        if (operation != KeyStore::Operation::Delete || !m_waitingForKeychain.remove(name))
            return;
        Q_EMIT removed(name, QStringLiteral("%1 Remove the entry \"%2\" of the service \"%3\" with your keyring manager "
                                            "(for example Seahorse, \"Passwords and Keys\").")
                                 .arg(failure.message, name, m_keys->service()));
    });
}

bool AccountRemover::confirm(QWidget *parent, const QString &name)
{
    QMessageBox box(QMessageBox::Warning, QStringLiteral("Remove account"),
                    QStringLiteral("Remove the account \"%1\" from Mediadesk?").arg(name), QMessageBox::Cancel, parent);
    box.setObjectName(QStringLiteral("confirmRemoveAccount"));
    box.setInformativeText(QStringLiteral("Its settings and its private key in the system keychain are deleted. "
                                          "The files in the ImageKit media library are not touched; you can connect "
                                          "the account again with its keys."));
    QPushButton *removeButton = box.addButton(QStringLiteral("&Remove"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == removeButton;
}

bool AccountRemover::remove(const QString &name)
{
    if (!m_profiles->remove(name))
        return false;
    m_waitingForKeychain.insert(name);
    m_keys->deleteKey(name);
    return true;
}

} // namespace ikui
