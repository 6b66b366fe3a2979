#include "welcome/addaccountdialog.h"

#include "session/session.h"
#include "welcome/connectaccountform.h"
#include "welcome/statuslabel.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace ikui {

AddAccountDialog::AddAccountDialog(ProfileStore *profiles, KeyStore *keys, QWidget *parent)
    : QDialog(parent)
    , m_form(new ConnectAccountForm(profiles, keys, this))
    , m_status(new StatusLabel(this))
{
    setObjectName(QStringLiteral("addAccountDialog"));
    setWindowTitle(QStringLiteral("Add an ImageKit account"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_form, &ConnectAccountForm::busyChanged, this,
            [buttons](bool busy) { buttons->button(QDialogButtonBox::Cancel)->setEnabled(!busy); });
    connect(m_form, &ConnectAccountForm::statusChanged, this, &AddAccountDialog::showStatus);
    connect(m_form, &ConnectAccountForm::connected, this, [this](Session *session) {
        accept();
        Q_EMIT sessionReady(session);
    });
}

QString AddAccountDialog::statusText() const
{
    return m_status->text();
}

void AddAccountDialog::showStatus(const QString &text, bool isError)
{
    m_status->showStatus(text, isError);
}

} // namespace ikui
