#include "demo/demolibrary.h"

#include "imaging/pixeloperations.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFont>
#include <QGuiApplication>
#include <QImage>
#include <QImageWriter>
#include <QJsonArray>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>
#include <QRadialGradient>
#include <QConicalGradient>
#include <QRandomGenerator>

#include <cmath>
#include <numbers>

namespace ikemu {

namespace {

// Fixed seed: the demo library is the same, byte for byte, on every run and machine.
constexpr quint32 kDemoSeed = 20240501;
// Qt maps PNG "quality" to the zlib level (50 -> level 4): the demo favours a quick start over
// the last few percent of file size.
constexpr int kPngQuality = 50;

QByteArray encode(const QImage &image, const char *format, int quality = -1)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    if (quality >= 0)
        writer.setQuality(quality);
    writer.write(image);
    return bytes;
}

QByteArray encodeAs(const QImage &image, const QString &fileName, int quality = 88)
{
    if (fileName.endsWith(QLatin1String(".png")))
        return encode(image, "png", kPngQuality);
    if (fileName.endsWith(QLatin1String(".webp")))
        return encode(image, "webp", quality);
    return encode(image.convertToFormat(QImage::Format_RGB32), "jpeg", quality);
}

// The demo's random source, with helpers for colours and sizes.
class DemoRandom
{
public:
    explicit DemoRandom(quint32 seed)
        : m_generator(seed)
    {
    }
    int between(int low, int high) { return low + int(m_generator.bounded(quint32(high - low + 1))); }
    double unit() { return m_generator.bounded(1.0); }
    QColor color() { return QColor::fromHsv(between(0, 359), between(90, 255), between(90, 255)); }
    QColor colorNear(int hue) { return QColor::fromHsv((hue + between(-25, 25) + 360) % 360, between(120, 255), between(120, 255)); }

private:
    QRandomGenerator m_generator;
};

bool canDrawText()
{
    // QPainter text needs the font database of a QGuiApplication (the offscreen platform is enough).
    return qobject_cast<QGuiApplication *>(QCoreApplication::instance()) != nullptr;
}

// A few soft shapes so two images of the same kind never share the same grey structure
// (and so never look like duplicates to the pHash).
void scatterBlobs(QPainter &painter, QSize size, DemoRandom &random, int count)
{
    painter.setPen(Qt::NoPen);
    for (int i = 0; i < count; ++i) {
        QColor c = random.color();
        c.setAlpha(random.between(110, 220));
        painter.setBrush(c);
        const int radius = random.between(size.width() / 12, size.width() / 4);
        painter.drawEllipse(QPoint(random.between(0, size.width()), random.between(0, size.height())), radius, radius);
    }
}

QImage gradientImage(QSize size, DemoRandom &random, int kind)
{
    QImage image(size, QImage::Format_RGB32);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor from = random.color();
    const QColor to = random.color();
    if (kind % 3 == 0) {
        QLinearGradient gradient(0, 0, size.width() * random.unit(), size.height());
        gradient.setColorAt(0, from);
        gradient.setColorAt(0.5, random.color());
        gradient.setColorAt(1, to);
        painter.fillRect(image.rect(), gradient);
    } else if (kind % 3 == 1) {
        QRadialGradient gradient(QPointF(size.width() * random.unit(), size.height() * random.unit()), size.width() * 0.7);
        gradient.setColorAt(0, from);
        gradient.setColorAt(1, to);
        painter.fillRect(image.rect(), gradient);
    } else {
        QConicalGradient gradient(QPointF(size.width() / 2.0, size.height() / 2.0), random.between(0, 359));
        gradient.setColorAt(0, from);
        gradient.setColorAt(0.5, to);
        gradient.setColorAt(1, from);
        painter.fillRect(image.rect(), gradient);
    }
    scatterBlobs(painter, size, random, 3);
    return image;
}

QImage shapesImage(QSize size, DemoRandom &random, bool transparent)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(transparent ? QColor(Qt::transparent) : random.color().lighter(150));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    const int count = random.between(5, 12);
    for (int i = 0; i < count; ++i) {
        painter.setBrush(random.color());
        painter.setPen(QPen(random.color().darker(160), random.between(1, 6)));
        const QRect box(random.between(-size.width() / 8, size.width() * 7 / 8), random.between(-size.height() / 8, size.height() * 7 / 8),
                        random.between(size.width() / 10, size.width() / 2), random.between(size.height() / 10, size.height() / 2));
        switch (random.between(0, 3)) {
        case 0: painter.drawEllipse(box); break;
        case 1: painter.drawRect(box); break;
        case 2: painter.drawRoundedRect(box, 12, 12); break;
        default: {
            QPolygonF polygon;
            const int corners = random.between(3, 7);
            for (int c = 0; c < corners; ++c) {
                const double angle = 2 * std::numbers::pi * c / corners;
                polygon << QPointF(box.center().x() + std::cos(angle) * box.width() / 2.0,
                                   box.center().y() + std::sin(angle) * box.height() / 2.0);
            }
            painter.drawPolygon(polygon);
        }
        }
    }
    return image;
}

