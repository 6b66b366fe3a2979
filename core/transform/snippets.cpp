#include "transform/snippets.h"

#include "url/transformparameters.h"
#include "url/urlbuilder.h"
#include "util/casing.h"

#include <QSet>

namespace ik {

namespace {

// A JSON string literal (also a valid Python 3 and JavaScript literal): quotes, backslashes and
// control characters escaped, everything else as is.
QString quoted(const QString &text)
{
    QString out;
    out.reserve(text.size() + 2);
    out.append(QLatin1Char('"'));
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == '"' || u == '\\') {
            out.append(QLatin1Char('\\'));
            out.append(c);
        } else if (u == '\n') {
            out.append(QLatin1String("\\n"));
        } else if (u == '\t') {
            out.append(QLatin1String("\\t"));
        } else if (u == '\r') {
            out.append(QLatin1String("\\r"));
        } else if (u < 0x20 || u == 0x7f || u == 0x2028 || u == 0x2029) {
            out.append(QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0')));
        } else {
            out.append(c);
        }
    }
    out.append(QLatin1Char('"'));
    return out;
}

using NamedValues = QList<std::pair<QString, QString>>;

// One step as (SDK name, value) entries: table names while they are unique, then everything
// else in one "raw" entry in the order the URL builder writes it, so the URL does not change.
NamedValues namedStep(const TransformationStepSpec &step)
{
    NamedValues entries;
    QSet<QString> usedNames;
    qsizetype named = 0;
    for (; named < step.parameters.size(); ++named) {
        const QString &code = step.parameters.at(named).first;
        const TransformParameter *parameter = code == QLatin1String("raw") ? nullptr : findTransformParameterByCode(code);
        if (!parameter || usedNames.contains(parameter->nameText()))
            break;
        usedNames.insert(parameter->nameText());
        entries.append({parameter->nameText(), step.parameters.at(named).second});
    }
    TransformationStepSpec rest;
    rest.parameters = step.parameters.mid(named);
    rest.layers = step.layers;
    rest.raw = step.raw;
    const QString tail = transformationChainText({rest});
    if (!tail.isEmpty())
        entries.append({QStringLiteral("raw"), tail});
    return entries;
}

QString snakeToCamel(const QString &name)
{
    if (name == QLatin1String("effect_usm"))
        return QStringLiteral("effectUSM"); // the JavaScript SDKs' spelling
    return casing::snakeToLowerCamel(name);
}

bool isJsIdentifier(const QString &text)
{
    if (text.isEmpty() || text.at(0).isDigit())
        return false;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (!((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' || u == '$'))
            return false;
    }
    return true;
}

enum class Language { Json, Python, JavaScript };

QString booleanText(bool value, Language language)
{
    if (language == Language::Python)
        return value ? QStringLiteral("True") : QStringLiteral("False");
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

// The url() options as (key, value text) entries in the seed's order; names per language.
QList<std::pair<QString, QString>> optionEntries(const TransformationDocument &document, Language language)
{
    const bool js = language == Language::JavaScript;
    auto key = [&](const char *snake, const char *camel) {
        return js ? QString::fromLatin1(camel) : quoted(QString::fromLatin1(snake));
    };
    auto objectKey = [&](const QString &name) { return js && isJsIdentifier(name) ? name : quoted(name); };
    const QString colon = js ? QStringLiteral(": ") : QStringLiteral(": ");

    QList<std::pair<QString, QString>> entries;
    if (!document.path.isEmpty())
        entries.append({key("path", "path"), quoted(document.path)});
    else
        entries.append({key("src", "src"), quoted(document.src)});

    const QList<TransformationStepSpec> steps = document.effectiveSteps();
    if (!steps.isEmpty()) {
        QStringList stepTexts;
        for (const TransformationStepSpec &step : steps) {
            QStringList members;
            for (const auto &[name, value] : namedStep(step))
                members.append(objectKey(js ? snakeToCamel(name) : name) + colon + quoted(value));
            stepTexts.append(js ? QStringLiteral("{ %1 }").arg(members.join(QLatin1String(", ")))
                                : QStringLiteral("{%1}").arg(members.join(QLatin1String(", "))));
        }
        entries.append({key("transformation", "transformation"), QLatin1Char('[') + stepTexts.join(QLatin1String(", ")) + QLatin1Char(']')});
    }
    if (document.position == TransformationPosition::Query)
        entries.append({key("transformation_position", "transformationPosition"), quoted(QStringLiteral("query"))});
    if (!document.queryParameters.isEmpty()) {
        QStringList members;
        for (const auto &[name, value] : document.queryParameters)
            members.append(objectKey(name) + colon + quoted(value));
        entries.append({key("query_parameters", "queryParameters"),
                        js ? QStringLiteral("{ %1 }").arg(members.join(QLatin1String(", ")))
                           : QStringLiteral("{%1}").arg(members.join(QLatin1String(", ")))});
    }
    if (document.sign) {
        entries.append({key("signed", "signed"), booleanText(true, language)});
        if (document.expireSeconds > 0)
            entries.append({key("expire_seconds", "expireSeconds"), QString::number(document.expireSeconds)});
    }
    return entries;
}

// {\n    key: value,\n ...} with the given separator after each line but the last.
QString multiLineObject(const QList<std::pair<QString, QString>> &entries, bool trailingComma)
{
    QString out = QStringLiteral("{\n");
    for (qsizetype i = 0; i < entries.size(); ++i) {
        out.append(QLatin1String("    ") + entries.at(i).first + QLatin1String(": ") + entries.at(i).second);
        if (i + 1 < entries.size() || trailingComma)
            out.append(QLatin1Char(','));
        out.append(QLatin1Char('\n'));
    }
    out.append(QLatin1Char('}'));
    return out;
}

// The last path segment of a URL, for curl's output file.
QString outputFileName(const QString &url)
{
    QString path = url.section(QLatin1Char('?'), 0, 0).section(QLatin1Char('#'), 0, 0);
    QString name = path.section(QLatin1Char('/'), -1);
    QString safe;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '.' || u == '-' || u == '_')
            safe.append(c);
    }
    if (safe.isEmpty() || safe.startsWith(QLatin1Char('.')) || safe.startsWith(QLatin1Char('-')))
        safe.prepend(QLatin1String("image"));
    return safe;
}

} // namespace

QString urlOptionsJson(const TransformationDocument &document)
{
    QStringList members;
    for (const auto &[key, value] : optionEntries(document, Language::Json))
        members.append(key + QLatin1String(": ") + value);
    return QLatin1Char('{') + members.join(QLatin1String(", ")) + QLatin1Char('}');
}

QString pythonSnippet(const TransformationDocument &document, const QString &urlEndpoint)
{
    // No trailing comma in the options dict: it stays JSON apart from True/False.
    return QStringLiteral("# pip install imagekitio\n"
                          "from imagekitio import ImageKit\n"
                          "\n"
                          "imagekit = ImageKit(\n"
                          "    private_key=\"your_private_key\",\n"
                          "    public_key=\"your_public_key\",\n"
                          "    url_endpoint=%1,\n"
                          ")\n"
                          "\n"
                          "image_url = imagekit.url(%2)\n"
                          "print(image_url)\n")
        .arg(quoted(urlEndpoint), multiLineObject(optionEntries(document, Language::Python), false));
}

QString nodeSnippet(const TransformationDocument &document, const QString &urlEndpoint)
{
    return QStringLiteral("// npm install imagekit\n"
                          "const ImageKit = require(\"imagekit\");\n"
                          "\n"
                          "const imagekit = new ImageKit({\n"
                          "    publicKey: \"your_public_key\",\n"
                          "    privateKey: \"your_private_key\",\n"
                          "    urlEndpoint: %1,\n"
                          "});\n"
                          "\n"
                          "const imageUrl = imagekit.url(%2);\n"
                          "console.log(imageUrl);\n")
        .arg(quoted(urlEndpoint), multiLineObject(optionEntries(document, Language::JavaScript), true));
}

QString curlSnippet(const QString &url)
{
    return QStringLiteral("curl -fsS -o %1 %2").arg(shellQuoted(outputFileName(url)), shellQuoted(url));
}

QString cliSnippet(const TransformationDocument &document, const QString &urlEndpoint)
{
    QString out;
    if (document.sign)
        out.append(QLatin1String("# signed: set IMAGEKIT_PRIVATE_KEY (or pass --private-key) first\n"));
    out.append(QLatin1String("mediadesk-cli "));
    if (!urlEndpoint.isEmpty())
        out.append(QLatin1String("--url-endpoint ") + shellQuoted(urlEndpoint) + QLatin1Char(' '));
    out.append(QLatin1String("url ") + shellQuoted(urlOptionsJson(document)));
    return out;
}

QString shellQuoted(const QString &text)
{
    QString quotedText = text;
    quotedText.replace(QLatin1String("'"), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quotedText + QLatin1Char('\'');
}

} // namespace ik
