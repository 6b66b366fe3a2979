#pragma once

#include <QJsonObject>
#include <QString>

namespace ik {

// Which version of a file a result describes (versionInfo): empty when the server omits it.
struct VersionInfo
{
    QString id;
    QString name;             // "Version 2"
    QJsonObject fields;

    bool isEmpty() const { return id.isEmpty() && name.isEmpty(); }
    static VersionInfo fromJson(const QJsonObject &object);
};

} // namespace ik
