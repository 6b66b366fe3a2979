#include "transform/presets.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSaveFile>

namespace ik {

namespace {

const QString kListFormat = QStringLiteral("mediadesk-transformation-presets");
const QString kPresetFormat = QStringLiteral("mediadesk-transformation-preset");
constexpr int kFormatVersion = 1;

QJsonArray codeValuesToJson(const TransformCodeValues &parameters)
{
    QJsonArray array;
    for (const auto &[code, value] : parameters)
        array.append(QJsonArray{code, value});
    return array;
}

QJsonObject stepToJson(const TransformationStepSpec &step)
{
    QJsonArray layers;
    for (const LayerSpec &layer : step.layers) {
        layers.append(QJsonObject{
            {QStringLiteral("kind"), layer.kind == LayerSpec::Kind::Text ? QStringLiteral("text") : QStringLiteral("image")},
            {QStringLiteral("input"), layer.input},
            {QStringLiteral("parameters"), codeValuesToJson(layer.parameters)},
        });
    }
    return QJsonObject{
        {QStringLiteral("enabled"), step.enabled},
        {QStringLiteral("parameters"), codeValuesToJson(step.parameters)},
        {QStringLiteral("layers"), layers},
        {QStringLiteral("raw"), step.raw},
    };
}

QJsonObject presetToObject(const TransformationPreset &preset)
{
    QJsonArray steps;
    for (const TransformationStepSpec &step : preset.steps)
        steps.append(stepToJson(step));
    return QJsonObject{{QStringLiteral("name"), preset.name}, {QStringLiteral("steps"), steps}};
}

// Readers: each returns false with `error` naming the place ("step 2: layer 1: ...").
bool readCodeValues(const QJsonValue &json, TransformCodeValues &out, QString &error)
{
    if (json.isUndefined())
        return true;
    if (!json.isArray()) {
        error = QStringLiteral("\"parameters\" must be a list of [code, value] pairs");
        return false;
    }
    const QJsonArray array = json.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonArray pair = array.at(i).toArray();
        if (!array.at(i).isArray() || pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isString()
            || pair.at(0).toString().isEmpty()) {
            error = QStringLiteral("parameter %1 must be [code, value] with two strings, e.g. [\"w\", \"300\"]").arg(i + 1);
            return false;
        }
        out.append({pair.at(0).toString(), pair.at(1).toString()});
    }
    return true;
}

bool readString(const QJsonObject &object, const QString &key, QString &out, QString &error)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return true;
    if (!value.isString()) {
        error = QStringLiteral("\"%1\" must be a string").arg(key);
        return false;
    }
    out = value.toString();
    return true;
}

bool readLayer(const QJsonValue &json, LayerSpec &layer, QString &error)
{
    if (!json.isObject()) {
        error = QStringLiteral("must be an object with kind, input and parameters");
        return false;
    }
    const QJsonObject object = json.toObject();
    const QString kind = object.value(QStringLiteral("kind")).toString();
    if (kind == QLatin1String("text")) {
        layer.kind = LayerSpec::Kind::Text;
    } else if (kind == QLatin1String("image")) {
        layer.kind = LayerSpec::Kind::Image;
    } else {
        error = QStringLiteral("\"kind\" must be \"text\" or \"image\"");
        return false;
    }
    if (!object.value(QStringLiteral("input")).isString()) {
        error = QStringLiteral("\"input\" (the text, or the image's path) must be a string");
        return false;
    }
    layer.input = object.value(QStringLiteral("input")).toString();
    return readCodeValues(object.value(QStringLiteral("parameters")), layer.parameters, error);
}

