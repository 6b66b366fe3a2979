#include "operations/fetchurl.h"

#include "url/urlbuilder.h"

namespace ikui {

QUrl fetchUrl(const ik::UrlBuilder *urls, const QString &path, const QString &deliveryUrl, bool isPrivate,
              qint64 validSeconds)
{
    if (!isPrivate || !urls || path.isEmpty())
        return QUrl(deliveryUrl);
    ik::UrlOptions options;
    options.path = path;
    options.sign = true;
    options.expireSeconds = validSeconds;
    const ik::UrlResult result = urls->build(options);
    return result.ok() ? QUrl(result.url) : QUrl(deliveryUrl);
}

} // namespace ikui
