#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace ik {

// application/x-www-form-urlencoded as Python's quote_plus writes it (the reference SDK's query
// strings): UTF-8, A-Z a-z 0-9 and "_.-~" kept, space as '+', every other byte as upper-case %XX.
// Pairs keep their order (QUrlQuery would re-encode differently).
class FormEncoding
{
public:
    static QByteArray encodeComponent(const QString &text);
    static QByteArray encodeQuery(const QList<QPair<QString, QString>> &pairs);
};

} // namespace ik