bool readStep(const QJsonValue &json, TransformationStepSpec &step, QString &error)
{
    if (!json.isObject()) {
        error = QStringLiteral("must be an object with parameters, layers and raw");
        return false;
    }
    const QJsonObject object = json.toObject();
    const QJsonValue enabled = object.value(QStringLiteral("enabled"));
    if (!enabled.isUndefined() && !enabled.isBool()) {
        error = QStringLiteral("\"enabled\" must be true or false");
        return false;
    }
    step.enabled = enabled.toBool(true);
    if (!readCodeValues(object.value(QStringLiteral("parameters")), step.parameters, error))
        return false;
    const QJsonValue layers = object.value(QStringLiteral("layers"));
    if (!layers.isUndefined() && !layers.isArray()) {
        error = QStringLiteral("\"layers\" must be a list");
        return false;
    }
    const QJsonArray layerArray = layers.toArray();
    for (qsizetype i = 0; i < layerArray.size(); ++i) {
        LayerSpec layer;
        if (!readLayer(layerArray.at(i), layer, error)) {
            error = QStringLiteral("layer %1: %2").arg(i + 1).arg(error);
            return false;
        }
        step.layers.append(std::move(layer));
    }
    return readString(object, QStringLiteral("raw"), step.raw, error);
}

bool readPreset(const QJsonObject &object, TransformationPreset &preset, QString &error)
{
    const QJsonValue name = object.value(QStringLiteral("name"));
    if (!name.isString() || name.toString().trimmed().isEmpty()) {
        error = QStringLiteral("a preset needs a \"name\" (a non-empty string)");
        return false;
    }
    preset.name = name.toString().trimmed();
    const QJsonValue steps = object.value(QStringLiteral("steps"));
    if (!steps.isArray()) {
        error = QStringLiteral("\"steps\" must be a list of steps");
        return false;
    }
    const QJsonArray stepArray = steps.toArray();
    for (qsizetype i = 0; i < stepArray.size(); ++i) {
        TransformationStepSpec step;
        if (!readStep(stepArray.at(i), step, error)) {
            error = QStringLiteral("step %1: %2").arg(i + 1).arg(error);
            return false;
        }
        preset.steps.append(std::move(step));
    }
    return true;
}

// Reads either file kind into a list.
PresetParse readPresetFile(QByteArrayView json)
{
    PresetParse result;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = QStringLiteral("Not a JSON file: %1 at byte %2").arg(parseError.errorString()).arg(parseError.offset);
        return result;
    }
    if (!document.isObject()) {
        result.error = QStringLiteral("Not a presets file: expected a JSON object with \"format\": \"%1\"").arg(kListFormat);
        return result;
    }
    const QJsonObject root = document.object();
    const QString format = root.value(QStringLiteral("format")).toString();
    if (format != kListFormat && format != kPresetFormat) {
        result.error = QStringLiteral("Not a Mediadesk presets file: \"format\" should be \"%1\" or \"%2\"").arg(kListFormat, kPresetFormat);
        return result;
    }
    const QJsonValue version = root.value(QStringLiteral("version"));
    if (!version.isDouble() || version.toDouble() < 1 || version.toDouble() != double(version.toInt())) {
        result.error = QStringLiteral("The presets file has no valid \"version\" (expected %1)").arg(kFormatVersion);
        return result;
    }
    if (version.toInt() > kFormatVersion) {
        result.error = QStringLiteral("The presets file is version %1, written by a newer Mediadesk; this one reads version %2")
                           .arg(version.toInt()).arg(kFormatVersion);
        return result;
    }
    if (format == kPresetFormat) {
        TransformationPreset preset;
        if (!readPreset(root, preset, result.error)) {
            result.error = QStringLiteral("Preset: %1").arg(result.error);
            return result;
        }
        result.presets.append(std::move(preset));
        return result;
    }
    const QJsonValue presets = root.value(QStringLiteral("presets"));
    if (!presets.isArray()) {
        result.error = QStringLiteral("\"presets\" must be a list of presets");
        return result;
    }
    const QJsonArray presetArray = presets.toArray();
    for (qsizetype i = 0; i < presetArray.size(); ++i) {
        TransformationPreset preset;
        if (!presetArray.at(i).isObject() || !readPreset(presetArray.at(i).toObject(), preset, result.error)) {
            const QString name = presetArray.at(i).toObject().value(QStringLiteral("name")).toString();
            result.error = QStringLiteral("Preset %1%2: %3")
                               .arg(i + 1)
                               .arg(name.isEmpty() ? QString() : QStringLiteral(" (\"%1\")").arg(name),
                                    result.error.isEmpty() ? QStringLiteral("must be an object with name and steps") : result.error);
            result.presets.clear();
            return result;
        }
        result.presets.append(std::move(preset));
    }
    return result;
}

} // namespace

