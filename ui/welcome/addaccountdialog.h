#pragma once

#include "session/session.h"

#include <QDialog>

class QLabel;

namespace ikui {

class ConnectAccountForm;
class KeyStore;
class ProfileStore;
class Session;
class StatusLabel;

// "Add account…" from the Profiles menu: the connect form in a dialog. When the account is
// checked and saved the dialog closes and hands over the session.
class AddAccountDialog : public QDialog
{
    Q_OBJECT

public:
    AddAccountDialog(ProfileStore *profiles, KeyStore *keys, QWidget *parent = nullptr);

    QString statusText() const;

Q_SIGNALS:
    // The receiver owns the session.
    void sessionReady(ikui::Session *session);

private:
    void showStatus(const QString &text, bool isError);

    ConnectAccountForm *m_form;
    StatusLabel *m_status;
};

} // namespace ikui
