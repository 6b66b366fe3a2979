#pragma once

#include <QLatin1String>
#include <QStringList>
#include <QStringView>

#include <span>

namespace ik {

// What kind of value a transformation parameter takes: enough for a visual editor to pick a
// widget and validate input. The URL builder itself never rejects a value (ImageKit evolves
// faster than any table), it only uses the code.
enum class TransformValueType {
    Dimension,   // pixels, a 0-1 fraction of the original, or an expression such as iw_div_2
    Integer,     // a whole number within [minimum, maximum]
    Number,      // a decimal number within [minimum, maximum]
    Boolean,     // true or false
    Choice,      // one of allowedValues
    Color,       // hex RGB or RGBA (F3F3F3, AAFF0010) or a colour name
    Path,        // a file path in the media library; the builder turns '/' into '@@'
    Text,        // free text
    FlagOrValue, // "-" for the bare effect, or a value that tunes it
    Raw,         // text inserted into the URL as is (e.g. layers: l-text,i-Hi,l-end)
};

struct TransformParameter
{
    const char *name;          // the seed SDK's name, e.g. "height"
    const char *code;          // what goes into the URL, e.g. "h"
    TransformValueType valueType;
    double minimum;            // for Integer/Number (and Dimension in pixels); both 0 when unused
    double maximum;
    const char *allowedValues; // for Choice (and known keywords of others): '|'-separated, or ""
    const char *help;          // one line for tooltips and `--help`
    bool legacyOverlay;        // a 3.x overlay_* name: kept from the seed README, superseded by layers

    QLatin1String nameText() const { return QLatin1String(name); }
    QLatin1String codeText() const { return QLatin1String(code); }
    QStringList allowedValueList() const;
    bool hasRange() const { return minimum != 0 || maximum != 0; }
};

// Every name of the seed README's table plus effect_shadow/effect_gradient (SDK 4.x), in the
// README's order. One table: the URL builder, the CLI help and the visual editor all read it.
std::span<const TransformParameter> transformParameters();

// The entry for a name such as "height"; nullptr for names outside the table (those pass
// through to the URL unchanged).
const TransformParameter *findTransformParameter(QStringView name);

// The entry for a URL code such as "h"; nullptr for codes outside the table. Two names share
// the code "oa" (overlay_text_transparency and overlay_alpha): this returns overlay_alpha, the
// one that also applies to image overlays. "raw" is not a URL code (its text goes in as is) but
// is found too.
const TransformParameter *findTransformParameterByCode(QStringView code);

// The parameters of a layer's own nested transformation (l-text,i-Hi,<these>,l-end), with the
// same fields: position (lx, ly, lfo), size, and styling. Names follow the newer SDKs in
// snake_case ("font_size"); legacyOverlay is always false.
std::span<const TransformParameter> textLayerParameters();
std::span<const TransformParameter> imageLayerParameters();
const TransformParameter *findTextLayerParameter(QStringView code);
const TransformParameter *findImageLayerParameter(QStringView code);

} // namespace ik
