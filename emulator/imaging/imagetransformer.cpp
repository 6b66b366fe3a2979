#include "imaging/imagetransformer.h"

#include "imaging/pixeloperations.h"
#include "imaging/transformationchain.h"
#include "imaging/transformvalue.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFont>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QHash>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QMimeDatabase>
#include <QPainter>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace ikemu {

namespace {

// Larger outputs are refused: one request must not exhaust the emulator's memory.
constexpr int kMaxOutputSide = 16384;
constexpr qint64 kMaxOutputPixels = qint64(64) * 1024 * 1024;
constexpr int kDefaultQuality = 80; // ImageKit's default output quality
constexpr int kDefaultTrimThreshold = 10;
constexpr int kDefaultFontSize = 14;

// A refused transformation: becomes the response status and message.
struct TransformFailure {
    int status;
    QString message;
};

[[noreturn]] void fail(const QString &message, int status = 400)
{
    throw TransformFailure{status, message};
}

// Decodes with the EXIF orientation applied; `format` gets the reader's format name.
QImage decodeImage(const QByteArray &bytes, QByteArray *format = nullptr, QString *error = nullptr)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    if (format)
        *format = reader.format().toLower();
    QImage image;
    if (!reader.read(&image) && error)
        *error = reader.errorString();
    return image;
}

QString percentDecoded(const QString &text)
{
    return QUrl::fromPercentEncoding(text.toUtf8());
}

// "@@"-separated library paths of the URL language -> "/a/b.png".
QString libraryPath(const QString &encoded)
{
    QString path = percentDecoded(encoded);
    path.replace(QLatin1String("@@"), QLatin1String("/"));
    if (!path.startsWith(QLatin1Char('/')))
        path.prepend(QLatin1Char('/'));
    return path;
}

// The parameters of one step (or layer), last occurrence of a code wins, unknown ones collected.
class StepParameters
{
public:
    StepParameters(const QList<TransformParameter> &parameters, const QSet<QString> &known, QStringList *ignored)
    {
        for (const TransformParameter &parameter : parameters) {
            if (!known.contains(parameter.code)) {
                ignored->append(parameter.raw);
                continue;
            }
            m_values.insert(parameter.code, parameter);
        }
    }
    bool has(const QString &code) const { return m_values.contains(code); }
    QString value(const QString &code) const { return m_values.value(code).value; }
    QString raw(const QString &code) const { return m_values.value(code).raw; }

private:
    QHash<QString, TransformParameter> m_values;
};

const QSet<QString> &stepCodes()
{
    static const QSet<QString> codes{
        QStringLiteral("w"), QStringLiteral("h"), QStringLiteral("ar"), QStringLiteral("c"), QStringLiteral("cm"),
        QStringLiteral("fo"), QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("xc"), QStringLiteral("yc"),
        QStringLiteral("q"), QStringLiteral("f"), QStringLiteral("rt"), QStringLiteral("fl"), QStringLiteral("bl"),
        QStringLiteral("e-grayscale"), QStringLiteral("e-sharpen"), QStringLiteral("e-usm"), QStringLiteral("e-contrast"),
        QStringLiteral("bg"),
        QStringLiteral("r"), QStringLiteral("b"), QStringLiteral("dpr"), QStringLiteral("orig"), QStringLiteral("t"),
        QStringLiteral("di"), QStringLiteral("o"), QStringLiteral("pr"), QStringLiteral("lo"),
    };
    return codes;
}

// Layer position and input codes, on top of the step codes (an image layer's nested transformation).
const QSet<QString> &layerCodes()
{
    static const QSet<QString> codes = [] {
        QSet<QString> all = stepCodes();
        for (const char *code : {"i", "ie", "lx", "ly", "lxc", "lyc", "lfo", "lap", "fs", "co", "pa", "ia", "tg", "ff", "al"})
            all.insert(QString::fromLatin1(code));
        return all;
    }();
    return codes;
}

QString invalidValue(const TransformParameter &parameter, const QString &expected)
{
    return QStringLiteral("Invalid transformation parameter value \"%1\" for \"%2\": expected %3")
        .arg(parameter.value, parameter.code, expected);
}

// Where a box of `box` size sits inside `container` for a focus / anchor name.
QPoint alignedOffset(QSize container, QSize box, const QString &focus)
{
    const int dx = container.width() - box.width();
    const int dy = container.height() - box.height();
    int x = dx / 2;
    int y = dy / 2;
    if (focus.contains(QLatin1String("left")))
        x = 0;
    else if (focus.contains(QLatin1String("right")))
        x = dx;
    if (focus.contains(QLatin1String("top")))
        y = 0;
    else if (focus.contains(QLatin1String("bottom")))
        y = dy;
    return {x, y};
}

bool isFocusName(const QString &value)
{
    // Positions, corners, auto/face/custom and object names ("person", "car") are all words;
    // detection-based ones fall back to the centre here.
    static const QRegularExpression word(QStringLiteral("^[a-z_]+$"));
    return word.match(value).hasMatch();
}

bool isPositionName(const QString &value)
{
    static const QSet<QString> names{
        QStringLiteral("center"), QStringLiteral("top"), QStringLiteral("left"), QStringLiteral("bottom"),
        QStringLiteral("right"), QStringLiteral("top_left"), QStringLiteral("top_right"),
        QStringLiteral("bottom_left"), QStringLiteral("bottom_right"),
    };
    return names.contains(value);
}

// What fills padding (pad_resize, pad_extract): a colour, or the image itself blurred.
struct PaddingBackground {
    QColor color = Qt::white;
    bool blurred = false;
    int blurRadius = 10;
    int brightness = 0;
};

