// Custom metadata fields in the emulator: definition validation for every schema type (create and
// update), values on files, defaults, and the JSON shape the API returns, checked against the
// requests recorded from the reference SDK's tests.
#include "custommetadata/custommetadataschema.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace ikemu;


namespace {

QJsonObject json(const char *text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("bad test JSON: %s in %s", qPrintable(error.errorString()), text);
    return document.object();
}

CustomMetadataField field(const char *definition, bool deleted = false)
{
    const std::optional<CustomMetadataField> parsed = CustomMetadataField::fromJson(json(definition));
    if (!parsed)
        qFatal("test field not readable: %s", definition);
    CustomMetadataField result = *parsed;
    result.deleted = deleted;
    return result;
}

// One field of every type, as an account might have them.
QList<CustomMetadataField> accountFields()
{
    return {
        field(R"({"id": "f1", "name": "brand", "label": "Brand",
                  "schema": {"type": "Text", "minLength": 2, "maxLength": 10}})"),
        field(R"({"id": "f2", "name": "notes", "label": "Notes", "schema": {"type": "Textarea"}})"),
        field(R"({"id": "f3", "name": "price", "label": "Price",
                  "schema": {"type": "Number", "minValue": 1000, "maxValue": 3000}})"),
        field(R"({"id": "f4", "name": "launch", "label": "Launch",
                  "schema": {"type": "Date", "minValue": "2022-01-01", "maxValue": "2022-12-31T23:59:59Z"}})"),
        field(R"({"id": "f5", "name": "onSale", "label": "On sale", "schema": {"type": "Boolean"}})"),
        field(R"({"id": "f6", "name": "size", "label": "Size",
                  "schema": {"type": "SingleSelect", "selectOptions": ["small", "medium", "large", 30, true]}})"),
        field(R"({"id": "f7", "name": "colors", "label": "Colours",
                  "schema": {"type": "MultiSelect", "selectOptions": ["red", "green", "blue"]}})"),
        field(R"({"id": "f8", "name": "region", "label": "Region",
                  "schema": {"type": "Text", "isValueRequired": true, "defaultValue": "EU"}})"),
        field(R"({"id": "f9", "name": "oldField", "label": "Old", "schema": {"type": "Text"}})", true),
    };
}

QJsonArray recordedCases()
{
    QFile file(QStringLiteral(MEDIADESK_TEST_DATA "/requests.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("cases")).toArray();
}

} // namespace

class TestCustomMetadataSchema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createDefinitions_data();
    void createDefinitions();
    void updateBodyShape_data();
    void updateBodyShape();
    void updateAgainstExistingField();
    void updateOfDeletedFieldIsRefused();
    void values_data();
    void values();
    void severalBadValuesAreAllReported();
    void requiredFieldWithoutDefault();
    void requiredMultiSelectCannotBeEmptied();
    void defaults();
    void jsonRoundTripForEveryType_data();
    void jsonRoundTripForEveryType();
    void unreadableJsonIsRejected();
    void recordedCreateRequestsProduceRecordedResponses();
    void recordedListResponsesAreReadable();
    void recordedUpdateRequestHasAValidShape();
};

