// ikemu::transformImage: every parameter of the URL transformation language the emulator
// implements, checked on the real output (decoded size, format and pixels), plus errors.

#include "exiftestdata.h"
#include "imagingtesthelpers.h"

#include "imaging/imagetransformer.h"

#include <QTest>

using namespace imagingtest;
using ikemu::TransformOutput;

namespace {

const QColor kCyan(0, 255, 255);

// No library: for tests without image layers.
const ikemu::ImageLoader kNoLibrary = [](const QString &) { return std::optional<QByteArray>(); };

TransformOutput run(const QByteArray &source, const QString &chain, const ikemu::ImageLoader &load = kNoLibrary,
                    const QByteArray &accept = QByteArray())
{
    return ikemu::transformImage(source, chain, load, accept);
}

QByteArray quadrantsPng()
{
    static const QByteArray png = encode(quadrants(), "png");
    return png;
}

// Runs `chain` on the quadrant PNG, expects success, returns the decoded output.
QImage transformed(const QString &chain, QByteArray *format = nullptr, const QByteArray &source = quadrantsPng())
{
    const TransformOutput output = run(source, chain);
    if (output.httpStatus != 200)
        qWarning("%s -> %d %s", qPrintable(chain), output.httpStatus, qPrintable(output.errorMessage));
    return decode(output.body, format);
}

QColor at(const QImage &image, int x, int y)
{
    return image.pixelColor(x, y);
}

// The fraction of pixels of a colour close to `color`.
double share(const QImage &image, QColor color, int tolerance = 40)
{
    qint64 matching = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (near(image.pixelColor(x, y), color, tolerance))
                ++matching;
    return double(matching) / (qint64(image.width()) * image.height());
}

// Mean squared difference between horizontal neighbours: high for sharp edges, low when blurred
// (squared, because a blurred step keeps its total variation but spreads it over a ramp).
double edgeEnergy(const QImage &image)
{
    const QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
    double total = 0;
    for (int y = 0; y < grey.height(); ++y)
        for (int x = 1; x < grey.width(); ++x) {
            const int step = grey.constScanLine(y)[x] - grey.constScanLine(y)[x - 1];
            total += step * step;
        }
    return total / (double(grey.width() - 1) * grey.height());
}

// A quadrant image with a 10 px black stripe along the left edge.
QByteArray stripedPng()
{
    QImage image = quadrants();
    QPainter(&image).fillRect(0, 0, 10, image.height(), Qt::black);
    return encode(image, "png");
}

} // namespace