struct OutputSettings {
    QByteArray format; // "jpg", "png", "webp"; empty = the source's
    int quality = kDefaultQuality;
    bool progressive = false;
    bool lossless = false;
    std::optional<QColor> background; // for flattening transparency into JPEG
};

class ChainRunner
{
public:
    ChainRunner(const ImageLoader &load, QStringList *ignored, OutputSettings *output)
        : m_load(load)
        , m_ignored(ignored)
        , m_output(output)
    {
    }

    // fo-custom focuses on the file's custom coordinates, given in the original's pixels.
    void setCustomFocus(const QRect &area, QSize originalSize)
    {
        m_customArea = area;
        m_originalSize = originalSize;
    }

    QImage applyStep(QImage image, const TransformStep &step)
    {
        const StepParameters parameters(step.parameters, stepCodes(), m_ignored);
        image = applyParameters(std::move(image), step.parameters, parameters, {});
        for (const TransformLayer &layer : step.layers)
            image = applyLayer(std::move(image), layer);
        return image;
    }

private:
    QHash<QString, double> inputVariables(const QImage &image, const QHash<QString, double> &extra) const
    {
        QHash<QString, double> variables = extra;
        variables.insert(QStringLiteral("iw"), image.width());
        variables.insert(QStringLiteral("ih"), image.height());
        variables.insert(QStringLiteral("iar"), double(image.width()) / std::max(1, image.height()));
        return variables;
    }

    TransformParameter parameter(const QList<TransformParameter> &all, const QString &code) const
    {
        TransformParameter found;
        for (const TransformParameter &p : all)
            if (p.code == code)
                found = p;
        return found;
    }

    double number(const TransformParameter &p, const QHash<QString, double> &variables, const QString &expected) const
    {
        const std::optional<double> value = evaluateTransformNumber(p.value, variables);
        if (!value)
            fail(invalidValue(p, expected));
        return *value;
    }

    int boundedInteger(const TransformParameter &p, int low, int high) const
    {
        bool ok = false;
        const int value = p.value.toInt(&ok);
        if (!ok || value < low || value > high)
            fail(invalidValue(p, QStringLiteral("an integer from %1 to %2").arg(low).arg(high)));
        return value;
    }

    QColor color(const TransformParameter &p) const
    {
        const std::optional<QColor> parsed = parseTransformColor(p.value);
        if (!parsed)
            fail(invalidValue(p, QStringLiteral("a hex colour (RRGGBB or RRGGBBAA) or a colour name")));
        return *parsed;
    }

    // A width or height: pixels, a fraction (0..1) of the input, or an expression.
    std::optional<double> dimension(const QList<TransformParameter> &all, const QString &code,
                                    const QHash<QString, double> &variables, int inputSide) const
    {
        const TransformParameter p = parameter(all, code);
        if (p.code.isEmpty() || p.value == QLatin1String("auto"))
            return std::nullopt;
        const double value = number(p, variables, QStringLiteral("a positive number of pixels, a fraction below 1 or an expression such as iw_div_2"));
        if (value <= 0)
            fail(invalidValue(p, QStringLiteral("a value above 0")));
        return value < 1 ? value * inputSide : value;
    }

    static void checkOutputSize(double width, double height)
    {
        if (width > kMaxOutputSide || height > kMaxOutputSide || width * height > double(kMaxOutputPixels))
            fail(QStringLiteral("The requested output of %1x%2 pixels is larger than the %3 pixels per side (%4 megapixels) this server produces")
                     .arg(qint64(width)).arg(qint64(height)).arg(kMaxOutputSide).arg(kMaxOutputPixels / (1024 * 1024)));
    }