void TestCustomMetadataSchema::createDefinitions_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("error");   // empty: accepted

    const auto row = [](const char *name, const char *body, const char *error) {
        QTest::newRow(name) << json(body) << QString::fromUtf8(error);
    };
    // Accepted, one or more per type.
    row("Text", R"({"name": "brand", "label": "Brand", "schema": {"type": "Text", "minLength": 1, "maxLength": 50}})", "");
    row("Text required with default", R"({"name": "region", "label": "Region",
        "schema": {"type": "Text", "isValueRequired": true, "defaultValue": "EU"}})", "");
    row("Textarea", R"({"name": "notes", "label": "Notes", "schema": {"type": "Textarea", "maxLength": 2000}})", "");
    row("Number", R"({"name": "price", "label": "Price", "schema": {"type": "Number", "minValue": -5.5, "maxValue": 3000}})", "");
    row("Number default in range", R"({"name": "price", "label": "Price",
        "schema": {"type": "Number", "minValue": 1, "maxValue": 3, "defaultValue": 3}})", "");
    row("Date", R"({"name": "launch", "label": "Launch",
        "schema": {"type": "Date", "minValue": "2022-11-29T10:11:10+00:00", "maxValue": "2022-11-30"}})", "");
    row("Boolean", R"({"name": "flag", "label": "Flag", "schema": {"type": "Boolean", "defaultValue": false}})", "");
    row("SingleSelect mixed options", R"({"name": "size", "label": "Size",
        "schema": {"type": "SingleSelect", "selectOptions": ["small", 30, true, "30"], "defaultValue": 30}})", "");
    row("MultiSelect", R"({"name": "colors", "label": "Colours",
        "schema": {"type": "MultiSelect", "selectOptions": ["red", "blue"], "defaultValue": ["red"], "isValueRequired": true}})", "");
    row("null attributes are absent", R"({"name": "n", "label": "N", "schema": {"type": "Text", "minLength": null}})", "");

    // name, label, schema.
    row("missing name", R"({"label": "L", "schema": {"type": "Text"}})", "Missing name parameter.");
    row("empty name", R"({"name": "", "label": "L", "schema": {"type": "Text"}})", "Missing name parameter.");
    row("name with space", R"({"name": "my field", "label": "L", "schema": {"type": "Text"}})", "Invalid name parameter.");
    row("name with dot", R"({"name": "a.b", "label": "L", "schema": {"type": "Text"}})", "Invalid name parameter.");
    row("name not a string", R"({"name": 5, "label": "L", "schema": {"type": "Text"}})", "Invalid name parameter.");
    row("missing label", R"({"name": "n", "schema": {"type": "Text"}})", "Missing label parameter.");
    row("label not a string", R"({"name": "n", "label": 3, "schema": {"type": "Text"}})", "Invalid label parameter.");
    row("missing schema", R"({"name": "n", "label": "L"})", "Missing schema parameter.");
    row("schema not an object", R"({"name": "n", "label": "L", "schema": "Text"})", "Invalid schema object.");
    row("missing type", R"({"name": "n", "label": "L", "schema": {}})", "Invalid schema object. type is required.");
    row("unknown type", R"({"name": "n", "label": "L", "schema": {"type": "Colour"}})", "type must be one of");
    row("unknown attribute", R"({"name": "n", "label": "L", "schema": {"type": "Text", "colour": 1}})", "\"colour\" is not allowed.");

    // Attributes that belong to other types.
    row("Number with minLength", R"({"name": "n", "label": "L", "schema": {"type": "Number", "minLength": 1}})",
        "minLength and maxLength can only be set for Text and Textarea fields, not Number.");
    row("Text with maxValue", R"({"name": "n", "label": "L", "schema": {"type": "Text", "maxValue": 1}})",
        "minValue and maxValue can only be set for Number and Date fields, not Text.");
    row("Boolean with selectOptions", R"({"name": "n", "label": "L", "schema": {"type": "Boolean", "selectOptions": [true]}})",
        "selectOptions can only be set for SingleSelect and MultiSelect fields, not Boolean.");

    // Attribute values.
    row("SingleSelect without options", R"({"name": "n", "label": "L", "schema": {"type": "SingleSelect"}})",
        "selectOptions must be a non-empty array for SingleSelect fields.");
    row("MultiSelect empty options", R"({"name": "n", "label": "L", "schema": {"type": "MultiSelect", "selectOptions": []}})",
        "selectOptions must be a non-empty array for MultiSelect fields.");
    row("option that is an object", R"({"name": "n", "label": "L", "schema": {"type": "SingleSelect", "selectOptions": ["a", {}]}})",
        "selectOptions may only hold strings, numbers and booleans.");
    row("empty option", R"({"name": "n", "label": "L", "schema": {"type": "SingleSelect", "selectOptions": ["a", ""]}})",
        "must not contain an empty string");
    row("duplicate option", R"({"name": "n", "label": "L", "schema": {"type": "SingleSelect", "selectOptions": ["a", 2, "a"]}})",
        "selectOptions contains \"a\" twice.");
    row("Number bound as string", R"({"name": "n", "label": "L", "schema": {"type": "Number", "minValue": "100"}})",
        "minValue must be a number for Number fields.");
    row("Date bound not a date", R"({"name": "n", "label": "L", "schema": {"type": "Date", "maxValue": "tomorrow"}})",
        "maxValue must be an ISO 8601 date for Date fields.");
    row("Number min above max", R"({"name": "n", "label": "L", "schema": {"type": "Number", "minValue": 300, "maxValue": 200}})",
        "minValue must not be greater than maxValue.");
    row("Date min after max", R"({"name": "n", "label": "L",
        "schema": {"type": "Date", "minValue": "2022-11-30T00:00:00Z", "maxValue": "2022-11-29"}})",
        "minValue must not be greater than maxValue.");
    row("negative minLength", R"({"name": "n", "label": "L", "schema": {"type": "Text", "minLength": -1}})",
        "minLength must be a whole number of 0 or more.");
    row("fractional maxLength", R"({"name": "n", "label": "L", "schema": {"type": "Textarea", "maxLength": 2.5}})",
        "maxLength must be a whole number of 0 or more.");
    row("minLength above maxLength", R"({"name": "n", "label": "L", "schema": {"type": "Text", "minLength": 10, "maxLength": 5}})",
        "minLength must not be greater than maxLength.");
    row("isValueRequired not boolean", R"({"name": "n", "label": "L", "schema": {"type": "Text", "isValueRequired": "yes"}})",
        "isValueRequired must be a boolean.");
    row("required without default", R"({"name": "n", "label": "L", "schema": {"type": "Number", "isValueRequired": true}})",
        "defaultValue is required when isValueRequired is true.");

    // The default must be a valid value of the field.
    row("Number default not a number", R"({"name": "n", "label": "L", "schema": {"type": "Number", "defaultValue": "x"}})",
        "Invalid schema object. \"defaultValue\" must be a number.");
    row("Number default below min", R"({"name": "n", "label": "L", "schema": {"type": "Number", "minValue": 10, "defaultValue": 5}})",
        "\"defaultValue\" must be greater than or equal to 10.");
    row("Textarea default too short", R"({"name": "n", "label": "L", "schema": {"type": "Textarea", "minLength": 3, "defaultValue": "ab"}})",
        "\"defaultValue\" must be at least 3 characters long.");
    row("SingleSelect default not an option", R"({"name": "n", "label": "L",
        "schema": {"type": "SingleSelect", "selectOptions": ["s", "m"], "defaultValue": "xl"}})",
        "\"defaultValue\" must be one of: s, m.");
    row("MultiSelect default not an array", R"({"name": "n", "label": "L",
        "schema": {"type": "MultiSelect", "selectOptions": ["s", "m"], "defaultValue": "s"}})",
        "\"defaultValue\" must be an array of values from: s, m.");
    row("MultiSelect default with stranger", R"({"name": "n", "label": "L",
        "schema": {"type": "MultiSelect", "selectOptions": ["s", "m"], "defaultValue": ["s", "xl"]}})",
        "\"defaultValue\" contains \"xl\", which is not one of: s, m.");
    row("Boolean default as string", R"({"name": "n", "label": "L", "schema": {"type": "Boolean", "defaultValue": "true"}})",
        "\"defaultValue\" must be a boolean.");
    row("Date default invalid", R"({"name": "n", "label": "L", "schema": {"type": "Date", "defaultValue": "2022-13-01"}})",
        "\"defaultValue\" must be a valid ISO 8601 date.");
    row("Date default out of range", R"({"name": "n", "label": "L",
        "schema": {"type": "Date", "minValue": "2022-01-01", "defaultValue": "2021-12-31"}})",
        "\"defaultValue\" must be on or after 2022-01-01.");
}

