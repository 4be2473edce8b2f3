#pragma once
// rbctl's tiny command registry: each command group lives in its own file and
// registers itself with RB_CLI_COMMAND, so main.cpp never changes when a
// group is added.

#include "util/Result.h"

#include <QJsonObject>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <map>

namespace rb::cli {

// Exit codes (documented in `rbctl --help` and the man page).
enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1,      // the operation failed (see message)
    ExitUsage = 2,        // bad command line
    ExitInvalidInput = 3, // input file/key/descriptor rejected
    ExitUnavailable = 4,  // a service (tor, ssh, keychain) could not be reached
    ExitAuth = 5,         // authentication failed
    ExitTimeout = 6,
};

struct Command {
    QString name;
    QString summary;
    // args: everything after the command name; returns an exit code.
    std::function<int(const QStringList& args)> run;
};

std::map<QString, Command>& registry();

struct Registrar {
    Registrar(const char* name, const char* summary, std::function<int(const QStringList&)> run);
};

QTextStream& out();
QTextStream& err();

// Map a core error to an exit code and print it ("rbctl: <message>").
int fail(const Error& error, bool json = false);
int exitCodeFor(ErrorCode code);
void printJson(const QJsonObject& object);

}  // namespace rb::cli

#define RB_CLI_COMMAND(ident, name, summary, fn) \
    static const ::rb::cli::Registrar rb_cli_registrar_##ident(name, summary, fn)
