#include "url/transformparameters.h"

#include <QHash>
#include <QList>
#include <QString>

#include <iterator>

namespace ik {

namespace {

using T = TransformValueType;

// Order follows the seed README's table, with the two 4.x effects after effect_gray.
constexpr TransformParameter kParameters[] = {
    {"height", "h", T::Dimension, 0, 0, "", "Output height in pixels, a 0-1 fraction of the original, or an expression (ih_div_2)", false},
    {"width", "w", T::Dimension, 0, 0, "", "Output width in pixels, a 0-1 fraction of the original, or an expression (iw_div_4)", false},
    {"aspect_ratio", "ar", T::Text, 0, 0, "", "Aspect ratio as width-height (4-3) or an expression (iar_div_2); use with width or height", false},
    {"quality", "q", T::Integer, 1, 100, "", "Compression quality of lossy formats, 1-100", false},
    {"crop", "c", T::Choice, 0, 0, "maintain_ratio|force|at_max|at_max_enlarge|at_least", "Crop strategy when both width and height are given", false},
    {"crop_mode", "cm", T::Choice, 0, 0, "pad_resize|extract|pad_extract", "Crop mode: pad to fit, or extract a region", false},
    {"x", "x", T::Integer, 0, 0, "", "Left edge of the region to extract, in pixels (with crop_mode extract)", false},
    {"y", "y", T::Integer, 0, 0, "", "Top edge of the region to extract, in pixels (with crop_mode extract)", false},
    {"focus", "fo", T::Choice, 0, 0, "center|top|left|bottom|right|top_left|top_right|bottom_left|bottom_right|auto|face|custom", "Which part of the image to keep when cropping or padding", false},
    {"format", "f", T::Choice, 0, 0, "auto|webp|jpg|jpeg|png|gif|svg|avif|mp4|webm|orig", "Output format; auto picks the best one the browser accepts", false},
    {"radius", "r", T::Text, 0, 0, "max", "Corner radius in pixels, or max for a circle/ellipse", false},
    {"background", "bg", T::Color, 0, 0, "dominant|blurred", "Background colour used when padding (hex RGB/RGBA or a name)", false},
    {"border", "b", T::Text, 0, 0, "", "Border as width_colour, e.g. 5_FFF000", false},
    {"rotation", "rt", T::Text, 0, 0, "0|90|180|270|360|auto", "Rotation in degrees clockwise (N40 for counter-clockwise), or auto from EXIF", false},
    {"blur", "bl", T::Integer, 1, 100, "", "Gaussian blur radius, 1-100", false},
    {"named", "n", T::Text, 0, 0, "", "Name of a named transformation defined in the ImageKit dashboard", false},
    {"overlay_x", "ox", T::Integer, 0, 0, "", "Legacy overlay: horizontal offset of the overlay in pixels (N for negative)", true},
    {"overlay_y", "oy", T::Integer, 0, 0, "", "Legacy overlay: vertical offset of the overlay in pixels (N for negative)", true},
    {"overlay_focus", "ofo", T::Choice, 0, 0, "center|top|left|bottom|right|top_left|top_right|bottom_left|bottom_right", "Legacy overlay: where to place the overlay", true},
    {"overlay_height", "oh", T::Integer, 0, 0, "", "Legacy overlay: height of the overlay in pixels", true},
    {"overlay_width", "ow", T::Integer, 0, 0, "", "Legacy overlay: width of the overlay in pixels", true},
    {"overlay_image", "oi", T::Path, 0, 0, "", "Legacy overlay: path of the image to overlay ('/' becomes '@@')", true},
    {"overlay_image_trim", "oit", T::Boolean, 0, 0, "", "Legacy overlay: trim the overlay image's solid border", true},
    {"overlay_image_aspect_ratio", "oiar", T::Text, 0, 0, "", "Legacy overlay: aspect ratio of the overlay image, e.g. 4:3", true},
    {"overlay_image_background", "oibg", T::Color, 0, 0, "", "Legacy overlay: background colour of the overlay image", true},
    {"overlay_image_border", "oib", T::Text, 0, 0, "", "Legacy overlay: border of the overlay image as width_colour", true},
    {"overlay_image_dpr", "oidpr", T::Number, 0.1, 5, "", "Legacy overlay: device pixel ratio of the overlay image", true},
    {"overlay_image_quality", "oiq", T::Integer, 1, 100, "", "Legacy overlay: quality of the overlay image, 1-100", true},
    {"overlay_image_cropping", "oic", T::Choice, 0, 0, "maintain_ratio|force|at_max|at_least", "Legacy overlay: crop strategy of the overlay image", true},
    {"overlay_image_focus", "oifo", T::Choice, 0, 0, "center|top|left|bottom|right|top_left|top_right|bottom_left|bottom_right|auto|face", "Legacy overlay: crop focus of the overlay image", true},
    {"overlay_text", "ot", T::Text, 0, 0, "", "Legacy overlay: text to draw on the image", true},
    {"overlay_text_font_size", "ots", T::Integer, 1, 0, "", "Legacy overlay: font size of the text in pixels", true},
    {"overlay_text_font_family", "otf", T::Text, 0, 0, "", "Legacy overlay: font family of the text", true},
    {"overlay_text_color", "otc", T::Color, 0, 0, "", "Legacy overlay: colour of the text", true},
    {"overlay_text_transparency", "oa", T::Integer, 1, 9, "", "Legacy overlay: transparency of the text, 1-9", true},
    {"overlay_alpha", "oa", T::Integer, 1, 9, "", "Legacy overlay: transparency of the overlay, 1-9", true},
    {"overlay_text_typography", "ott", T::Choice, 0, 0, "b|i|b_i", "Legacy overlay: text style, b bold, i italic", true},
    {"overlay_background", "obg", T::Color, 0, 0, "", "Legacy overlay: background colour of the overlay", true},
    {"overlay_text_encoded", "ote", T::Text, 0, 0, "", "Legacy overlay: text to draw, base64 then URL encoded", true},
    {"overlay_text_width", "otw", T::Integer, 1, 0, "", "Legacy overlay: width of the text box in pixels (text wraps)", true},
    {"overlay_text_background", "otbg", T::Color, 0, 0, "", "Legacy overlay: background colour of the text box", true},
    {"overlay_text_padding", "otp", T::Text, 0, 0, "", "Legacy overlay: padding around the text in pixels", true},
    {"overlay_text_inner_alignment", "otia", T::Choice, 0, 0, "left|right|center", "Legacy overlay: alignment of the text inside its box", true},
    {"overlay_radius", "or", T::Text, 0, 0, "max", "Legacy overlay: corner radius of the overlay", true},
    {"progressive", "pr", T::Boolean, 0, 0, "", "Progressive JPEG / interlaced PNG output", false},
    {"lossless", "lo", T::Boolean, 0, 0, "", "Lossless compression for WebP and PNG", false},
    {"trim", "t", T::Text, 0, 0, "true", "Trim a solid border: true, or a threshold 1-99", false},
    {"metadata", "md", T::Boolean, 0, 0, "", "Keep the image metadata (EXIF, IPTC) in the output", false},
    {"color_profile", "cp", T::Boolean, 0, 0, "", "Keep the embedded colour profile", false},
    {"default_image", "di", T::Path, 0, 0, "", "Image served when the requested one does not exist ('/' becomes '@@')", false},
    {"dpr", "dpr", T::Number, 0.1, 5, "auto", "Device pixel ratio, 0.1-5 or auto; multiplies width and height", false},
    {"effect_sharpen", "e-sharpen", T::FlagOrValue, 0, 0, "", "Sharpen: - for the default amount, or an amount", false},
    {"effect_usm", "e-usm", T::Text, 0, 0, "", "Unsharp mask as radius-sigma-amount-threshold, e.g. 2-2-0.8-0.024", false},
    {"effect_contrast", "e-contrast", T::FlagOrValue, 0, 0, "", "Contrast stretch: - to apply", false},
    {"effect_gray", "e-grayscale", T::FlagOrValue, 0, 0, "", "Grayscale: - to apply", false},
    {"effect_shadow", "e-shadow", T::FlagOrValue, 0, 0, "", "Drop shadow: - for the default, or bl-15_st-40_x-10_y-N5", false},
    {"effect_gradient", "e-gradient", T::FlagOrValue, 0, 0, "", "Gradient overlay: - for the default, or ld-top_from-red_to-white_sp-0.5", false},
    {"original", "orig", T::Boolean, 0, 0, "", "Serve the original file, ignoring other transformations", false},
    {"raw", "raw", T::Raw, 0, 0, "", "Text inserted as is, e.g. layers: l-text,i-Hello,fs-50,l-end", false},
};

constexpr const char *kPositions = "center|top|left|bottom|right|top_left|top_right|bottom_left|bottom_right";

// A layer's own parameters: position first (as the SDKs emit them), then size and styling.
constexpr TransformParameter kTextLayerParameters[] = {
    {"layer_x", "lx", T::Dimension, 0, 0, "", "Left edge of the layer from the base image's left, in pixels (N20 for -20) or an expression (bw_sub_cw)", false},
    {"layer_y", "ly", T::Dimension, 0, 0, "", "Top edge of the layer from the base image's top, in pixels (N20 for -20) or an expression (bh_sub_ch)", false},
    {"layer_focus", "lfo", T::Choice, 0, 0, kPositions, "Where to place the layer on the base image when no x/y is given", false},
    {"width", "w", T::Dimension, 0, 0, "", "Width of the text box in pixels; longer text wraps", false},
    {"font_size", "fs", T::Integer, 1, 1000, "", "Font size in pixels", false},
    {"font_family", "ff", T::Text, 0, 0, "Roboto|Lato|Montserrat|Ubuntu|Lobster|Arvo|Kanit|Lora", "Font family: a built-in font name, or a custom font file uploaded to the library", false},
    {"color", "co", T::Color, 0, 0, "", "Text colour (hex RGB/RGBA or a name)", false},
    {"background", "bg", T::Color, 0, 0, "", "Background colour of the text box", false},
    {"padding", "pa", T::Text, 0, 0, "", "Padding around the text in pixels: one value, or top_right_bottom_left such as 10_20_10_20", false},
    {"inner_alignment", "ia", T::Choice, 0, 0, "left|right|center", "Alignment of the lines inside the text box", false},
    {"typography", "tg", T::Choice, 0, 0, "b|i|b_i", "Text style: b bold, i italic, b_i both", false},
    {"alpha", "al", T::Integer, 1, 9, "", "Transparency of the text, 1 (almost transparent) to 9", false},
    {"radius", "r", T::Text, 0, 0, "max", "Corner radius of the text box in pixels, or max", false},
    {"rotation", "rt", T::Text, 0, 0, "0|90|180|270", "Rotation of the text in degrees clockwise (N40 for counter-clockwise)", false},
};

constexpr TransformParameter kImageLayerParameters[] = {
    {"layer_x", "lx", T::Dimension, 0, 0, "", "Left edge of the layer from the base image's left, in pixels (N20 for -20) or an expression (bw_sub_cw)", false},
    {"layer_y", "ly", T::Dimension, 0, 0, "", "Top edge of the layer from the base image's top, in pixels (N20 for -20) or an expression (bh_sub_ch)", false},
    {"layer_focus", "lfo", T::Choice, 0, 0, kPositions, "Where to place the layer on the base image when no x/y is given", false},
    {"width", "w", T::Dimension, 0, 0, "", "Width of the overlay image in pixels, a 0-1 fraction, or an expression (bw_mul_0.4)", false},
    {"height", "h", T::Dimension, 0, 0, "", "Height of the overlay image in pixels, a 0-1 fraction, or an expression (bh_mul_0.4)", false},
    {"aspect_ratio", "ar", T::Text, 0, 0, "", "Aspect ratio of the overlay as width-height (4-3)", false},
    {"crop", "c", T::Choice, 0, 0, "maintain_ratio|force|at_max|at_max_enlarge|at_least", "Crop strategy of the overlay when both width and height are given", false},
    {"crop_mode", "cm", T::Choice, 0, 0, "pad_resize|extract|pad_extract", "Crop mode of the overlay: pad to fit, or extract a region", false},
    {"focus", "fo", T::Choice, 0, 0, "center|top|left|bottom|right|top_left|top_right|bottom_left|bottom_right|auto|face", "Which part of the overlay to keep when cropping it", false},
    {"quality", "q", T::Integer, 1, 100, "", "Quality of the overlay, 1-100", false},
    {"blur", "bl", T::Integer, 1, 100, "", "Gaussian blur of the overlay, 1-100", false},
    {"radius", "r", T::Text, 0, 0, "max", "Corner radius of the overlay in pixels, or max", false},
    {"rotation", "rt", T::Text, 0, 0, "0|90|180|270|auto", "Rotation of the overlay in degrees clockwise (N40 for counter-clockwise)", false},
    {"border", "b", T::Text, 0, 0, "", "Border of the overlay as width_colour, e.g. 5_FFF000", false},
    {"background", "bg", T::Color, 0, 0, "", "Background colour of the overlay when it is padded", false},
    {"trim", "t", T::Text, 0, 0, "true", "Trim the overlay's solid border: true, or a threshold 1-99", false},
    {"effect_gray", "e-grayscale", T::FlagOrValue, 0, 0, "", "Grayscale overlay: - to apply", false},
};

// Keys are views into `names`, so lookups by QStringView need no allocation (the builder does
// one per transformation parameter).
struct NameIndex
{
    QList<QString> names;
    QHash<QStringView, const TransformParameter *> byName;