void TestCustomMetadataSchema::createDefinitions()
{
    QFETCH(QJsonObject, body);
    QFETCH(QString, error);

    const ValidationResult result = CustomMetadataSchema::validateFieldDefinition(body, false);
    if (error.isEmpty()) {
        QVERIFY2(result.ok, qPrintable(result.message));
        // An accepted body becomes a field whose schema is what was sent (nulls dropped).
        const CustomMetadataField created = CustomMetadataField::fromCreateBody(QStringLiteral("id1"), body);
        QJsonObject sentSchema = body.value(QLatin1String("schema")).toObject();
        for (const QString &key : sentSchema.keys()) {
            if (sentSchema.value(key).isNull())
                sentSchema.remove(key);
        }
        QCOMPARE(created.schema.toJson(), sentSchema);
        QCOMPARE(created.name, body.value(QLatin1String("name")).toString());
        return;
    }
    QVERIFY(!result.ok);
    QVERIFY2(result.message.contains(error), qPrintable(result.message));
    QCOMPARE(result.help, QStringLiteral("For support kindly contact us at support@imagekit.io."));
    const QJsonObject errorBody = result.toErrorBody();
    QCOMPARE(errorBody.value(QLatin1String("message")).toString(), result.message);
    QVERIFY(errorBody.contains(QLatin1String("help")));
}

