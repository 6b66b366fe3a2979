#pragma once

#include "server/emulatorconfig.h"
#include "store/mediastore.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace ikemu {

class BulkJobRunner;
struct CustomMetadataField;

// What every request handler shares: the configuration, the store, the job runner and the
// address the server is reachable at (for the url/thumbnail fields it returns).
struct EmulatorContext {
    EmulatorConfig config;
    MediaStore *store = nullptr;
    BulkJobRunner *jobs = nullptr;
    quint16 port = 0;

    QString origin() const { return QStringLiteral("http://127.0.0.1:%1").arg(port); }
    QString deliveryBase() const { return origin() + QLatin1Char('/') + config.urlEndpointId; }
    qint64 nowMs() const { return QDateTime::currentMSecsSinceEpoch(); }

    // The custom metadata field definitions in the form the validators take.
    QList<CustomMetadataField> customMetadataFields(bool includeDeleted) const;
};

} // namespace ikemu
