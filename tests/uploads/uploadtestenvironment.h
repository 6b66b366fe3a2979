#pragma once

// Shared by the upload queue tests: local files in a temporary folder, an ik::ApiClient aimed at
// an emulator origin, and a complete listing of what the server holds.

#include "api/apiclient.h"
#include "api/imagekit.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace uploadtest {

// Writes `count` files named "<prefix>0001.bin"... of `size` bytes (each with distinct content) into
// `folder`; returns their paths.
QStringList writeFiles(const QString &folder, const QString &prefix, int count, qint64 size);
bool writeFile(const QString &path, const QByteArray &bytes);

struct ClientForEmulator
{
    std::unique_ptr<ik::ApiClient> client;
    std::unique_ptr<ik::ImageKit> imageKit;
};
// A client for the emulator at `origin` (default keys), with fast retries for tests.
ClientForEmulator clientFor(const QString &origin);

// Every file on the server (current versions, or every non-current version with
// `versions`), all pages, walked synchronously. Empty with *error set on failure.
QList<ik::FileItem> listEverything(ik::ImageKit &imageKit, bool versions, QString *error);

} // namespace uploadtest