void TestCustomMetadataSchema::updateBodyShape_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("error");

    QTest::newRow("label only") << json(R"({"label": "New"})") << QString();
    QTest::newRow("schema only, label null as SDKs send") << json(R"({"label": null, "schema": {"minValue": 1}})") << QString();
    QTest::newRow("both") << json(R"({"label": "New", "schema": {"maxValue": 9}})") << QString();
    QTest::newRow("neither") << json(R"({})") << QStringLiteral("Either label or schema should be provided.");
    QTest::newRow("both null") << json(R"({"label": null, "schema": null})")
                               << QStringLiteral("Either label or schema should be provided.");
    QTest::newRow("name") << json(R"({"name": "x", "label": "y"})") << QStringLiteral("Name cannot be updated.");
    QTest::newRow("empty label") << json(R"({"label": " "})") << QStringLiteral("Invalid label parameter.");
    QTest::newRow("schema not an object") << json(R"({"schema": "Number"})") << QStringLiteral("Invalid schema object.");
}

void TestCustomMetadataSchema::updateBodyShape()
{
    QFETCH(QJsonObject, body);
    QFETCH(QString, error);

    const ValidationResult result = CustomMetadataSchema::validateFieldDefinition(body, true);
    QCOMPARE(result.ok, error.isEmpty());
    if (!error.isEmpty())
        QVERIFY2(result.message.startsWith(error), qPrintable(result.message));
}

