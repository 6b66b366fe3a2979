// Every ik::ImageKit operation against a real mediadesk-emulator process: results, errors,
// partial success, folder jobs, versions, search, signed delivery URLs built by ik::UrlBuilder,
// client-side upload parameters from ik::makeAuthParameters, and the client's retries made
// visible by the emulator's fault injection.
#include "emulatorprocess.h"

#include "api/apiclient.h"
#include "api/imagekit.h"
#include "auth/authparameters.h"
#include "url/urlbuilder.h"
#include "util/clock.h"

#include <QBuffer>
#include <QEventLoop>
#include <QImage>
#include <QImageReader>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace emutest;

namespace {

const QString kPrivateKey = QStringLiteral("integration_private");
const QString kPublicKey = QStringLiteral("integration_public");
const QString kEndpointId = QStringLiteral("integration");

template <typename Result>
struct Outcome {
    std::optional<Result> value;
    std::optional<ik::ApiError> error;
    int retries = 0;
};

// Runs one job to completion (its typed finished signal, or failed).
template <typename Result, typename Job>
Outcome<Result> run(Job *job)
{
    Outcome<Result> outcome;
    QEventLoop loop;
    QObject::connect(job, &Job::finished, &loop, [&outcome](const Result &result) { outcome.value = result; });
    QObject::connect(job, &ik::ApiJob::failed, &loop, [&outcome](const ik::ApiError &error) { outcome.error = error; });
    QObject::connect(job, &ik::ApiJob::retrying, &loop, [&outcome](const ik::ApiError &, int, qint64) { ++outcome.retries; });
    QObject::connect(job, &ik::ApiJob::done, &loop, &QEventLoop::quit);
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
    return outcome;
}

QSize decodedSize(const QByteArray &bytes, QByteArray *format)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    *format = reader.format();
    return reader.read().size();
}

} // namespace

