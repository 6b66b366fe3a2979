// Result value types against tests/data/result_models.json (the reference SDK's model tests):
// declared fields land in typed members, unknown keys stay readable through field() by wire or
// snake_case name, and an absent field reads as undefined/empty. Plus the camel/snake name
// tables of tests/data/case_conversion.json.
//
// The SDK builds these objects from Python keyword arguments; here the same values arrive the
// way the server would send them (a JSON object with wire names), which is what matters.

#include "api/results/aitag.h"
#include "api/results/bulkdeleteresult.h"
#include "api/results/bulkjob.h"
#include "api/results/bulkjobstatus.h"
#include "api/results/custommetadatafield.h"
#include "api/results/fileitem.h"
#include "api/results/filelist.h"
#include "api/results/filemetadata.h"
#include "api/results/jsonfields.h"
#include "api/results/tagsresult.h"
#include "api/results/uploadresult.h"
#include "api/results/versioninfo.h"
#include "util/casing.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

QJsonObject loadJson(const char *name)
{
    QFile file(QStringLiteral(MEDIADESK_TEST_DATA "/") + QString::fromLatin1(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// The recorded assertions of one model test: "object.attribute" -> value.
QHash<QString, QJsonValue> assertionsOf(const QString &id)
{
    QHash<QString, QJsonValue> values;
    const QJsonArray cases = loadJson("result_models.json").value(QLatin1String("cases")).toArray();
    for (const QJsonValue &entry : cases) {
        const QJsonObject testCase = entry.toObject();
        if (testCase.value(QLatin1String("id")).toString() != id)
            continue;
        for (const QJsonValue &assertion : testCase.value(QLatin1String("test_assertions")).toArray()) {
            const QString code = assertion.toObject().value(QLatin1String("code")).toString();
            // self.assertEqual(<object>.<attribute>,<expected>)
            const qsizetype open = code.indexOf(QLatin1Char('('));
            const qsizetype comma = code.indexOf(QLatin1Char(','));
            const QString target = code.mid(open + 1, comma - open - 1).trimmed();
            // The first assertion on a name wins ("u.name" before "tag1.name").
            const QString key = target.mid(target.indexOf(QLatin1Char('.')) + 1);
            if (!values.contains(key))
                values.insert(key, assertion.toObject().value(QLatin1String("values")).toArray().at(0));
        }
    }
    return values;
}

// Absent (undefined) and null both mean "not set", as the SDK's None does.
bool sameValue(const QJsonValue &actual, const QJsonValue &expected)
{
    const bool actualUnset = actual.isNull() || actual.isUndefined();
    const bool expectedUnset = expected.isNull() || expected.isUndefined();
    return actualUnset || expectedUnset ? actualUnset == expectedUnset : actual == expected;
}

} // namespace

class OperationModelsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aiTagKeepsUnknownKeys();
    void bulkDeleteResult();
    void customMetadataField();
    void customMetadataSchemaExtras();
    void fileItemExtras();
    void bulkJobExtras();
    void exifGroups();
    void embeddedMetadataOfUpload();
    void bulkJobStatus();
    void fileMetadataExtras();
    void tagsResultWithoutIds();
    void versionInfo();
    void uploadResponseConversion();
    void absentAiTagsAndVersionInfo();
    void camelToSnake_data();
    void camelToSnake();
    void snakeToLowerCamel_data();
    void snakeToLowerCamel();
};

void OperationModelsTest::aiTagKeepsUnknownKeys()
{
    const auto expected = assertionsOf(QStringLiteral("test_ai_tags_with_variable_attributes"));
    QVERIFY(!expected.isEmpty());
    const ik::AiTag tag = ik::AiTag::fromJson({{QStringLiteral("name"), QStringLiteral("abc")},
                                               {QStringLiteral("confidence"), QStringLiteral("0.96")},
                                               {QStringLiteral("model"), QStringLiteral("KNN")}});
    QCOMPARE(QJsonValue(tag.name), expected.value(QStringLiteral("name")));
    // The typed confidence is a number; the text the SDK test passes stays readable as sent.
    QVERIFY(!tag.confidence);
    QCOMPARE(ik::json::field(tag.fields, QStringLiteral("confidence")), expected.value(QStringLiteral("confidence")));
    QCOMPARE(ik::json::field(tag.fields, QStringLiteral("model")), QJsonValue(QStringLiteral("KNN")));
    QVERIFY(ik::json::field(tag.fields, QStringLiteral("random")).isUndefined());
}

void OperationModelsTest::bulkDeleteResult()
{
    const auto expected = assertionsOf(QStringLiteral("test_bulk_delete_file_result_with_variable_attributes"));
    const ik::BulkDeleteResult result = ik::BulkDeleteResult::fromJson(
        {{QStringLiteral("successfullyDeletedFileIds"), QJsonArray{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("232")}},
         {QStringLiteral("numFilesDeleted"), 3}});
    QCOMPARE(QJsonValue(QJsonArray::fromStringList(result.successfullyDeletedFileIds)), expected.value(QStringLiteral("successfully_deleted_file_ids")));
    QCOMPARE(result.field(QStringLiteral("num_files_deleted")), expected.value(QStringLiteral("num_files_deleted")));
    QVERIFY(result.field(QStringLiteral("random")).isUndefined());
}

void OperationModelsTest::customMetadataField()
{
    for (const QString &id : {QStringLiteral("test_custom_metadata_fields_result_with_variable_attributes"),
                             QStringLiteral("test_custom_metadata_fields_result_with_response_metadata_with_variable_attributes")}) {
        const auto expected = assertionsOf(id);
        QVERIFY(!expected.isEmpty());
        const ik::CustomMetadataField field = ik::CustomMetadataField::fromJson(
            {{QStringLiteral("id"), QStringLiteral("1234")}, {QStringLiteral("label"), QStringLiteral("123")}, {QStringLiteral("numFields"), 5}});
        QCOMPARE(QJsonValue(field.id), expected.value(QStringLiteral("id")));
        QCOMPARE(QJsonValue(field.label), expected.value(QStringLiteral("label")));
        QCOMPARE(field.field(QStringLiteral("num_fields")), expected.value(QStringLiteral("num_fields")));
        QVERIFY(field.name.isEmpty());
        QVERIFY(field.field(QStringLiteral("random")).isUndefined());
    }
}

void OperationModelsTest::customMetadataSchemaExtras()
{
    const auto expected = assertionsOf(QStringLiteral("test_custom_metadata_scheme_with_variable_attributes"));
    const ik::CustomMetadataSchema schema = ik::CustomMetadataSchema::fromJson(
        {{QStringLiteral("type"), QStringLiteral("jpg")}, {QStringLiteral("maxLength"), 1000}, {QStringLiteral("name"), QStringLiteral("abc")}});
    QCOMPARE(QJsonValue(schema.type), expected.value(QStringLiteral("type")));
    QVERIFY(schema.maxLength);
    QCOMPARE(QJsonValue(*schema.maxLength), expected.value(QStringLiteral("max_length")));
    QCOMPARE(ik::json::field(schema.fields, QStringLiteral("name")), expected.value(QStringLiteral("name")));
    QVERIFY(!schema.minLength);
    QVERIFY(schema.minValue.isUndefined());
    // Only what is set goes back on the wire.
    QCOMPARE(schema.toJson(), (QJsonObject{{QStringLiteral("type"), QStringLiteral("jpg")}, {QStringLiteral("maxLength"), 1000}}));
}

void OperationModelsTest::fileItemExtras()
{
    for (const QString &id : {QStringLiteral("test_file_result_with_variable_attributes"),
                             QStringLiteral("test_file_result_with_response_metadata_with_variable_attributes")}) {
        const auto expected = assertionsOf(id);
        QVERIFY(!expected.isEmpty());
        const ik::FileItem file = ik::FileItem::fromJson({{QStringLiteral("type"), QStringLiteral("jpg")},
                                                          {QStringLiteral("name"), QStringLiteral("abc")},
                                                          {QStringLiteral("fileHealth"), QStringLiteral("healthy")}});
        QCOMPARE(QJsonValue(file.type), expected.value(QStringLiteral("type")));
        QCOMPARE(QJsonValue(file.name), expected.value(QStringLiteral("name")));
        QCOMPARE(file.field(QStringLiteral("file_health")), expected.value(QStringLiteral("file_health")));
        QCOMPARE(file.field(QStringLiteral("fileHealth")), expected.value(QStringLiteral("file_health")));
        QVERIFY(file.field(QStringLiteral("random")).isUndefined());
        // Absent fields are empty, not failures.
        QVERIFY(file.aiTags.isEmpty());
        QVERIFY(file.versionInfo.isEmpty());
        QVERIFY(!file.size);
    }
}

void OperationModelsTest::bulkJobExtras()
{
    const auto expected = assertionsOf(QStringLiteral("test_folder_results_folder_result_with_variable_attributes"));
    const ik::BulkJob job = ik::BulkJob::fromJson({{QStringLiteral("jobId"), QStringLiteral("123")}, {QStringLiteral("address"), QStringLiteral("/abc/home")}});
    QCOMPARE(QJsonValue(job.jobId), expected.value(QStringLiteral("job_id")));
    QCOMPARE(job.field(QStringLiteral("address")), expected.value(QStringLiteral("address")));
    QVERIFY(job.field(QStringLiteral("random")).isUndefined());
}

void OperationModelsTest::exifGroups()
{
    const QJsonObject body{{QStringLiteral("exif"), QJsonObject{
        {QStringLiteral("interoperability"), QJsonObject{{QStringLiteral("InteropIndex"), 1}, {QStringLiteral("InteropVersion"), QStringLiteral("0.4.3")}, {QStringLiteral("ri"), 3}}},
        {QStringLiteral("exif"), QJsonObject{{QStringLiteral("ExposureTime"), 12}, {QStringLiteral("ShutterSpeedValue"), 120}, {QStringLiteral("CameraModel"), QStringLiteral("canon x")}}},
        {QStringLiteral("gps"), QJsonObject{{QStringLiteral("GPSVersionID"), QStringLiteral("0.1")}, {QStringLiteral("longitude"), QStringLiteral("12124.4124")}, {QStringLiteral("latitude"), QStringLiteral("121523.12312")}}},
        {QStringLiteral("image"), QJsonObject{{QStringLiteral("Software"), QStringLiteral("picasso")}, {QStringLiteral("name"), QStringLiteral("Image1")}}},
        {QStringLiteral("thumbnail"), QJsonObject{{QStringLiteral("XResolution"), 12}, {QStringLiteral("YResolution"), 12}, {QStringLiteral("ThumbnailOffset"), 1}, {QStringLiteral("ThumbnailLength"), 200}, {QStringLiteral("name"), QStringLiteral("Thumbnail1")}}},
    }}};
    const ik::FileMetadata metadata = ik::FileMetadata::fromJson(body);

    const auto interop = assertionsOf(QStringLiteral("test_metadata_exif_interoperability_with_variable_attributes"));
    for (const QString &name : {QStringLiteral("interop_index"), QStringLiteral("interop_version"), QStringLiteral("ri"), QStringLiteral("random")})
        QVERIFY2(sameValue(metadata.interoperability.value(name), interop.value(name)), qPrintable(name));

    const auto exif = assertionsOf(QStringLiteral("test_models_results_metadata_exif_exif_with_variable_attributes"));
    for (const QString &name : {QStringLiteral("exposure_time"), QStringLiteral("shutter_speed_value"), QStringLiteral("camera_model")})
        QCOMPARE(metadata.exif.value(name), exif.value(name));
    QVERIFY(metadata.exif.value(QStringLiteral("random")).isUndefined());

    // Correction: the SDK iterates the GPS version string into characters (["0", ".", "1"]);
    // the value is the string the server sent.
    const auto gps = assertionsOf(QStringLiteral("test_models_results_metadata_exif_gps_with_variable_attributes"));
    QString joined;
    for (const QJsonValue &piece : gps.value(QStringLiteral("gps_version_id")).toArray())
        joined += piece.toString();
    QCOMPARE(metadata.gps.string(QStringLiteral("gps_version_id")), joined);
    QCOMPARE(metadata.gps.value(QStringLiteral("longitude")), gps.value(QStringLiteral("longitude")));
    QCOMPARE(metadata.gps.value(QStringLiteral("latitude")), gps.value(QStringLiteral("latitude")));

    const auto image = assertionsOf(QStringLiteral("test_models_results_metadata_exif_image_with_variable_attributes"));
    QCOMPARE(metadata.image.value(QStringLiteral("software")), image.value(QStringLiteral("software")));
    QCOMPARE(metadata.image.value(QStringLiteral("name")), image.value(QStringLiteral("name")));

    const auto thumbnail = assertionsOf(QStringLiteral("test_models_results_metadata_exif_thumbnail_with_variable_attributes"));
    QVERIFY(!thumbnail.isEmpty());
    for (auto it = thumbnail.constBegin(); it != thumbnail.constEnd(); ++it)
        QVERIFY2(sameValue(metadata.thumbnail.value(it.key()), it.value()), qPrintable(it.key()));

    // A missing group is empty, not an error.
    QVERIFY(metadata.makernote.isEmpty());
    const auto exifWithGps = assertionsOf(QStringLiteral("test_models_results_metadata_exif_with_variable_attributes"));
    QVERIFY(exifWithGps.contains(QStringLiteral("gps.gps_version_id")));
}

void OperationModelsTest::embeddedMetadataOfUpload()
{
    const auto expected = assertionsOf(QStringLiteral("test_models_results_embedded_metadata_with_variable_attributes"));
    const ik::UploadResult upload = ik::UploadResult::fromJson(
        {{QStringLiteral("embeddedMetadata"), QJsonObject{{QStringLiteral("XResolution"), 12}, {QStringLiteral("YResolution"), 12}, {QStringLiteral("dpi"), 14}}}});
    for (auto it = expected.constBegin(); it != expected.constEnd(); ++it)
        QVERIFY2(sameValue(ik::json::field(upload.embeddedMetadata, it.key()), it.value()), qPrintable(it.key()));
}

void OperationModelsTest::bulkJobStatus()
{
    const auto expected = assertionsOf(QStringLiteral("test_models_results_get_bulk_job_status_result_with_variable_attributes"));
    const ik::BulkJobStatus status = ik::BulkJobStatus::fromJson({{QStringLiteral("jobId"), QStringLiteral("123")}, {QStringLiteral("type"), QStringLiteral("jpg")},
                                                                  {QStringLiteral("status"), QStringLiteral("active")}, {QStringLiteral("numJob"), 2}});
    QCOMPARE(QJsonValue(status.jobId), expected.value(QStringLiteral("job_id")));
    QCOMPARE(QJsonValue(status.type), expected.value(QStringLiteral("type")));
    QCOMPARE(QJsonValue(status.status), expected.value(QStringLiteral("status")));
    QCOMPARE(status.field(QStringLiteral("num_job")), expected.value(QStringLiteral("num_job")));
    QVERIFY(!status.isCompleted());
}

void OperationModelsTest::fileMetadataExtras()
{
    const auto expected = assertionsOf(QStringLiteral("test_models_results_get_metadata_result_with_variable_attributes"));
    const ik::FileMetadata metadata = ik::FileMetadata::fromJson({{QStringLiteral("height"), 100}, {QStringLiteral("width"), 100}, {QStringLiteral("device"), QStringLiteral("canon")}});
    QCOMPARE(QJsonValue(*metadata.width), expected.value(QStringLiteral("width")));
    QCOMPARE(QJsonValue(*metadata.height), expected.value(QStringLiteral("height")));
    QCOMPARE(metadata.field(QStringLiteral("device")), expected.value(QStringLiteral("device")));
    QVERIFY(metadata.field(QStringLiteral("random")).isUndefined());
    QVERIFY(!metadata.size);
}

void OperationModelsTest::tagsResultWithoutIds()
{
    const auto expected = assertionsOf(QStringLiteral("test_models_results_tags_result_with_variable_attributes"));
    const ik::TagsResult result = ik::TagsResult::fromJson({{QStringLiteral("successfullyUpdatedFileIds"), QJsonValue::Null}, {QStringLiteral("random1"), QStringLiteral("123")}});
    QVERIFY(expected.value(QStringLiteral("successfully_updated_file_ids")).isNull());
    QVERIFY(result.successfullyUpdatedFileIds.isEmpty());
    QCOMPARE(result.field(QStringLiteral("random1")), expected.value(QStringLiteral("random1")));
    QVERIFY(result.field(QStringLiteral("random2")).isUndefined());
}

void OperationModelsTest::versionInfo()
{
    const auto expected = assertionsOf(QStringLiteral("test_models_results_version_info_with_variable_attributes"));
    const ik::VersionInfo info = ik::VersionInfo::fromJson({{QStringLiteral("id"), 123}, {QStringLiteral("name"), QStringLiteral("0.1.12")}, {QStringLiteral("description"), QStringLiteral("Testing Purpose")}});
    // Version ids are strings; a numeric one is kept as its digits.
    QCOMPARE(info.id, QString::number(expected.value(QStringLiteral("id")).toInt()));
    QCOMPARE(QJsonValue(info.name), expected.value(QStringLiteral("name")));
    QCOMPARE(ik::json::field(info.fields, QStringLiteral("description")), expected.value(QStringLiteral("description")));
}

void OperationModelsTest::uploadResponseConversion()
{
    const QJsonArray cases = loadJson("result_models.json").value(QLatin1String("cases")).toArray();
    QJsonObject testCase;
    for (const QJsonValue &entry : cases)
        if (entry.toObject().value(QLatin1String("id")).toString() == QLatin1String("test_convert_to_response_object"))
            testCase = entry.toObject();
    QVERIFY(!testCase.isEmpty());
    ik::ResponseMetadata metadata;
    metadata.httpStatus = testCase.value(QLatin1String("response_status")).toInt();
    metadata.raw = testCase.value(QLatin1String("response_body")).toString().toUtf8();
    QString why;
    const std::optional<ik::UploadResult> upload = ik::UploadResult::fromResponse(metadata, &why);
    QVERIFY2(upload, qPrintable(why));
    const auto expected = assertionsOf(QStringLiteral("test_convert_to_response_object"));
    QCOMPARE(QJsonValue(upload->fileId), expected.value(QStringLiteral("file_id")));
    QCOMPARE(QJsonValue(upload->name), expected.value(QStringLiteral("name")));
    QCOMPARE(QJsonValue(upload->url), expected.value(QStringLiteral("url")));
    QCOMPARE(QJsonValue(upload->thumbnailUrl), expected.value(QStringLiteral("thumbnail_url")));
    QCOMPARE(QJsonValue(*upload->height), expected.value(QStringLiteral("height")));
    QCOMPARE(QJsonValue(*upload->width), expected.value(QStringLiteral("width")));
    QCOMPARE(QJsonValue(*upload->size), expected.value(QStringLiteral("size")));
    QCOMPARE(QJsonValue(upload->filePath), expected.value(QStringLiteral("file_path")));
    QVERIFY(upload->tags.isEmpty());
    // Correction: "AITags": null gives no tags (the SDK invents one all-None tag).
    QVERIFY(upload->aiTags.isEmpty());
    QCOMPARE(QJsonValue(upload->versionInfo.id), expected.value(QStringLiteral("version_info.id")));
    QCOMPARE(QJsonValue(upload->versionInfo.name), expected.value(QStringLiteral("version_info.name")));
    QVERIFY(upload->customCoordinates.isEmpty());
    QVERIFY(upload->customMetadata.isEmpty());
    for (const QString &name : {QStringLiteral("x_resolution"), QStringLiteral("y_resolution"), QStringLiteral("date_created"), QStringLiteral("date_time_created")})
        QCOMPARE(ik::json::field(upload->embeddedMetadata, name), expected.value(QStringLiteral("embedded_metadata.") + name));
    QCOMPARE(QJsonValue(upload->fileType), expected.value(QStringLiteral("file_type")));
    QVERIFY(!upload->orientation);
    QCOMPARE(upload->metadata.httpStatus, 200);
}

void OperationModelsTest::absentAiTagsAndVersionInfo()
{
    // The reference SDK crashes on an upload answer without AITags or versionInfo.
    ik::ResponseMetadata metadata;
    metadata.httpStatus = 200;
    metadata.raw = R"({"fileId":"f1","name":"a.jpg"})";
    QString why;
    const auto upload = ik::UploadResult::fromResponse(metadata, &why);
    QVERIFY2(upload, qPrintable(why));
    QVERIFY(upload->aiTags.isEmpty());
    QVERIFY(upload->versionInfo.isEmpty());
    QCOMPARE(upload->fileId, QStringLiteral("f1"));

    // A body that is not an object is a parse failure with a reason, not a crash.
    metadata.raw = "<html>proxy error</html>";
    QVERIFY(!ik::UploadResult::fromResponse(metadata, &why));
    QVERIFY(!why.isEmpty());
    metadata.raw = R"([1, 2])";
    QVERIFY(!ik::FileItem::fromResponse(metadata, &why));
    metadata.raw = R"({"not":"a list"})";
    QVERIFY(!ik::FileList::fromResponse(metadata, &why));
}

void OperationModelsTest::camelToSnake_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    const QJsonObject tables = loadJson("case_conversion.json");
    for (const QJsonValue &entry : tables.value(QLatin1String("camel_to_snake_test_cases")).toArray()) {
        const QJsonObject row = entry.toObject();
        const QByteArray name = "test:" + row.value(QLatin1String("input")).toString().toUtf8();
        QTest::newRow(name.constData()) << row.value(QLatin1String("input")).toString() << row.value(QLatin1String("expected")).toString();
    }
    for (const QJsonValue &entry : tables.value(QLatin1String("camel_to_snake_table")).toObject().value(QLatin1String("cases")).toArray()) {
        const QJsonObject row = entry.toObject();
        const QByteArray name = "table:" + row.value(QLatin1String("input")).toString().toUtf8();
        QTest::newRow(name.constData()) << row.value(QLatin1String("input")).toString() << row.value(QLatin1String("camel_to_snake")).toString();
    }
}

void OperationModelsTest::camelToSnake()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(ik::casing::camelToSnake(input), expected);
}

void OperationModelsTest::snakeToLowerCamel_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    const QJsonObject tables = loadJson("case_conversion.json");
    for (const QJsonValue &entry : tables.value(QLatin1String("snake_to_lower_camel_table")).toObject().value(QLatin1String("cases")).toArray()) {
        const QJsonObject row = entry.toObject();
        const QByteArray name = row.value(QLatin1String("input")).toString().toUtf8();
        QTest::newRow(name.constData()) << row.value(QLatin1String("input")).toString() << row.value(QLatin1String("snake_to_lower_camel")).toString();
    }
}

void OperationModelsTest::snakeToLowerCamel()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(ik::casing::snakeToLowerCamel(input), expected);
}

QTEST_GUILESS_MAIN(OperationModelsTest)
#include "tst_operations_models.moc"