void TestCustomMetadataSchema::updateAgainstExistingField()
{
    const CustomMetadataField price = field(R"({"id": "p", "name": "price", "label": "Price",
        "schema": {"type": "Number", "minValue": 1000, "maxValue": 3000}})");

    // type is immutable and ignored when sent; other attributes are merged over the stored ones.
    const QJsonObject changeMin = json(R"({"schema": {"type": "Text", "minValue": 0}})");
    QVERIFY(price.validateFieldUpdate(changeMin).ok);
    const CustomMetadataField lowered = price.withUpdate(changeMin);
    QCOMPARE(lowered.schema.type, CustomMetadataType::Number);
    QCOMPARE(lowered.schema.toJson(), json(R"({"type": "Number", "minValue": 0, "maxValue": 3000})"));
    QCOMPARE(lowered.label, QStringLiteral("Price"));
    QCOMPARE(lowered.id, QStringLiteral("p"));
    QCOMPARE(lowered.name, QStringLiteral("price"));

    // Validated as per the existing type.
    const ValidationResult textAttribute = price.validateFieldUpdate(json(R"({"schema": {"minLength": 3}})"));
    QVERIFY(!textAttribute.ok);
    QVERIFY2(textAttribute.message.contains(QLatin1String("not Number")), qPrintable(textAttribute.message));

    // The merged schema must still hold together.
    const ValidationResult crossed = price.validateFieldUpdate(json(R"({"schema": {"minValue": 5000}})"));
    QVERIFY(!crossed.ok);
    QVERIFY2(crossed.message.contains(QLatin1String("minValue must not be greater than maxValue")), qPrintable(crossed.message));
    QCOMPARE(price.withUpdate(json(R"({"schema": {"minValue": 5000}})")).schema.toJson(), price.schema.toJson());

    // null removes an attribute.
    const CustomMetadataField unbounded = price.withUpdate(json(R"({"schema": {"maxValue": null}})"));
    QCOMPARE(unbounded.schema.toJson(), json(R"({"type": "Number", "minValue": 1000})"));

    // Label only.
    const QJsonObject relabel = json(R"j({"label": "Price (EUR)", "schema": null})j");
    QVERIFY(price.validateFieldUpdate(relabel).ok);
    const CustomMetadataField relabelled = price.withUpdate(relabel);
    QCOMPARE(relabelled.label, QStringLiteral("Price (EUR)"));
    QCOMPARE(relabelled.schema.toJson(), price.schema.toJson());

    // Making a select field required needs a default among its options.
    const CustomMetadataField size = field(R"({"id": "s", "name": "size", "label": "Size",
        "schema": {"type": "SingleSelect", "selectOptions": ["s", "m"]}})");
    QVERIFY(!size.validateFieldUpdate(json(R"({"schema": {"isValueRequired": true}})")).ok);
    QVERIFY(!size.validateFieldUpdate(json(R"({"schema": {"isValueRequired": true, "defaultValue": "l"}})")).ok);
    QVERIFY(size.validateFieldUpdate(json(R"({"schema": {"isValueRequired": true, "defaultValue": "m"}})")).ok);
    // Shrinking the options below the stored default is refused.
    const CustomMetadataField sizeWithDefault =
        size.withUpdate(json(R"({"schema": {"isValueRequired": true, "defaultValue": "m"}})"));
    QCOMPARE(sizeWithDefault.schema.defaultValue, QJsonValue(QStringLiteral("m")));
    QVERIFY(!sizeWithDefault.validateFieldUpdate(json(R"({"schema": {"selectOptions": ["s"]}})")).ok);
}

void TestCustomMetadataSchema::updateOfDeletedFieldIsRefused()
{
    const CustomMetadataField gone = field(R"({"id": "g", "name": "gone", "label": "Gone", "schema": {"type": "Text"}})", true);
    const ValidationResult result = gone.validateFieldUpdate(json(R"({"label": "Back"})"));
    QVERIFY(!result.ok);
    QCOMPARE(result.message, QStringLiteral("Cannot update a deleted custom metadata fields."));
}

