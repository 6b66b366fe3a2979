#include "welcome/welcomewidget.h"

#include "welcome/accountremover.h"
#include "session/session.h"
#include "accounts/keystore.h"
#include "accounts/profilestore.h"
#include "session/demosession.h"
#include "session/demostarter.h"
#include "welcome/connectaccountform.h"
#include "welcome/statuslabel.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace ikui {

WelcomeWidget::WelcomeWidget(ProfileStore *profiles, KeyStore *keys, QWidget *parent)
    : QWidget(parent)
    , m_profiles(profiles)
    , m_keys(keys)
    , m_demoDataDir(DemoSession::defaultDataDir())
    , m_demoStarter(new DemoStarter(this))
    , m_remover(new AccountRemover(profiles, keys, this))
{
    setWindowTitle(QStringLiteral("Welcome to Mediadesk"));
    setObjectName(QStringLiteral("welcome"));

    auto *title = new QLabel(QStringLiteral("<h2>Welcome to Mediadesk</h2>"
                                            "<p>Browse and manage an ImageKit.io media library.</p>"),
                             this);
    title->setTextFormat(Qt::RichText);

    // Saved accounts: shown only when there are some.
    auto *savedBox = new QGroupBox(QStringLiteral("Saved accounts"), this);
    m_savedBox = savedBox;
    m_savedList = new QListWidget(savedBox);
    m_savedList->setObjectName(QStringLiteral("savedProfiles"));
    m_savedList->setAccessibleName(QStringLiteral("Saved accounts"));
    m_openButton = new QPushButton(QStringLiteral("O&pen"), savedBox);
    m_openButton->setObjectName(QStringLiteral("openProfileButton"));
    m_removeButton = new QPushButton(QStringLiteral("&Remove…"), savedBox);
    m_removeButton->setObjectName(QStringLiteral("removeProfileButton"));
    auto *savedButtons = new QHBoxLayout;
    savedButtons->addStretch();
    savedButtons->addWidget(m_removeButton);
    savedButtons->addWidget(m_openButton);
    auto *savedLayout = new QVBoxLayout(savedBox);
    savedLayout->addWidget(m_savedList);
    savedLayout->addLayout(savedButtons);

    auto *accountBox = new QGroupBox(QStringLiteral("Connect an ImageKit account"), this);
    m_form = new ConnectAccountForm(profiles, keys, accountBox);
    auto *accountLayout = new QVBoxLayout(accountBox);
    accountLayout->addWidget(m_form);

    auto *demoBox = new QGroupBox(QStringLiteral("Try the offline demo"), this);
    auto *demoText = new QLabel(QStringLiteral("No account needed: a sample library served by a local ImageKit emulator. "
                                               "Changes stay on this computer."),
                                demoBox);
    demoText->setWordWrap(true);
    m_demoButton = new QPushButton(QStringLiteral("Try the &offline demo"), demoBox);
    m_demoButton->setObjectName(QStringLiteral("demoButton"));
    // The first start generates the library: a busy bar while that runs on a worker thread.
    m_demoProgress = new QProgressBar(demoBox);
    m_demoProgress->setObjectName(QStringLiteral("demoProgress"));
    m_demoProgress->setAccessibleName(QStringLiteral("Preparing the offline demo"));
    m_demoProgress->setRange(0, 0);
    m_demoProgress->setTextVisible(false);
    m_demoProgress->hide();
    auto *demoLayout = new QVBoxLayout(demoBox);
    demoLayout->addWidget(demoText);
    demoLayout->addWidget(m_demoProgress);
    demoLayout->addWidget(m_demoButton, 0, Qt::AlignRight);

    m_status = new StatusLabel(this);

    auto *sideColumn = new QVBoxLayout;
    sideColumn->addWidget(savedBox, 1);
    sideColumn->addWidget(demoBox);
    sideColumn->addStretch(0);
    auto *columns = new QHBoxLayout;
    columns->addWidget(accountBox, 3, Qt::AlignTop);
    columns->addLayout(sideColumn, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(columns);
    layout->addWidget(m_status);
    layout->addStretch();

    connect(m_form, &ConnectAccountForm::statusChanged, this, &WelcomeWidget::showStatus);
    connect(m_form, &ConnectAccountForm::connected, this, &WelcomeWidget::sessionReady);
    connect(m_form, &ConnectAccountForm::busyChanged, this, [this](bool busy) {
        m_demoButton->setEnabled(!busy && !isStartingDemo());
        rebuildProfileList();
    });
    connect(m_demoButton, &QPushButton::clicked, this, &WelcomeWidget::startDemo);
    connect(m_demoStarter, &DemoStarter::finished, this, [this](Session *session) {
        setDemoBusy(false);
        showStatus(QStringLiteral("The offline demo is running."), false);
        Q_EMIT sessionReady(session);
    });
    connect(m_demoStarter, &DemoStarter::failed, this, [this](const QString &message) {
        setDemoBusy(false);
        showStatus(message, true);
    });
    connect(m_openButton, &QPushButton::clicked, this, &WelcomeWidget::openSelectedProfile);
    connect(m_savedList, &QListWidget::itemActivated, this, &WelcomeWidget::openSelectedProfile);
    connect(m_savedList, &QListWidget::currentRowChanged, this, [this] {
        const bool chosen = m_savedList->currentItem() != nullptr;
        m_openButton->setEnabled(chosen && !isStartingDemo() && !m_form->isBusy());
        m_removeButton->setEnabled(chosen && !isStartingDemo() && !m_form->isBusy());
    });
    connect(m_removeButton, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem *item = m_savedList->currentItem())
            removeProfile(item->data(Qt::UserRole).toString());
    });
    connect(m_remover, &AccountRemover::removed, this, [this](const QString &name, const QString &keychainProblem) {
        if (keychainProblem.isEmpty())
            showStatus(QStringLiteral("The account \"%1\" was removed.").arg(name), false);
        else
            showStatus(QStringLiteral("The account \"%1\" was removed, but its private key may still be in the keychain. %2")
                           .arg(name, keychainProblem),
                       true);
    });
    connect(m_profiles, &ProfileStore::profilesChanged, this, &WelcomeWidget::rebuildProfileList);
    rebuildProfileList();
}

