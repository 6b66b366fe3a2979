#include "url/urlsigner.h"

#include "url/urlencoding.h"

#include <cstdio>

namespace ik {

namespace {

// Appends UTF-8 of `text` to `out`; URLs are ASCII once encoded, so that case is a plain narrow.
void appendUtf8(QByteArray &out, QStringView text)
{
    const qsizetype start = out.size();
    out.resize(start + text.size());
    char *bytes = out.data() + start;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text[i].unicode();
        if (u >= 0x80) {
            out.truncate(start);
            out.append(text.toUtf8());
            return;
        }
        bytes[i] = char(u);
    }
}

// Calls `piece` for each part of `url` between occurrences of endpoint + '/' (the seed removes
// every occurrence with str.replace; in practice only the leading one exists).
template<typename Piece>
void forEachPieceWithoutEndpoint(QStringView url, QStringView endpoint, Piece piece)
{
    if (endpoint.isEmpty()) {
        piece(url);
        return;
    }
    qsizetype from = 0;
    qsizetype searchFrom = 0;
    for (;;) {
        const qsizetype at = url.indexOf(endpoint, searchFrom);
        if (at < 0)
            break;
        const qsizetype end = at + endpoint.size();
        if (end < url.size() && url[end] == QLatin1Char('/')) {
            piece(url.sliced(from, at - from));
            from = end + 1;
            searchFrom = from;
        } else {
            searchFrom = at + 1;
        }
    }
    piece(url.sliced(from));
}

} // namespace

UrlSigner::UrlSigner(const QString &privateKey)
{
    setPrivateKey(privateKey);
}

void UrlSigner::setPrivateKey(const QString &privateKey)
{
    m_privateKey = privateKey;
    m_hmac.setKey(privateKey.toUtf8());
}

QString UrlSigner::stringToSign(QStringView url, QStringView urlEndpoint, qint64 expiry)
{
    QString message;
    message.reserve(url.size() + 11);
    forEachPieceWithoutEndpoint(url, urlencoding::withoutOuterSlashes(urlEndpoint), [&](QStringView piece) { message.append(piece); });
    message.append(QString::number(expiry < 1 ? kNeverExpires : expiry));
    return message;
}

QByteArray UrlSigner::signatureHex(QStringView message) const
{
    m_scratch.clear();
    appendUtf8(m_scratch, message);
    QByteArray hex(40, Qt::Uninitialized);
    m_hmac.hexDigest(m_scratch, hex.data());
    return hex;
}

QByteArray UrlSigner::signatureHexForUrl(QStringView url, QStringView urlEndpoint, qint64 expiry) const
{
    m_scratch.clear();
    forEachPieceWithoutEndpoint(url, urlencoding::withoutOuterSlashes(urlEndpoint), [&](QStringView piece) { appendUtf8(m_scratch, piece); });
    char digits[24];
    const int length = std::snprintf(digits, sizeof digits, "%lld", static_cast<long long>(expiry < 1 ? kNeverExpires : expiry));
    m_scratch.append(digits, length);
    QByteArray hex(40, Qt::Uninitialized);
    m_hmac.hexDigest(m_scratch, hex.data());
    return hex;
}

QString UrlSigner::signature(QStringView message) const
{
    return QString::fromLatin1(signatureHex(message));
}

} // namespace ik