void TestCustomMetadataSchema::values_data()
{
    QTest::addColumn<QJsonObject>("customMetadata");
    QTest::addColumn<QString>("badField");   // empty: accepted
    QTest::addColumn<QString>("error");

    const auto ok = [](const char *name, const char *values) {
        QTest::newRow(name) << json(values) << QString() << QString();
    };
    const auto bad = [](const char *name, const char *values, const char *badField, const char *error) {
        QTest::newRow(name) << json(values) << QString::fromUtf8(badField) << QString::fromUtf8(error);
    };

    ok("nothing", "{}");
    ok("every type", R"({"brand": "Nike", "notes": "line 1\nline 2", "price": 1500, "launch": "2022-06-01",
                         "onSale": true, "size": "medium", "colors": ["red", "blue"], "region": "US"})");
    ok("number bounds are inclusive", R"({"price": 1000})");
    ok("upper bound", R"({"price": 3000})");
    ok("date with time and zone", R"({"launch": "2022-12-31T23:59:59Z"})");
    ok("select number option", R"({"size": 30})");
    ok("select boolean option", R"({"size": true})");
    ok("empty multiselect", R"({"colors": []})");
    ok("unset optional field", R"({"brand": null})");
    ok("two emoji are two characters", R"({"brand": "😀😀"})");

    bad("text too short", R"({"brand": "N"})", "brand", "\"brand\" must be at least 2 characters long.");
    bad("text too long", R"({"brand": "ABCDEFGHIJK"})", "brand", "\"brand\" must be at most 10 characters long.");
    bad("one emoji is one character", R"({"brand": "😀"})", "brand", "at least 2 characters");
    bad("text not a string", R"({"brand": 5})", "brand", "\"brand\" must be a string.");
    bad("textarea not a string", R"({"notes": ["a"]})", "notes", "\"notes\" must be a string.");
    bad("number too small", R"({"price": 999})", "price", "\"price\" must be greater than or equal to 1000.");
    bad("number too big", R"({"price": 3000.5})", "price", "\"price\" must be less than or equal to 3000.");
    bad("number as string", R"({"price": "1500"})", "price", "\"price\" must be a number.");
    bad("date too early", R"({"launch": "2021-12-31T23:59:59Z"})", "launch", "\"launch\" must be on or after 2022-01-01.");
    bad("date too late", R"({"launch": "2023-01-01"})", "launch", "\"launch\" must be on or before 2022-12-31T23:59:59Z.");
    bad("date not a date", R"({"launch": "June"})", "launch", "\"launch\" must be a valid ISO 8601 date.");
    bad("date as number", R"({"launch": 20220601})", "launch", "\"launch\" must be a valid ISO 8601 date.");
    bad("boolean as string", R"({"onSale": "true"})", "onSale", "\"onSale\" must be a boolean.");
    bad("select unknown option", R"({"size": "xl"})", "size", "\"size\" must be one of: small, medium, large, 30, true.");
    bad("select option type matters", R"({"size": "30"})", "size", "must be one of");
    bad("select given an array", R"({"size": ["small"]})", "size", "must be one of");
    bad("multiselect not an array", R"({"colors": "red"})", "colors", "\"colors\" must be an array of values from: red, green, blue.");
    bad("multiselect unknown option", R"({"colors": ["red", "pink"]})", "colors",
        "\"colors\" contains \"pink\", which is not one of: red, green, blue.");
    bad("unknown field", R"({"colour": "red"})", "colour", "\"colour\" is not a custom metadata field of this account.");
    bad("deleted field", R"({"oldField": "x"})", "oldField", "\"oldField\" is not a custom metadata field");
    bad("required field unset", R"({"region": null})", "region", "\"region\" is required and cannot be removed.");
}

void TestCustomMetadataSchema::values()
{
    QFETCH(QJsonObject, customMetadata);
    QFETCH(QString, badField);
    QFETCH(QString, error);

    const ValidationResult result = CustomMetadataSchema::validateValues(customMetadata, accountFields());
    if (badField.isEmpty()) {
        QVERIFY2(result.ok, qPrintable(result.message));
        QVERIFY(result.errors.isEmpty());
        return;
    }
    QVERIFY(!result.ok);
    QVERIFY2(result.message.startsWith(QLatin1String("Invalid custom metadata. ")), qPrintable(result.message));
    QVERIFY2(result.message.contains(error), qPrintable(result.message));
    QCOMPARE(result.errors.keys(), QStringList{badField});
    QVERIFY2(result.errors.value(badField).toString().contains(error), qPrintable(result.errors.value(badField).toString()));
    QCOMPARE(result.toErrorBody().value(QLatin1String("errors")).toObject(), result.errors);
}

void TestCustomMetadataSchema::severalBadValuesAreAllReported()
{
    const ValidationResult result =
        CustomMetadataSchema::validateValues(json(R"({"price": 1, "brand": 5, "size": "medium"})"), accountFields());
    QVERIFY(!result.ok);
    QCOMPARE(result.errors.keys(), (QStringList{QStringLiteral("brand"), QStringLiteral("price")}));
    QVERIFY(result.message.contains(QLatin1String("\"brand\" must be a string.")));
    QVERIFY(result.message.contains(QLatin1String("\"price\" must be greater than or equal to 1000.")));
}