    static QImage scaledTo(const QImage &image, int width, int height)
    {
        if (image.width() == width && image.height() == height)
            return image;
        return image.scaled(std::max(1, width), std::max(1, height), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    }

    // bg-<colour>, bg-dominant (the image's mean colour) or bg-blurred[_<radius|auto>[_<brightness>]].
    PaddingBackground paddingBackground(const QList<TransformParameter> &all, const StepParameters &params, const QImage &image) const
    {
        PaddingBackground background;
        if (!params.has(QStringLiteral("bg")))
            return background;
        const TransformParameter p = parameter(all, QStringLiteral("bg"));
        if (p.value == QLatin1String("dominant")) {
            background.color = pixelops::averageColor(image);
            return background;
        }
        if (p.value == QLatin1String("blurred") || p.value.startsWith(QLatin1String("blurred_"))) {
            const QString expected = QStringLiteral("blurred, blurred_<1-100 or auto> or blurred_<1-100 or auto>_<brightness -255..255, N for negative>");
            const QStringList parts = p.value.split(QLatin1Char('_'));
            if (parts.size() > 3)
                fail(invalidValue(p, expected));
            background.blurred = true;
            if (parts.size() >= 2 && parts.at(1) != QLatin1String("auto")) {
                const std::optional<double> radius = evaluateTransformNumber(parts.at(1), {});
                if (!radius || *radius < 1 || *radius > 100)
                    fail(invalidValue(p, expected));
                background.blurRadius = int(std::lround(*radius));
            }
            if (parts.size() == 3) {
                const std::optional<double> brightness = evaluateTransformNumber(parts.at(2), {});
                if (!brightness || *brightness < -255 || *brightness > 255)
                    fail(invalidValue(p, expected));
                background.brightness = int(std::lround(*brightness));
            }
            return background;
        }
        background.color = color(p);
        return background;
    }

    static QImage onCanvas(const QImage &image, QSize canvasSize, QPoint at, const PaddingBackground &background,
                           const QImage &source)
    {
        QImage canvas(canvasSize, QImage::Format_ARGB32_Premultiplied);
        if (background.blurred) {
            // The source scaled to cover the canvas, blurred (and brightened or darkened) behind it.
            const double cover = std::max(double(canvasSize.width()) / source.width(), double(canvasSize.height()) / source.height());
            const QImage covering = scaledTo(source, int(std::ceil(source.width() * cover)), int(std::ceil(source.height() * cover)));
            QImage backdrop = covering.copy(QRect(alignedOffset(covering.size(), canvasSize, QStringLiteral("center")), canvasSize));
            backdrop = pixelops::blurred(backdrop, background.blurRadius);
            if (background.brightness != 0)
                backdrop = pixelops::brightnessShifted(backdrop, background.brightness);
            canvas = backdrop.convertToFormat(QImage::Format_ARGB32_Premultiplied);
        } else {
            canvas.fill(background.color);
        }
        QPainter painter(&canvas);
        painter.drawImage(at, image);
        painter.end();
        return canvas;
    }

    QImage resizeAndCrop(QImage image, const QList<TransformParameter> &all, const StepParameters &params,
                         const QHash<QString, double> &extraVariables, const PaddingBackground &background)
    {
        const QHash<QString, double> variables = inputVariables(image, extraVariables);
        const int inputWidth = image.width();
        const int inputHeight = image.height();
        std::optional<double> width = dimension(all, QStringLiteral("w"), variables, inputWidth);
        std::optional<double> height = dimension(all, QStringLiteral("h"), variables, inputHeight);

        if (params.has(QStringLiteral("ar"))) {
            const TransformParameter p = parameter(all, QStringLiteral("ar"));
            QString text = p.value;
            static const QRegularExpression ratio(QStringLiteral("^([0-9.]+)[-_]([0-9.]+)$"));
            const QRegularExpressionMatch match = ratio.match(text);
            double aspect = 0;
            if (match.hasMatch() && match.captured(2).toDouble() > 0)
                aspect = match.captured(1).toDouble() / match.captured(2).toDouble();
            else if (const auto value = evaluateTransformNumber(text, variables))
                aspect = *value;
            if (!(aspect > 0))
                fail(invalidValue(p, QStringLiteral("a ratio such as 4-3 or an expression such as iar_div_2")));
            if (width && !height)
                height = *width / aspect;
            else if (height && !width)
                width = *height * aspect;
            else if (!width && !height) {
                width = inputWidth;
                height = inputWidth / aspect;
            }
        }

        double dpr = 1;
        if (params.has(QStringLiteral("dpr")) && params.value(QStringLiteral("dpr")) != QLatin1String("auto")) {
            const TransformParameter p = parameter(all, QStringLiteral("dpr"));
            dpr = number(p, variables, QStringLiteral("a number from 0.1 to 5"));
            if (dpr < 0.1 || dpr > 5)
                fail(invalidValue(p, QStringLiteral("a number from 0.1 to 5")));
        }
        if (!width && !height && dpr != 1) { // dpr alone scales the whole image
            width = inputWidth;
            height = inputHeight;
        }
        if (width)
            *width *= dpr;
        if (height)
            *height *= dpr;

        const QString crop = params.has(QStringLiteral("c")) ? params.value(QStringLiteral("c")) : QStringLiteral("maintain_ratio");
        static const QSet<QString> crops{QStringLiteral("maintain_ratio"), QStringLiteral("force"), QStringLiteral("at_max"),
                                         QStringLiteral("at_max_enlarge"), QStringLiteral("at_least"),
                                         QStringLiteral("maintain_ratio_no_enlarge")};
        if (!crops.contains(crop))
            fail(invalidValue(parameter(all, QStringLiteral("c")),
                              QStringLiteral("one of maintain_ratio, force, at_max, at_max_enlarge, at_least, maintain_ratio_no_enlarge")));
        QString cropMode = params.value(QStringLiteral("cm"));
        static const QSet<QString> cropModes{QStringLiteral("pad_resize"), QStringLiteral("extract"), QStringLiteral("pad_extract")};
        if (params.has(QStringLiteral("cm")) && !crops.contains(cropMode) && !cropModes.contains(cropMode))
            fail(invalidValue(parameter(all, QStringLiteral("cm")), QStringLiteral("one of pad_resize, extract, pad_extract")));
        const QString focus = params.has(QStringLiteral("fo")) ? params.value(QStringLiteral("fo")) : QStringLiteral("center");
        if (!isFocusName(focus))
            fail(invalidValue(parameter(all, QStringLiteral("fo")), QStringLiteral("a position such as center, top, left, top_left, auto or custom")));

        const bool hasCoordinates = params.has(QStringLiteral("x")) || params.has(QStringLiteral("y"))
            || params.has(QStringLiteral("xc")) || params.has(QStringLiteral("yc"));
        if (cropMode.isEmpty() && hasCoordinates)
            cropMode = QStringLiteral("extract"); // coordinates only make sense for an extract

        if (cropMode == QLatin1String("extract") || cropMode == QLatin1String("pad_extract")) {
            const int targetWidth = int(std::lround(width.value_or(inputWidth)));
            const int targetHeight = int(std::lround(height.value_or(inputHeight)));
            checkOutputSize(targetWidth, targetHeight);
            QPoint origin = focusOffset(image.size(), QSize(targetWidth, targetHeight), focus);
            auto coordinate = [&](const QString &code) {
                return number(parameter(all, code), variables, QStringLiteral("a number of pixels or an expression"));
            };
            if (params.has(QStringLiteral("x")))
                origin.setX(int(std::lround(coordinate(QStringLiteral("x")))));
            if (params.has(QStringLiteral("y")))
                origin.setY(int(std::lround(coordinate(QStringLiteral("y")))));
            if (params.has(QStringLiteral("xc")))
                origin.setX(int(std::lround(coordinate(QStringLiteral("xc")) - targetWidth / 2.0)));
            if (params.has(QStringLiteral("yc")))
                origin.setY(int(std::lround(coordinate(QStringLiteral("yc")) - targetHeight / 2.0)));
            if (cropMode == QLatin1String("extract")) {
                // Keep the requested box inside the image; it shrinks only when larger than the image.
                const QRect box(QPoint(std::clamp(origin.x(), 0, std::max(0, inputWidth - targetWidth)),
                                       std::clamp(origin.y(), 0, std::max(0, inputHeight - targetHeight))),
                                QSize(targetWidth, targetHeight));
                return image.copy(box.intersected(image.rect()));
            }
            const QRect wanted(origin, QSize(targetWidth, targetHeight));
            const QRect available = wanted.intersected(image.rect());
            const QImage part = image.copy(available);
            return onCanvas(part, wanted.size(), available.topLeft() - wanted.topLeft(), background, image);
        }

        if (!width && !height)
            return image;

        const double scaleX = width ? *width / inputWidth : 0;
        const double scaleY = height ? *height / inputHeight : 0;
        if (cropMode == QLatin1String("pad_resize") && width && height) {
            const double scale = std::min(scaleX, scaleY);
            const int targetWidth = int(std::lround(*width));
            const int targetHeight = int(std::lround(*height));
            checkOutputSize(targetWidth, targetHeight);
            const QImage fitted = scaledTo(image, std::min(targetWidth, int(std::lround(inputWidth * scale))),
                                           std::min(targetHeight, int(std::lround(inputHeight * scale))));
            return onCanvas(fitted, QSize(targetWidth, targetHeight),
                            alignedOffset(QSize(targetWidth, targetHeight), fitted.size(), focus), background, image);
        }
        const QString mode = cropModes.contains(cropMode) || cropMode.isEmpty() ? crop : cropMode;
        if (mode == QLatin1String("force")) {
            const double w = width.value_or(inputWidth);
            const double h = height.value_or(inputHeight);
            checkOutputSize(w, h);
            return scaledTo(image, int(std::lround(w)), int(std::lround(h)));
        }
        // Ratio-keeping modes: pick one scale, then maybe crop.
        double scale = 0;
        if (width && height) {
            if (mode == QLatin1String("at_max") || mode == QLatin1String("at_max_enlarge"))
                scale = std::min(scaleX, scaleY);
            else
                scale = std::max(scaleX, scaleY);
        } else {
            scale = width ? scaleX : scaleY;
        }
        if (mode == QLatin1String("at_max") || mode == QLatin1String("maintain_ratio_no_enlarge"))
            scale = std::min(scale, 1.0);
        const double scaledWidth = std::max(1.0, std::round(inputWidth * scale));
        const double scaledHeight = std::max(1.0, std::round(inputHeight * scale));
        checkOutputSize(scaledWidth, scaledHeight);
        image = scaledTo(image, int(scaledWidth), int(scaledHeight));
        if (width && height && (mode == QLatin1String("maintain_ratio") || mode == QLatin1String("maintain_ratio_no_enlarge"))) {
            const QSize box(std::min(image.width(), int(std::lround(*width))), std::min(image.height(), int(std::lround(*height))));
            image = image.copy(QRect(focusOffset(image.size(), box, focus), box));
        }
        return image;
    }

    QImage applyParameters(QImage image, const QList<TransformParameter> &all, const StepParameters &params,
                           const QHash<QString, double> &extraVariables)
    {
        // Output settings: the last step that sets them wins.
        if (params.has(QStringLiteral("q")))
            m_output->quality = boundedInteger(parameter(all, QStringLiteral("q")), 1, 100);
        if (params.has(QStringLiteral("f"))) {
            const TransformParameter p = parameter(all, QStringLiteral("f"));
            static const QSet<QString> produced{QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("png"),
                                                QStringLiteral("webp"), QStringLiteral("auto"), QStringLiteral("orig")};
            static const QSet<QString> notProduced{QStringLiteral("avif"), QStringLiteral("gif"), QStringLiteral("svg"),
                                                   QStringLiteral("mp4"), QStringLiteral("webm")};
            if (produced.contains(p.value))
                m_output->format = p.value == QLatin1String("jpeg") ? QByteArray("jpg") : p.value.toLatin1();
            else if (notProduced.contains(p.value))
                m_ignored->append(p.raw); // valid for ImageKit, not encodable here: keep the default format
            else
                fail(invalidValue(p, QStringLiteral("one of auto, webp, jpg, jpeg, png, gif, svg, avif, orig")));
        }
        if (params.has(QStringLiteral("pr")))
            m_output->progressive = params.value(QStringLiteral("pr")) == QLatin1String("true");
        if (params.has(QStringLiteral("lo")))
            m_output->lossless = params.value(QStringLiteral("lo")) == QLatin1String("true");
        const PaddingBackground background = paddingBackground(all, params, image);
        if (params.has(QStringLiteral("bg")) && !background.blurred)
            m_output->background = background.color;

        if (params.has(QStringLiteral("t"))) {
            const TransformParameter p = parameter(all, QStringLiteral("t"));
            int threshold = kDefaultTrimThreshold;
            if (p.value != QLatin1String("true"))
                threshold = boundedInteger(p, 1, 99);
            image = image.copy(pixelops::trimBounds(image, threshold));
        }

        image = resizeAndCrop(std::move(image), all, params, extraVariables, background);

        if (params.has(QStringLiteral("fl"))) {
            const TransformParameter p = parameter(all, QStringLiteral("fl"));
            const bool horizontal = p.value.contains(QLatin1Char('h'));
            const bool vertical = p.value.contains(QLatin1Char('v'));
            static const QSet<QString> flips{QStringLiteral("h"), QStringLiteral("v"), QStringLiteral("h_v"), QStringLiteral("v_h")};
            if (!flips.contains(p.value))
                fail(invalidValue(p, QStringLiteral("one of h, v, h_v")));
            image = image.mirrored(horizontal, vertical);
        }
        if (params.has(QStringLiteral("rt"))) {
            const TransformParameter p = parameter(all, QStringLiteral("rt"));
            if (p.value != QLatin1String("auto")) { // EXIF orientation is applied on decode already
                const std::optional<double> degrees = evaluateTransformNumber(p.value, {});
                if (!degrees)
                    fail(invalidValue(p, QStringLiteral("degrees such as 90, 180, 270, N90 (counter-clockwise) or auto")));
                image = pixelops::rotated(image, *degrees, m_output->background.value_or(QColor(Qt::transparent)));
            }
        }
        if (params.has(QStringLiteral("e-grayscale")))
            image = pixelops::grayscaled(image);
        if (params.has(QStringLiteral("e-contrast")))
            image = pixelops::contrastStretched(image);
        if (params.has(QStringLiteral("e-sharpen"))) {
            const TransformParameter p = parameter(all, QStringLiteral("e-sharpen"));
            double amount = 1;
            if (!p.value.isEmpty())
                amount = std::max(1, boundedInteger(p, 0, 100)) / 10.0 + 0.5;
            image = pixelops::sharpened(image, amount);
        }
        if (params.has(QStringLiteral("e-usm"))) {
            // e-usm[-<radius>-<sigma>-<amount>-<threshold>]: radius and amount drive the mask here.
            const TransformParameter p = parameter(all, QStringLiteral("e-usm"));
            double radius = 1;
            double amount = 1;
            if (!p.value.isEmpty()) {
                const QStringList parts = p.value.split(QLatin1Char('-'));
                QList<double> numbers;
                for (const QString &part : parts)
                    if (const auto value = evaluateTransformNumber(part, {}); value && *value >= 0)
                        numbers.append(*value);
                if (parts.size() != 4 || numbers.size() != 4 || numbers[0] > 100 || numbers[2] > 10)
                    fail(invalidValue(p, QStringLiteral("<radius>-<sigma>-<amount>-<threshold>, such as 2-2-0.8-0.024")));
                radius = numbers[0];
                amount = numbers[2];
            }
            image = pixelops::sharpened(image, amount, int(std::lround(std::max(1.0, radius))));
        }
        if (params.has(QStringLiteral("bl"))) {
            const int strength = boundedInteger(parameter(all, QStringLiteral("bl")), 1, 100);
            image = pixelops::blurred(image, std::max(1, strength / 2));
        }
        if (params.has(QStringLiteral("r"))) {
            const TransformParameter p = parameter(all, QStringLiteral("r"));
            std::array<double, 4> radii{};
            if (p.value == QLatin1String("max")) {
                radii.fill(std::min(image.width(), image.height()) / 2.0);
            } else {
                const QStringList parts = p.value.split(QLatin1Char('_'));
                if (parts.size() != 1 && parts.size() != 4)
                    fail(invalidValue(p, QStringLiteral("a radius in pixels, max, or four radii top-left_top-right_bottom-right_bottom-left")));
                for (int i = 0; i < 4; ++i) {
                    bool ok = false;
                    const double radius = parts.at(parts.size() == 1 ? 0 : i).toDouble(&ok);
                    if (!ok || radius < 0)
                        fail(invalidValue(p, QStringLiteral("a radius in pixels, max, or four radii top-left_top-right_bottom-right_bottom-left")));
                    radii[std::size_t(i)] = radius;
                }
            }
            image = pixelops::withRoundedCorners(image, radii);
        }
        if (params.has(QStringLiteral("b"))) {
            const TransformParameter p = parameter(all, QStringLiteral("b"));
            const QStringList parts = p.value.split(QLatin1Char('_'));
            bool ok = false;
            const int width = parts.value(0).toInt(&ok);
            const std::optional<QColor> borderColor = parts.size() == 2 ? parseTransformColor(parts.at(1)) : std::nullopt;
            if (!ok || width < 1 || width > 1000 || !borderColor)
                fail(invalidValue(p, QStringLiteral("<width>_<colour> such as 5_FF0000")));
            checkOutputSize(image.width() + 2.0 * width, image.height() + 2.0 * width);
            image = pixelops::withBorder(image, width, *borderColor);
        }
        if (params.has(QStringLiteral("o")))
            image = pixelops::withOpacity(image, boundedInteger(parameter(all, QStringLiteral("o")), 0, 100));
        return image;
    }

    QImage renderTextLayer(const QList<TransformParameter> &all, const StepParameters &params, const QHash<QString, double> &baseVariables)
    {
        if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
            fail(QStringLiteral("Text layers need fonts: this server runs without a QGuiApplication"), 500);
        QString text;
        if (params.has(QStringLiteral("ie")))
            text = QString::fromUtf8(QByteArray::fromBase64(percentDecoded(params.value(QStringLiteral("ie"))).toLatin1()));
        else
            text = percentDecoded(params.value(QStringLiteral("i")));
        if (text.isEmpty())
            fail(QStringLiteral("Invalid text layer: it needs its text as i-<url-encoded text> or ie-<base64>"));

        int fontSize = kDefaultFontSize;
        if (params.has(QStringLiteral("fs")))
            fontSize = int(std::lround(number(parameter(all, QStringLiteral("fs")), baseVariables, QStringLiteral("a font size in pixels"))));
        if (fontSize < 1 || fontSize > 1000)
            fail(invalidValue(parameter(all, QStringLiteral("fs")), QStringLiteral("a font size from 1 to 1000 pixels")));
        QFont font;
        font.setPixelSize(fontSize);
        if (params.has(QStringLiteral("ff")) && !params.value(QStringLiteral("ff")).contains(QLatin1String("@@")))
            font.setFamily(percentDecoded(params.value(QStringLiteral("ff"))).replace(QLatin1Char('_'), QLatin1Char(' ')));
        const QString typography = params.value(QStringLiteral("tg"));
        font.setBold(typography.split(QLatin1Char('_')).contains(QLatin1String("b")));
        font.setItalic(typography.split(QLatin1Char('_')).contains(QLatin1String("i")));
        font.setStrikeOut(typography.contains(QLatin1String("strikethrough")));

        const QColor textColor = params.has(QStringLiteral("co")) ? color(parameter(all, QStringLiteral("co"))) : QColor(Qt::black);
        const QColor background = params.has(QStringLiteral("bg")) ? color(parameter(all, QStringLiteral("bg"))) : QColor(Qt::transparent);

        // Padding: one value, vertical_horizontal, or top_right_bottom_left (CSS order).
        QList<int> padding{0, 0, 0, 0};
        if (params.has(QStringLiteral("pa"))) {
            const TransformParameter p = parameter(all, QStringLiteral("pa"));
            const QStringList parts = p.value.split(QLatin1Char('_'));
            QList<int> values;
            for (const QString &part : parts) {
                bool ok = false;
                values.append(part.toInt(&ok));
                if (!ok || values.last() < 0)
                    fail(invalidValue(p, QStringLiteral("padding in pixels: one, two or four values joined by _")));
            }
            if (values.size() == 1)
                padding = {values[0], values[0], values[0], values[0]};
            else if (values.size() == 2)
                padding = {values[0], values[1], values[0], values[1]};
            else if (values.size() == 4)
                padding = values;
            else
                fail(invalidValue(p, QStringLiteral("padding in pixels: one, two or four values joined by _")));
        }

        Qt::Alignment alignment = Qt::AlignLeft;
        if (params.value(QStringLiteral("ia")) == QLatin1String("center"))
            alignment = Qt::AlignHCenter;
        else if (params.value(QStringLiteral("ia")) == QLatin1String("right"))
            alignment = Qt::AlignRight;

        const QFontMetricsF metrics(font);
        QRectF textBounds;
        if (params.has(QStringLiteral("w"))) {
            const double wrapWidth = number(parameter(all, QStringLiteral("w")), baseVariables, QStringLiteral("a wrap width in pixels"));
            if (wrapWidth < 1)
                fail(invalidValue(parameter(all, QStringLiteral("w")), QStringLiteral("a wrap width of at least 1 pixel")));
            textBounds = metrics.boundingRect(QRectF(0, 0, wrapWidth, 1e6), int(alignment) | Qt::TextWordWrap, text);
            textBounds.setLeft(0);
            textBounds.setWidth(wrapWidth);
        } else {
            textBounds = metrics.boundingRect(QRectF(0, 0, 1e6, 1e6), int(alignment), text);
            textBounds.moveTopLeft(QPointF(0, 0));
        }
        const int layerWidth = int(std::ceil(textBounds.width())) + padding[1] + padding[3];
        const int layerHeight = int(std::ceil(textBounds.height())) + padding[0] + padding[2];
        checkOutputSize(layerWidth, layerHeight);
        QImage layer(std::max(1, layerWidth), std::max(1, layerHeight), QImage::Format_ARGB32_Premultiplied);
        layer.fill(background);
        QPainter painter(&layer);
        painter.setRenderHint(QPainter::TextAntialiasing);
        painter.setFont(font);
        painter.setPen(textColor);
        painter.drawText(QRectF(padding[3], padding[0], textBounds.width(), textBounds.height()),
                         int(alignment) | Qt::TextWordWrap, text);
        painter.end();

        if (params.has(QStringLiteral("al"))) // alpha 1 (faint) .. 9 (nearly opaque)
            layer = pixelops::withOpacity(layer, boundedInteger(parameter(all, QStringLiteral("al")), 1, 9) * 10);
        if (params.has(QStringLiteral("rt"))) {
            const std::optional<double> degrees = evaluateTransformNumber(params.value(QStringLiteral("rt")), {});
            if (!degrees)
                fail(invalidValue(parameter(all, QStringLiteral("rt")), QStringLiteral("degrees such as 90 or N45")));
            layer = pixelops::rotated(layer, *degrees, Qt::transparent);
        }
        return layer;
    }

    QImage loadOverlayImage(const QList<TransformParameter> &all, const StepParameters &params)
    {
        QString path;
        if (params.has(QStringLiteral("ie")))
            path = libraryPath(QString::fromUtf8(QByteArray::fromBase64(percentDecoded(params.value(QStringLiteral("ie"))).toLatin1())));
        else if (params.has(QStringLiteral("i")))
            path = libraryPath(params.value(QStringLiteral("i")));
        else
            fail(QStringLiteral("Invalid image layer: it needs the overlay path as i-<path with @@ for /> or ie-<base64>"));

        if (path == QLatin1String("/ik_canvas")) { // a solid block: bg colour, w x h
            const QHash<QString, double> none;
            const double width = params.has(QStringLiteral("w")) ? number(parameter(all, QStringLiteral("w")), none, QStringLiteral("pixels")) : 100;
            const double height = params.has(QStringLiteral("h")) ? number(parameter(all, QStringLiteral("h")), none, QStringLiteral("pixels")) : 100;
            checkOutputSize(width, height);
            QImage canvas(std::max(1, int(width)), std::max(1, int(height)), QImage::Format_ARGB32_Premultiplied);
            canvas.fill(Qt::transparent);
            return canvas;
        }
        if (!m_load)
            fail(QStringLiteral("Image layer \"%1\" cannot be loaded: no library is available").arg(path), 404);
        const std::optional<QByteArray> bytes = m_load(path);
        if (!bytes)
            fail(QStringLiteral("Image layer \"%1\" was not found in the media library").arg(path), 404);
        QString error;
        const QImage overlay = decodeImage(*bytes, nullptr, &error);
        if (overlay.isNull())
            fail(QStringLiteral("Image layer \"%1\" is not a readable image: %2").arg(path, error));
        return overlay.convertToFormat(QImage::Format_ARGB32_Premultiplied);
    }

    QImage applyLayer(QImage base, const TransformLayer &layer)
    {
        QStringList layerIgnored;
        const StepParameters params(layer.parameters, layerCodes(), &layerIgnored);
        for (const QString &raw : std::as_const(layerIgnored))
            m_ignored->append(QStringLiteral("l-%1:%2").arg(layer.type, raw));

        QHash<QString, double> baseVariables;
        baseVariables.insert(QStringLiteral("bw"), base.width());
        baseVariables.insert(QStringLiteral("bh"), base.height());

        QImage overlay;
        if (layer.type == QLatin1String("text")) {
            overlay = renderTextLayer(layer.parameters, params, baseVariables);
        } else if (layer.type == QLatin1String("image")) {
            overlay = loadOverlayImage(layer.parameters, params);
            if (overlay.width() > 0 && params.has(QStringLiteral("bg")) && params.value(QStringLiteral("i")) == QLatin1String("ik_canvas"))
                overlay.fill(color(parameter(layer.parameters, QStringLiteral("bg"))));
            // The layer's own transformation (w, h, rt, e-..., r, b, ...) applies to the overlay;
            // position codes are not part of it.
            QList<TransformParameter> nested;
            for (const TransformParameter &p : layer.parameters) {
                static const QSet<QString> placement{QStringLiteral("i"), QStringLiteral("ie"), QStringLiteral("lx"), QStringLiteral("ly"),
                                                     QStringLiteral("lxc"), QStringLiteral("lyc"), QStringLiteral("lfo"), QStringLiteral("lap"),
                                                     QStringLiteral("f"), QStringLiteral("q")};
                if (stepCodes().contains(p.code) && !placement.contains(p.code))
                    nested.append(p);
            }
            if (params.value(QStringLiteral("i")) == QLatin1String("ik_canvas"))
                nested.erase(std::remove_if(nested.begin(), nested.end(), [](const TransformParameter &p) {
                    return p.code == QLatin1String("w") || p.code == QLatin1String("h") || p.code == QLatin1String("bg");
                }), nested.end());
            QStringList unused;
            const StepParameters nestedParams(nested, stepCodes(), &unused);
            OutputSettings *savedOutput = m_output;
            OutputSettings layerOutput; // a layer's bg/q must not change the final encoding
            m_output = &layerOutput;
            overlay = applyParameters(overlay, nested, nestedParams, baseVariables);
            m_output = savedOutput;
        } else {
            m_ignored->append(QStringLiteral("l-%1").arg(layer.type)); // video/subtitle layers need a video base
            return base;
        }

        QHash<QString, double> positionVariables = baseVariables;
        positionVariables.insert(QStringLiteral("cw"), overlay.width());
        positionVariables.insert(QStringLiteral("ch"), overlay.height());
        QString anchor = QStringLiteral("center");
        for (const QString &code : {QStringLiteral("lfo"), QStringLiteral("lap")}) {
            if (params.has(code)) {
                anchor = params.value(code);
                if (!isPositionName(anchor))
                    fail(invalidValue(parameter(layer.parameters, code), QStringLiteral("a position such as center, top_left or bottom_right")));
            }
        }
        QPoint position = alignedOffset(base.size(), overlay.size(), anchor);
        auto coordinate = [&](const QString &code) {
            return number(parameter(layer.parameters, code), positionVariables, QStringLiteral("pixels (N prefix for negative) or an expression such as bw_mul_0.4"));
        };
        if (params.has(QStringLiteral("lx"))) {
            const double lx = coordinate(QStringLiteral("lx"));
            // Negative values count from the right edge (lx-N20: 20 px left of it).
            position.setX(int(std::lround(lx >= 0 ? lx : base.width() - overlay.width() + lx)));
        }
        if (params.has(QStringLiteral("ly"))) {
            const double ly = coordinate(QStringLiteral("ly"));
            position.setY(int(std::lround(ly >= 0 ? ly : base.height() - overlay.height() + ly)));
        }
        if (params.has(QStringLiteral("lxc")))
            position.setX(int(std::lround(coordinate(QStringLiteral("lxc")) - overlay.width() / 2.0)));
        if (params.has(QStringLiteral("lyc")))
            position.setY(int(std::lround(coordinate(QStringLiteral("lyc")) - overlay.height() / 2.0)));

        QImage composed = base.convertToFormat(QImage::Format_ARGB32_Premultiplied);
        QPainter painter(&composed);
        painter.drawImage(position, overlay);
        painter.end();
        return composed;
    }

    // Where a `box` sits inside `container` for a focus: the named positions, or for "custom" the box
    // centred on the custom area (scaled from the original to the container), kept inside.
    QPoint focusOffset(QSize container, QSize box, const QString &focus) const
    {
        if (focus != QLatin1String("custom") || !m_customArea.isValid() || m_originalSize.isEmpty())
            return alignedOffset(container, box, focus);
        const double scaleX = double(container.width()) / m_originalSize.width();
        const double scaleY = double(container.height()) / m_originalSize.height();
        const double centreX = (m_customArea.x() + m_customArea.width() / 2.0) * scaleX;
        const double centreY = (m_customArea.y() + m_customArea.height() / 2.0) * scaleY;
        return {std::clamp(int(std::lround(centreX - box.width() / 2.0)), 0, std::max(0, container.width() - box.width())),
                std::clamp(int(std::lround(centreY - box.height() / 2.0)), 0, std::max(0, container.height() - box.height()))};
    }

    const ImageLoader &m_load;
    QStringList *m_ignored;
    OutputSettings *m_output;
    QRect m_customArea;
    QSize m_originalSize;
};

QByteArray sourceFormatName(const QByteArray &qtFormat)
{
    if (qtFormat == "jpeg" || qtFormat == "jpg")
        return "jpg";
    if (qtFormat == "webp")
        return "webp";
    return "png"; // gif, svg, bmp, ... are delivered as PNG: Qt has no encoder for them
}

QByteArray contentTypeFor(const QByteArray &format)
{
    if (format == "jpg")
        return "image/jpeg";
    if (format == "webp")
        return "image/webp";
    return "image/png";
}

bool hasOriginalRequest(const QList<TransformStep> &steps)
{
    for (const TransformStep &step : steps)
        for (const TransformParameter &p : step.parameters)
            if (p.code == QLatin1String("orig") && p.value == QLatin1String("true"))
                return true;
    return false;
}

TransformOutput original(const QByteArray &source)
{
    TransformOutput output;
    output.body = source;
    output.contentType = QMimeDatabase().mimeTypeForData(source).name().toLatin1();
    return output;
}

} // namespace

