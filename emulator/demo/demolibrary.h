#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace ikemu {

// One file of the demo library. `bytes` is the current version; `olderVersions` are earlier
// versions, oldest first, to upload before it (overwriteFile) so the file has a version history.
struct DemoFile {
    QString folderPath;          // "/" or "/landscapes/2024" (leading '/', no trailing '/')
    QString fileName;            // "sunset-gradient.jpg"
    QByteArray bytes;
    QStringList tags;
    QJsonObject customMetadata;  // field name -> value, valid against customMetadataFields
    QList<QByteArray> olderVersions;
    bool isPrivate = false;
    QString description;
};

struct DemoLibrary {
    // Create-field request bodies (POST /v1/customMetadataFields): {name, label, schema{type,...}}.
    QList<QJsonObject> customMetadataFields;
    // Every folder, parents before children ("/landscapes", "/landscapes/2024", ...).
    QStringList folders;
    QList<DemoFile> files;
};

// Generates the demo library procedurally (gradients, shapes, patterns, text), deterministically
// (fixed seed: the same bytes every run), with groups of near-duplicates for the duplicate finder.
// Call it with a QGuiApplication (text needs fonts; the offscreen platform is enough): without
// one, posters and product shots are generated without their text. Takes a few seconds (87 files).
DemoLibrary generateDemoLibrary();

} // namespace ikemu