void TestCustomMetadataSchema::requiredFieldWithoutDefault()
{
    // The API never creates one (a required field needs a default), but stored data might hold one.
    CustomMetadataField sku = field(R"({"id": "k", "name": "sku", "label": "SKU", "schema": {"type": "Text"}})");
    sku.schema.isValueRequired = true;
    const QList<CustomMetadataField> fields{sku};

    const ValidationResult missing = CustomMetadataSchema::validateValues(QJsonObject(), fields);
    QVERIFY(!missing.ok);
    QCOMPARE(missing.errors.value(QLatin1String("sku")).toString(), QStringLiteral("\"sku\" is required."));
    QVERIFY(CustomMetadataSchema::validateValues(json(R"({"sku": "A-1"})"), fields).ok);
}

void TestCustomMetadataSchema::requiredMultiSelectCannotBeEmptied()
{
    const QList<CustomMetadataField> fields{field(R"({"id": "m", "name": "channels", "label": "Channels",
        "schema": {"type": "MultiSelect", "selectOptions": ["web", "print"], "isValueRequired": true, "defaultValue": ["web"]}})")};
    const ValidationResult emptied = CustomMetadataSchema::validateValues(json(R"({"channels": []})"), fields);
    QVERIFY(!emptied.ok);
    QCOMPARE(emptied.errors.value(QLatin1String("channels")).toString(),
             QStringLiteral("\"channels\" is required and cannot be removed."));
    QVERIFY(CustomMetadataSchema::validateValues(json(R"({"channels": ["print"]})"), fields).ok);
    QCOMPARE(applyCustomMetadataDefaults(QJsonObject(), fields), json(R"({"channels": ["web"]})"));
}

void TestCustomMetadataSchema::defaults()
{
    const QList<CustomMetadataField> fields = accountFields()
        << field(R"({"id": "d", "name": "gone", "label": "Gone", "schema": {"type": "Text", "defaultValue": "x"}})", true);

    // Absent fields with a default get it; deleted fields never do.
    QCOMPARE(applyCustomMetadataDefaults(QJsonObject(), fields), json(R"({"region": "EU"})"));
    QCOMPARE(applyCustomMetadataDefaults(json(R"({"region": "US", "price": 1500})"), fields),
             json(R"({"region": "US", "price": 1500})"));
    // null unsets a key and it stays unset.
    QCOMPARE(applyCustomMetadataDefaults(json(R"({"brand": null, "price": 2000})"), fields),
             json(R"({"region": "EU", "price": 2000})"));
    QCOMPARE(applyCustomMetadataDefaults(json(R"({"region": null})"), fields), QJsonObject());
}

void TestCustomMetadataSchema::jsonRoundTripForEveryType_data()
{
    QTest::addColumn<QJsonObject>("definition");
    for (const CustomMetadataField &each : accountFields())
        QTest::newRow(qPrintable(CustomMetadataSchema::typeName(each.schema.type) + QLatin1Char(' ') + each.name))
            << each.toJson();
}

void TestCustomMetadataSchema::jsonRoundTripForEveryType()
{
    QFETCH(QJsonObject, definition);
    const std::optional<CustomMetadataField> parsed = CustomMetadataField::fromJson(definition);
    QVERIFY(parsed);
    QCOMPARE(parsed->toJson(), definition);
    QCOMPARE(QStringList(definition.keys()),
             (QStringList{QStringLiteral("id"), QStringLiteral("label"), QStringLiteral("name"), QStringLiteral("schema")}));
    QCOMPARE(CustomMetadataSchema::typeFromName(definition.value(QLatin1String("schema")).toObject()
                                                    .value(QLatin1String("type")).toString()),
             std::optional<CustomMetadataType>(parsed->schema.type));
}

void TestCustomMetadataSchema::unreadableJsonIsRejected()
{
    QVERIFY(!CustomMetadataField::fromJson(json(R"({"id": "x", "name": "n", "label": "L", "schema": {"type": "Bogus"}})")));
    QVERIFY(!CustomMetadataField::fromJson(json(R"({"id": "x", "label": "L", "schema": {"type": "Text"}})")));
    QVERIFY(!CustomMetadataField::fromJson(json(R"({"id": "x", "name": "n", "label": "L"})")));
    QVERIFY(!CustomMetadataSchema::typeFromName(QStringLiteral("text")));   // names are case-sensitive
}