QImage patternImage(QSize size, DemoRandom &random, int kind)
{
    QImage image(size, QImage::Format_RGB32);
    const QColor a = random.color();
    const QColor b = random.color().darker(170);
    image.fill(a);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(b);
    const int cell = random.between(12, 48);
    switch (kind % 4) {
    case 0: // checkerboard
        for (int y = 0; y * cell < size.height(); ++y)
            for (int x = 0; x * cell < size.width(); ++x)
                if ((x + y) % 2)
                    painter.drawRect(x * cell, y * cell, cell, cell);
        break;
    case 1: // stripes at an angle
        painter.rotate(random.between(-60, 60));
        for (int x = -size.width() * 2; x < size.width() * 2; x += cell * 2)
            painter.drawRect(x, -size.height() * 2, cell, size.height() * 4);
        break;
    case 2: // dots
        for (int y = cell / 2; y < size.height(); y += cell)
            for (int x = cell / 2; x < size.width(); x += cell)
                painter.drawEllipse(QPoint(x, y), cell / 3, cell / 3);
        break;
    default: { // waves
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(b, cell / 4.0));
        for (int row = 0; row < size.height() + cell; row += cell) {
            QPainterPath wave;
            wave.moveTo(0, row);
            for (int x = 0; x <= size.width(); x += 4)
                wave.lineTo(x, row + std::sin(x / double(cell) * 1.3) * cell / 2.5);
            painter.drawPath(wave);
        }
    }
    }
    // Soft shading and blobs so patterns of the same kind differ at low frequencies: a pHash
    // looks only at those, and two plain wave patterns would pass for duplicates.
    QLinearGradient shade(0, 0, size.width() * random.unit(), size.height() * random.unit());
    shade.setColorAt(0, QColor(0, 0, 0, random.between(60, 170)));
    shade.setColorAt(1, QColor(255, 255, 255, random.between(60, 170)));
    painter.fillRect(image.rect(), shade);
    painter.resetTransform();
    painter.setPen(Qt::NoPen);
    scatterBlobs(painter, size, random, 3);
    return image;
}

QImage posterImage(QSize size, DemoRandom &random, const QString &title, const QString &subtitle)
{
    QImage image = gradientImage(size, random, random.between(0, 2));
    if (!canDrawText())
        return image;
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    QFont font;
    font.setBold(true);
    font.setPixelSize(size.height() / 7);
    painter.setFont(font);
    painter.setPen(Qt::white);
    painter.drawText(QRect(0, size.height() / 5, size.width(), size.height() / 3), Qt::AlignCenter | Qt::TextWordWrap, title);
    font.setBold(false);
    font.setPixelSize(size.height() / 16);
    painter.setFont(font);
    painter.setPen(QColor(20, 20, 20));
    painter.fillRect(QRect(0, size.height() * 2 / 3, size.width(), size.height() / 6), QColor(255, 255, 255, 200));
    painter.drawText(QRect(0, size.height() * 2 / 3, size.width(), size.height() / 6), Qt::AlignCenter, subtitle);
    return image;
}