    NameIndex()
    {
        names.reserve(std::size(kParameters));
        for (const auto &parameter : kParameters)
            names.append(QString::fromLatin1(parameter.name));
        for (qsizetype i = 0; i < names.size(); ++i)
            byName.insert(QStringView(names.at(i)), &kParameters[i]);
    }
};

const NameIndex &nameIndex()
{
    static const NameIndex index;
    return index;
}

// Codes of one table, by code. Where two entries share a code (only "oa" in the main table) the
// later one wins: overlay_alpha, which applies to image and text overlays alike.
struct CodeIndex
{
    QList<QString> codes;
    QHash<QStringView, const TransformParameter *> byCode;

    explicit CodeIndex(std::span<const TransformParameter> table)
    {
        codes.reserve(qsizetype(table.size()));
        for (const auto &parameter : table)
            codes.append(QString::fromLatin1(parameter.code));
        for (qsizetype i = 0; i < codes.size(); ++i)
            byCode.insert(QStringView(codes.at(i)), &table[size_t(i)]);
    }
};

} // namespace

QStringList TransformParameter::allowedValueList() const
{
    const QString all = QString::fromLatin1(allowedValues);
    return all.isEmpty() ? QStringList() : all.split(QLatin1Char('|'));
}

std::span<const TransformParameter> transformParameters()
{
    return kParameters;
}

const TransformParameter *findTransformParameter(QStringView name)
{
    return nameIndex().byName.value(name, nullptr);
}

const TransformParameter *findTransformParameterByCode(QStringView code)
{
    static const CodeIndex index(kParameters);
    return index.byCode.value(code, nullptr);
}

std::span<const TransformParameter> textLayerParameters()
{
    return kTextLayerParameters;
}

std::span<const TransformParameter> imageLayerParameters()
{
    return kImageLayerParameters;
}

const TransformParameter *findTextLayerParameter(QStringView code)
{
    static const CodeIndex index(kTextLayerParameters);
    return index.byCode.value(code, nullptr);
}

const TransformParameter *findImageLayerParameter(QStringView code)
{
    static const CodeIndex index(kImageLayerParameters);
    return index.byCode.value(code, nullptr);
}

} // namespace ik