class TestIntegrationClient : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dataDir;
    EmulatorProcess m_emulator;
    std::unique_ptr<ik::ApiClient> m_client;
    std::unique_ptr<ik::ImageKit> m_imagekit;

    static std::unique_ptr<ik::ApiClient> clientFor(const EmulatorProcess &emulator, const QString &privateKey)
    {
        auto client = std::make_unique<ik::ApiClient>();
        client->setPrivateKey(privateKey);
        client->setPublicKey(kPublicKey);
        client->setUrlEndpoint(emulator.origin() + QLatin1Char('/') + kEndpointId);
        client->setApiBase(QUrl(emulator.origin()));
        client->setUploadBase(QUrl(emulator.origin()));
        return client;
    }

    ik::UploadResult upload(const QString &name, const QString &folder, const QByteArray &bytes,
                            std::optional<QStringList> tags = std::nullopt, bool isPrivate = false)
    {
        ik::UploadOptions options;
        options.file = ik::UploadSource::fromBytes(bytes);
        options.fileName = name;
        options.folder = folder;
        options.useUniqueFileName = false;
        options.tags = tags;
        if (isPrivate)
            options.isPrivateFile = true;
        const Outcome<ik::UploadResult> r = run<ik::UploadResult>(m_imagekit->uploadFile(options));
        if (!r.value)
            qWarning("upload of %s failed: %s", qPrintable(name), r.error ? qPrintable(r.error->message()) : "?");
        return r.value.value_or(ik::UploadResult{});
    }

    QString waitForJob(const QString &jobId)
    {
        for (int i = 0; i < 100; ++i) {
            const Outcome<ik::BulkJobStatus> s = run<ik::BulkJobStatus>(m_imagekit->getBulkJobStatus(jobId));
            if (!s.value)
                return QStringLiteral("error");
            if (s.value->status != QLatin1String("Pending"))
                return s.value->status;
            QTest::qWait(100);
        }
        return QStringLiteral("timeout");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dataDir.isValid());
        QString error;
        QVERIFY2(m_emulator.start(m_dataDir.path(),
                                  {QStringLiteral("--private-key"), kPrivateKey, QStringLiteral("--public-key"), kPublicKey,
                                   QStringLiteral("--url-endpoint-id"), kEndpointId, QStringLiteral("--job-delay"), QStringLiteral("300")},
                                  &error),
                 qPrintable(error));
        m_client = clientFor(m_emulator, kPrivateKey);
        m_imagekit = std::make_unique<ik::ImageKit>(m_client.get());
    }

    void cleanupTestCase()
    {
        m_imagekit.reset();
        m_client.reset();
        m_emulator.stop();
    }

    void wrongKeyIsForbidden()
    {
        const auto client = clientFor(m_emulator, QStringLiteral("wrong"));
        ik::ImageKit imagekit(client.get());
        const Outcome<ik::FileList> r = run<ik::FileList>(imagekit.listFiles());
        QVERIFY(r.error);
        QCOMPARE(r.error->kind(), ik::ErrorKind::Forbidden);
        QCOMPARE(r.error->metadata().httpStatus, 403);
    }

    void uploadDetailsAndListing()
    {
        const ik::UploadResult a = upload(QStringLiteral("a.png"), QStringLiteral("/it/list"), makeImage(40, 20, "PNG"), QStringList{QStringLiteral("one")});
        const ik::UploadResult b = upload(QStringLiteral("b.jpg"), QStringLiteral("/it/list"), makeImage(80, 20, "JPEG", 1));
        QVERIFY(!a.fileId.isEmpty());
        QCOMPARE(a.width.value_or(0), 40);
        QCOMPARE(a.tags, QStringList{QStringLiteral("one")});
        QCOMPARE(a.filePath, QStringLiteral("/it/list/a.png"));

        const Outcome<ik::FileItem> details = run<ik::FileItem>(m_imagekit->getFileDetails(a.fileId));
        QVERIFY(details.value);
        QCOMPARE(details.value->name, QStringLiteral("a.png"));
        QCOMPARE(details.value->mime, QStringLiteral("image/png"));

        const Outcome<ik::FileItem> missing = run<ik::FileItem>(m_imagekit->getFileDetails(QStringLiteral("nope")));
        QVERIFY(missing.error);
        QCOMPARE(missing.error->kind(), ik::ErrorKind::NotFound);

        ik::ListFilesOptions options;
        options.path = QStringLiteral("/it/list");
        options.sort = QStringLiteral("DESC_WIDTH");
        Outcome<ik::FileList> list = run<ik::FileList>(m_imagekit->listFiles(options));
        QVERIFY(list.value);
        QCOMPARE(list.value->files.size(), 2);
        QCOMPARE(list.value->files.at(0).fileId, b.fileId);

        options.searchQuery = QStringLiteral("width < 50");
        list = run<ik::FileList>(m_imagekit->listFiles(options));
        QVERIFY(list.value);
        QCOMPARE(list.value->files.size(), 1);
        QCOMPARE(list.value->files.at(0).fileId, a.fileId);

        options.searchQuery = QStringLiteral("width <");
        list = run<ik::FileList>(m_imagekit->listFiles(options));
        QVERIFY(list.error);
        QCOMPARE(list.error->kind(), ik::ErrorKind::BadRequest);

        ik::ListFilesOptions folders;
        folders.type = QStringLiteral("folder");
        folders.path = QStringLiteral("/it");
        list = run<ik::FileList>(m_imagekit->listFiles(folders));
        QVERIFY(list.value);
        QCOMPARE(list.value->folders.size(), 1);
    }

    void versions()
    {
        const ik::UploadResult v1 = upload(QStringLiteral("v.png"), QStringLiteral("/it/versions"), makeImage(10, 10, "PNG"));
        const ik::UploadResult v2 = upload(QStringLiteral("v.png"), QStringLiteral("/it/versions"), makeImage(20, 20, "PNG", 1));
        QCOMPARE(v2.fileId, v1.fileId);
        const Outcome<ik::FileList> list = run<ik::FileList>(m_imagekit->getFileVersions(v1.fileId));
        QVERIFY(list.value);
        QCOMPARE(list.value->files.size(), 2);
        const Outcome<ik::FileItem> old = run<ik::FileItem>(m_imagekit->getFileVersionDetails(v1.fileId, v1.versionInfo.id));
        QVERIFY(old.value);
        QCOMPARE(old.value->width.value_or(0), 10);
        const Outcome<ik::EmptyResult> refuse = run<ik::EmptyResult>(m_imagekit->deleteFileVersion(v1.fileId, v2.versionInfo.id));
        QVERIFY(refuse.error);
        QCOMPARE(refuse.error->kind(), ik::ErrorKind::BadRequest);
        const Outcome<ik::FileItem> restored = run<ik::FileItem>(m_imagekit->restoreFileVersion(v1.fileId, v1.versionInfo.id));
        QVERIFY(restored.value);
        QCOMPARE(restored.value->width.value_or(0), 10);
        QVERIFY(run<ik::EmptyResult>(m_imagekit->deleteFileVersion(v1.fileId, v2.versionInfo.id)).value);
    }

    void updateTagsAndBulkOperations()
    {
        const ik::UploadResult a = upload(QStringLiteral("t1.png"), QStringLiteral("/it/tags"), makeImage(8, 8, "PNG"));
        const ik::UploadResult b = upload(QStringLiteral("t2.png"), QStringLiteral("/it/tags"), makeImage(8, 8, "PNG", 3));
        ik::UpdateFileOptions update;
        update.tags = QStringList{QStringLiteral("x")};
        update.description = QStringLiteral("described");
        update.customCoordinates = QStringLiteral("1,1,4,4");
        const Outcome<ik::FileItem> updated = run<ik::FileItem>(m_imagekit->updateFileDetails(a.fileId, update));
        QVERIFY(updated.value);
        QCOMPARE(updated.value->tags, QStringList{QStringLiteral("x")});
        QCOMPARE(updated.value->description, QStringLiteral("described"));

        ik::UpdateFileOptions publish;
        publish.publish = ik::UpdateFileOptions::Publish{false, true};
        const Outcome<ik::FileItem> unpublished = run<ik::FileItem>(m_imagekit->updateFileDetails(a.fileId, publish));
        QVERIFY(unpublished.value);
        QCOMPARE(unpublished.value->isPublished.value_or(true), false);

        const Outcome<ik::TagsResult> added = run<ik::TagsResult>(m_imagekit->addTags({a.fileId, b.fileId}, {QStringLiteral("y")}));
        QVERIFY(added.value);
        QCOMPARE(added.value->successfullyUpdatedFileIds.size(), 2);
        const Outcome<ik::TagsResult> partial = run<ik::TagsResult>(m_imagekit->removeTags({a.fileId, QStringLiteral("ghost")}, {QStringLiteral("y")}));
        QVERIFY(partial.error);
        QCOMPARE(partial.error->kind(), ik::ErrorKind::PartialSuccess);
        QCOMPARE(partial.error->metadata().httpStatus, 207);
        const Outcome<ik::TagsResult> missing = run<ik::TagsResult>(m_imagekit->removeAITags({QStringLiteral("ghost")}, {QStringLiteral("Car")}));
        QVERIFY(missing.error);
        QCOMPARE(missing.error->kind(), ik::ErrorKind::NotFound);
        QCOMPARE(missing.error->body().toObject().value(QStringLiteral("missingFileIds")).toArray().size(), 1);
        QVERIFY(run<ik::TagsResult>(m_imagekit->removeAITags({b.fileId}, {QStringLiteral("Car")})).value);

        const Outcome<ik::BulkDeleteResult> bulk = run<ik::BulkDeleteResult>(m_imagekit->bulkFileDelete({b.fileId}));
        QVERIFY(bulk.value);
        QCOMPARE(bulk.value->successfullyDeletedFileIds, QStringList{b.fileId});
        QVERIFY(run<ik::EmptyResult>(m_imagekit->deleteFile(a.fileId)).value);
        const Outcome<ik::EmptyResult> again = run<ik::EmptyResult>(m_imagekit->deleteFile(a.fileId));
        QVERIFY(again.error);
        QCOMPARE(again.error->metadata().httpStatus, 404);
    }

    void copyMoveRenameFiles()
    {
        upload(QStringLiteral("c.png"), QStringLiteral("/it/cm"), makeImage(8, 8, "PNG"));
        upload(QStringLiteral("d.png"), QStringLiteral("/it/cm"), makeImage(8, 8, "PNG", 2));
        ik::CopyFileOptions copy;
        copy.sourceFilePath = QStringLiteral("/it/cm/c.png");
        copy.destinationPath = QStringLiteral("/it/cm2");
        QVERIFY(run<ik::EmptyResult>(m_imagekit->copyFile(copy)).value);
        ik::MoveFileOptions move;
        move.sourceFilePath = QStringLiteral("/it/cm2/c.png");
        move.destinationPath = QStringLiteral("/it/cm3");
        QVERIFY(run<ik::EmptyResult>(m_imagekit->moveFile(move)).value);
        move.sourceFilePath = QStringLiteral("/it/cm2/c.png");
        const Outcome<ik::EmptyResult> gone = run<ik::EmptyResult>(m_imagekit->moveFile(move));
        QVERIFY(gone.error);
        QCOMPARE(gone.error->kind(), ik::ErrorKind::NotFound);

        ik::RenameFileOptions rename;
        rename.filePath = QStringLiteral("/it/cm/c.png");
        rename.newFileName = QStringLiteral("d.png");
        const Outcome<ik::RenameResult> conflict = run<ik::RenameResult>(m_imagekit->renameFile(rename));
        QVERIFY(conflict.error);
        QCOMPARE(conflict.error->kind(), ik::ErrorKind::Conflict);
        rename.newFileName = QStringLiteral("e.png");
        rename.purgeCache = true;
        const Outcome<ik::RenameResult> renamed = run<ik::RenameResult>(m_imagekit->renameFile(rename));
        QVERIFY(renamed.value);
        QVERIFY(!renamed.value->purgeRequestId.isEmpty());
        const Outcome<ik::PurgeStatus> status = run<ik::PurgeStatus>(m_imagekit->getPurgeFileCacheStatus(renamed.value->purgeRequestId));
        QVERIFY(status.value);
        QVERIFY(status.value->status == QLatin1String("Pending") || status.value->status == QLatin1String("Completed"));
    }

    void foldersAndJobs()
    {
        ik::CreateFolderOptions create;
        create.folderName = QStringLiteral("made");
        create.parentFolderPath = QStringLiteral("/it/folders");
        QVERIFY(run<ik::EmptyResult>(m_imagekit->createFolder(create)).value);
        upload(QStringLiteral("f.png"), QStringLiteral("/it/folders/made"), makeImage(8, 8, "PNG"));

        ik::CopyFolderOptions copy;
        copy.sourceFolderPath = QStringLiteral("/it/folders/made");
        copy.destinationPath = QStringLiteral("/it/copies");
        copy.includeVersions = true;
        const Outcome<ik::BulkJob> copyJob = run<ik::BulkJob>(m_imagekit->copyFolder(copy));
        QVERIFY(copyJob.value);
        const Outcome<ik::BulkJobStatus> pending = run<ik::BulkJobStatus>(m_imagekit->getBulkJobStatus(copyJob.value->jobId));
        QVERIFY(pending.value);
        QCOMPARE(pending.value->status, QStringLiteral("Pending"));
        QCOMPARE(pending.value->type, QStringLiteral("COPY_FOLDER"));
        QCOMPARE(waitForJob(copyJob.value->jobId), QStringLiteral("Completed"));

        ik::MoveFolderOptions move;
        move.sourceFolderPath = QStringLiteral("/it/copies/made");
        move.destinationPath = QStringLiteral("/it/moved");
        const Outcome<ik::BulkJob> moveJob = run<ik::BulkJob>(m_imagekit->moveFolder(move));
        QVERIFY(moveJob.value);
        QCOMPARE(waitForJob(moveJob.value->jobId), QStringLiteral("Completed"));

        ik::RenameFolderOptions rename;
        rename.folderPath = QStringLiteral("/it/moved/made");
        rename.newFolderName = QStringLiteral("renamed");
        const Outcome<ik::BulkJob> renameJob = run<ik::BulkJob>(m_imagekit->renameFolder(rename));
        QVERIFY2(renameJob.value, renameJob.error ? qPrintable(renameJob.error->message()) : "");
        QCOMPARE(waitForJob(renameJob.value->jobId), QStringLiteral("Completed"));

        ik::ListFilesOptions list;
        list.path = QStringLiteral("/it/moved/renamed");
        const Outcome<ik::FileList> files = run<ik::FileList>(m_imagekit->listFiles(list));
        QVERIFY(files.value);
        QCOMPARE(files.value->files.size(), 1);

        ik::DeleteFolderOptions remove;
        remove.folderPath = QStringLiteral("/it/moved");
        QVERIFY(run<ik::EmptyResult>(m_imagekit->deleteFolder(remove)).value);
        const Outcome<ik::EmptyResult> again = run<ik::EmptyResult>(m_imagekit->deleteFolder(remove));
        QVERIFY(again.error);
        QCOMPARE(again.error->kind(), ik::ErrorKind::NotFound);
        const Outcome<ik::BulkJobStatus> unknown = run<ik::BulkJobStatus>(m_imagekit->getBulkJobStatus(QStringLiteral("nope")));
        QVERIFY(unknown.error);
    }

    void purgeAndMetadata()
    {
        const ik::UploadResult file = upload(QStringLiteral("m.png"), QStringLiteral("/it/meta"), makeImage(30, 20, "PNG"));
        const Outcome<ik::PurgeRequest> purge = run<ik::PurgeRequest>(m_imagekit->purgeFileCache(file.url));
        QVERIFY(purge.value);
        QVERIFY(!purge.value->requestId.isEmpty());
        const Outcome<ik::FileMetadata> metadata = run<ik::FileMetadata>(m_imagekit->getFileMetadata(file.fileId));
        QVERIFY(metadata.value);
        QCOMPARE(metadata.value->width.value_or(0), 30);
        QCOMPARE(metadata.value->pHash.size(), 16);
        const Outcome<ik::FileMetadata> byUrl = run<ik::FileMetadata>(m_imagekit->getRemoteFileUrlMetadata(file.url + QStringLiteral("?tr=w-15")));
        QVERIFY2(byUrl.value, byUrl.error ? qPrintable(byUrl.error->message()) : "");
        QCOMPARE(byUrl.value->width.value_or(0), 15);
        const Outcome<ik::FileMetadata> remote = run<ik::FileMetadata>(m_imagekit->getRemoteFileUrlMetadata(QStringLiteral("https://example.com/x.jpg")));
        QVERIFY(remote.error);
        QCOMPARE(remote.error->kind(), ik::ErrorKind::BadRequest);
    }

    void customMetadataFields()
    {
        ik::CreateCustomMetadataFieldOptions create;
        create.name = QStringLiteral("brand");
        create.label = QStringLiteral("Brand");
        create.schema.type = QStringLiteral("SingleSelect");
        create.schema.selectOptions = QJsonArray{QStringLiteral("Acme"), QStringLiteral("Globex")};
        const Outcome<ik::CustomMetadataField> created = run<ik::CustomMetadataField>(m_imagekit->createCustomMetadataField(create));
        QVERIFY2(created.value, created.error ? qPrintable(created.error->message()) : "");
        const Outcome<ik::CustomMetadataField> duplicate = run<ik::CustomMetadataField>(m_imagekit->createCustomMetadataField(create));
        QVERIFY(duplicate.error);
        QCOMPARE(duplicate.error->kind(), ik::ErrorKind::BadRequest);

        const ik::UploadResult file = upload(QStringLiteral("cm.png"), QStringLiteral("/it/cmf"), makeImage(8, 8, "PNG"));
        ik::UpdateFileOptions bad;
        bad.customMetadata = QJsonObject{{QStringLiteral("brand"), QStringLiteral("Initech")}};
        QVERIFY(run<ik::FileItem>(m_imagekit->updateFileDetails(file.fileId, bad)).error);
        ik::UpdateFileOptions good;
        good.customMetadata = QJsonObject{{QStringLiteral("brand"), QStringLiteral("Acme")}};
        const Outcome<ik::FileItem> updated = run<ik::FileItem>(m_imagekit->updateFileDetails(file.fileId, good));
        QVERIFY(updated.value);
        QCOMPARE(updated.value->customMetadata.value(QStringLiteral("brand")).toString(), QStringLiteral("Acme"));

        ik::UpdateCustomMetadataFieldOptions relabel;
        relabel.label = QStringLiteral("Brand name");
        const Outcome<ik::CustomMetadataField> relabelled = run<ik::CustomMetadataField>(m_imagekit->updateCustomMetadataField(created.value->id, relabel));
        QVERIFY(relabelled.value);
        QCOMPARE(relabelled.value->label, QStringLiteral("Brand name"));
        QVERIFY(run<ik::EmptyResult>(m_imagekit->deleteCustomMetadataField(created.value->id)).value);
        const Outcome<ik::CustomMetadataFieldList> live = run<ik::CustomMetadataFieldList>(m_imagekit->getCustomMetadataFields(false));
        QVERIFY(live.value);
        const Outcome<ik::CustomMetadataFieldList> withDeleted = run<ik::CustomMetadataFieldList>(m_imagekit->getCustomMetadataFields(true));
        QVERIFY(withDeleted.value);
        QCOMPARE(withDeleted.value->items.size(), live.value->items.size() + 1);
    }

    void signedDeliveryUrlsFromTheUrlBuilder()
    {
        upload(QStringLiteral("secret.png"), QStringLiteral("/it/private"), makeImage(64, 32, "PNG"), std::nullopt, true);
        ik::UrlBuilder builder(m_emulator.origin() + QLatin1Char('/') + kEndpointId, kPrivateKey);
        HttpDriver http(m_emulator.origin(), kPrivateKey);
        for (const ik::TransformationPosition position : {ik::TransformationPosition::Path, ik::TransformationPosition::Query}) {
            for (const qint64 expireSeconds : {qint64(0), qint64(300)}) {
                ik::UrlOptions options;
                options.path = QStringLiteral("/it/private/secret.png");
                options.transformation = {{{QStringLiteral("width"), ik::UrlValue(qint64(32))}, {QStringLiteral("format"), ik::UrlValue(QStringLiteral("jpg"))}}};
                options.transformationPosition = position;
                options.sign = true;
                options.expireSeconds = expireSeconds;
                const ik::UrlResult url = builder.build(options);
                QVERIFY2(url.ok(), qPrintable(url.errorMessage));
                const QUrl parsed(url.url);
                const HttpResult r = http.send("GET", parsed.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::FullyEncoded), {}, {}, false);
                QVERIFY2(r.status == 200, qPrintable(url.url + QStringLiteral(" -> ") + QString::number(r.status) + QString::fromUtf8(r.body)));
                QByteArray format;
                QCOMPARE(decodedSize(r.body, &format), QSize(32, 16));
                QCOMPARE(format, QByteArray("jpeg"));
            }
        }
        ik::UrlOptions unsignedOptions;
        unsignedOptions.path = QStringLiteral("/it/private/secret.png");
        const ik::UrlResult plain = builder.build(unsignedOptions);
        QCOMPARE(http.send("GET", QUrl(plain.url).path(QUrl::FullyEncoded), {}, {}, false).status, 401);
    }

    void clientSideUploadWithAuthParameters()
    {
        const ik::AuthParametersResult auth = ik::makeAuthParameters(kPrivateKey, ik::Clock::system());
        QVERIFY(auth.ok());
        HttpDriver http(m_emulator.origin(), kPrivateKey);
        const QList<TestPart> parts = {{QStringLiteral("file"), makeImage(8, 8, "PNG"), QStringLiteral("browser.png")},
                                       {QStringLiteral("fileName"), "browser.png", {}},
                                       {QStringLiteral("publicKey"), kPublicKey.toUtf8(), {}},
                                       {QStringLiteral("signature"), auth.parameters.signature.toUtf8(), {}},
                                       {QStringLiteral("expire"), QByteArray::number(auth.parameters.expire), {}},
                                       {QStringLiteral("token"), auth.parameters.token.toUtf8(), {}}};
        QCOMPARE(http.upload(parts, false).status, 200);
        QCOMPARE(http.upload(parts, false).status, 400); // a token is accepted once
    }

    void retriesAreVisibleUnderFaults()
    {
        QTemporaryDir dir;
        EmulatorProcess flaky;
        QString error;
        QVERIFY2(flaky.start(dir.path(), {QStringLiteral("--private-key"), kPrivateKey, QStringLiteral("--fail-rate"), QStringLiteral("0.5"),
                                          QStringLiteral("--fault-seed"), QStringLiteral("3")}, &error), qPrintable(error));
        const auto client = clientFor(flaky, kPrivateKey);
        ik::RetryPolicy policy;
        policy.maxAttempts = 8;
        policy.initialDelayMs = 10;
        policy.maxDelayMs = 100;
        client->setRetryPolicy(policy);
        ik::ImageKit imagekit(client.get());
        int totalRetries = 0;
        for (int i = 0; i < 6; ++i) {
            const Outcome<ik::FileList> r = run<ik::FileList>(imagekit.listFiles());
            QVERIFY2(r.value, r.error ? qPrintable(r.error->message()) : "");
            totalRetries += r.retries;
        }
        QVERIFY2(totalRetries > 0, "half the requests fail: the client must have retried some");

        EmulatorProcess limited;
        QVERIFY2(limited.start(dir.path(), {QStringLiteral("--private-key"), kPrivateKey, QStringLiteral("--rate-limit"), QStringLiteral("2/1")}, &error),
                 qPrintable(error));
        const auto limitedClient = clientFor(limited, kPrivateKey);
        policy.maxDelayMs = 2000;
        limitedClient->setRetryPolicy(policy);
        ik::ImageKit limitedImagekit(limitedClient.get());
        int limitedRetries = 0;
        for (int i = 0; i < 4; ++i) {
            const Outcome<ik::FileList> r = run<ik::FileList>(limitedImagekit.listFiles());
            QVERIFY2(r.value, r.error ? qPrintable(r.error->message()) : "");
            limitedRetries += r.retries;
        }
        QVERIFY2(limitedRetries > 0, "the third request in a second is a 429: the client must wait and retry");

        EmulatorProcess dropping;
        QVERIFY2(dropping.start(dir.path(), {QStringLiteral("--private-key"), kPrivateKey, QStringLiteral("--drop-rate"), QStringLiteral("0.4"),
                                             QStringLiteral("--fault-seed"), QStringLiteral("3")}, &error),
                 qPrintable(error));
        const auto droppingClient = clientFor(dropping, kPrivateKey);
        policy.maxDelayMs = 100;
        droppingClient->setRetryPolicy(policy);
        ik::ImageKit droppingImagekit(droppingClient.get());
        // 40% of the responses are cut off: every call still ends with its result (QNAM re-sends
        // some by itself on a reused connection, the client's retry policy covers the rest).
        for (int i = 0; i < 6; ++i) {
            const Outcome<ik::FileList> r = run<ik::FileList>(droppingImagekit.listFiles());
            QVERIFY2(r.value, r.error ? qPrintable(r.error->message()) : "");
        }

        EmulatorProcess alwaysDropping;
        QVERIFY2(alwaysDropping.start(dir.path(), {QStringLiteral("--private-key"), kPrivateKey, QStringLiteral("--drop-rate"), QStringLiteral("1")}, &error),
                 qPrintable(error));
        const auto deadClient = clientFor(alwaysDropping, kPrivateKey);
        deadClient->setRetryPolicy(policy);
        ik::ImageKit deadImagekit(deadClient.get());
        const Outcome<ik::FileList> dead = run<ik::FileList>(deadImagekit.listFiles());
        QVERIFY(dead.error);
        QCOMPARE(dead.error->kind(), ik::ErrorKind::Network);
        QCOMPARE(dead.retries, policy.maxAttempts - 1);
    }
};

QTEST_GUILESS_MAIN(TestIntegrationClient)
#include "tst_integration_client.moc"
