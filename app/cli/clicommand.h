#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <cstdio>
#include <functional>
#include <optional>

namespace ik { class Clock; }

namespace cli {

// What every command sees: the global options, already resolved from flags and environment.
struct CliContext
{
    QString privateKey;
    QString publicKey;
    QString urlEndpoint;
    QUrl apiBase;                 // empty: the client's default
    QUrl uploadBase;              // empty: the client's default
    std::optional<qint64> now;    // --now: pinned clock, in Unix seconds
    bool progress = false;        // --progress
    const ik::Clock *clock = nullptr;  // the system clock, or a fixed one for --now

    // Output goes through stdio so large batches stay fast; both are flushed at exit.
    FILE *out = stdout;
    FILE *err = stderr;
};

// Completion callback: commands that wait for the network call it later from the event loop;
// synchronous ones call it before returning. The process exits with the given code.
using Done = std::function<void(int exitCode)>;

struct CliCommand
{
    QString name;      // e.g. "url", "list-files"
    QString summary;   // one line for `mediadesk-cli --help`
    QString help;      // full text for `mediadesk-cli COMMAND --help`
    // `args` are the command's positional arguments (usually at most one JSON text; none means
    // read standard input).
    std::function<void(CliContext &context, const QStringList &args, Done done)> run;
};

class CommandRegistry
{
public:
    void add(CliCommand command) { m_commands.append(std::move(command)); }
    const CliCommand *find(const QString &name) const
    {
        for (const auto &command : m_commands)
            if (command.name == name)
                return &command;
        return nullptr;
    }
    const QList<CliCommand> &all() const { return m_commands; }

private:
    QList<CliCommand> m_commands;
};

// Each file of commands registers its own (urlcommands.cpp, apicommands.cpp, ...).
void registerUrlCommands(CommandRegistry &registry);
void registerApiCommands(CommandRegistry &registry);

// Helpers shared by commands.
void writeLine(FILE *stream, const QString &text);
// Reads all of standard input as UTF-8.
QByteArray readAllStdin();

} // namespace cli
