// mediadesk-cli: every ikcore operation for scripts. Global options are resolved here (flags, then
// IMAGEKIT_* environment variables); each command lives in its own file and registers itself.
#include "clicommand.h"

#include "accounts/keystore.h"
#include "accounts/profilestore.h"
#include "util/clock.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace cli {

void writeLine(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fputc('\n', stream);
}

QByteArray readAllStdin()
{
    QByteArray data;
    char buffer[65536];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0)
        data.append(buffer, qsizetype(n));
    return data;
}

} // namespace cli

namespace {

const char *const kUsage =
    "Usage: mediadesk-cli [OPTIONS] COMMAND [JSON]\n"
    "\n"
    "Options:\n"
    "  --private-key K     ImageKit private key (else $IMAGEKIT_PRIVATE_KEY)\n"
    "  --public-key K      ImageKit public key (else $IMAGEKIT_PUBLIC_KEY)\n"
    "  --url-endpoint U    URL endpoint, e.g. https://ik.imagekit.io/demo (else $IMAGEKIT_URL_ENDPOINT)\n"
    "  --api-base URL      management API base (default https://api.imagekit.io)\n"
    "  --upload-base URL   upload API base (default https://upload.imagekit.io)\n"
    "  --profile NAME      use an account saved in the desktop app (keys from its settings and\n"
    "                      the system keychain); options given as well take precedence\n"
    "  --now SECONDS       pin the clock to this Unix time (signed URLs, auth parameters)\n"
    "  --progress          show upload progress on stderr\n"
    "  -h, --help          this text; `mediadesk-cli COMMAND --help` for a command\n"
    "\n"
    "Commands:\n";

void printUsage(const cli::CommandRegistry &registry, FILE *stream)
{
    std::fputs(kUsage, stream);
    for (const auto &command : registry.all())
        cli::writeLine(stream, QStringLiteral("  %1  %2").arg(command.name, -30).arg(command.summary));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mediadesk-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Mediadesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MEDIADESK_VERSION));

    cli::CommandRegistry registry;
    cli::registerUrlCommands(registry);
    cli::registerApiCommands(registry);

    const auto env = QProcessEnvironment::systemEnvironment();
    cli::CliContext context;
    context.privateKey = env.value(QStringLiteral("IMAGEKIT_PRIVATE_KEY"));
    context.publicKey = env.value(QStringLiteral("IMAGEKIT_PUBLIC_KEY"));
    context.urlEndpoint = env.value(QStringLiteral("IMAGEKIT_URL_ENDPOINT"));

    // Global options come before COMMAND; everything after it belongs to the command.
    const QStringList args = QCoreApplication::arguments();
    QString profileName;
    QStringList explicitOptions;
    qsizetype i = 1;
    auto takeValue = [&](const QString &flag) -> std::optional<QString> {
        if (i + 1 >= args.size()) {
            cli::writeLine(stderr, QStringLiteral("error: %1 needs a value").arg(flag));
            return std::nullopt;
        }
        return args.at(++i);
    };
    for (; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (!arg.startsWith(QLatin1Char('-')))
            break;
        std::optional<QString> value;
        if (arg == QLatin1String("-h") || arg == QLatin1String("--help")) {
            printUsage(registry, stdout);
            return 0;
        } else if (arg == QLatin1String("--version")) {
            cli::writeLine(stdout, QCoreApplication::applicationVersion());
            return 0;
        } else if (arg == QLatin1String("--progress")) {
            context.progress = true;
            continue;
        } else if (arg == QLatin1String("--private-key") || arg == QLatin1String("--public-key")
                   || arg == QLatin1String("--url-endpoint") || arg == QLatin1String("--api-base")
                   || arg == QLatin1String("--upload-base") || arg == QLatin1String("--now")
                   || arg == QLatin1String("--profile")) {
            value = takeValue(arg);
            if (!value)
                return 2;
            explicitOptions.append(arg);
        } else {
            cli::writeLine(stderr, QStringLiteral("error: unknown option %1 (see mediadesk-cli --help)").arg(arg));
            return 2;
        }
        if (arg == QLatin1String("--profile")) {
            profileName = *value;
        } else if (arg == QLatin1String("--private-key")) {
            context.privateKey = *value;
        } else if (arg == QLatin1String("--public-key")) {
            context.publicKey = *value;
        } else if (arg == QLatin1String("--url-endpoint")) {
            context.urlEndpoint = *value;
        } else if (arg == QLatin1String("--api-base") || arg == QLatin1String("--upload-base")) {
            const QUrl url(*value, QUrl::StrictMode);
            if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty()) {
                cli::writeLine(stderr, QStringLiteral("error: %1 needs an absolute URL such as http://127.0.0.1:8080, got \"%2\"").arg(arg, *value));
                return 2;
            }
            (arg == QLatin1String("--api-base") ? context.apiBase : context.uploadBase) = url;
        } else if (arg == QLatin1String("--now")) {
            bool ok = false;
            const qint64 seconds = value->toLongLong(&ok);
            if (!ok || seconds < 0) {
                cli::writeLine(stderr, QStringLiteral("error: --now needs Unix seconds (a whole number >= 0), got \"%1\"").arg(*value));
                return 2;
            }
            context.now = seconds;
        }
    }

    if (i >= args.size()) {
        printUsage(registry, stderr);
        return 2;
    }

    if (!profileName.isEmpty()) {
        // The desktop app's saved account: public parts from its settings, the private key from
        // the keychain. Options on the command line win over the profile.
        const ikui::ProfileStore profiles;
        const auto profile = profiles.profile(profileName);
        if (!profile) {
            const QStringList names = profiles.names();
            cli::writeLine(stderr, QStringLiteral("error: no saved profile named \"%1\" (saved: %2)")
                                       .arg(profileName, names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", "))));
            return 2;
        }
        if (!explicitOptions.contains(QLatin1String("--public-key")))
            context.publicKey = profile->publicKey;
        if (!explicitOptions.contains(QLatin1String("--url-endpoint")))
            context.urlEndpoint = profile->urlEndpoint;
        if (!explicitOptions.contains(QLatin1String("--api-base")) && !profile->apiBase.isEmpty())
            context.apiBase = profile->apiBase;
        if (!explicitOptions.contains(QLatin1String("--upload-base")) && !profile->uploadBase.isEmpty())
            context.uploadBase = profile->uploadBase;
        if (!explicitOptions.contains(QLatin1String("--private-key"))) {
            ikui::KeyStoreFailure failure;
            const auto key = ikui::KeyStore::readKeyNow(profileName, &failure);
            if (!key) {
                cli::writeLine(stderr, QStringLiteral("error: the private key of profile \"%1\" could not be read: %2%3 "
                                                      "(or give it with --private-key)")
                                           .arg(profileName, failure.message,
                                                failure.detail.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(failure.detail)));
                return 2;
            }
            context.privateKey = *key;
        }
    }
    const QString name = args.at(i++);
    const cli::CliCommand *command = registry.find(name);
    if (!command) {
        cli::writeLine(stderr, QStringLiteral("error: unknown command \"%1\" (see mediadesk-cli --help)").arg(name));
        return 2;
    }
    const QStringList commandArgs = args.mid(i);
    if (commandArgs.contains(QLatin1String("--help")) || commandArgs.contains(QLatin1String("-h"))) {
        cli::writeLine(stdout, command->help.isEmpty() ? command->summary : command->help);
        return 0;
    }

    std::unique_ptr<ik::FixedClock> fixedClock;
    if (context.now) {
        fixedClock = std::make_unique<ik::FixedClock>(*context.now);
        context.clock = fixedClock.get();
    } else {
        context.clock = &ik::Clock::system();
    }

    int exitCode = -1;
    bool finishedSynchronously = false;
    bool running = false;
    command->run(context, commandArgs, [&](int code) {
        exitCode = code;
        std::fflush(stdout);
        std::fflush(stderr);
        if (running)
            QCoreApplication::exit(code);
        else
            finishedSynchronously = true;
    });
    if (finishedSynchronously)
        return exitCode;
    running = true;
    return app.exec();
}