TransformOutput transformImage(const QByteArray &source, const QString &transformation, const ImageLoader &load,
                               const QByteArray &acceptHeader, const QRect &customCoordinates)
{
    TransformOutput output;
    QList<TransformStep> steps;
    if (const QString error = parseTransformationChain(transformation, &steps); !error.isEmpty()) {
        output.httpStatus = 400;
        output.errorMessage = error;
        return output;
    }
    if (steps.isEmpty() || hasOriginalRequest(steps))
        return original(source);

    QByteArray qtFormat;
    QImage image = decodeImage(source, &qtFormat);
    if (qtFormat.isEmpty() || image.isNull()) {
        output.httpStatus = 400;
        output.errorMessage = QStringLiteral("The file cannot be transformed: it is not an image this server can decode");
        return output;
    }
    if (image.hasAlphaChannel())
        image = image.convertToFormat(QImage::Format_ARGB32_Premultiplied);

    OutputSettings settings;
    try {
        ChainRunner runner(load, &output.ignoredParameters, &settings);
        runner.setCustomFocus(customCoordinates, image.size());
        for (const TransformStep &step : std::as_const(steps))
            image = runner.applyStep(std::move(image), step);
    } catch (const TransformFailure &failure) {
        output = TransformOutput{};
        output.httpStatus = failure.status;
        output.errorMessage = failure.message;
        return output;
    }

    QByteArray format = sourceFormatName(qtFormat);
    if (settings.format == "auto") {
        if (acceptHeader.contains("image/webp"))
            format = "webp";
    } else if (!settings.format.isEmpty() && settings.format != "orig") {
        format = settings.format;
    }
    if (format == "jpg" && image.hasAlphaChannel())
        image = pixelops::flattened(image, settings.background.value_or(QColor(Qt::white)));

    QBuffer encoded(&output.body);
    encoded.open(QIODevice::WriteOnly);
    QImageWriter writer(&encoded, format == "jpg" ? QByteArray("jpeg") : format);
    if (format != "png")
        writer.setQuality(settings.lossless ? 100 : settings.quality);
    if (format == "jpg")
        writer.setProgressiveScanWrite(settings.progressive);
    if (!writer.write(image)) {
        output = TransformOutput{};
        output.httpStatus = 500;
        output.errorMessage = QStringLiteral("Encoding the result as %1 failed: %2")
                                  .arg(QString::fromLatin1(format), writer.errorString());
        return output;
    }
    output.contentType = contentTypeFor(format);
    return output;
}

std::optional<QString> defaultImagePath(const QString &transformation)
{
    QList<TransformStep> steps;
    if (!parseTransformationChain(transformation, &steps).isEmpty())
        return std::nullopt;
    std::optional<QString> path;
    for (const TransformStep &step : std::as_const(steps))
        for (const TransformParameter &p : step.parameters)
            if (p.code == QLatin1String("di") && !p.value.isEmpty())
                path = libraryPath(p.value);
    return path;
}

} // namespace ikemu
