// mediadesk-cli commands that need no network: url, auth-params, phash-distance.
#include "clicommand.h"

#include "auth/authparameters.h"
#include "phash/phashdistance.h"
#include "url/transformparameters.h"
#include "url/urlbuilder.h"
#include "url/urloptionsparser.h"
#include "util/clock.h"
#include "util/orderedjson.h"

#include <QByteArray>

#include <cstdio>

namespace cli {

namespace {

const QString kPrivateKeyHint = QStringLiteral("pass --private-key or set IMAGEKIT_PRIVATE_KEY");

// Collects output lines and writes them in large blocks: a batch of 100,000 URLs must not cost
// 100,000 write calls.
class BufferedLineWriter
{
public:
    explicit BufferedLineWriter(FILE *stream) : m_stream(stream) { m_buffer.reserve(kFlushSize + 4096); }
    ~BufferedLineWriter() { flush(); }

    void writeLine(QStringView text)
    {
        // URLs are ASCII: narrow them directly; anything else goes through UTF-8.
        const qsizetype start = m_buffer.size();
        m_buffer.resize(start + text.size());
        char *out = m_buffer.data() + start;
        qsizetype i = 0;
        for (; i < text.size(); ++i) {
            const char16_t u = text[i].unicode();
            if (u >= 0x80)
                break;
            out[i] = char(u);
        }
        if (i < text.size()) {
            m_buffer.truncate(start);
            m_buffer.append(text.toUtf8());
        }
        m_buffer.append('\n');
        if (m_buffer.size() >= kFlushSize)
            flush();
    }

