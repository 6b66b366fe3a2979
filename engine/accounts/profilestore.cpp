#include "accounts/profilestore.h"

#include <QSettings>

namespace ikui {

namespace {

const QString kProfilesGroup = QStringLiteral("profiles");
const QString kLastUsedKey = QStringLiteral("lastUsedProfile");

QString profileGroup(const QString &name)
{
    return kProfilesGroup + QLatin1Char('/') + name;
}

} // namespace

ProfileStore::ProfileStore(QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(QSettings::IniFormat, QSettings::UserScope,
                                             QStringLiteral("Mediadesk"), QStringLiteral("Mediadesk")))
{
}

ProfileStore::ProfileStore(const QString &settingsFile, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(settingsFile, QSettings::IniFormat))
{
}

ProfileStore::~ProfileStore() = default;

QStringList ProfileStore::names() const
{
    m_settings->beginGroup(kProfilesGroup);
    QStringList names = m_settings->childGroups();
    m_settings->endGroup();
    names.sort(Qt::CaseInsensitive);
    return names;
}

QList<Profile> ProfileStore::profiles() const
{
    QList<Profile> result;
    for (const QString &name : names()) {
        if (auto found = profile(name))
            result.append(*found);
    }
    return result;
}

std::optional<Profile> ProfileStore::profile(const QString &name) const
{
    if (!Profile::nameError(name).isEmpty() || !contains(name))
        return std::nullopt;
    Profile profile;
    profile.name = name;
    m_settings->beginGroup(profileGroup(name));
    profile.publicKey = m_settings->value(QStringLiteral("publicKey")).toString();
    profile.urlEndpoint = m_settings->value(QStringLiteral("urlEndpoint")).toString();
    profile.apiBase = QUrl(m_settings->value(QStringLiteral("apiBase")).toString());
    profile.uploadBase = QUrl(m_settings->value(QStringLiteral("uploadBase")).toString());
    m_settings->endGroup();
    return profile;
}

bool ProfileStore::contains(const QString &name) const
{
    return names().contains(name);
}

bool ProfileStore::save(const Profile &profile, QString *error)
{
    if (const QString problem = profile.validationError(); !problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    m_settings->remove(profileGroup(profile.name));
    m_settings->beginGroup(profileGroup(profile.name));
    m_settings->setValue(QStringLiteral("publicKey"), profile.publicKey);
    m_settings->setValue(QStringLiteral("urlEndpoint"), profile.urlEndpoint);
    if (!profile.apiBase.isEmpty())
        m_settings->setValue(QStringLiteral("apiBase"), profile.apiBase.toString());
    if (!profile.uploadBase.isEmpty())
        m_settings->setValue(QStringLiteral("uploadBase"), profile.uploadBase.toString());
    m_settings->endGroup();
    m_settings->sync();
    if (m_settings->status() != QSettings::NoError) {
        if (error)
            *error = QStringLiteral("Could not write the settings file %1.").arg(m_settings->fileName());
        return false;
    }
    Q_EMIT profilesChanged();
    return true;
}

bool ProfileStore::remove(const QString &name)
{
    if (!contains(name))
        return false;
    m_settings->remove(profileGroup(name));
    if (lastUsed() == name)
        m_settings->remove(kLastUsedKey);
    m_settings->sync();
    Q_EMIT profilesChanged();
    return true;
}

QString ProfileStore::lastUsed() const
{
    const QString name = m_settings->value(kLastUsedKey).toString();
    return contains(name) ? name : QString();
}

void ProfileStore::setLastUsed(const QString &name)
{
    m_settings->setValue(kLastUsedKey, name);
    m_settings->sync();
}

QString ProfileStore::fileName() const
{
    return m_settings->fileName();
}

} // namespace ikui
