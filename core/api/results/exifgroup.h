#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace ik {

// One EXIF group of a metadata answer (image, thumbnail, exif, gps, interoperability,
// makernote). EXIF has hundreds of tags and cameras add their own, so the group keeps every tag
// as sent and looks tags up by wire name ("XResolution") or snake_case ("x_resolution").
struct ExifGroup
{
    QJsonObject tags;

    bool isEmpty() const { return tags.isEmpty(); }
    QJsonValue value(const QString &name) const;
    QString string(const QString &name) const;
};

} // namespace ik