    void flush()
    {
        if (!m_buffer.isEmpty())
            std::fwrite(m_buffer.constData(), 1, size_t(m_buffer.size()), m_stream);
        m_buffer.clear();
    }

private:
    static constexpr qsizetype kFlushSize = 1 << 16;
    FILE *m_stream;
    QByteArray m_buffer;
};

// One line of a batch: either the output text or an error message.
struct LineOutcome
{
    QString text;
    bool failed = false;
};
using LineHandler = std::function<LineOutcome(QByteArrayView line)>;

LineOutcome handleLine(const LineHandler &handler, QByteArrayView line)
{
    if (line.endsWith('\r'))
        line.chop(1);
    bool blank = true;
    for (const char c : line) {
        if (c != ' ' && c != '\t') {
            blank = false;
            break;
        }
    }
    if (blank)
        return {QStringLiteral("empty line: expected a JSON object"), true};
    return handler(line);
}

// Standard input, one JSON object per line, one output line per input line, in order. A bad line
// prints "error: ..." in its place and the batch goes on. Returns the exit code.
int runBatch(CliContext &context, const LineHandler &handler)
{
    BufferedLineWriter writer(context.out);
    int failures = 0;
    auto process = [&](QByteArrayView line) {
        const LineOutcome outcome = handleLine(handler, line);
        if (outcome.failed) {
            ++failures;
            writer.writeLine(QString(QLatin1String("error: ") + outcome.text));
        } else {
            writer.writeLine(outcome.text);
        }
    };

    // Streamed in blocks, so any input size works in constant memory.
    QByteArray pending;
    char block[1 << 16];
    size_t n;
    while ((n = std::fread(block, 1, sizeof block, stdin)) > 0) {
        pending.append(block, qsizetype(n));
        qsizetype start = 0;
        for (;;) {
            const qsizetype newline = pending.indexOf('\n', start);
            if (newline < 0)
                break;
            process(QByteArrayView(pending).sliced(start, newline - start));
            start = newline + 1;
        }
        pending.remove(0, start);
    }
    if (!pending.isEmpty()) // last line without a newline
        process(QByteArrayView(pending));
    writer.flush();
    return failures == 0 ? 0 : 1;
}

// A command's single optional JSON argument. Returns false (after printing why) on extra arguments.
bool singleArgument(CliContext &context, const QString &command, const QStringList &args)
{
    if (args.size() <= 1)
        return true;
    writeLine(context.err, QStringLiteral("error: %1 takes at most one JSON argument (quote it for the shell), got %2")
                               .arg(command)
                               .arg(args.size()));
    return false;
}

// Runs the handler on the argument, or on each stdin line when there is none.
void runOnArgumentOrStdin(CliContext &context, const QString &command, const QStringList &args,
                          const LineHandler &handler, const Done &done)
{
    if (!singleArgument(context, command, args))
        return done(2);
    if (args.isEmpty())
        return done(runBatch(context, handler));
    const QByteArray json = args.first().toUtf8();
    const LineOutcome outcome = handleLine(handler, json);
    if (outcome.failed) {
        writeLine(context.err, QStringLiteral("error: ") + outcome.text);
        return done(1);
    }
    writeLine(context.out, outcome.text);
    done(0);
}

// ---- url -------------------------------------------------------------------------------------

const char *const kUrlHelp =
    "Usage: mediadesk-cli [--url-endpoint U] [--private-key K] [--now S] url [JSON]\n"
    "\n"
    "Builds an ImageKit delivery URL from the options of the seed SDK's url(), without any network\n"
    "access. With a JSON argument it prints one URL. Without one it reads standard input, one JSON\n"
    "object per line, and prints one line per input line in the same order; a bad line prints\n"
    "\"error: <message>\" in its place and the batch goes on. The exit code is 1 if any line failed.\n"
    "\n"
    "Options (snake_case or camelCase):\n"
    "  path                      file path relative to the URL endpoint, e.g. \"/folder/image.jpg\"\n"
    "  src                       a complete URL instead of path; its query is kept and merged\n"
    "  url_endpoint              overrides --url-endpoint / IMAGEKIT_URL_ENDPOINT for this URL\n"
    "  transformation            list of steps, each an object of parameters in order:\n"
    "                            [{\"width\": 400, \"height\": 300}, {\"rotation\": 90}] -> tr:w-400,h-300:rt-90\n"
    "                            \"-\" as a value gives the bare code (\"effect_sharpen\": \"-\" -> e-sharpen);\n"
    "                            \"raw\" inserts its text as is (layers: \"l-text,i-Hello,l-end\");\n"
    "                            names not in the table below pass through unchanged (\"e-upscale\")\n"
    "  transformation_position   \"path\" (default: /tr:.../ after the endpoint) or \"query\" (?tr=...);\n"
    "                            src URLs always use the query\n"
    "  query_parameters          object of extra query parameters, kept in the order given\n"
    "  signed                    true adds the signature ik-s (needs the private key)\n"
    "  expire_seconds            with signed: the URL expires this many seconds from now (adds ik-t)\n"
    "\n"
    "The URL is always valid: spaces, non-ASCII characters, '#' and stray '%' in the path are\n"
    "percent-encoded, and the signature covers exactly the text of the URL.\n"
    "\n"
    "Examples:\n"
    "  mediadesk-cli --url-endpoint https://ik.imagekit.io/demo url \\\n"
    "      '{\"path\":\"/default-image.jpg\",\"transformation\":[{\"height\":300,\"width\":400}]}'\n"
    "  -> https://ik.imagekit.io/demo/tr:h-300,w-400/default-image.jpg\n"
    "  mediadesk-cli --private-key K --url-endpoint U url < options.jsonl > urls.txt\n"
    "\n"
    "Transformation names:\n";

QString urlHelp()
{
    QString help = QString::fromLatin1(kUrlHelp);
    for (const auto &parameter : ik::transformParameters()) {
        help += QStringLiteral("  %1 %2 %3\n")
                    .arg(parameter.nameText(), -29)
                    .arg(parameter.codeText(), -12)
                    .arg(QLatin1String(parameter.help));
    }
    help.chop(1);
    return help;
}

QString explainUrlError(const ik::UrlResult &result)
{
    switch (result.error) {
    case ik::UrlError::MissingUrlEndpoint:
        return result.errorMessage
            + QStringLiteral(": pass --url-endpoint, set IMAGEKIT_URL_ENDPOINT, or give \"url_endpoint\" in the JSON");
    case ik::UrlError::MissingPrivateKey:
        return result.errorMessage + QStringLiteral(": ") + kPrivateKeyHint;
    default:
        return result.errorMessage;
    }
}

void runUrl(CliContext &context, const QStringList &args, Done done)
{
    ik::UrlBuilder builder(context.urlEndpoint, context.privateKey);
    builder.setClock(context.clock);
    const LineHandler handler = [&builder](QByteArrayView line) -> LineOutcome {
        const ik::UrlOptionsParseResult parsed = ik::parseUrlOptions(line);
        if (!parsed.ok())
            return {parsed.error, true};
        ik::UrlResult result = builder.build(parsed.options);
        if (!result.ok())
            return {explainUrlError(result), true};
        return {std::move(result.url), false};
    };
    runOnArgumentOrStdin(context, QStringLiteral("url"), args, handler, done);
}

// ---- auth-params -----------------------------------------------------------------------------

const char *const kAuthHelp =
    "Usage: mediadesk-cli [--private-key K] [--now S] auth-params [JSON]\n"
    "\n"
    "Prints the authentication parameters a client (browser, mobile app) needs to upload directly\n"
    "to ImageKit without knowing the private key, as one line of JSON:\n"
    "  {\"token\":\"...\",\"expire\":1700001800,\"signature\":\"...\"}\n"
    "signature = lowercase hex HMAC-SHA1(private key, token + expire).\n"
    "\n"
    "Optional JSON argument:\n"
    "  token    the token to sign (default: a new random UUID)\n"
    "  expire   Unix time in seconds when the parameters expire, a number or a string of digits\n"
    "           (default: now + 1800, i.e. 30 minutes; --now pins \"now\")\n"
    "\n"
    "Needs the private key: --private-key or IMAGEKIT_PRIVATE_KEY.\n"
    "\n"
    "Example:\n"
    "  mediadesk-cli --private-key K auth-params '{\"token\":\"your_token\",\"expire\":1582269249}'";

// Reads {"token", "expire"}; returns an error message or an empty string.
QString readAuthRequest(QByteArrayView json, QString &token, qint64 &expire)
{
    const ik::OrderedJsonParseResult parsed = ik::parseOrderedJson(json);
    if (!parsed.ok())
        return parsed.error;
    if (!parsed.value.isObject())
        return QStringLiteral("expected a JSON object such as {\"token\":\"t\",\"expire\":1700000000}, got %1").arg(parsed.value.typeName());
    for (const auto &[key, value] : parsed.value.members()) {
        if (key == QLatin1String("token")) {
            if (value.isNull())
                token.clear();
            else if (value.isString())
                token = value.toString();
            else
                return QStringLiteral("\"token\" must be a string, not %1").arg(value.typeName());
        } else if (key == QLatin1String("expire")) {
            bool ok = true;
            if (value.isNull())
                expire = 0;
            else if (value.isNumber() && value.isInteger())
                expire = value.toInteger();
            else if (value.isString()) // the seed accepts the text form too: "1582269249"
                expire = value.toString().toLongLong(&ok);
            else
                ok = false;
            if (!ok || expire < 0)
                return QStringLiteral("\"expire\" must be a Unix time in whole seconds (or 0 for now + 30 minutes)");
        } else {
            return QStringLiteral("unknown key \"%1\" (known: token, expire)").arg(key);
        }
    }
    return QString();
}

void runAuthParams(CliContext &context, const QStringList &args, Done done)
{
    if (!singleArgument(context, QStringLiteral("auth-params"), args))
        return done(2);
    if (context.privateKey.isEmpty()) {
        writeLine(context.err, QStringLiteral("error: auth-params needs the private key: ") + kPrivateKeyHint);
        return done(1);
    }
    QString token;
    qint64 expire = 0;
    if (!args.isEmpty()) {
        const QString problem = readAuthRequest(args.first().toUtf8(), token, expire);
        if (!problem.isEmpty()) {
            writeLine(context.err, QStringLiteral("error: ") + problem);
            return done(1);
        }
    }
    const ik::AuthParametersResult result = ik::makeAuthParameters(context.privateKey, *context.clock, token, expire);
    if (!result.ok()) {
        writeLine(context.err, QStringLiteral("error: ") + result.error);
        return done(1);
    }
    writeLine(context.out, result.parameters.toJson());
    done(0);
}

// ---- phash-distance --------------------------------------------------------------------------

const char *const kPhashHelp =
    "Usage: mediadesk-cli phash-distance [JSON]\n"
    "\n"
    "Prints the Hamming distance (0-64) between two 64-bit perceptual hashes, each written as 16\n"
    "hex digits (ImageKit's pHash metadata field). 0 means the same picture; under about 10, a\n"
    "near-duplicate.\n"
    "\n"
    "JSON: {\"first\": \"33699c96619cc69e\", \"second\": \"968e978414fe04ea\"}  -> 30\n"
    "Without an argument, reads one such object per line from standard input and prints one\n"
    "distance (or \"error: <message>\") per line; the exit code is 1 if any line failed.";

LineOutcome phashLine(QByteArrayView line)
{
    const ik::OrderedJsonParseResult parsed = ik::parseOrderedJson(line);
    if (!parsed.ok())
        return {parsed.error, true};
    if (!parsed.value.isObject())
        return {QStringLiteral("expected a JSON object such as {\"first\":\"...\",\"second\":\"...\"}, got %1").arg(parsed.value.typeName()), true};
    QString values[2];
    bool seen[2] = {false, false};
    for (const auto &[key, value] : parsed.value.members()) {
        const int index = key == QLatin1String("first") ? 0 : key == QLatin1String("second") ? 1 : -1;
        if (index < 0)
            return {QStringLiteral("unknown key \"%1\" (known: first, second)").arg(key), true};
        if (!value.isString())
            return {QStringLiteral("\"%1\" must be a string of 16 hex digits, not %2").arg(key, value.typeName()), true};
        values[index] = value.toString();
        seen[index] = true;
    }
    if (!seen[0] || !seen[1])
        return {QStringLiteral("missing \"%1\": give both \"first\" and \"second\"").arg(QLatin1String(seen[0] ? "second" : "first")), true};
    const ik::PhashDistanceResult result = ik::phashDistance(values[0], values[1]);
    if (!result.ok())
        return {result.error, true};
    return {QString::number(result.distance), false};
}

void runPhashDistance(CliContext &context, const QStringList &args, Done done)
{
    runOnArgumentOrStdin(context, QStringLiteral("phash-distance"), args, phashLine, done);
}

} // namespace

void registerUrlCommands(CommandRegistry &registry)
{
    registry.add({QStringLiteral("url"), QStringLiteral("build a delivery URL (transformations, signing) from JSON options"),
                  urlHelp(), runUrl});
    registry.add({QStringLiteral("auth-params"), QStringLiteral("print token, expire and signature for client-side uploads"),
                  QString::fromLatin1(kAuthHelp), runAuthParams});
    registry.add({QStringLiteral("phash-distance"), QStringLiteral("Hamming distance of two pHash values"),
                  QString::fromLatin1(kPhashHelp), runPhashDistance});
}

} // namespace cli
