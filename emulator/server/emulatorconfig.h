#pragma once

#include "faults/faultinjector.h"

#include <QHostAddress>
#include <QString>

namespace ikemu {

// Everything `mediadesk-emulator` can be told on its command line; the app fills it in directly.
struct EmulatorConfig {
    QString dataDir;                                       // required: records and blobs live here
    QHostAddress address = QHostAddress::LocalHost;        // loopback unless told otherwise
    quint16 port = 0;                                      // 0 = any free port
    QString privateKey = QStringLiteral("private_emulator_key");
    QString publicKey = QStringLiteral("public_emulator_key");
    QString urlEndpointId = QStringLiteral("emulator");   // https://host/<id>/... -> http://127.0.0.1:<port>/<id>/...
    bool seedDemo = false;                                 // generate the demo library into an empty data dir
    FaultSettings faults;
    int jobDelayMs = 400;          // how long folder bulk jobs stay Pending (and keep their folders locked)
    int purgeDelayMs = 400;        // how long purge requests stay Pending
};

} // namespace ikemu
