#pragma once

#include "api/results/custommetadatafield.h"

#include <QJsonValue>
#include <QList>
#include <QString>

namespace ikui {

// ImageKit's rules for values of custom metadata fields, checked before anything is sent: the
// type, min/max (numbers and dates), length, select options, required (cannot be unset). A field
// that is read only (path policy) cannot be changed once set. What only the server knows (a schema
// changed since the session loaded it) comes back as the server's message.
class CustomMetadataRules
{
public:
    // Empty when `value` may be set on `field`; else what is wrong, for the user. A null value
    // means "unset".
    static QString valueProblem(const ik::CustomMetadataField &field, const QJsonValue &value);
    static bool isReadOnly(const ik::CustomMetadataField &field);
    // The field of that name among `fields`, or nullptr.
    static const ik::CustomMetadataField *find(const QList<ik::CustomMetadataField> &fields, const QString &name);
};

} // namespace ikui
