#include "url/urloptionsparser.h"

#include "util/orderedjson.h"

#include <cmath>

namespace ik {

namespace {

enum class OptionKey { Path, Src, UrlEndpoint, Transformation, TransformationPosition, QueryParameters, Signed, ExpireSeconds, Unknown };

OptionKey optionKey(QStringView key)
{
    // snake_case as in the seed README, camelCase as its camel_to_snake accepts.
    if (key == QLatin1String("path"))
        return OptionKey::Path;
    if (key == QLatin1String("src"))
        return OptionKey::Src;
    if (key == QLatin1String("url_endpoint") || key == QLatin1String("urlEndpoint"))
        return OptionKey::UrlEndpoint;
    if (key == QLatin1String("transformation"))
        return OptionKey::Transformation;
    if (key == QLatin1String("transformation_position") || key == QLatin1String("transformationPosition"))
        return OptionKey::TransformationPosition;
    if (key == QLatin1String("query_parameters") || key == QLatin1String("queryParameters"))
        return OptionKey::QueryParameters;
    if (key == QLatin1String("signed"))
        return OptionKey::Signed;
    if (key == QLatin1String("expire_seconds") || key == QLatin1String("expireSeconds"))
        return OptionKey::ExpireSeconds;
    return OptionKey::Unknown;
}

// A transformation or query-parameter value; false with an error for null, arrays and objects.
bool readValue(const OrderedJsonValue &json, const QString &where, UrlValue &out, QString &error)
{
    switch (json.type()) {
    case OrderedJsonValue::Type::String:
        out = json.toString();
        return true;
    case OrderedJsonValue::Type::Bool:
        out = json.toBool();
        return true;
    case OrderedJsonValue::Type::Number:
        if (json.isInteger())
            out = json.toInteger();
        else
            out = json.toDouble();
        return true;
    default:
        error = QStringLiteral("%1: %2 is not a valid value (use a string, a number or true/false)").arg(where, json.typeName());
        return false;
    }
}

bool readOptionalString(const OrderedJsonValue &json, const QString &key, QString &out, QString &error)
{
    if (json.isNull()) {
        out.clear();
        return true;
    }
    if (!json.isString()) {
        error = QStringLiteral("\"%1\" must be a string, not %2").arg(key, json.typeName());
        return false;
    }
    out = json.toString();
    return true;
}

bool readTransformation(const OrderedJsonValue &json, QList<TransformationStep> &out, QString &error)
{
    out.clear();
    if (json.isNull())
        return true;
    if (!json.isArray()) {
        // The seed silently ignores a non-list; a typo deserves a message instead.
        error = QStringLiteral("\"transformation\" must be an array of steps such as [{\"width\": 300}], not %1").arg(json.typeName());
        return false;
    }
    const auto &steps = json.items();
    out.reserve(steps.size());
    for (qsizetype s = 0; s < steps.size(); ++s) {
        const OrderedJsonValue &stepJson = steps.at(s);
        if (!stepJson.isObject()) {
            error = QStringLiteral("transformation[%1] must be an object of parameters such as {\"width\": 300}, not %2")
                        .arg(s).arg(stepJson.typeName());
            return false;
        }
        TransformationStep step;
        step.reserve(stepJson.members().size());
        for (const auto &[name, valueJson] : stepJson.members()) {
            UrlValue value;
            if (!readValue(valueJson, QStringLiteral("transformation[%1].%2").arg(s).arg(name), value, error))
                return false;
            step.append({name, std::move(value)});
        }
        out.append(std::move(step));
    }
    return true;
}

bool readQueryParameters(const OrderedJsonValue &json, QList<std::pair<QString, UrlValue>> &out, QString &error)
{
    out.clear();
    if (json.isNull())
        return true;
    if (!json.isObject()) {
        error = QStringLiteral("\"query_parameters\" must be an object such as {\"v\": \"2\"}, not %1").arg(json.typeName());
        return false;
    }
    for (const auto &[name, valueJson] : json.members()) {
        UrlValue value;
        if (!readValue(valueJson, QStringLiteral("query_parameters.%1").arg(name), value, error))
            return false;
        // A repeated key in the JSON text: the last value wins, as with any JSON reader.
        bool replaced = false;
        for (auto &existing : out) {
            if (existing.first == name) {
                existing.second = value;
                replaced = true;
            }
        }
        if (!replaced)
            out.append({name, std::move(value)});
    }
    return true;
}

} // namespace

UrlOptionsParseResult parseUrlOptions(const OrderedJsonValue &object)
{
    UrlOptionsParseResult result;
    if (!object.isObject()) {
        result.error = QStringLiteral("expected a JSON object of url options such as {\"path\": \"/image.jpg\"}, got %1").arg(object.typeName());
        return result;
    }
    UrlOptions &options = result.options;
    QString &error = result.error;
    for (const auto &[key, value] : object.members()) {
        switch (optionKey(key)) {
        case OptionKey::Path:
            if (!readOptionalString(value, key, options.path, error))
                return result;
            break;
        case OptionKey::Src:
            if (!readOptionalString(value, key, options.src, error))
                return result;
            break;
        case OptionKey::UrlEndpoint:
            if (!readOptionalString(value, key, options.urlEndpoint, error))
                return result;
            break;
        case OptionKey::Transformation:
            if (!readTransformation(value, options.transformation, error))
                return result;
            break;
        case OptionKey::TransformationPosition:
            if (value.isNull()) {
                options.transformationPosition.reset();
            } else if (value.isString() && value.toString() == QLatin1String("path")) {
                options.transformationPosition = TransformationPosition::Path;
            } else if (value.isString() && value.toString() == QLatin1String("query")) {
                options.transformationPosition = TransformationPosition::Query;
            } else {
                error = QStringLiteral("Invalid transformationPosition parameter: %1 (use \"path\" or \"query\")")
                            .arg(value.isString() ? QStringLiteral("\"%1\"").arg(value.toString()) : value.typeName());
                return result;
            }
            break;
        case OptionKey::QueryParameters:
            if (!readQueryParameters(value, options.queryParameters, error))
                return result;
            break;
        case OptionKey::Signed:
            if (value.isNull()) {
                options.sign = false;
            } else if (value.isBool()) {
                options.sign = value.toBool();
            } else {
                error = QStringLiteral("\"signed\" must be true or false, not %1").arg(value.typeName());
                return result;
            }
            break;
        case OptionKey::ExpireSeconds: {
            if (value.isNull()) {
                options.expireSeconds = 0;
                break;
            }
            const bool whole = value.isNumber()
                && (value.isInteger() || (std::trunc(value.toDouble()) == value.toDouble() && std::fabs(value.toDouble()) < 9e15));
            const qint64 seconds = !whole ? 0 : value.isInteger() ? value.toInteger() : qint64(value.toDouble());
            if (!whole || seconds < 0) {
                error = QStringLiteral("\"expire_seconds\" must be a whole number of seconds >= 0, got %1")
                            .arg(value.isNumber() ? QString::number(value.toDouble(), 'g', 17) : value.typeName());
                return result;
            }
            options.expireSeconds = seconds;
            break;
        }
        case OptionKey::Unknown:
            error = QStringLiteral("unknown option \"%1\" (known: path, src, url_endpoint, transformation, "
                                   "transformation_position, query_parameters, signed, expire_seconds)").arg(key);
            return result;
        }
    }
    return result;
}

UrlOptionsParseResult parseUrlOptions(QByteArrayView jsonUtf8)
{
    const OrderedJsonParseResult parsed = parseOrderedJson(jsonUtf8);
    if (!parsed.ok()) {
        UrlOptionsParseResult result;
        result.error = parsed.error;
        return result;
    }
    return parseUrlOptions(parsed.value);
}

} // namespace ik
