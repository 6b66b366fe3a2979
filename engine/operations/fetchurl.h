#pragma once

#include <QString>
#include <QUrl>

namespace ik {
class UrlBuilder;
}

namespace ikui {

// The URL to fetch a file's bytes from (download, drag-out, open in the browser): its delivery
// URL, or for a private file, which ImageKit answers with 401 unless the URL is signed, the
// same path signed with the account's private key and valid for `validSeconds`. Falls back to
// the delivery URL when it cannot be signed (no private key).
QUrl fetchUrl(const ik::UrlBuilder *urls, const QString &path, const QString &deliveryUrl, bool isPrivate,
              qint64 validSeconds = 3600);

} // namespace ikui
