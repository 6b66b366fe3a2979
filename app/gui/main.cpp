// mediadesk: the desktop app. Opens, in this order: the offline demo (--demo), the profile named
// by --profile, the last used profile; and the welcome screen when none of them can be opened.
#include "shell/appcontroller.h"
#include "accounts/keystore.h"
#include "accounts/profilestore.h"
#include "shell/resources.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

#include <cstdio>

namespace {

void setApplicationNames()
{
    QCoreApplication::setApplicationName(QStringLiteral("Mediadesk"));
    QCoreApplication::setOrganizationName(QStringLiteral("Mediadesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MEDIADESK_VERSION));
}

struct CommandLine
{
    QCommandLineParser parser;
    QCommandLineOption demo{QStringLiteral("demo"),
                            QStringLiteral("Start in the offline demo (a local emulator with a sample library).")};
    QCommandLineOption profile{QStringLiteral("profile"), QStringLiteral("Open the saved account <name>."),
                               QStringLiteral("name")};

    CommandLine()
    {
        parser.setApplicationDescription(QStringLiteral("Desktop media manager for ImageKit.io"));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOption(demo);
        parser.addOption(profile);
    }
};

// --help and --version print and exit before QApplication exists, so they work without a
// display (QApplication aborts on a headless machine). Everything else is parsed after
// QApplication has taken its own options (-platform, -style ...) out of the arguments.
void answerHelpAndVersionWithoutDisplay(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    CommandLine commandLine;
    // Qt's own options are single-dash words ("-platformtheme"): read them as words, not as
    // bundles of letters that could spell -h or -v. Unknown options are no error yet.
    commandLine.parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    commandLine.parser.parse(arguments);
    const QStringList given = commandLine.parser.optionNames();
    auto wasGiven = [&given](const char *name) { return given.contains(QLatin1String(name)); };
    const bool help = wasGiven("help") || wasGiven("h") || wasGiven("?") || wasGiven("help-all");
    const bool version = wasGiven("version") || wasGiven("v");
    if (!help && !version)
        return;
    QCoreApplication app(argc, argv); // for the program's name and version in the text
    setApplicationNames();
    if (help)
        commandLine.parser.showHelp(0); // prints and exits
    commandLine.parser.showVersion();   // prints and exits
}

} // namespace

int main(int argc, char *argv[])
{
    answerHelpAndVersionWithoutDisplay(argc, argv);

    QApplication app(argc, argv);
    ikui::initResources(); // icons live in the static ikui library
    setApplicationNames();
    QApplication::setDesktopFileName(QStringLiteral("io.github.mediadesk.Mediadesk"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/mediadesk.svg")));

    CommandLine commandLine;
    commandLine.parser.process(app);
    const bool demo = commandLine.parser.isSet(commandLine.demo);
    const bool profile = commandLine.parser.isSet(commandLine.profile);
    if (demo && profile) {
        std::fputs("mediadesk: --demo and --profile cannot be used together\n", stderr);
        return 2;
    }

    ikui::ProfileStore profiles;
    ikui::KeyStore keys;
    ikui::AppController controller(&profiles, &keys);
    if (demo)
        controller.openDemo();
    else if (profile)
        controller.openProfile(commandLine.parser.value(commandLine.profile));
    else if (const QString last = profiles.lastUsed(); !last.isEmpty())
        controller.openProfile(last);
    else
        controller.showWelcome();
    return app.exec();
}