class TestImageTransformer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyChainAndOrigReturnTheSourceBytes()
    {
        const QByteArray source = quadrantsPng();
        const TransformOutput plain = run(source, QString());
        QCOMPARE(plain.httpStatus, 200);
        QCOMPARE(plain.body, source);
        QCOMPARE(plain.contentType, QByteArray("image/png"));
        const TransformOutput original = run(source, QStringLiteral("w-100,h-50:orig-true"));
        QCOMPARE(original.body, source);
    }

    void widthAndHeight_data()
    {
        QTest::addColumn<QString>("chain");
        QTest::addColumn<QSize>("size");
        QTest::newRow("w px") << QStringLiteral("w-200") << QSize(200, 150);
        QTest::newRow("h px") << QStringLiteral("h-150") << QSize(200, 150);
        QTest::newRow("w fraction") << QStringLiteral("w-0.5") << QSize(200, 150);
        QTest::newRow("h fraction") << QStringLiteral("h-0.1") << QSize(40, 30);
        QTest::newRow("w expression") << QStringLiteral("w-iw_div_4") << QSize(100, 75);
        QTest::newRow("h expression") << QStringLiteral("h-ih_mul_0.5_add_10") << QSize(213, 160);
        QTest::newRow("upscale") << QStringLiteral("w-800") << QSize(800, 600);
        QTest::newRow("w auto") << QStringLiteral("w-auto") << QSize(400, 300);
        QTest::newRow("ar with w") << QStringLiteral("ar-1-1,w-100") << QSize(100, 100);
        QTest::newRow("ar with h") << QStringLiteral("ar-16_9,h-90") << QSize(160, 90);
        QTest::newRow("ar alone") << QStringLiteral("ar-2-1") << QSize(400, 200);
        QTest::newRow("dpr") << QStringLiteral("w-100,dpr-2") << QSize(200, 150);
        QTest::newRow("dpr alone") << QStringLiteral("dpr-0.5") << QSize(200, 150);
        QTest::newRow("dpr auto") << QStringLiteral("w-100,dpr-auto") << QSize(100, 75);
        QTest::newRow("maintain_ratio crops") << QStringLiteral("w-200,h-200") << QSize(200, 200);
        QTest::newRow("force") << QStringLiteral("w-100,h-100,c-force") << QSize(100, 100);
        QTest::newRow("at_max") << QStringLiteral("w-200,h-200,c-at_max") << QSize(200, 150);
        QTest::newRow("at_max no enlarge") << QStringLiteral("w-1000,h-1000,c-at_max") << QSize(400, 300);
        QTest::newRow("at_max_enlarge") << QStringLiteral("w-1000,h-1000,c-at_max_enlarge") << QSize(1000, 750);
        QTest::newRow("at_least") << QStringLiteral("w-200,h-200,c-at_least") << QSize(267, 200);
        QTest::newRow("pad_resize") << QStringLiteral("w-200,h-200,cm-pad_resize") << QSize(200, 200);
        QTest::newRow("extract") << QStringLiteral("w-100,h-80,cm-extract") << QSize(100, 80);
        QTest::newRow("pad_extract") << QStringLiteral("w-500,h-400,cm-pad_extract") << QSize(500, 400);
        QTest::newRow("rotate 90") << QStringLiteral("rt-90") << QSize(300, 400);
        QTest::newRow("rotate N90") << QStringLiteral("rt-N90") << QSize(300, 400);
        QTest::newRow("rotate 180") << QStringLiteral("rt-180") << QSize(400, 300);
        QTest::newRow("border") << QStringLiteral("b-5_FF0000") << QSize(410, 310);
        QTest::newRow("chain resize then rotate") << QStringLiteral("w-200:rt-90") << QSize(150, 200);
        QTest::newRow("chain rotate then resize") << QStringLiteral("rt-90:w-200") << QSize(200, 267);
    }

    void widthAndHeight()
    {
        QFETCH(QString, chain);
        QFETCH(QSize, size);
        const TransformOutput output = run(quadrantsPng(), chain);
        QVERIFY2(output.httpStatus == 200, qPrintable(output.errorMessage));
        QVERIFY(output.ignoredParameters.isEmpty());
        QCOMPARE(decode(output.body).size(), size);
    }

    void rotationOfArbitraryAnglesEnlargesTheCanvas()
    {
        const QImage image = transformed(QStringLiteral("rt-45,bg-00FFFF"), nullptr);
        QVERIFY(image.width() > 480 && image.height() > 480);
        QVERIFY(near(at(image, 2, 2), kCyan)); // corner outside the turned picture
    }

    void focusChoosesTheKeptPart()
    {
        // 400x300 -> cover 200x200 = 267x200, 67 px are cut: fo decides where.
        const QByteArray source = stripedPng();
        QVERIFY(near(at(transformed(QStringLiteral("w-200,h-200,fo-left"), nullptr, source), 2, 100), Qt::black));
        QVERIFY(!near(at(transformed(QStringLiteral("w-200,h-200"), nullptr, source), 2, 100), Qt::black));
        QVERIFY(!near(at(transformed(QStringLiteral("w-200,h-200,fo-right"), nullptr, source), 2, 100), Qt::black));
        // Tall crop from a wide image: top vs bottom.
        QVERIFY(near(at(transformed(QStringLiteral("w-400,h-100,fo-top")), 50, 50), Qt::red));
        QVERIFY(near(at(transformed(QStringLiteral("w-400,h-100,fo-bottom")), 50, 50), Qt::blue));
        // Face / object focus have no detector here: they behave as the centre, never as an error.
        QCOMPARE(run(quadrantsPng(), QStringLiteral("w-100,h-100,fo-face")).httpStatus, 200);
    }

    void customFocusUsesTheFileCustomCoordinates()
    {
        // Custom coordinates inside the yellow (bottom right) quadrant of the 400x300 source.
        const QRect custom(300, 200, 60, 60);
        const auto withCustom = [&](const QString &chain) {
            const TransformOutput output = ikemu::transformImage(quadrantsPng(), chain, kNoLibrary, QByteArray(), custom);
            return decode(output.body);
        };
        // Extract: a 100x100 box centred on the area (330,230), kept inside the image.
        QImage extracted = withCustom(QStringLiteral("w-100,h-100,cm-extract,fo-custom"));
        QCOMPARE(extracted.size(), QSize(100, 100));
        QVERIFY(near(at(extracted, 5, 5), Qt::yellow));
        QVERIFY(near(at(extracted, 95, 95), Qt::yellow));
        // Without custom coordinates fo-custom is the centre: the box starts in the red quadrant.
        QVERIFY(near(at(transformed(QStringLiteral("w-100,h-100,cm-extract,fo-custom")), 5, 5), Qt::red));
        // maintain_ratio crop: 400x300 stays, the kept 100 px column is centred on x = 330.
        QImage cropped = withCustom(QStringLiteral("w-100,h-300,fo-custom"));
        QCOMPARE(cropped.size(), QSize(100, 300));
        QVERIFY(near(at(cropped, 50, 50), Qt::green));
        QVERIFY(near(at(cropped, 50, 250), Qt::yellow));
        // Scaled first: 200x150, the area's centre becomes (165,115); the 50 px column sits at 140-190.
        cropped = withCustom(QStringLiteral("w-50,h-150,fo-custom"));
        QCOMPARE(cropped.size(), QSize(50, 150));
        QVERIFY(near(at(cropped, 25, 140), Qt::yellow));
    }

    void forceKeepsEverythingSquashed()
    {
        const QImage image = transformed(QStringLiteral("w-100,h-100,c-force"));
        QVERIFY(near(at(image, 5, 5), Qt::red));
        QVERIFY(near(at(image, 95, 5), Qt::green));
        QVERIFY(near(at(image, 5, 95), Qt::blue));
        QVERIFY(near(at(image, 95, 95), Qt::yellow));
    }

    void padResizeFillsWithBackground()
    {
        // 400x300 fitted into 200x200 = 200x150, 25 px of padding above and below.
        const QImage centred = transformed(QStringLiteral("w-200,h-200,cm-pad_resize,bg-00FFFF"));
        QVERIFY(near(at(centred, 100, 5), kCyan));
        QVERIFY(near(at(centred, 100, 195), kCyan));
        QVERIFY(near(at(centred, 50, 50), Qt::red));
        const QImage top = transformed(QStringLiteral("w-200,h-200,cm-pad_resize,bg-00FFFF,fo-top"));
        QVERIFY(near(at(top, 50, 5), Qt::red));
        QVERIFY(near(at(top, 100, 190), kCyan));
        // Default padding is white.
        QVERIFY(near(at(transformed(QStringLiteral("w-200,h-200,cm-pad_resize")), 100, 5), Qt::white));
        // Background with alpha (RRGGBBAA) stays transparent-ish in PNG.
        const QImage translucent = transformed(QStringLiteral("w-200,h-200,cm-pad_resize,bg-FF000080"));
        QVERIFY(std::abs(at(translucent, 100, 5).alpha() - 128) <= 2);
    }

    void dominantAndBlurredBackgrounds()
    {
        QImage blue(400, 300, QImage::Format_RGB32);
        blue.fill(QColor(20, 40, 200));
        const QImage dominant = transformed(QStringLiteral("w-200,h-200,cm-pad_resize,bg-dominant"), nullptr, encode(blue, "png"));
        QVERIFY(near(at(dominant, 100, 5), QColor(20, 40, 200), 6));

        // Blurred: the padding above the picture is the blurred top of the picture itself
        // (red and green there), not a flat colour.
        const QImage blurred = transformed(QStringLiteral("w-200,h-200,cm-pad_resize,bg-blurred"));
        const QColor left = at(blurred, 20, 5);
        const QColor right = at(blurred, 180, 5);
        QVERIFY2(left.red() > 150 && left.green() < 100, qPrintable(left.name()));
        QVERIFY2(right.green() > 150 && right.red() < 100, qPrintable(right.name()));
        const QImage darker = transformed(QStringLiteral("w-200,h-200,cm-pad_resize,bg-blurred_5_N80"));
        QVERIFY(at(darker, 20, 5).red() + 50 < left.red());
        QCOMPARE(run(quadrantsPng(), QStringLiteral("w-200,h-200,cm-pad_resize,bg-blurred_500")).httpStatus, 400);
    }

    void extractTakesARegionWithoutScaling()
    {
        QImage image = transformed(QStringLiteral("w-100,h-100,cm-extract,x-0,y-0"));
        QCOMPARE(share(image, Qt::red), 1.0);
        image = transformed(QStringLiteral("w-100,h-100,cm-extract,x-300,y-200"));
        QCOMPARE(share(image, Qt::yellow), 1.0);
        image = transformed(QStringLiteral("w-100,h-100,x-250,y-10")); // coordinates imply extract
        QCOMPARE(share(image, Qt::green), 1.0);
        image = transformed(QStringLiteral("w-100,h-100,cm-extract,fo-bottom_left"));
        QCOMPARE(share(image, Qt::blue), 1.0);
        image = transformed(QStringLiteral("w-100,h-100,cm-extract,xc-200,yc-150")); // centred on the cross
        QVERIFY(near(at(image, 10, 10), Qt::red) && near(at(image, 90, 90), Qt::yellow));
        image = transformed(QStringLiteral("w-100,h-100,cm-extract,x-iw_sub_100,y-0"));
        QCOMPARE(share(image, Qt::green), 1.0);
    }

    void padExtractPadsBeyondTheImage()
    {
        const QImage image = transformed(QStringLiteral("w-500,h-400,cm-pad_extract,bg-00FFFF"));
        QVERIFY(near(at(image, 10, 10), kCyan));
        QVERIFY(near(at(image, 60, 60), Qt::red));
        QVERIFY(near(at(image, 440, 340), Qt::yellow));
        QVERIFY(near(at(image, 490, 390), kCyan));
    }

    void rotationAndFlipMoveTheQuadrants()
    {
        QVERIFY(near(at(transformed(QStringLiteral("rt-90")), 5, 5), Qt::blue)); // clockwise
        QVERIFY(near(at(transformed(QStringLiteral("rt-180")), 5, 5), Qt::yellow));
        QVERIFY(near(at(transformed(QStringLiteral("rt-270")), 5, 5), Qt::green));
        QVERIFY(near(at(transformed(QStringLiteral("rt-N90")), 5, 5), Qt::green));
        QVERIFY(near(at(transformed(QStringLiteral("fl-h")), 5, 5), Qt::green));
        QVERIFY(near(at(transformed(QStringLiteral("fl-v")), 5, 5), Qt::blue));
        QVERIFY(near(at(transformed(QStringLiteral("fl-h_v")), 5, 5), Qt::yellow));
    }

    void exifOrientationIsAppliedOnDecode()
    {
        // Orientation 6 = the camera was turned: displayed rotated 90 degrees clockwise.
        const QByteArray jpeg = withExif(encode(quadrants(), "jpeg", 95), cameraExif(6));
        const QImage image = transformed(QStringLiteral("rt-auto"), nullptr, jpeg);
        QCOMPARE(image.size(), QSize(300, 400));
        QVERIFY(near(at(image, 5, 5), Qt::blue));
    }

    void outputFormats_data()
    {
        QTest::addColumn<QByteArray>("source");
        QTest::addColumn<QString>("chain");
        QTest::addColumn<QByteArray>("accept");
        QTest::addColumn<QByteArray>("format");
        QTest::addColumn<QByteArray>("contentType");
        const QByteArray png = quadrantsPng();
        const QByteArray jpeg = encode(quadrants(), "jpeg");
        QTest::newRow("png keeps png") << png << QStringLiteral("w-100") << QByteArray() << QByteArray("png") << QByteArray("image/png");
        QTest::newRow("jpeg keeps jpeg") << jpeg << QStringLiteral("w-100") << QByteArray() << QByteArray("jpeg") << QByteArray("image/jpeg");
        QTest::newRow("f-jpg") << png << QStringLiteral("f-jpg") << QByteArray() << QByteArray("jpeg") << QByteArray("image/jpeg");
        QTest::newRow("f-jpeg") << png << QStringLiteral("f-jpeg") << QByteArray() << QByteArray("jpeg") << QByteArray("image/jpeg");
        QTest::newRow("f-png") << jpeg << QStringLiteral("f-png") << QByteArray() << QByteArray("png") << QByteArray("image/png");
        QTest::newRow("f-webp") << jpeg << QStringLiteral("f-webp") << QByteArray() << QByteArray("webp") << QByteArray("image/webp");
        QTest::newRow("f-auto webp accepted") << jpeg << QStringLiteral("f-auto") << QByteArray("image/avif,image/webp,*/*")
                                              << QByteArray("webp") << QByteArray("image/webp");
        QTest::newRow("f-auto no webp") << jpeg << QStringLiteral("f-auto") << QByteArray("image/png,*/*") << QByteArray("jpeg")
                                        << QByteArray("image/jpeg");
        QTest::newRow("f-orig") << png << QStringLiteral("w-50,f-orig") << QByteArray() << QByteArray("png") << QByteArray("image/png");
        QTest::newRow("last f wins") << png << QStringLiteral("f-jpg:f-webp") << QByteArray() << QByteArray("webp") << QByteArray("image/webp");
    }

    void outputFormats()
    {
        QFETCH(QByteArray, source);
        QFETCH(QString, chain);
        QFETCH(QByteArray, accept);
        QFETCH(QByteArray, format);
        QFETCH(QByteArray, contentType);
        const TransformOutput output = run(source, chain, kNoLibrary, accept);
        QCOMPARE(output.httpStatus, 200);
        QCOMPARE(output.contentType, contentType);
        QByteArray decodedFormat;
        QVERIFY(!decode(output.body, &decodedFormat).isNull());
        QCOMPARE(decodedFormat, format);
    }

    void formatsThisServerCannotEncodeAreIgnored()
    {
        const TransformOutput output = run(quadrantsPng(), QStringLiteral("w-100,f-avif"));
        QCOMPARE(output.httpStatus, 200);
        QCOMPARE(output.ignoredParameters, QStringList{QStringLiteral("f-avif")});
        QCOMPARE(output.contentType, QByteArray("image/png"));
    }

    void qualityChangesTheJpegEncoding()
    {
        const QByteArray source = encode(randomScene(8), "png");
        const TransformOutput low = run(source, QStringLiteral("f-jpg,q-20"));
        const TransformOutput high = run(source, QStringLiteral("f-jpg,q-95"));
        QVERIFY(low.body.size() * 2 < high.body.size());
        // Progressive scan (pr-true) writes an SOF2 marker.
        QVERIFY(run(source, QStringLiteral("f-jpg,pr-true")).body.contains("\xFF\xC2"));
        QVERIFY(!high.body.contains("\xFF\xC2"));
    }

    void transparencyIsFlattenedForJpeg()
    {
        QImage transparent(60, 60, QImage::Format_ARGB32);
        transparent.fill(Qt::transparent);
        const QByteArray png = encode(transparent, "png");
        QVERIFY(near(at(transformed(QStringLiteral("f-jpg"), nullptr, png), 30, 30), Qt::white, 8));
        QVERIFY(near(at(transformed(QStringLiteral("f-jpg,bg-00FFFF"), nullptr, png), 30, 30), kCyan, 8));
    }

    void blurSoftensEdges()
    {
        const QImage sharp = decode(quadrantsPng());
        const QImage soft = transformed(QStringLiteral("bl-20"));
        QCOMPARE(soft.size(), sharp.size());
        QVERIFY(edgeEnergy(soft) < edgeEnergy(sharp));
        // The colour boundary at x=200 is now a ramp: the pixel next to it is a mix.
        const QColor mixed = at(soft, 199, 50);
        QVERIFY(mixed.green() > 30 && mixed.red() > 30);
        QVERIFY(near(at(soft, 50, 50), Qt::red, 5)); // far from edges nothing changes
    }

    void sharpenAddsLocalContrast()
    {
        const QByteArray soft = encode(decode(run(quadrantsPng(), QStringLiteral("bl-6")).body), "png");
        QVERIFY(edgeEnergy(transformed(QStringLiteral("e-sharpen"), nullptr, soft)) > edgeEnergy(decode(soft)));
        QVERIFY(edgeEnergy(transformed(QStringLiteral("e-sharpen-60"), nullptr, soft))
                > edgeEnergy(transformed(QStringLiteral("e-sharpen-5"), nullptr, soft)));
        // Unsharp mask: a bigger amount is a stronger effect.
        const double mild = edgeEnergy(transformed(QStringLiteral("e-usm-2-2-0.5-0"), nullptr, soft));
        QVERIFY(mild > edgeEnergy(decode(soft)));
        QVERIFY(edgeEnergy(transformed(QStringLiteral("e-usm-2-2-3-0"), nullptr, soft)) > mild);
        QCOMPARE(run(soft, QStringLiteral("e-usm-2-2")).httpStatus, 400);
    }

    void grayscaleAndContrast()
    {
        const QImage grey = transformed(QStringLiteral("e-grayscale"));
        for (QPoint p : {QPoint(5, 5), QPoint(395, 5), QPoint(5, 295), QPoint(395, 295)}) {
            const QColor c = at(grey, p.x(), p.y());
            QCOMPARE(c.red(), c.green());
            QCOMPARE(c.green(), c.blue());
        }
        QVERIFY(at(grey, 395, 295).red() > at(grey, 5, 295).red()); // yellow is lighter than blue

        QImage dull(100, 50, QImage::Format_RGB32);
        dull.fill(QColor(100, 100, 100));
        QPainter(&dull).fillRect(50, 0, 50, 50, QColor(150, 150, 150));
        const QImage stretched = transformed(QStringLiteral("e-contrast"), nullptr, encode(dull, "png"));
        QVERIFY(at(stretched, 10, 10).red() < 5);
        QVERIFY(at(stretched, 90, 10).red() > 250);
    }

    void radiusCutsCorners()
    {
        const QImage rounded = transformed(QStringLiteral("r-40"));
        QCOMPARE(at(rounded, 0, 0).alpha(), 0);
        QCOMPARE(at(rounded, 399, 299).alpha(), 0);
        QCOMPARE(at(rounded, 40, 2).alpha(), 255);
        QCOMPARE(at(rounded, 200, 150).alpha(), 255);
        const QImage circle = transformed(QStringLiteral("w-200,h-200,r-max"));
        QCOMPARE(at(circle, 15, 15).alpha(), 0); // outside the inscribed circle (radius 100)
        QCOMPARE(at(circle, 35, 35).alpha(), 255); // inside it, though a 40 px corner would cut it
        QCOMPARE(at(circle, 100, 5).alpha(), 255);
        const QImage oneCorner = transformed(QStringLiteral("r-0_0_60_0"));
        QCOMPARE(at(oneCorner, 0, 0).alpha(), 255);
        QCOMPARE(at(oneCorner, 399, 299).alpha(), 0);
        // JPEG output: corners become the background colour.
        const QImage jpeg = transformed(QStringLiteral("r-40,bg-00FFFF,f-jpg"));
        QVERIFY(near(at(jpeg, 1, 1), kCyan));
    }

    void borderSurroundsTheImage()
    {
        const QImage bordered = transformed(QStringLiteral("b-5_00FFFF"));
        QVERIFY(near(at(bordered, 2, 100), kCyan));
        QVERIFY(near(at(bordered, 407, 305), kCyan));
        QVERIFY(near(at(bordered, 7, 100), Qt::red));
    }

    void opacity()
    {
        QCOMPARE(at(transformed(QStringLiteral("o-50")), 100, 100).alpha(), 127);
    }

    void trimRemovesUniformBorders()
    {
        QImage framed(300, 200, QImage::Format_RGB32);
        framed.fill(Qt::white);
        QPainter(&framed).fillRect(40, 30, 100, 60, Qt::blue);
        const QByteArray png = encode(framed, "png");
        QCOMPARE(transformed(QStringLiteral("t-true"), nullptr, png).size(), QSize(100, 60));
        QCOMPARE(transformed(QStringLiteral("t-5"), nullptr, png).size(), QSize(100, 60));
        // Trim happens before resizing within a step.
        QCOMPARE(transformed(QStringLiteral("t-true,w-50"), nullptr, png).size(), QSize(50, 30));
    }

    void textLayer()
    {
        QImage white(300, 200, QImage::Format_RGB32);
        white.fill(Qt::white);
        const QByteArray png = encode(white, "png");
        const QImage image = transformed(QStringLiteral("l-text,i-Hello,fs-40,co-FF0000,lx-20,ly-30,l-end"), nullptr, png);
        QCOMPARE(image.size(), QSize(300, 200));
        QRect redArea;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                if (near(image.pixelColor(x, y), Qt::red, 60))
                    redArea |= QRect(x, y, 1, 1);
        QVERIFY(!redArea.isEmpty());
        QVERIFY2(redArea.left() >= 20 && redArea.left() < 30 && redArea.top() >= 30 && redArea.top() < 50,
                 qPrintable(QStringLiteral("%1,%2").arg(redArea.left()).arg(redArea.top())));
        QVERIFY(redArea.height() > 15 && redArea.width() > 50);

        // Same text through ie- (base64) and with an encoded comma; and a background box.
        const QImage encoded = transformed(QStringLiteral("l-text,ie-%1,fs-40,co-FF0000,lx-20,ly-30,l-end")
                                               .arg(QString::fromLatin1(QByteArray("Hello").toBase64())), nullptr, png);
        QCOMPARE(encoded, image);
        const QImage comma = transformed(QStringLiteral("l-text,i-Hi%2C%20there,fs-30,bg-0000FF,pa-10,l-end"), nullptr, png);
        QVERIFY(share(comma, Qt::blue) > 0.02); // centred blue box behind the text
        QVERIFY(!near(at(comma, 150, 100), Qt::white));
        QVERIFY(near(at(comma, 5, 5), Qt::white));
    }

    void imageLayer()
    {
        QImage green(40, 40, QImage::Format_RGB32);
        green.fill(Qt::green);
        QStringList requested;
        const ikemu::ImageLoader library = [&](const QString &path) -> std::optional<QByteArray> {
            requested.append(path);
            if (path == QLatin1String("/brand/logo.png"))
                return encode(green, "png");
            return std::nullopt;
        };
        QImage white(300, 200, QImage::Format_RGB32);
        white.fill(Qt::white);
        const QByteArray png = encode(white, "png");

        TransformOutput output = run(png, QStringLiteral("l-image,i-brand@@logo.png,w-50,h-50,lx-10,ly-20,l-end"), library);
        QCOMPARE(output.httpStatus, 200);
        QCOMPARE(requested, QStringList{QStringLiteral("/brand/logo.png")});
        QImage image = decode(output.body);
        QVERIFY(near(at(image, 12, 22), Qt::green, 10));
        QVERIFY(near(at(image, 58, 68), Qt::green, 10));  // resized to 50x50
        QVERIFY(near(at(image, 62, 72), Qt::white, 10));
        QVERIFY(near(at(image, 8, 18), Qt::white, 10));

        // Default position: centred. Negative lx counts from the right edge.
        image = decode(run(png, QStringLiteral("l-image,i-brand@@logo.png,l-end"), library).body);
        QVERIFY(near(at(image, 150, 100), Qt::green, 10) && near(at(image, 125, 100), Qt::white, 10));
        image = decode(run(png, QStringLiteral("l-image,i-brand@@logo.png,lx-N10,ly-0,l-end"), library).body);
        QVERIFY(near(at(image, 255, 5), Qt::green, 10) && near(at(image, 295, 5), Qt::white, 10));
        // Anchored with lfo (focus) / lap (anchor point), and positioned by an expression.
        image = decode(run(png, QStringLiteral("l-image,i-brand@@logo.png,lfo-bottom_right,l-end"), library).body);
        QVERIFY(near(at(image, 295, 195), Qt::green, 10) && near(at(image, 255, 195), Qt::white, 10));
        image = decode(run(png, QStringLiteral("l-image,i-brand@@logo.png,lap-top_left,l-end"), library).body);
        QVERIFY(near(at(image, 5, 5), Qt::green, 10) && near(at(image, 45, 5), Qt::white, 10));
        image = decode(run(png, QStringLiteral("l-image,i-brand@@logo.png,lx-bw_sub_cw,ly-bh_div_2,l-end"), library).body);
        QVERIFY(near(at(image, 295, 105), Qt::green, 10) && near(at(image, 295, 95), Qt::white, 10));
        // Path in base64 (ie-).
        image = decode(run(png, QStringLiteral("l-image,ie-%1,lx-0,ly-0,l-end")
                                    .arg(QString::fromLatin1(QByteArray("brand/logo.png").toBase64())), library).body);
        QVERIFY(near(at(image, 5, 5), Qt::green, 10));

        // A missing overlay is a clear error.
        output = run(png, QStringLiteral("l-image,i-nope.png,l-end"), library);
        QCOMPARE(output.httpStatus, 404);
        QVERIFY(output.errorMessage.contains(QLatin1String("/nope.png")));
    }

    void solidCanvasLayer()
    {
        const QImage image = transformed(QStringLiteral("l-image,i-ik_canvas,bg-00FFFF,w-40,h-20,lx-0,ly-0,l-end"));
        QVERIFY(near(at(image, 5, 5), kCyan));
        QVERIFY(near(at(image, 39, 19), kCyan));
        QVERIFY(near(at(image, 45, 25), Qt::red));
    }

    void unknownParametersAreListedNotFatal()
    {
        const TransformOutput output = run(quadrantsPng(), QStringLiteral("w-100,zz-5,foo:e-bgremove"));
        QCOMPARE(output.httpStatus, 200);
        QCOMPARE(output.ignoredParameters, (QStringList{QStringLiteral("zz-5"), QStringLiteral("foo"), QStringLiteral("e-bgremove")}));
        QCOMPARE(decode(output.body).width(), 100);
        // Inside a layer they carry the layer's name; a video layer on an image is skipped whole.
        const TransformOutput layered = run(quadrantsPng(), QStringLiteral("l-text,i-A,zz-1,l-end:l-video,i-clip.mp4,l-end"));
        QCOMPARE(layered.httpStatus, 200);
        QCOMPARE(layered.ignoredParameters, (QStringList{QStringLiteral("l-text:zz-1"), QStringLiteral("l-video")}));
    }

    void invalidValuesAreClearErrors_data()
    {
        QTest::addColumn<QString>("chain");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("w text") << QStringLiteral("w-abc") << QStringLiteral("\"w\"");
        QTest::newRow("w negative") << QStringLiteral("w-N10") << QStringLiteral("\"w\"");
        QTest::newRow("w zero") << QStringLiteral("w-0") << QStringLiteral("\"w\"");
        QTest::newRow("h unknown variable") << QStringLiteral("h-zz_div_2") << QStringLiteral("\"h\"");
        QTest::newRow("q too high") << QStringLiteral("q-500") << QStringLiteral("\"q\"");
        QTest::newRow("q text") << QStringLiteral("q-best") << QStringLiteral("\"q\"");
        QTest::newRow("f unknown") << QStringLiteral("f-bmpx") << QStringLiteral("\"f\"");
        QTest::newRow("c unknown") << QStringLiteral("w-10,h-10,c-squash") << QStringLiteral("\"c\"");
        QTest::newRow("cm unknown") << QStringLiteral("w-10,cm-slice") << QStringLiteral("\"cm\"");
        QTest::newRow("ar") << QStringLiteral("ar-wide,w-10") << QStringLiteral("\"ar\"");
        QTest::newRow("rt") << QStringLiteral("rt-left") << QStringLiteral("\"rt\"");
        QTest::newRow("bl zero") << QStringLiteral("bl-0") << QStringLiteral("\"bl\"");
        QTest::newRow("bl too high") << QStringLiteral("bl-101") << QStringLiteral("\"bl\"");
        QTest::newRow("bg") << QStringLiteral("bg-notacolour1") << QStringLiteral("\"bg\"");
        QTest::newRow("b") << QStringLiteral("b-thick") << QStringLiteral("\"b\"");
        QTest::newRow("r") << QStringLiteral("r-1_2") << QStringLiteral("\"r\"");
        QTest::newRow("dpr") << QStringLiteral("w-10,dpr-9") << QStringLiteral("\"dpr\"");
        QTest::newRow("t") << QStringLiteral("t-200") << QStringLiteral("\"t\"");
        QTest::newRow("fl") << QStringLiteral("fl-x") << QStringLiteral("\"fl\"");
        QTest::newRow("too large") << QStringLiteral("w-100000") << QStringLiteral("larger");
        QTest::newRow("l-end alone") << QStringLiteral("w-10,l-end") << QStringLiteral("l-end");
        QTest::newRow("nested layer") << QStringLiteral("l-text,i-a,l-image,i-b,l-end") << QStringLiteral("l-image");
        QTest::newRow("text without i") << QStringLiteral("l-text,fs-20,l-end") << QStringLiteral("i-");
        QTest::newRow("image layer without i") << QStringLiteral("l-image,w-20,l-end") << QStringLiteral("i-");
    }

    void invalidValuesAreClearErrors()
    {
        QFETCH(QString, chain);
        QFETCH(QString, mentions);
        const TransformOutput output = run(quadrantsPng(), chain);
        QCOMPARE(output.httpStatus, 400);
        QVERIFY(output.body.isEmpty());
        QVERIFY2(output.errorMessage.contains(mentions), qPrintable(output.errorMessage));
    }

    void undecodableSourceIsAnError()
    {
        const TransformOutput output = run(QByteArrayLiteral("%PDF-1.4 not an image"), QStringLiteral("w-100"));
        QCOMPARE(output.httpStatus, 400);
        QVERIFY(output.errorMessage.contains(QLatin1String("not an image")));
        // Without transformation the bytes are served as they are.
        QCOMPARE(run(QByteArrayLiteral("%PDF-1.4 not an image"), QString()).body, QByteArrayLiteral("%PDF-1.4 not an image"));
    }

    void defaultImagePath()
    {
        QCOMPARE(ikemu::defaultImagePath(QStringLiteral("w-100,di-default@@missing.png")), std::optional<QString>(QStringLiteral("/default/missing.png")));
        QCOMPARE(ikemu::defaultImagePath(QStringLiteral("w-100:di-fallback.jpg,h-20")), std::optional<QString>(QStringLiteral("/fallback.jpg")));
        QCOMPARE(ikemu::defaultImagePath(QStringLiteral("w-100")), std::optional<QString>());
        // di does not change an existing image.
        QCOMPARE(decode(run(quadrantsPng(), QStringLiteral("di-x.png")).body).size(), QSize(400, 300));
    }
};

QTEST_MAIN(TestImageTransformer)
#include "tst_imagetransformer.moc"
