// rbctl: the headless command line on the same core as the console.
#include "Cli.h"
#include "util/ProcessHardening.h"

#include <QCoreApplication>

using namespace rb::cli;

namespace {

void printUsage()
{
    out() << "Usage: rbctl <command> [options]\n\n"
             "RustBalance Console command line: keys, descriptors, nodes and the publisher.\n\n"
             "Commands:\n";
    for (const auto& [name, cmd] : registry()) {
        out() << "  " << name.leftJustified(14) << cmd.summary << "\n";
    }
    out() << "\nGlobal options:\n"
             "  -h, --help     Show this help (also: rbctl <command> --help)\n"
             "  -v, --version  Show the version\n\n"
             "Exit codes: 0 success, 1 operation failed, 2 usage error, 3 input rejected\n"
             "(bad key, address or descriptor), 4 service unavailable, 5 authentication\n"
             "failed, 6 timeout.\n"
          << Qt::flush;
}

}  // namespace

int main(int argc, char* argv[])
{
    // The publisher holds the master key for days: no core dumps, not
    // ptrace-able by other processes of the same user.
    const rb::Status hardened = rb::util::ProcessHardening::apply();
    QCoreApplication app(argc, argv);
    if (!hardened.ok()) {
        err() << "rbctl: warning: " << hardened.error().toString() << Qt::endl;
    }
    QCoreApplication::setApplicationName(QStringLiteral("rbctl"));
    QCoreApplication::setOrganizationName(QStringLiteral("RustBalance"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RB_VERSION));
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    if (args.isEmpty()) {
        printUsage();
        return ExitUsage;
    }
    const QString first = args.takeFirst();
    if (first == QLatin1String("-h") || first == QLatin1String("--help") || first == QLatin1String("help")) {
        printUsage();
        return ExitOk;
    }
    if (first == QLatin1String("-v") || first == QLatin1String("--version") || first == QLatin1String("version")) {
        out() << "rbctl " << QCoreApplication::applicationVersion() << Qt::endl;
        return ExitOk;
    }
    const auto it = registry().find(first);
    if (it == registry().end()) {
        err() << "rbctl: unknown command '" << first << "'. Run 'rbctl --help' for the list." << Qt::endl;
        return ExitUsage;
    }
    return it->second.run(args);
}
