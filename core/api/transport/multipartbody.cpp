#include "api/transport/multipartbody.h"

#include <QFile>
#include <QFileInfo>
#include <QHttpMultiPart>

#include <memory>

namespace ik {

QByteArray MultipartBody::escapeParameter(const QByteArray &value)
{
    QByteArray out = value;
    out.replace("\"", "%22");
    out.replace("\r", "%0D");
    out.replace("\n", "%0A");
    return out;
}

QHttpMultiPart *MultipartBody::build(const QList<MultipartField> &fields, QString *error)
{
    auto multipart = std::make_unique<QHttpMultiPart>(QHttpMultiPart::FormDataType);
    for (const MultipartField &field : fields) {
        QHttpPart part;
        QByteArray disposition = "form-data; name=\"" + escapeParameter(field.name) + '"';
        if (field.isFile) {
            disposition += "; filename=\"" + escapeParameter(field.fileName) + '"';
            part.setRawHeader("Content-Type",
                              field.contentType.isEmpty() ? QByteArray("application/octet-stream") : field.contentType);
        } else if (!field.contentType.isEmpty()) {
            part.setRawHeader("Content-Type", field.contentType);
        }
        part.setRawHeader("Content-Disposition", disposition);

        if (field.isFile && !field.filePath.isEmpty()) {
            if (QFileInfo(field.filePath).isDir()) {
                *error = QStringLiteral("Cannot upload %1: it is a folder").arg(field.filePath);
                return nullptr;
            }
            auto *file = new QFile(field.filePath, multipart.get());
            if (!file->open(QIODevice::ReadOnly)) {
                *error = QStringLiteral("Cannot read %1: %2").arg(field.filePath, file->errorString());
                return nullptr;
            }
            part.setBodyDevice(file);
        } else if (field.isFile && field.device) {
            QIODevice *device = field.device.data();
            if (!device->isOpen() && !device->open(QIODevice::ReadOnly)) {
                *error = QStringLiteral("Cannot read the upload device: %1").arg(device->errorString());
                return nullptr;
            }
            if (!device->isReadable()) {
                *error = QStringLiteral("The upload device is not open for reading");
                return nullptr;
            }
            if (device->isSequential()) {
                *error = QStringLiteral("The upload device is sequential: its size is unknown, so it cannot be "
                                        "streamed; pass a file path or a random-access device");
                return nullptr;
            }
            if (!device->reset()) {
                *error = QStringLiteral("Cannot rewind the upload device: %1").arg(device->errorString());
                return nullptr;
            }
            part.setBodyDevice(device);
        } else {
            part.setBody(field.value);
        }
        multipart->append(part);
    }
    return multipart.release();
}

} // namespace ik