// A made-up product shot: a coloured object and a prop on a graded backdrop, with a label.
// Position, size, backdrop and props vary so that catalogue shots do not look like duplicates.
QImage productImage(QSize size, DemoRandom &random, int hue, const QString &label)
{
    QImage image(size, QImage::Format_RGB32);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QLinearGradient backdrop(0, 0, size.width() * random.unit(), size.height() * random.unit());
    backdrop.setColorAt(0, QColor::fromHsv(random.between(0, 359), random.between(10, 60), random.between(150, 255)));
    backdrop.setColorAt(1, QColor::fromHsv(random.between(0, 359), random.between(10, 80), random.between(40, 200)));
    painter.fillRect(image.rect(), backdrop);
    painter.setPen(Qt::NoPen);
    scatterBlobs(painter, size, random, 2);

    const double scale = 0.35 + 0.3 * random.unit();
    const QRectF object(size.width() * (0.05 + 0.55 * random.unit()), size.height() * (0.05 + 0.3 * random.unit()),
                        size.width() * scale, size.height() * scale);
    QRadialGradient body(object.center() - QPointF(object.width() / 5, object.height() / 5), object.width() * 0.7);
    body.setColorAt(0, random.colorNear(hue).lighter(140));
    body.setColorAt(1, random.colorNear(hue).darker(160));
    painter.setBrush(body);
    if (random.between(0, 1))
        painter.drawEllipse(object);
    else
        painter.drawRoundedRect(object, 24, 24);
    painter.setBrush(QColor(0, 0, 0, 50));
    painter.drawEllipse(QRectF(object.left(), object.bottom() + 6, object.width(), object.height() * 0.1));
    painter.setBrush(random.color().darker(120)); // a prop next to the product
    const double prop = size.width() * (0.08 + 0.12 * random.unit());
    painter.drawRect(QRectF(size.width() * random.unit() * 0.8, size.height() * (0.55 + 0.25 * random.unit()), prop, prop * 1.6));
    if (canDrawText()) {
        QFont font;
        font.setPixelSize(size.height() / 14);
        painter.setFont(font);
        painter.setPen(QColor(20, 20, 20));
        painter.drawText(QRect(0, size.height() * 84 / 100, size.width(), size.height() / 8), Qt::AlignCenter, label);
    }
    return image;
}

// A "photo" for the near-duplicate groups: sky, sun, layered hills and random details.
QImage sceneImage(QSize size, DemoRandom &random)
{
    QImage image(size, QImage::Format_RGB32);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QLinearGradient sky(0, 0, 0, size.height());
    sky.setColorAt(0, random.color().darker(130));
    sky.setColorAt(1, random.color().lighter(130));
    painter.fillRect(image.rect(), sky);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 230, 150));
    const int sun = random.between(size.height() / 12, size.height() / 5);
    painter.drawEllipse(QPoint(random.between(sun, size.width() - sun), random.between(sun, size.height() / 2)), sun, sun);
    for (int layer = 0; layer < 4; ++layer) {
        QPainterPath hills;
        const double base = size.height() * (0.45 + 0.13 * layer);
        hills.moveTo(0, size.height());
        const double frequency = random.between(2, 7) / double(size.width());
        const double amplitude = size.height() * (0.04 + 0.1 * random.unit());
        const double phase = random.unit() * 6.28;
        for (int x = 0; x <= size.width(); x += 6)
            hills.lineTo(x, base + amplitude * std::sin(x * frequency * 3.1 + phase));
        hills.lineTo(size.width(), size.height());
        hills.closeSubpath();
        painter.setBrush(random.color().darker(110 + 35 * layer));
        painter.drawPath(hills);
    }
    scatterBlobs(painter, size, random, 4);
    return image;
}

