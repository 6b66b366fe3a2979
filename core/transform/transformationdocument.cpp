#include "transform/transformationdocument.h"

#include "url/transformparameters.h"
#include "url/urlbuilder.h"
#include "url/urlencoding.h"

#include <QByteArray>

namespace ik {

namespace {

bool isPlainLayerCharacter(QChar c, bool allowSlash)
{
    const char16_t u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-' || u == '.'
        || u == '_' || u == ' ' || (allowSlash && u == '/');
}

bool isPlainText(QStringView text, bool allowSlash)
{
    for (const QChar c : text) {
        if (!isPlainLayerCharacter(c, allowSlash))
            return false;
    }
    return true;
}

// Base64 with '+', '/' and '=' percent-encoded: a '/' would end the tr: path segment and '+'
// would read as a space in the query.
QString encodedBase64(const QString &text)
{
    const QByteArray base64 = text.toUtf8().toBase64();
    QString out;
    out.reserve(base64.size() + 12);
    for (const char c : base64) {
        if (c == '+')
            out.append(QLatin1String("%2B"));
        else if (c == '/')
            out.append(QLatin1String("%2F"));
        else if (c == '=')
            out.append(QLatin1String("%3D"));
        else
            out.append(QLatin1Char(c));
    }
    return out;
}

void appendCodeValue(QString &out, const std::pair<QString, QString> &parameter)
{
    out.append(parameter.first);
    if (parameter.second == QLatin1String("-"))
        return; // the bare code, as the URL builder writes it
    out.append(QLatin1Char('-'));
    out.append(parameter.second);
}

// The part of a step the URL builder cannot name: its layers and raw text, in URL order.
QString layersAndRaw(const TransformationStepSpec &step)
{
    QString out;
    for (const LayerSpec &layer : step.layers) {
        if (!out.isEmpty())
            out.append(QLatin1Char(','));
        out.append(layerText(layer));
    }
    if (!step.raw.isEmpty()) {
        if (!out.isEmpty())
            out.append(QLatin1Char(','));
        out.append(step.raw);
    }
    return out;
}

} // namespace

bool isPlainLayerInput(QStringView text)
{
    return isPlainText(text, false);
}

QString layerText(const LayerSpec &layer)
{
    QString out = layer.kind == LayerSpec::Kind::Text ? QStringLiteral("l-text,") : QStringLiteral("l-image,");
    if (layer.kind == LayerSpec::Kind::Text) {
        if (isPlainText(layer.input, false))
            out.append(QLatin1String("i-") + layer.input);
        else
            out.append(QLatin1String("ie-") + encodedBase64(layer.input));
    } else {
        const QString path = urlencoding::withoutOuterSlashes(layer.input).toString();
        if (isPlainText(path, true)) {
            QString atPath = path;
            atPath.replace(QLatin1Char('/'), QLatin1String("@@"));
            out.append(QLatin1String("i-") + atPath);
        } else {
            out.append(QLatin1String("ie-") + encodedBase64(path));
        }
    }
    for (const auto &parameter : layer.parameters) {
        out.append(QLatin1Char(','));
        if (parameter.first == QLatin1String("ff") && parameter.second.contains(QLatin1Char('/'))) {
            QString atPath = urlencoding::withoutOuterSlashes(parameter.second).toString();
            atPath.replace(QLatin1Char('/'), QLatin1String("@@"));
            out.append(QLatin1String("ff-") + atPath);
        } else {
            appendCodeValue(out, parameter);
        }
    }
    out.append(QLatin1String(",l-end"));
    return out;
}

namespace {

// Why a value cannot go into the URL as is, or empty.
QString valueProblem(const QString &value, bool isPath)
{
    if (value.contains(QLatin1Char(',')) || value.contains(QLatin1Char(':')))
        return QStringLiteral("contains ',' or ':', which separate parameters and steps");
    if (!isPath && value.contains(QLatin1Char('/')))
        return QStringLiteral("contains '/', which would end the transformation part of the URL");
    return QString();
}

void checkParameters(const TransformCodeValues &parameters, const QString &where, bool inLayer, QStringList &problems)
{
    for (const auto &[code, value] : parameters) {
        if (code.isEmpty() || code.contains(QLatin1Char(',')) || code.contains(QLatin1Char(':')) || code.contains(QLatin1Char('/'))
            || code.contains(QLatin1Char(' '))) {
            problems.append(QStringLiteral("%1: \"%2\" is not a parameter code").arg(where, code));
            continue;
        }
        const TransformParameter *parameter = inLayer ? nullptr : findTransformParameterByCode(code);
        const bool isPath = (parameter && parameter->valueType == TransformValueType::Path) || (inLayer && code == QLatin1String("ff"));
        const QString problem = valueProblem(value, isPath);
        if (!problem.isEmpty())
            problems.append(QStringLiteral("%1: the value of %2 (\"%3\") %4").arg(where, code, value, problem));
    }
}

} // namespace

QStringList transformationProblems(const TransformationDocument &document)
{
    QStringList problems;
    if (document.path.trimmed().isEmpty() && document.src.trimmed().isEmpty())
        problems.append(QStringLiteral("Choose a file, or give the complete URL of an image"));
    if (document.expireSeconds < 0)
        problems.append(QStringLiteral("The expiry must be 0 (never) or a number of seconds"));
    for (qsizetype s = 0; s < document.steps.size(); ++s) {
        const TransformationStepSpec &step = document.steps.at(s);
        if (!step.enabled)
            continue;
        const QString where = QStringLiteral("Step %1").arg(s + 1);
        checkParameters(step.parameters, where, false, problems);
        for (qsizetype l = 0; l < step.layers.size(); ++l) {
            const LayerSpec &layer = step.layers.at(l);
            const bool text = layer.kind == LayerSpec::Kind::Text;
            const QString layerWhere = QStringLiteral("%1, %2 layer %3").arg(where, text ? QStringLiteral("text") : QStringLiteral("image")).arg(l + 1);
            if (urlencoding::withoutOuterSlashes(layer.input).trimmed().isEmpty())
                problems.append(text ? QStringLiteral("%1 has no text").arg(layerWhere)
                                     : QStringLiteral("%1 needs the path of an image in the library").arg(layerWhere));
            checkParameters(layer.parameters, layerWhere, true, problems);
        }
        if (step.raw.contains(QLatin1Char('/')) && document.src.isEmpty() && document.position == TransformationPosition::Path)
            problems.append(QStringLiteral("%1: the raw text contains '/', which would end the transformation part of the URL").arg(where));
    }
    return problems;
}

QList<TransformationStepSpec> TransformationDocument::effectiveSteps() const
{
    QList<TransformationStepSpec> out;
    for (const TransformationStepSpec &step : steps) {
        if (step.enabled && !step.isEmpty())
            out.append(step);
    }
    return out;
}

UrlOptions TransformationDocument::toUrlOptions() const
{
    UrlOptions options;
    options.path = path;
    options.src = src;
    options.transformationPosition = position;
    options.sign = sign;
    options.expireSeconds = expireSeconds;
    for (const auto &[key, value] : queryParameters)
        options.queryParameters.append({key, UrlValue(value)});
    static const QString rawName = QStringLiteral("raw");
    for (const TransformationStepSpec &step : steps) {
        if (!step.enabled || step.isEmpty())
            continue;
        TransformationStep urlStep;
        urlStep.reserve(step.parameters.size() + 1);
        // Codes double as names: UrlBuilder maps table names to codes and passes other names
        // through, and no code is the name of another entry (tests/builder checks this). Path
        // codes (di) get their '@@' from the builder.
        for (const auto &[code, value] : step.parameters)
            urlStep.append({code, UrlValue(value)});
        const QString tail = layersAndRaw(step);
        if (!tail.isEmpty())
            urlStep.append({rawName, UrlValue(tail)});
        options.transformation.append(std::move(urlStep));
    }
    return options;
}

QString transformationChainText(const QList<TransformationStepSpec> &steps)
{
    // Exactly what the URL builder writes (di paths, bare codes), so the two never disagree.
    TransformationDocument document;
    document.steps = steps;
    return UrlBuilder::transformationString(document.toUrlOptions().transformation);
}

} // namespace ik