QByteArray presetToJson(const TransformationPreset &preset)
{
    QJsonObject root = presetToObject(preset);
    root.insert(QStringLiteral("format"), kPresetFormat);
    root.insert(QStringLiteral("version"), kFormatVersion);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QByteArray presetsToJson(const QList<TransformationPreset> &presets)
{
    QJsonArray array;
    for (const TransformationPreset &preset : presets)
        array.append(presetToObject(preset));
    const QJsonObject root{
        {QStringLiteral("format"), kListFormat},
        {QStringLiteral("version"), kFormatVersion},
        {QStringLiteral("presets"), array},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

PresetParse presetFromJson(QByteArrayView json)
{
    PresetParse result = readPresetFile(json);
    if (result.ok() && result.presets.size() != 1) {
        result.error = QStringLiteral("The file holds %1 presets, not one: import it as a list").arg(result.presets.size());
        result.presets.clear();
    }
    return result;
}

PresetParse presetsFromJson(QByteArrayView json)
{
    return readPresetFile(json);
}

const TransformationPreset *PresetCollection::find(const QString &name) const
{
    const QString wanted = name.trimmed();
    for (const auto &preset : m_presets) {
        if (preset.name.compare(wanted, Qt::CaseInsensitive) == 0)
            return &preset;
    }
    return nullptr;
}

void PresetCollection::save(const TransformationPreset &preset)
{
    TransformationPreset cleaned = preset;
    cleaned.name = preset.name.trimmed();
    for (auto &existing : m_presets) {
        if (existing.name.compare(cleaned.name, Qt::CaseInsensitive) == 0) {
            existing = std::move(cleaned);
            return;
        }
    }
    m_presets.append(std::move(cleaned));
}

bool PresetCollection::remove(const QString &name)
{
    const QString wanted = name.trimmed();
    for (qsizetype i = 0; i < m_presets.size(); ++i) {
        if (m_presets.at(i).name.compare(wanted, Qt::CaseInsensitive) == 0) {
            m_presets.removeAt(i);
            return true;
        }
    }
    return false;
}

QStringList PresetCollection::import(const QList<TransformationPreset> &presets)
{
    QStringList names;
    for (TransformationPreset preset : presets) {
        const QString base = preset.name.trimmed();
        preset.name = base;
        for (int n = 2; find(preset.name); ++n)
            preset.name = QStringLiteral("%1 (%2)").arg(base).arg(n);
        names.append(preset.name);
        m_presets.append(std::move(preset));
    }
    return names;
}

bool PresetCollection::loadFile(const QString &fileName, QString *error)
{
    QFile file(fileName);
    if (!file.exists()) {
        m_presets.clear();
        return true;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("Cannot read %1: %2").arg(fileName, file.errorString());
        return false;
    }
    PresetParse parsed = presetsFromJson(file.readAll());
    if (!parsed.ok()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(fileName, parsed.error);
        return false; // the collection keeps what it had: nothing is lost
    }
    m_presets = std::move(parsed.presets);
    return true;
}

bool PresetCollection::saveFile(const QString &fileName, QString *error) const
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(presetsToJson(m_presets)) < 0 || !file.commit()) {
        if (error)
            *error = QStringLiteral("Cannot write %1: %2").arg(fileName, file.errorString());
        return false;
    }
    return true;
}

} // namespace ik