WelcomeWidget::~WelcomeWidget() = default;

void WelcomeWidget::editProfile(const Profile &profile, const QString &message)
{
    m_form->editProfile(profile);
    showStatus(message, true);
}

QString WelcomeWidget::statusText() const
{
    return m_status->text();
}

bool WelcomeWidget::isStartingDemo() const
{
    return m_demoStarter->isRunning();
}

void WelcomeWidget::startDemo()
{
    if (isStartingDemo() || m_form->isBusy())
        return;
    m_demoStarter->start(m_demoDataDir);
    setDemoBusy(true);
    showStatus(QStringLiteral("Preparing the offline demo… The first start generates its sample library, which takes a few seconds."),
               false);
}

void WelcomeWidget::removeProfile(const QString &name)
{
    if (!m_profiles->contains(name))
        return;
    if (!AccountRemover::confirm(this, name))
        return;
    m_remover->remove(name);
}

void WelcomeWidget::rebuildProfileList()
{
    const QString current = m_savedList->currentItem() ? m_savedList->currentItem()->data(Qt::UserRole).toString()
                                                       : m_profiles->lastUsed();
    m_savedList->clear();
    for (const Profile &profile : m_profiles->profiles()) {
        auto *item = new QListWidgetItem(profile.name, m_savedList);
        item->setData(Qt::UserRole, profile.name);
        item->setToolTip(profile.urlEndpoint);
        if (profile.name == current)
            m_savedList->setCurrentItem(item);
    }
    if (!m_savedList->currentItem() && m_savedList->count() > 0)
        m_savedList->setCurrentRow(0);
    m_savedBox->setVisible(m_savedList->count() > 0);
    const bool chosen = m_savedList->currentItem() != nullptr;
    const bool free = !isStartingDemo() && !m_form->isBusy();
    m_savedList->setEnabled(free);
    m_openButton->setEnabled(chosen && free);
    m_removeButton->setEnabled(chosen && free);
}

void WelcomeWidget::openSelectedProfile()
{
    QListWidgetItem *item = m_savedList->currentItem();
    if (!item || isStartingDemo() || m_form->isBusy())
        return;
    showStatus(QStringLiteral("Opening %1…").arg(item->text()), false);
    Q_EMIT profileRequested(item->data(Qt::UserRole).toString());
}

void WelcomeWidget::setDemoBusy(bool busy)
{
    m_demoProgress->setVisible(busy);
    m_demoButton->setEnabled(!busy && !m_form->isBusy());
    m_form->setLocked(busy);
    rebuildProfileList();
}

void WelcomeWidget::showStatus(const QString &text, bool isError)
{
    m_status->showStatus(text, isError);
}

} // namespace ikui
