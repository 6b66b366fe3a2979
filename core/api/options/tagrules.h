#pragma once

#include <QString>
#include <QStringList>

namespace ik {

// What ImageKit accepts as tag text, checked before anything is sent: no empty tags and no
// '%' (the API rejects it). `what` names the kind of tag in the message ("tag", "AI tag").
// Empty when every tag is acceptable.
QString tagTextProblem(const QStringList &tags, const QString &what = QStringLiteral("tag"));

} // namespace ik
