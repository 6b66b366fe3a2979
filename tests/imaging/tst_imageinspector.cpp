// ikemu::inspectImage / metadataJson: facts read from real bytes (format, size, alpha,
// transparency, JPEG quality, density, EXIF, pHash) and the GET /v1/files/{id}/metadata shape.

#include "exiftestdata.h"
#include "imagingtesthelpers.h"

#include "imaging/exifreader.h"
#include "imaging/imageinspector.h"
#include "phash/perceptualhash.h"

#include <QColorSpace>
#include <QJsonArray>
#include <QTest>

using namespace imagingtest;
using ikemu::inspectImage;

class TestImageInspector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatsSizesAndMimeTypes_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("format");
        QTest::addColumn<QByteArray>("mime");
        const QImage image = quadrants(120, 80);
        QTest::newRow("jpeg") << encode(image, "jpeg", 90) << QStringLiteral("a.jpg") << QByteArray("jpg") << QByteArray("image/jpeg");
        QTest::newRow("png") << encode(image, "png") << QStringLiteral("a.png") << QByteArray("png") << QByteArray("image/png");
        QTest::newRow("webp") << encode(image, "webp", 80) << QStringLiteral("a.webp") << QByteArray("webp") << QByteArray("image/webp");
        // The content decides, not the name: a PNG uploaded as .jpg is a PNG.
        QTest::newRow("misnamed png") << encode(image, "png") << QStringLiteral("photo.jpg") << QByteArray("png") << QByteArray("image/png");
        const QByteArray svg = QByteArrayLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"80\">"
                                                 "<rect width=\"60\" height=\"80\" fill=\"red\"/></svg>");
        QTest::newRow("svg") << svg << QStringLiteral("logo.svg") << QByteArray("svg") << QByteArray("image/svg+xml");
    }

    void formatsSizesAndMimeTypes()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, fileName);
        QFETCH(QByteArray, format);
        QFETCH(QByteArray, mime);
        const ikemu::ImageInfo info = inspectImage(bytes, fileName);
        QVERIFY(info.isImage);
        QCOMPARE(info.format, format);
        QCOMPARE(info.mime, mime);
        QCOMPARE(info.width, 120);
        QCOMPARE(info.height, 80);
        QCOMPARE(info.pHash.size(), 16);
    }

    void gifWithTransparentPixel()
    {
        // The classic 1x1 transparent GIF (Qt has no GIF writer).
        const QByteArray gif = QByteArray::fromHex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b");
        const ikemu::ImageInfo info = inspectImage(gif, QStringLiteral("pixel.gif"));
        QVERIFY(info.isImage);
        QCOMPARE(info.format, QByteArray("gif"));
        QCOMPARE(info.mime, QByteArray("image/gif"));
        QCOMPARE(info.width, 1);
        QVERIFY(info.hasTransparency);
    }

    void alphaAndTransparencyAreDifferentThings()
    {
        QImage opaque(40, 30, QImage::Format_ARGB32);
        opaque.fill(QColor(10, 200, 30, 255));
        const ikemu::ImageInfo opaqueInfo = inspectImage(encode(opaque, "png"), QStringLiteral("o.png"));
        QVERIFY(opaqueInfo.hasAlpha);
        QVERIFY(!opaqueInfo.hasTransparency);

        QImage holed = opaque;
        holed.setPixelColor(39, 29, QColor(0, 0, 0, 0));
        const ikemu::ImageInfo holedInfo = inspectImage(encode(holed, "png"), QStringLiteral("h.png"));
        QVERIFY(holedInfo.hasAlpha);
        QVERIFY(holedInfo.hasTransparency);

        const ikemu::ImageInfo jpegInfo = inspectImage(encode(quadrants(), "jpeg"), QStringLiteral("q.jpg"));
        QVERIFY(!jpegInfo.hasAlpha);
        QVERIFY(!jpegInfo.hasTransparency);
    }

    void jpegQualityIsEstimatedFromTheQuantisationTable_data()
    {
        QTest::addColumn<int>("quality");
        for (int q : {20, 50, 75, 90})
            QTest::addRow("q%d", q) << q;
    }

    void jpegQualityIsEstimatedFromTheQuantisationTable()
    {
        QFETCH(int, quality);
        const ikemu::ImageInfo info = inspectImage(encode(randomScene(3), "jpeg", quality), QStringLiteral("s.jpg"));
        QVERIFY2(std::abs(info.quality - quality) <= 2, qPrintable(QString::number(info.quality)));
        QCOMPARE(inspectImage(encode(quadrants(), "png"), QStringLiteral("q.png")).quality, 0);
    }

    void densityComesFromTheFile()
    {
        QImage image = quadrants(50, 50);
        image.setDotsPerMeterX(11811); // 300 dpi
        image.setDotsPerMeterY(11811);
        QCOMPARE(inspectImage(encode(image, "png"), QStringLiteral("d.png")).density, 300);
        QCOMPARE(inspectImage(encode(image, "jpeg"), QStringLiteral("d.jpg")).density, 300);
        QCOMPARE(inspectImage(encode(quadrants(50, 50), "webp"), QStringLiteral("d.webp")).density, 72);
    }

    void embeddedColorProfiles_data()
    {
        QTest::addColumn<QByteArray>("format");
        QTest::newRow("png") << QByteArray("png");
        QTest::newRow("jpeg") << QByteArray("jpeg");
    }

    void embeddedColorProfiles()
    {
        QFETCH(QByteArray, format);
        QImage image = randomScene(4, QSize(64, 48));
        QVERIFY(!inspectImage(encode(image, format.constData()), QStringLiteral("plain")).hasColorProfile);
        image.setColorSpace(QColorSpace(QColorSpace::DisplayP3));
        QVERIFY(inspectImage(encode(image, format.constData()), QStringLiteral("p3")).hasColorProfile);
    }

    void pHashIsTheCoreHashOfTheLuma()
    {
        const QImage image = randomScene(77);
        const ikemu::ImageInfo info = inspectImage(encode(image, "png"), QStringLiteral("s.png"));
        const QImage luma = image.convertToFormat(QImage::Format_Grayscale8);
        QCOMPARE(info.pHash, ik::perceptualHashToHex(ik::perceptualHashFromLuma(luma.constBits(), luma.width(), luma.height(),
                                                                                 luma.bytesPerLine())));
    }

    void exifGroupsAsTheMetadataApi()
    {
        const QByteArray jpeg = withExif(encode(quadrants(), "jpeg", 90), cameraExif(6));
        const ikemu::ImageInfo info = inspectImage(jpeg, QStringLiteral("camera.jpg"));
        QVERIFY(info.isImage);
        QCOMPARE(info.width, 400); // stored size: the orientation is reported, not applied
        QCOMPARE(info.height, 300);
        const QJsonObject image = info.exif.value(QStringLiteral("image")).toObject();
        QCOMPARE(image.value(QStringLiteral("Make")).toString(), QStringLiteral("Canon"));
        QCOMPARE(image.value(QStringLiteral("Model")).toString(), QStringLiteral("Canon EOS 40D"));
        QCOMPARE(image.value(QStringLiteral("Orientation")).toInt(), 6);
        QCOMPARE(image.value(QStringLiteral("XResolution")).toDouble(), 72.0);
        QVERIFY(image.value(QStringLiteral("ExifOffset")).toInt() > 8);
        const QJsonObject exif = info.exif.value(QStringLiteral("exif")).toObject();
        QCOMPARE(exif.value(QStringLiteral("ExposureTime")).toDouble(), 0.00625);
        QCOMPARE(exif.value(QStringLiteral("ISO")).toInt(), 100);
        QCOMPARE(exif.value(QStringLiteral("ExifVersion")).toString(), QStringLiteral("0221"));
        QCOMPARE(exif.value(QStringLiteral("DateTimeOriginal")).toString(), QStringLiteral("2008:05:30 15:56:01"));
        const QJsonObject gps = info.exif.value(QStringLiteral("gps")).toObject();
        QCOMPARE(gps.value(QStringLiteral("GPSLatitudeRef")).toString(), QStringLiteral("N"));
        QCOMPARE(gps.value(QStringLiteral("GPSLatitude")).toArray(), (QJsonArray{52.0, 31.0, 12.0}));
        for (const char *group : {"thumbnail", "interoperability", "makernote"})
            QVERIFY(info.exif.value(QLatin1String(group)).isObject());
        // Flat copy for embeddedMetadata.
        QCOMPARE(info.embedded.value(QStringLiteral("Make")).toString(), QStringLiteral("Canon"));
        QCOMPARE(info.embedded.value(QStringLiteral("ISO")).toInt(), 100);
    }

    void malformedExifNeverCrashes()
    {
        // IFD0 whose sub-IFD pointers point past the end and back at itself, and entries whose
        // values lie outside the block.
        QByteArray tiff = buildTiff({{ascii(0x010F, "Nikon"), {0x8769, 4, 1, le32(8)}, {0x8825, 4, 1, le32(0x7FFFFFF0)},
                                      {0x0110, 2, 5000, le32(60000)}}},
                                    8);
        QJsonObject groups = ikemu::ExifReader::parse(tiff);
        QCOMPARE(groups.value(QStringLiteral("image")).toObject().value(QStringLiteral("Make")).toString(), QStringLiteral("Nikon"));
        QVERIFY(!groups.value(QStringLiteral("image")).toObject().contains(QStringLiteral("Model")));
        QVERIFY(ikemu::ExifReader::parse(tiff.left(11)).value(QStringLiteral("image")).toObject().isEmpty());
        QVERIFY(ikemu::ExifReader::parse(QByteArray("not a tiff block")).isEmpty());
        // The same inside a JPEG: still an image.
        QVERIFY(inspectImage(withExif(encode(quadrants(), "jpeg"), tiff.left(30)), QStringLiteral("x.jpg")).isImage);
    }

    void pngTextChunksAreEmbeddedMetadata()
    {
        QImage image = quadrants(20, 20);
        image.setText(QStringLiteral("Author"), QStringLiteral("Mediadesk tests"));
        const ikemu::ImageInfo info = inspectImage(encode(image, "png"), QStringLiteral("t.png"));
        QCOMPARE(info.embedded.value(QStringLiteral("Author")).toString(), QStringLiteral("Mediadesk tests"));
    }

    void nonImagesAndBrokenImages()
    {
        const ikemu::ImageInfo pdf = inspectImage(QByteArrayLiteral("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"), QStringLiteral("Report.PDF"));
        QVERIFY(!pdf.isImage);
        QCOMPARE(pdf.format, QByteArray("pdf"));
        QCOMPARE(pdf.mime, QByteArray("application/pdf"));
        QVERIFY(pdf.pHash.isEmpty());

        const QByteArray truncated = encode(quadrants(), "jpeg").left(40);
        QVERIFY(!inspectImage(truncated, QStringLiteral("broken.jpg")).isImage);
        QVERIFY(!inspectImage(QByteArray(), QStringLiteral("empty.png")).isImage);
    }

    void metadataJsonHasTheApiShape()
    {
        const QByteArray jpeg = withExif(encode(quadrants(), "jpeg", 80), cameraExif(1));
        const QJsonObject json = ikemu::metadataJson(inspectImage(jpeg, QStringLiteral("c.jpg")), jpeg.size());
        QCOMPARE(json.value(QStringLiteral("width")).toInt(), 400);
        QCOMPARE(json.value(QStringLiteral("height")).toInt(), 300);
        QCOMPARE(json.value(QStringLiteral("size")).toInteger(), qint64(jpeg.size()));
        QCOMPARE(json.value(QStringLiteral("format")).toString(), QStringLiteral("jpg"));
        QCOMPARE(json.value(QStringLiteral("hasColorProfile")).toBool(), false);
        QVERIFY(std::abs(json.value(QStringLiteral("quality")).toInt() - 80) <= 2);
        QCOMPARE(json.value(QStringLiteral("density")).toInt(), 72);
        QCOMPARE(json.value(QStringLiteral("hasTransparency")).toBool(), false);
        QCOMPARE(json.value(QStringLiteral("pHash")).toString().size(), 16);
        QCOMPARE(json.value(QStringLiteral("exif")).toObject().value(QStringLiteral("image")).toObject()
                     .value(QStringLiteral("Make")).toString(), QStringLiteral("Canon"));

        const QJsonObject other = ikemu::metadataJson(inspectImage(QByteArrayLiteral("hello"), QStringLiteral("notes.txt")), 5);
        QCOMPARE(other.value(QStringLiteral("size")).toInt(), 5);
        QCOMPARE(other.value(QStringLiteral("format")).toString(), QStringLiteral("txt"));
        QVERIFY(!other.contains(QStringLiteral("width")));
        QVERIFY(!other.contains(QStringLiteral("pHash")));
    }
};

QTEST_MAIN(TestImageInspector)
#include "tst_imageinspector.moc"
