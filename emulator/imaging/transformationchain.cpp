#include "imaging/transformationchain.h"

#include <QStringList>

namespace ikemu {

TransformParameter parseTransformParameter(const QString &text)
{
    TransformParameter parameter;
    parameter.raw = text;
    if (text.startsWith(QLatin1String("e-"))) {
        // e-<name>[-<value>]: the effect name is part of the code.
        const qsizetype dash = text.indexOf(QLatin1Char('-'), 2);
        parameter.code = dash < 0 ? text : text.left(dash);
        parameter.value = dash < 0 ? QString() : text.mid(dash + 1);
        return parameter;
    }
    const qsizetype dash = text.indexOf(QLatin1Char('-'));
    parameter.code = dash < 0 ? text : text.left(dash);
    parameter.value = dash < 0 ? QString() : text.mid(dash + 1);
    return parameter;
}

QString parseTransformationChain(const QString &chain, QList<TransformStep> *steps)
{
    steps->clear();
    const QStringList stepTexts = chain.split(QLatin1Char(':'), Qt::SkipEmptyParts);
    for (const QString &stepText : stepTexts) {
        TransformStep step;
        TransformLayer *openLayer = nullptr;
        const QStringList parameterTexts = stepText.split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &rawParameter : parameterTexts) {
            const QString trimmed = rawParameter.trimmed();
            if (trimmed.isEmpty())
                continue;
            const TransformParameter parameter = parseTransformParameter(trimmed);
            if (parameter.code.isEmpty())
                return QStringLiteral("Invalid transformation parameter \"%1\": it has no name").arg(trimmed);
            if (parameter.code == QLatin1String("l")) {
                if (parameter.value == QLatin1String("end")) {
                    if (!openLayer)
                        return QStringLiteral("Invalid transformation: \"l-end\" without a layer to close");
                    openLayer = nullptr;
                    continue;
                }
                if (openLayer)
                    return QStringLiteral("Invalid transformation: layer \"l-%1\" starts before \"l-%2\" is closed with \"l-end\"")
                        .arg(parameter.value, openLayer->type);
                if (parameter.value.isEmpty())
                    return QStringLiteral("Invalid transformation: \"l\" needs a layer type such as l-text or l-image");
                step.layers.append(TransformLayer{parameter.value, {}});
                openLayer = &step.layers.last();
                continue;
            }
            if (openLayer)
                openLayer->parameters.append(parameter);
            else
                step.parameters.append(parameter);
        }
        // A layer still open at the end of its step ends there: a forgotten l-end is not worth a 400.
        steps->append(step);
    }
    return {};
}

} // namespace ikemu
