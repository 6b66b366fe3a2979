#pragma once

#include "api/results/aitag.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace ikui {

struct FileEntry;

// What the metadata editor can change on one file, as the session's store knows it now.
struct EditableState
{
    QString id;
    QString name;
    QStringList tags;
    QList<ik::AiTag> aiTags;
    QJsonObject customMetadata;
    QString description;
    QString customCoordinates;     // "x,y,width,height", empty when not set

    static EditableState of(const FileEntry &entry);
};

} // namespace ikui
