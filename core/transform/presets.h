#pragma once

#include "transform/transformationdocument.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

namespace ik {

// A named chain of steps (no path, src or URL options), applied to any file.
struct TransformationPreset
{
    QString name;
    QList<TransformationStepSpec> steps;

    bool operator==(const TransformationPreset &) const = default;
};

struct PresetParse
{
    QList<TransformationPreset> presets;
    QString error; // empty on success: "preset 2 (\"Thumb\"): step 1: parameter 3 must be [code, value]"
    bool ok() const { return error.isEmpty(); }
};

// JSON files of presets, with a format name and version so future versions can read old files:
// {"format": "mediadesk-transformation-presets", "version": 1, "presets": [{"name": "Thumb",
//  "steps": [{"enabled": true, "parameters": [["w","300"],["h","200"]], "layers": [{"kind":
//  "text", "input": "Hi", "parameters": [["fs","40"]]}], "raw": ""}]}]}.
// Parameters are [code, value] pairs so their order survives any JSON tool.
QByteArray presetToJson(const TransformationPreset &preset);
QByteArray presetsToJson(const QList<TransformationPreset> &presets);
// Read one preset (its own file) or a list. Each accepts both file kinds: a single-preset file
// read as a list gives a list of one; a list read as one preset is an error unless it holds one.
PresetParse presetFromJson(QByteArrayView json);
PresetParse presetsFromJson(QByteArrayView json);

// Presets kept by name (the builder's Presets menu). Names are unique, compared
// case-insensitively; saving under an existing name replaces that preset in place.
class PresetCollection
{
public:
    const QList<TransformationPreset> &presets() const { return m_presets; }
    const TransformationPreset *find(const QString &name) const;
    void save(const TransformationPreset &preset);
    bool remove(const QString &name);
    // Adds imported presets; a name already present gets " (2)", " (3)" ... Returns the names used.
    QStringList import(const QList<TransformationPreset> &presets);

    // A JSON file as written by presetsToJson(); a missing file is an empty collection. Writing
    // goes through QSaveFile, so a crash never leaves half a file. Errors come back as text.
    bool loadFile(const QString &fileName, QString *error = nullptr);
    bool saveFile(const QString &fileName, QString *error = nullptr) const;

private:
    QList<TransformationPreset> m_presets;
};

} // namespace ik
