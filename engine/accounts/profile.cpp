#include "accounts/profile.h"

namespace ikui {

namespace {

constexpr qsizetype MaxNameLength = 64;

QString baseUrlError(const QUrl &url, const QString &label)
{
    if (url.isEmpty())
        return {};
    const QString scheme = url.scheme();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) || url.host().isEmpty())
        return QStringLiteral("The %1 must be an http(s) URL such as https://api.example.com.").arg(label);
    return {};
}

} // namespace

QString Profile::nameError(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return QStringLiteral("Give the account a name.");
    if (trimmed != name)
        return QStringLiteral("The account name cannot start or end with spaces.");
    if (name.size() > MaxNameLength)
        return QStringLiteral("The account name is longer than %1 characters.").arg(MaxNameLength);
    // '/' and '\' are QSettings' group separators.
    if (name.contains(QLatin1Char('/')) || name.contains(QLatin1Char('\\')))
        return QStringLiteral("The account name cannot contain / or \\.");
    return {};
}

QString Profile::validationError() const
{
    if (QString error = nameError(name); !error.isEmpty())
        return error;
    if (publicKey.trimmed().isEmpty())
        return QStringLiteral("The public key is missing.");
    if (urlEndpoint.trimmed().isEmpty())
        return QStringLiteral("The URL endpoint is missing.");
    const QUrl endpoint(urlEndpoint, QUrl::StrictMode);
    if (!endpoint.isValid() || (endpoint.scheme() != QLatin1String("http") && endpoint.scheme() != QLatin1String("https"))
        || endpoint.host().isEmpty())
        return QStringLiteral("The URL endpoint must look like https://ik.imagekit.io/your_imagekit_id.");
    if (QString error = baseUrlError(apiBase, QStringLiteral("API base")); !error.isEmpty())
        return error;
    return baseUrlError(uploadBase, QStringLiteral("upload base"));
}

} // namespace ikui
