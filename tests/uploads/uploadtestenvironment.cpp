#include "uploadtestenvironment.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

namespace uploadtest {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QStringList writeFiles(const QString &folder, const QString &prefix, int count, qint64 size)
{
    QStringList paths;
    for (int i = 1; i <= count; ++i) {
        const QString path = QStringLiteral("%1/%2%3.bin").arg(folder, prefix).arg(i, 4, 10, QLatin1Char('0'));
        QByteArray bytes(size, char('a' + i % 26));
        const QByteArray tag = path.toUtf8();
        bytes.replace(0, qMin<qsizetype>(tag.size(), bytes.size()), tag.left(bytes.size()));
        if (!writeFile(path, bytes))
            return {};
        paths.append(path);
    }
    return paths;
}

ClientForEmulator clientFor(const QString &origin)
{
    ClientForEmulator result;
    result.client = std::make_unique<ik::ApiClient>();
    result.client->setPrivateKey(QStringLiteral("private_emulator_key"));
    result.client->setPublicKey(QStringLiteral("public_emulator_key"));
    result.client->setUrlEndpoint(origin + QStringLiteral("/emulator"));
    result.client->setApiBase(QUrl(origin));
    result.client->setUploadBase(QUrl(origin));
    ik::RetryPolicy policy;
    policy.maxAttempts = 4;
    policy.initialDelayMs = 20;
    policy.maxDelayMs = 2000;
    result.client->setRetryPolicy(policy);
    result.imageKit = std::make_unique<ik::ImageKit>(result.client.get());
    return result;
}

QList<ik::FileItem> listEverything(ik::ImageKit &imageKit, bool versions, QString *error)
{
    QList<ik::FileItem> all;
    for (qint64 skip = 0;; skip += ik::ListFilesOptions::MaxLimit) {
        ik::ListFilesOptions options;
        options.type = versions ? QStringLiteral("file-version") : QStringLiteral("file");
        options.limit = ik::ListFilesOptions::MaxLimit;
        options.skip = skip;
        ik::FileListJob *job = imageKit.listFiles(options);
        QEventLoop loop;
        bool ok = false;
        qsizetype received = 0;
        QObject::connect(job, &ik::FileListJob::finished, &loop, [&](const ik::FileList &list) {
            all.append(list.files);
            received = list.entryCount();
            ok = true;
        });
        QObject::connect(job, &ik::ApiJob::failed, &loop, [&](const ik::ApiError &e) { *error = e.message(); });
        QObject::connect(job, &ik::ApiJob::done, &loop, &QEventLoop::quit);
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        loop.exec();
        if (!ok) {
            if (error->isEmpty())
                *error = QStringLiteral("listing timed out");
            return {};
        }
        if (received < ik::ListFilesOptions::MaxLimit)
            return all;
    }
}

} // namespace uploadtest