void TestCustomMetadataSchema::recordedCreateRequestsProduceRecordedResponses()
{
    int checked = 0;
    for (const QJsonValue entry : recordedCases()) {
        const QJsonObject recorded = entry.toObject();
        const QJsonObject call = recorded.value(QLatin1String("call")).toObject();
        const QJsonObject response = recorded.value(QLatin1String("mock_response")).toObject();
        if (call.value(QLatin1String("method")).toString() != QLatin1String("create_custom_metadata_fields")
            || response.value(QLatin1String("status")).toInt() != 201)
            continue;
        const QJsonObject body = recorded.value(QLatin1String("request")).toObject().value(QLatin1String("body")).toObject()
                                     .value(QLatin1String("json")).toObject();
        const QJsonObject answer =
            QJsonDocument::fromJson(response.value(QLatin1String("body")).toString().toUtf8()).object();

        const ValidationResult result = CustomMetadataSchema::validateFieldDefinition(body, false);
        QVERIFY2(result.ok, qPrintable(recorded.value(QLatin1String("id")).toString() + QLatin1String(": ") + result.message));
        const CustomMetadataField created =
            CustomMetadataField::fromCreateBody(answer.value(QLatin1String("id")).toString(), body);
        QCOMPARE(created.toJson(), answer);
        ++checked;
    }
    QCOMPARE(checked, 6);   // Boolean, Date, MultiSelect, Number, SingleSelect, Textarea
}

void TestCustomMetadataSchema::recordedListResponsesAreReadable()
{
    int checked = 0;
    for (const QJsonValue entry : recordedCases()) {
        const QJsonObject recorded = entry.toObject();
        const QJsonObject response = recorded.value(QLatin1String("mock_response")).toObject();
        if (recorded.value(QLatin1String("call")).toObject().value(QLatin1String("method")).toString()
                != QLatin1String("get_custom_metadata_fields")
            || response.value(QLatin1String("status")).toInt() != 200)
            continue;
        const QJsonArray list = QJsonDocument::fromJson(response.value(QLatin1String("body")).toString().toUtf8()).array();
        QVERIFY(!list.isEmpty());
        for (const QJsonValue item : list) {
            const std::optional<CustomMetadataField> parsed = CustomMetadataField::fromJson(item.toObject());
            QVERIFY(parsed);
            QCOMPARE(parsed->schema.type, CustomMetadataType::Number);
            QCOMPARE(parsed->schema.minValue, QJsonValue(10));
            QCOMPARE(parsed->schema.maxValue, QJsonValue(1000));
            QCOMPARE(parsed->schema.isValueRequired, std::optional<bool>(false));
            ++checked;
        }
    }
    QVERIFY(checked >= 2);
}

void TestCustomMetadataSchema::recordedUpdateRequestHasAValidShape()
{
    const CustomMetadataField existing = field(R"({"id": "field_id", "name": "test", "label": "test",
        "schema": {"type": "Number", "minValue": 1, "maxValue": 5}})");
    int checked = 0;
    for (const QJsonValue entry : recordedCases()) {
        const QJsonObject recorded = entry.toObject();
        if (recorded.value(QLatin1String("call")).toObject().value(QLatin1String("method")).toString()
            != QLatin1String("update_custom_metadata_fields"))
            continue;
        const QJsonObject body = recorded.value(QLatin1String("request")).toObject().value(QLatin1String("body")).toObject()
                                     .value(QLatin1String("json")).toObject();
        QVERIFY(CustomMetadataSchema::validateFieldDefinition(body, true).ok);
        QVERIFY(existing.validateFieldUpdate(body).ok);
        const CustomMetadataField updated = existing.withUpdate(body);
        QCOMPARE(updated.label, QStringLiteral("test-update"));
        QCOMPARE(updated.schema.toJson(), json(R"({"type": "Number", "minValue": 100, "maxValue": 200})"));
        ++checked;
    }
    QCOMPARE(checked, 3);
}

QTEST_GUILESS_MAIN(TestCustomMetadataSchema)
#include "tst_custommetadataschema.moc"
