#pragma once

#include "api/apirequest.h"
#include "api/options/jsonarguments.h"

#include <QByteArray>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <optional>

namespace ik {

// What to upload. A local file and a device are streamed (never read whole); bytes are sent as
// a file part; base64 text and a remote URL are sent as the text of the `file` field, which the
// upload API accepts for both.
struct UploadSource
{
    enum class Kind { None, LocalFile, Device, Bytes, Text };

    Kind kind = Kind::None;
    QString filePath;
    QPointer<QIODevice> device;
    QByteArray data;                // bytes, or the base64/URL text

    static UploadSource localFile(const QString &path);
    static UploadSource fromDevice(QIODevice *device);
    static UploadSource fromBytes(const QByteArray &bytes);
    static UploadSource fromBase64(const QByteArray &base64Text);
    static UploadSource fromUrl(const QUrl &remoteUrl);
};

// upload_file's file, file_name and UploadFileRequestOptions, plus `description`. An unset
// optional is not sent. Multipart encoding follows the reference: lists comma-joined, objects as
// JSON text, booleans "true"/"false", overwriteAITags last.
struct UploadOptions
{
    UploadSource file;
    QString fileName;
    std::optional<bool> useUniqueFileName;
    std::optional<QStringList> tags;
    QString folder;
    std::optional<bool> isPrivateFile;
    QString customCoordinates;
    QStringList responseFields;     // wire names ("embeddedMetadata") or seed names ("embedded_metadata")
    std::optional<QJsonArray> extensions;
    QString webhookUrl;
    std::optional<bool> overwriteFile;
    std::optional<bool> overwriteTags;
    std::optional<bool> overwriteCustomMetadata;
    std::optional<QJsonObject> customMetadata;
    std::optional<QJsonObject> transformation;  // {"pre": "...", "post": [...]}
    QString checks;
    std::optional<bool> isPublished;
    QString description;
    std::optional<bool> overwriteAITags;

    // Empty when the options can be sent, else the reason.
    QString validationError() const;
    QList<MultipartField> toMultipart() const;
    // `file` is a string: "@path" uploads that local file (streamed); any other text (a URL or
    // base64) is sent as is.
    static UploadOptions fromArguments(JsonArguments &arguments);
};

} // namespace ik
