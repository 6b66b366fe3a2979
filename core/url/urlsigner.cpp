#include "url/urlsigner.h"

#include <QMessageAuthenticationCode>

namespace ik {

UrlSigner::UrlSigner(const QString &privateKey)
{
    setPrivateKey(privateKey);
}

UrlSigner::UrlSigner(const UrlSigner &other)
{
    setPrivateKey(other.m_privateKey);
}

UrlSigner &UrlSigner::operator=(const UrlSigner &other)
{
    if (this != &other)
        setPrivateKey(other.m_privateKey);
    return *this;
}

UrlSigner::~UrlSigner() = default;

void UrlSigner::setPrivateKey(const QString &privateKey)
{
    m_privateKey = privateKey;
    m_keyUtf8 = privateKey.toUtf8();
    m_mac.reset(); // re-created with the new key on first use
}

QString UrlSigner::stringToSign(QStringView url, QStringView urlEndpoint, qint64 expiry)
{
    while (urlEndpoint.startsWith(QLatin1Char('/')))
        urlEndpoint = urlEndpoint.sliced(1);
    while (urlEndpoint.endsWith(QLatin1Char('/')))
        urlEndpoint.chop(1);

    QString message;
    message.reserve(url.size() + 11);
    if (urlEndpoint.isEmpty()) {
        message.append(url);
    } else {
        // Every occurrence, as the seed does (str.replace); in practice only the leading one.
        QString prefix;
        prefix.reserve(urlEndpoint.size() + 1);
        prefix.append(urlEndpoint);
        prefix.append(QLatin1Char('/'));
        qsizetype from = 0;
        for (;;) {
            const qsizetype at = url.indexOf(prefix, from);
            if (at < 0)
                break;
            message.append(url.sliced(from, at - from));
            from = at + prefix.size();
        }
        message.append(url.sliced(from));
    }
    message.append(QString::number(expiry < 1 ? kNeverExpires : expiry));
    return message;
}

QByteArray UrlSigner::signatureHex(QStringView message) const
{
    if (!m_mac)
        m_mac = std::make_unique<QMessageAuthenticationCode>(QCryptographicHash::Sha1, m_keyUtf8);
    else
        m_mac->reset();

    // URLs are ASCII once encoded: narrow directly instead of a general UTF-8 conversion.
    bool ascii = true;
    m_scratch.resize(message.size());
    char *bytes = m_scratch.data();
    for (qsizetype i = 0; i < message.size(); ++i) {
        const char16_t u = message[i].unicode();
        if (u >= 0x80) {
            ascii = false;
            break;
        }
        bytes[i] = char(u);
    }
    if (!ascii)
        m_scratch = message.toUtf8();
    m_mac->addData(m_scratch.constData(), m_scratch.size());
    return m_mac->result().toHex();
}

QString UrlSigner::signature(QStringView message) const
{
    return QString::fromLatin1(signatureHex(message));
}

} // namespace ik
