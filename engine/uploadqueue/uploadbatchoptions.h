#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace ikui {

// What the options sheet asks before a batch starts; applied to every file of the batch and
// stored with it in the queue database (so a resumed queue uploads with the same options).
struct UploadBatchOptions
{
    // What happens when the target folder already has a file with the same name.
    enum class WhenExists {
        NewVersion,   // upload over it: ImageKit keeps the old content as a version
        KeepBoth,     // upload under a unique name (ImageKit adds a suffix), only when the name is taken
        Skip,         // leave the existing file alone; the item ends Skipped
    };

    QStringList tags;
    QJsonObject customMetadata;
    bool isPrivate = false;
    bool useUniqueFileName = false;     // always add ImageKit's unique suffix
    WhenExists whenExists = WhenExists::NewVersion;
    QString extensionsJson;             // ImageKit `extensions` JSON array text, "" for none

    // Empty when the options can be used, else the reason (extensionsJson not a JSON array, a tag
    // with a comma or '%', ...).
    QString validationError() const;
    // The parsed extensions; empty when extensionsJson is empty or invalid.
    QJsonArray extensions() const;

    // Compact JSON text (the options sheet remembers it in QSettings; the queue stores it per batch).
    QString toJson() const;
    // Reads toJson()'s text; unknown or missing keys keep their defaults. False (with the reason in
    // *error when given) for text that is not a JSON object.
    static bool fromJson(const QString &json, UploadBatchOptions *options, QString *error = nullptr);

    static QString whenExistsName(WhenExists value);          // "newVersion", "keepBoth", "skip"
    static WhenExists whenExistsFromName(const QString &name, bool *ok = nullptr);

    friend bool operator==(const UploadBatchOptions &, const UploadBatchOptions &) = default;
};

} // namespace ikui