QByteArray badgeSvg(const QString &color, const QString &letter, int corner)
{
    return QStringLiteral(
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"256\" height=\"256\" viewBox=\"0 0 256 256\">"
               "<rect x=\"8\" y=\"8\" width=\"240\" height=\"240\" rx=\"%1\" fill=\"%2\"/>"
               "<circle cx=\"128\" cy=\"128\" r=\"70\" fill=\"white\" fill-opacity=\"0.85\"/>"
               "<text x=\"128\" y=\"152\" font-size=\"72\" text-anchor=\"middle\" fill=\"%2\" font-family=\"sans-serif\">%3</text>"
               "</svg>\n")
        .arg(corner)
        .arg(color, letter)
        .toUtf8();
}

QJsonObject field(const QString &name, const QString &label, const QJsonObject &schema)
{
    return QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("label"), label}, {QStringLiteral("schema"), schema}};
}

QString isoDate(int year, int month, int day)
{
    return QStringLiteral("%1-%2-%3T00:00:00.000Z").arg(year).arg(month, 2, 10, QLatin1Char('0')).arg(day, 2, 10, QLatin1Char('0'));
}

} // namespace

DemoLibrary generateDemoLibrary()
{
    DemoLibrary library;
    DemoRandom random(kDemoSeed);

    library.customMetadataFields = {
        field(QStringLiteral("category"), QStringLiteral("Category"),
              {{QStringLiteral("type"), QStringLiteral("SingleSelect")},
               {QStringLiteral("selectOptions"), QJsonArray{QStringLiteral("Gradient"), QStringLiteral("Shapes"), QStringLiteral("Pattern"),
                                                            QStringLiteral("Poster"), QStringLiteral("Product"), QStringLiteral("Photo"),
                                                            QStringLiteral("Icon")}}}),
        field(QStringLiteral("channels"), QStringLiteral("Channels"),
              {{QStringLiteral("type"), QStringLiteral("MultiSelect")},
               {QStringLiteral("selectOptions"), QJsonArray{QStringLiteral("web"), QStringLiteral("print"), QStringLiteral("social"), QStringLiteral("email")}}}),
        field(QStringLiteral("price"), QStringLiteral("Price (EUR)"),
              {{QStringLiteral("type"), QStringLiteral("Number")}, {QStringLiteral("minValue"), 0}, {QStringLiteral("maxValue"), 5000}}),
        field(QStringLiteral("shootDate"), QStringLiteral("Shoot date"),
              {{QStringLiteral("type"), QStringLiteral("Date")}, {QStringLiteral("minValue"), isoDate(2000, 1, 1)},
               {QStringLiteral("maxValue"), isoDate(2030, 12, 31)}}),
        field(QStringLiteral("approved"), QStringLiteral("Approved"), {{QStringLiteral("type"), QStringLiteral("Boolean")}}),
        field(QStringLiteral("photographer"), QStringLiteral("Photographer"),
              {{QStringLiteral("type"), QStringLiteral("Text")}, {QStringLiteral("maxLength"), 60}}),
        field(QStringLiteral("notes"), QStringLiteral("Notes"), {{QStringLiteral("type"), QStringLiteral("Textarea")}, {QStringLiteral("maxLength"), 500}}),
    };

    library.folders = {
        QStringLiteral("/gradients"), QStringLiteral("/gradients/warm"), QStringLiteral("/shapes"), QStringLiteral("/patterns"),
        QStringLiteral("/posters"), QStringLiteral("/products"), QStringLiteral("/products/2024"),
        QStringLiteral("/products/2024/archive"), QStringLiteral("/photos"), QStringLiteral("/photos/edits"),
        QStringLiteral("/backups"), QStringLiteral("/icons"),
    };

    const QStringList extensions{QStringLiteral("jpg"), QStringLiteral("png"), QStringLiteral("webp")};
    const QStringList photographers{QStringLiteral("Ada Brandt"), QStringLiteral("Kenji Sato"), QStringLiteral("Lucia Ferro"), QStringLiteral("Omar Haddad")};
    auto sizeFor = [&](int index) {
        static const QList<QSize> sizes{{640, 480}, {800, 600}, {1024, 768}, {480, 640}, {600, 600}, {1280, 720}, {400, 300}, {720, 960}};
        return sizes.at(index % sizes.size());
    };
    auto addFile = [&](DemoFile file) { library.files.append(std::move(file)); };

    // Gradients: 14, three kinds, warm ones in a sub-folder.
    for (int i = 0; i < 14; ++i) {
        DemoFile file;
        const bool warm = i % 3 == 0;
        file.folderPath = warm ? QStringLiteral("/gradients/warm") : QStringLiteral("/gradients");
        static const QStringList kinds{QStringLiteral("linear"), QStringLiteral("radial"), QStringLiteral("conical")};
        file.fileName = QStringLiteral("%1-gradient-%2.%3").arg(kinds.at(i % 3)).arg(i + 1, 2, 10, QLatin1Char('0')).arg(extensions.at(i % 3));
        file.bytes = encodeAs(gradientImage(sizeFor(i), random, i), file.fileName);
        file.tags = {QStringLiteral("gradient"), kinds.at(i % 3), QStringLiteral("background")};
        if (warm)
            file.tags.append(QStringLiteral("warm"));
        file.customMetadata = {{QStringLiteral("category"), QStringLiteral("Gradient")},
                               {QStringLiteral("channels"), QJsonArray{QStringLiteral("web")}}};
        addFile(file);
    }

    // Shapes: 14, some with transparency (PNG/WebP keep alpha).
    for (int i = 0; i < 14; ++i) {
        DemoFile file;
        file.folderPath = QStringLiteral("/shapes");
        const bool transparent = i % 2 == 0;
        const QString extension = transparent ? (i % 4 == 0 ? QStringLiteral("png") : QStringLiteral("webp")) : QStringLiteral("jpg");
        file.fileName = QStringLiteral("shapes-%1.%2").arg(i + 1, 2, 10, QLatin1Char('0')).arg(extension);
        file.bytes = encodeAs(shapesImage(sizeFor(i + 3), random, transparent), file.fileName);
        file.tags = {QStringLiteral("shapes"), QStringLiteral("abstract")};
        if (transparent)
            file.tags.append(QStringLiteral("transparent"));
        file.customMetadata = {{QStringLiteral("category"), QStringLiteral("Shapes")},
                               {QStringLiteral("approved"), i % 3 != 0}};
        if (i == 5)
            file.description = QStringLiteral("Overlapping primary shapes, used as a test card.");
        addFile(file);
    }

    // Patterns: 12.
    static const QStringList patternKinds{QStringLiteral("checkerboard"), QStringLiteral("stripes"), QStringLiteral("dots"), QStringLiteral("waves")};
    for (int i = 0; i < 12; ++i) {
        DemoFile file;
        file.folderPath = QStringLiteral("/patterns");
        file.fileName = QStringLiteral("%1-%2.%3").arg(patternKinds.at(i % 4)).arg(i / 4 + 1).arg(extensions.at((i + 1) % 3));
        file.bytes = encodeAs(patternImage(sizeFor(i + 1), random, i), file.fileName);
        file.tags = {QStringLiteral("pattern"), patternKinds.at(i % 4), QStringLiteral("texture")};
        file.customMetadata = {{QStringLiteral("category"), QStringLiteral("Pattern")},
                               {QStringLiteral("channels"), QJsonArray{QStringLiteral("web"), QStringLiteral("print")}}};
        addFile(file);
    }

    // Posters with text: 10.
    static const QStringList titles{QStringLiteral("Summer Sale"), QStringLiteral("Open Day"), QStringLiteral("Jazz Night"),
                                    QStringLiteral("Book Fair"), QStringLiteral("Run 10K"), QStringLiteral("Film Club"),
                                    QStringLiteral("Farmers Market"), QStringLiteral("Tech Talk"), QStringLiteral("Art Walk"),
                                    QStringLiteral("Winter Gala")};
    for (int i = 0; i < titles.size(); ++i) {
        DemoFile file;
        file.folderPath = QStringLiteral("/posters");
        QString slug = titles.at(i).toLower();
        slug.replace(QLatin1Char(' '), QLatin1Char('-'));
        file.fileName = QStringLiteral("%1.%2").arg(slug, i % 2 ? QStringLiteral("png") : QStringLiteral("jpg"));
        const QString subtitle = QStringLiteral("Saturday %1 May, 2025").arg(i + 3);
        file.bytes = encodeAs(posterImage(QSize(600, 840), random, titles.at(i), subtitle), file.fileName);
        file.tags = {QStringLiteral("poster"), QStringLiteral("event"), QStringLiteral("text")};
        file.customMetadata = {{QStringLiteral("category"), QStringLiteral("Poster")},
                               {QStringLiteral("channels"), QJsonArray{QStringLiteral("social"), QStringLiteral("email")}},
                               {QStringLiteral("shootDate"), isoDate(2025, 4, 1 + i)}};
        file.description = QStringLiteral("Poster for \"%1\", %2.").arg(titles.at(i), subtitle);
        addFile(file);
    }

    // Products: 8, half of them with earlier versions; two are private (unreleased).
    static const QStringList products{QStringLiteral("Aurora Lamp"), QStringLiteral("Basalt Mug"), QStringLiteral("Cirrus Chair"),
                                      QStringLiteral("Delta Backpack"), QStringLiteral("Ember Kettle"), QStringLiteral("Fjord Vase"),
                                      QStringLiteral("Grove Planter"), QStringLiteral("Halo Speaker")};
    for (int i = 0; i < products.size(); ++i) {
        DemoFile file;
        file.folderPath = i < 3 ? QStringLiteral("/products") : (i < 6 ? QStringLiteral("/products/2024") : QStringLiteral("/products/2024/archive"));
        QString slug = products.at(i).toLower();
        slug.replace(QLatin1Char(' '), QLatin1Char('-'));
        file.fileName = slug + (i % 2 ? QStringLiteral(".webp") : QStringLiteral(".jpg"));
        const int hue = random.between(0, 359);
        const int versions = i % 2 == 0 ? 1 + i % 3 : 0; // 0..2 earlier versions
        for (int v = 0; v < versions; ++v)
            file.olderVersions.append(encodeAs(productImage(QSize(800, 800), random, (hue + 40 * (v + 1)) % 360,
                                                            QStringLiteral("%1 (draft %2)").arg(products.at(i)).arg(v + 1)),
                                               file.fileName));
        file.bytes = encodeAs(productImage(QSize(800, 800), random, hue, products.at(i)), file.fileName);
        file.tags = {QStringLiteral("product"), QStringLiteral("catalog")};
        file.customMetadata = {{QStringLiteral("category"), QStringLiteral("Product")},
                               {QStringLiteral("price"), 19 + 37 * i},
                               {QStringLiteral("approved"), i < 5},
                               {QStringLiteral("channels"), QJsonArray{QStringLiteral("web"), QStringLiteral("email")}}};
        file.isPrivate = i == 6 || i == 7;
        if (file.isPrivate)
            file.tags.append(QStringLiteral("unreleased"));
        file.description = QStringLiteral("%1, studio shot on a plain backdrop.").arg(products.at(i));
        addFile(file);
    }

    // Icons: 4 SVG badges.
    static const QStringList iconColors{QStringLiteral("#e4572e"), QStringLiteral("#29335c"), QStringLiteral("#f3a712"), QStringLiteral("#669bbc")};
    for (int i = 0; i < iconColors.size(); ++i) {
        DemoFile file;
        file.folderPath = QStringLiteral("/icons");
        file.fileName = QStringLiteral("badge-%1.svg").arg(QChar(QLatin1Char(char('a' + i))));
        file.bytes = badgeSvg(iconColors.at(i), QString(QChar(QLatin1Char(char('A' + i)))), 24 + 24 * i);
        file.tags = {QStringLiteral("icon"), QStringLiteral("vector")};
        file.customMetadata = {{QStringLiteral("category"), QStringLiteral("Icon")}};
        addFile(file);
    }

    // Near-duplicate groups: 5 photos, each with a smaller copy, a low-quality re-encode, a slight
    // crop and a brightened copy, spread over folders as real libraries collect them.
    static const QStringList scenes{QStringLiteral("alpine-dawn"), QStringLiteral("harbour-dusk"), QStringLiteral("desert-noon"),
                                    QStringLiteral("forest-lake"), QStringLiteral("coastal-cliffs")};
    for (int i = 0; i < scenes.size(); ++i) {
        const QSize size = i % 2 ? QSize(1200, 800) : QSize(960, 720);
        const QImage photo = sceneImage(size, random);
        const QString name = scenes.at(i);
        const QJsonObject metadata{{QStringLiteral("category"), QStringLiteral("Photo")},
                                   {QStringLiteral("photographer"), photographers.at(i % photographers.size())},
                                   {QStringLiteral("shootDate"), isoDate(2024, 6 + i, 10 + i)}};
        const QStringList tags{QStringLiteral("photo"), QStringLiteral("landscape"), name.section(QLatin1Char('-'), 0, 0)};

        DemoFile original;
        original.folderPath = QStringLiteral("/photos");
        original.fileName = name + QStringLiteral(".jpg");
        original.bytes = encode(photo, "jpeg", 92);
        original.tags = tags;
        original.customMetadata = metadata;
        original.description = QStringLiteral("Procedural landscape \"%1\" (original).").arg(name);
        addFile(original);

        DemoFile resized = original;
        resized.folderPath = QStringLiteral("/photos/edits");
        resized.fileName = name + QStringLiteral("-small.jpg");
        resized.bytes = encode(photo.scaled(size / 2, Qt::IgnoreAspectRatio, Qt::SmoothTransformation), "jpeg", 85);
        resized.description = QStringLiteral("Half-size copy of %1.").arg(original.fileName);
        addFile(resized);

        DemoFile lowQuality = original;
        lowQuality.folderPath = QStringLiteral("/backups");
        lowQuality.fileName = name + QStringLiteral("-q30.jpg");
        lowQuality.bytes = encode(photo, "jpeg", 30);
        lowQuality.description = QStringLiteral("Low-quality re-encode of %1.").arg(original.fileName);
        addFile(lowQuality);

        DemoFile cropped = original;
        cropped.folderPath = QStringLiteral("/photos/edits");
        cropped.fileName = name + QStringLiteral("-cropped.png");
        const int marginX = size.width() * 2 / 100;
        const int marginY = size.height() * 2 / 100;
        cropped.bytes = encode(photo.copy(marginX, marginY, size.width() - 2 * marginX, size.height() - 2 * marginY), "png", kPngQuality);
        cropped.description = QStringLiteral("Slightly cropped copy of %1.").arg(original.fileName);
        addFile(cropped);

        DemoFile bright = original;
        bright.folderPath = QStringLiteral("/backups");
        bright.fileName = name + QStringLiteral("-bright.webp");
        bright.bytes = encode(pixelops::brightnessShifted(photo, 20), "webp", 80);
        bright.description = QStringLiteral("Brightened copy of %1.").arg(original.fileName);
        addFile(bright);
    }
    return library;
}

} // namespace ikemu
