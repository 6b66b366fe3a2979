// mediadesk-cli: one command per ImageKit operation (seed method name with '_' -> '-'), plus
// rename-folder and list-all. Each takes one JSON object (the argument, or standard input when
// there is none) whose keys are the seed's keyword arguments and option fields, snake_case or
// camelCase. A `file` starting with '@' is a local path, streamed.
//
// Output: the server's response body, unchanged, on stdout (nothing for the 204 answers of the
// delete/copy/move operations; list-all prints one JSON array of every entry), exit 0.
// Errors: `<ErrorClass>: <message>` on stderr (ik::ApiError::className()), exit 1.
#include "clicommand.h"

#include "api/apiclient.h"
#include "api/imagekit.h"
#include "api/pager.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <memory>
#include <optional>

namespace cli {

namespace {

struct OperationHelp
{
    const char *operation;   // seed method name
    const char *summary;
    const char *arguments;   // the JSON keys, one per line
    const char *example;     // the JSON of an example call
};

const OperationHelp kOperations[] = {
    {"upload_file", "Upload a file (local path, URL or base64)",
     "  file                 \"@path/to/local.jpg\" (streamed), a remote URL, or base64 text (required)\n"
     "  file_name            name to store it under (required)\n"
     "  use_unique_file_name, tags, folder, is_private_file, custom_coordinates, response_fields,\n"
     "  extensions, webhook_url, overwrite_file, overwrite_ai_tags, overwrite_tags,\n"
     "  overwrite_custom_metadata, custom_metadata, transformation, checks, is_published, description",
     R"({"file":"@photo.jpg","file_name":"photo.jpg","tags":["a","b"],"use_unique_file_name":false})"},
    {"list_files", "List and search files and folders (one page)",
     "  type                 file, file-version, folder or all\n"
     "  sort                 ASC_/DESC_ + NAME, CREATED, UPDATED, HEIGHT, WIDTH, SIZE, RELEVANCE\n"
     "  path, search_query, file_type (all, image, non-image), tags\n"
     "  limit                1-1000;  skip  >= 0",
     R"({"path":"/","limit":5,"search_query":"size > 10"})"},
    {"get_file_details", "Details of a file", "  file_id              (required)", R"({"file_id":"598821f949c0a938d57563bd"})"},
    {"get_file_versions", "Every version of a file", "  file_id              (required)", R"({"file_id":"598821f949c0a938d57563bd"})"},
    {"get_file_version_details", "Details of one file version",
     "  file_id, version_id  (required)", R"({"file_id":"598821f949c0a938d57563bd","version_id":"6320a3ff2b8f3dee7f0b5eb4"})"},
    {"update_file_details", "Update tags, custom coordinates, metadata, description; or publish/unpublish",
     "  file_id              (required)\n"
     "  tags (null clears), custom_coordinates (null clears), custom_metadata, description,\n"
     "  remove_ai_tags (list or \"all\"), extensions, webhook_url\n"
     "  publish              {\"is_published\":true,\"include_file_versions\":true}, alone",
     R"({"file_id":"598821f949c0a938d57563bd","tags":["sale"],"description":"Red shoe"})"},
    {"add_tags", "Add tags to up to 50 files", "  file_ids, tags       (required)", R"({"file_ids":["id1","id2"],"tags":["summer"]})"},
    {"remove_tags", "Remove tags from up to 50 files", "  file_ids, tags       (required)", R"({"file_ids":["id1"],"tags":["summer"]})"},
    {"remove_ai_tags", "Remove AI tags from up to 50 files", "  file_ids, ai_tags    (required)", R"({"file_ids":["id1"],"ai_tags":["Shoe"]})"},
    {"delete_file", "Delete a file and all its versions", "  file_id              (required)", R"({"file_id":"598821f949c0a938d57563bd"})"},
    {"delete_file_version", "Delete a non-current file version",
     "  file_id, version_id  (required)", R"({"file_id":"598821f949c0a938d57563bd","version_id":"6320a3ff2b8f3dee7f0b5eb4"})"},
    {"bulk_file_delete", "Delete up to 100 files", "  file_ids             (required)", R"({"file_ids":["id1","id2"]})"},
    {"copy_file", "Copy a file into a folder",
     "  source_file_path, destination_path (required), include_file_versions",
     R"({"source_file_path":"/a.jpg","destination_path":"/backup/"})"},
    {"move_file", "Move a file into a folder",
     "  source_file_path, destination_path (required)", R"({"source_file_path":"/a.jpg","destination_path":"/archive/"})"},
    {"rename_file", "Rename a file (optionally purging the old URL)",
     "  file_path, new_file_name (required), purge_cache", R"({"file_path":"/a.jpg","new_file_name":"b.jpg","purge_cache":true})"},
    {"restore_file_version", "Make a version the current one",
     "  file_id, version_id  (required)", R"({"file_id":"598821f949c0a938d57563bd","version_id":"6320a3ff2b8f3dee7f0b5eb4"})"},
    {"create_folder", "Create a folder", "  folder_name (required), parent_folder_path (default /)",
     R"({"folder_name":"shoes","parent_folder_path":"/products"})"},
    {"delete_folder", "Delete a folder and everything in it", "  folder_path          (required)", R"({"folder_path":"/products/old"})"},
    {"copy_folder", "Copy a folder (starts a bulk job)",
     "  source_folder_path, destination_path (required), include_versions (or include_file_versions)",
     R"({"source_folder_path":"/products","destination_path":"/backup","include_versions":true})"},
    {"move_folder", "Move a folder (starts a bulk job)",
     "  source_folder_path, destination_path (required)", R"({"source_folder_path":"/products","destination_path":"/archive"})"},
    {"rename_folder", "Rename a folder (starts a bulk job)",
     "  folder_path, new_folder_name (required), purge_cache", R"({"folder_path":"/products","new_folder_name":"catalog"})"},
    {"get_bulk_job_status", "Status of a folder bulk job", "  job_id               (required)", R"({"job_id":"62de84fb1b02a58936cc740c"})"},
    {"purge_file_cache", "Purge the CDN cache of a URL", "  file_url             (required)",
     R"({"file_url":"https://ik.imagekit.io/demo/default-image.jpg"})"},
    {"get_purge_file_cache_status", "Status of a purge request", "  purge_cache_id       (required)", R"({"purge_cache_id":"598821f949c0a938d57563bd"})"},
    {"get_file_metadata", "Image/video metadata and EXIF of an uploaded file", "  file_id              (required)", R"({"file_id":"598821f949c0a938d57563bd"})"},
    {"get_remote_file_url_metadata", "Metadata of a file at a URL", "  remote_file_url      (required)",
     R"({"remote_file_url":"https://ik.imagekit.io/demo/default-image.jpg"})"},
    {"create_custom_metadata_fields", "Create a custom metadata field",
     "  name, label (required)\n"
     "  schema               {type (Text, Textarea, Number, Date, Boolean, SingleSelect, MultiSelect),\n"
     "                        select_options, default_value, is_value_required, min_value, max_value,\n"
     "                        min_length, max_length}",
     R"({"name":"n","label":"l","schema":{"type":"Number","min_value":1}})"},
    {"get_custom_metadata_fields", "List custom metadata fields", "  include_deleted      true/false (default false)", R"({"include_deleted":true})"},
    {"update_custom_metadata_fields", "Change a custom metadata field's label or schema",
     "  field_id (required), label, schema (as for create, without type)",
     R"({"field_id":"62a9d5f6db485107347bb7f2","label":"Price","schema":{"min_value":0}})"},
    {"delete_custom_metadata_field", "Delete a custom metadata field", "  field_id             (required)", R"({"field_id":"62a9d5f6db485107347bb7f2"})"},
};

QString commandName(const char *operation)
{
    return QString::fromLatin1(operation).replace(QLatin1Char('_'), QLatin1Char('-'));
}

QString helpText(const QString &name, const QString &summary, const QString &arguments, const QString &example,
                 const QString &output)
{
    return QStringLiteral(
               "Usage: mediadesk-cli [OPTIONS] %1 [JSON]\n"
               "\n"
               "%2.\n"
               "\n"
               "JSON is one object, given as the argument or on standard input. Keys (snake_case or camelCase):\n"
               "%3\n"
               "\n"
               "Output: %4\n"
               "Errors: \"<ErrorClass>: <message>\" on stderr (e.g. NotFoundException, InvalidArgumentError), exit 1.\n"
               "\n"
               "Example:\n"
               "  mediadesk-cli %1 '%5'")
        .arg(name, summary, arguments, output, example);
}

// Reads the command's JSON object; false (after printing why) when it is not one.
bool readArguments(CliContext &context, const QStringList &args, QJsonObject *object)
{
    if (args.size() > 1) {
        writeLine(context.err, QStringLiteral("InvalidArgumentError: give the arguments as one JSON object (got %1 arguments)").arg(args.size()));
        return false;
    }
    const QByteArray text = args.isEmpty() ? readAllStdin() : args.first().toUtf8();
    if (text.trimmed().isEmpty()) {
        *object = QJsonObject();
        return true;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        writeLine(context.err, QStringLiteral("InvalidArgumentError: the arguments must be one JSON object%1")
                                   .arg(error.error != QJsonParseError::NoError
                                            ? QStringLiteral(" (%1 at offset %2)").arg(error.errorString()).arg(error.offset)
                                            : QString()));
        return false;
    }
    *object = document.object();
    return true;
}

// The client for one command; lives until the process exits.
ik::ApiClient *makeClient(CliContext &context)
{
    if (context.privateKey.isEmpty()) {
        writeLine(context.err, QStringLiteral("InvalidArgumentError: no private key: pass --private-key or set IMAGEKIT_PRIVATE_KEY"));
        return nullptr;
    }
    auto *client = new ik::ApiClient(QCoreApplication::instance());
    client->setPrivateKey(context.privateKey);
    client->setPublicKey(context.publicKey);
    client->setUrlEndpoint(context.urlEndpoint);
    QString why;
    if (!context.apiBase.isEmpty() && !client->setApiBase(context.apiBase, &why)) {
        writeLine(context.err, QStringLiteral("InvalidArgumentError: --api-base: %1").arg(why));
        return nullptr;
    }
    if (!context.uploadBase.isEmpty() && !client->setUploadBase(context.uploadBase, &why)) {
        writeLine(context.err, QStringLiteral("InvalidArgumentError: --upload-base: %1").arg(why));
        return nullptr;
    }
    return client;
}

void printError(CliContext &context, const ik::ApiError &error)
{
    writeLine(context.err, QStringLiteral("%1: %2").arg(error.className(), error.message()));
}

void writeBody(CliContext &context, const QByteArray &body)
{
    if (body.isEmpty())
        return;
    std::fwrite(body.constData(), 1, size_t(body.size()), context.out);
    if (!body.endsWith('\n'))
        std::fputc('\n', context.out);
}

void runOperation(const QString &operation, CliContext &context, const QStringList &args, Done done)
{
    QJsonObject arguments;
    if (!readArguments(context, args, &arguments))
        return done(1);
    ik::ApiClient *client = makeClient(context);
    if (!client)
        return done(1);
    ik::ImageKit imagekit(client);
    ik::ApiJob *job = imagekit.call(operation, arguments);
    auto failed = std::make_shared<std::optional<ik::ApiError>>();
    QObject::connect(job, &ik::ApiJob::failed, client, [failed](const ik::ApiError &error) { *failed = error; });
    if (context.progress) {
        // One line per whole percent, not one per network chunk (a 1 GiB upload would print
        // tens of thousands of lines).
        auto lastPercent = std::make_shared<qint64>(-1);
        QObject::connect(job, &ik::ApiJob::uploadProgress, client, [&context, lastPercent](qint64 sent, qint64 total) {
            if (total <= 0)
                return;
            const qint64 percent = sent * 100 / total;
            if (percent == *lastPercent)
                return;
            *lastPercent = percent;
            writeLine(context.err, QStringLiteral("upload: %1 of %2 bytes (%3%)").arg(sent).arg(total).arg(percent));
        });
    }
    QObject::connect(job, &ik::ApiJob::done, client, [job, failed, &context, done] {
        if (*failed) {
            printError(context, **failed);
            done(1);
            return;
        }
        writeBody(context, job->responseMetadata().raw);
        done(0);
    });
}

void runListAll(CliContext &context, const QStringList &args, Done done)
{
    QJsonObject arguments;
    if (!readArguments(context, args, &arguments))
        return done(1);
    ik::JsonArguments reader(arguments);
    const ik::ListFilesOptions options = ik::ListFilesOptions::fromArguments(reader);
    const QString problem = reader.finish();
    if (!problem.isEmpty()) {
        writeLine(context.err, QStringLiteral("InvalidArgumentError: list-all: %1").arg(problem));
        return done(1);
    }
    ik::ApiClient *client = makeClient(context);
    if (!client)
        return done(1);
    auto *pager = new ik::FileListPager(ik::ImageKit(client), options, client);
    auto entries = std::make_shared<QJsonArray>();
    QObject::connect(pager, &ik::FileListPager::pageReady, client, [entries](const ik::FileList &page, qint64) {
        for (const QJsonValue &entry : page.metadata.json().toArray())
            entries->append(entry);
    });
    QObject::connect(pager, &ik::FileListPager::finished, client, [entries, &context, done](qint64) {
        writeBody(context, QJsonDocument(*entries).toJson(QJsonDocument::Compact));
        done(0);
    });
    QObject::connect(pager, &ik::FileListPager::failed, client, [&context, done](const ik::ApiError &error) {
        printError(context, error);
        done(1);
    });
    pager->fetchAll();
}

} // namespace

void registerApiCommands(CommandRegistry &registry)
{
    for (const OperationHelp &entry : kOperations) {
        const QString name = commandName(entry.operation);
        const QString operation = QString::fromLatin1(entry.operation);
        const bool emptyAnswer = operation.startsWith(QLatin1String("delete_")) || operation == QLatin1String("copy_file")
            || operation == QLatin1String("move_file");
        const QString output = emptyAnswer
            ? QStringLiteral("nothing on success (the server answers 204 No Content), exit 0.")
            : QStringLiteral("the server's JSON response on stdout, exit 0.");
        CliCommand command;
        command.name = name;
        command.summary = QString::fromUtf8(entry.summary);
        command.help = helpText(name, command.summary, QString::fromUtf8(entry.arguments), QString::fromUtf8(entry.example), output);
        command.run = [operation](CliContext &context, const QStringList &args, Done done) {
            runOperation(operation, context, args, std::move(done));
        };
        registry.add(std::move(command));
    }

    CliCommand listAll;
    listAll.name = QStringLiteral("list-all");
    listAll.summary = QStringLiteral("Every entry of a listing, all pages (list-files' keys)");
    listAll.help = helpText(listAll.name,
                            QStringLiteral("Every entry of a listing: pages of `limit` entries (default 1000) are fetched until one comes back short"),
                            QStringLiteral("  the keys of list-files; limit is the page size (1-1000), skip the first offset"),
                            QStringLiteral(R"({"path":"/products","type":"all"})"),
                            QStringLiteral("one JSON array with the entries of every page, exit 0."));
    listAll.run = runListAll;
    registry.add(std::move(listAll));
}

} // namespace cli
