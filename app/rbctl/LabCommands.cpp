// rbctl lab ...: start, inspect and stop a private Tor test network on
// 127.0.0.1 (3 authorities, 6 relays, a client and N onion-service nodes).
// The work is done by labnet.py (python3, standard library only); this file
// finds the script and forwards the options.
#include "Cli.h"

#ifdef RB_HAVE_MASTER_IDENTITY
#include "onion/MasterIdentity.h"
#endif

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <memory>

using namespace rb::cli;
using rb::ErrorCode;
using rb::makeError;

namespace {

struct Sub {
    const char* name;
    const char* summary;
};

constexpr Sub kSubcommands[] = {
    {"up", "Create and start a lab network (waits until it is ready)"},
    {"status", "Show the lab's processes, ports, fingerprints and onion addresses"},
    {"wait", "Wait until the lab is ready (after 'up --no-wait')"},
    {"down", "Stop the lab's processes and remove its directory"},
    {"node-stop", "Stop one onion-service node's tor (failover tests)"},
    {"node-start", "Start a stopped onion-service node's tor again"},
};

QString defaultLabDir()
{
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty() && QFileInfo(runtime).isDir()) {
        return runtime + QStringLiteral("/rustbalance-lab");
    }
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/lab");
}

// $RB_LAB_SCRIPT, then the installed copy, then the source tree (dev builds).
QString locateScript(QStringList* tried)
{
    QStringList candidates;
    const QString env = qEnvironmentVariable("RB_LAB_SCRIPT");
    if (!env.isEmpty()) {
        candidates << env;
    }
    candidates << QDir::cleanPath(QCoreApplication::applicationDirPath() +
                                  QStringLiteral("/../share/rustbalance-console/lab/labnet.py"));
#ifdef RB_LAB_SCRIPT_DEV
    candidates << QStringLiteral(RB_LAB_SCRIPT_DEV);
#endif
    for (const QString& c : candidates) {
        if (QFileInfo(c).isFile()) {
            return c;
        }
    }
    if (tried != nullptr) {
        *tried = candidates;
    }
    return {};
}

QString locatePython()
{
    const QString env = qEnvironmentVariable("RB_LAB_PYTHON");
    if (!env.isEmpty()) {
        return env;
    }
    QString p = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (p.isEmpty() && QFileInfo(QStringLiteral("/usr/bin/python3")).isExecutable()) {
        p = QStringLiteral("/usr/bin/python3");
    }
    return p;
}

// Runs labnet.py with stdout/stderr passed through; returns its exit code
// mapped onto rbctl's.
int runScript(const QStringList& args)
{
    QStringList tried;
    const QString script = locateScript(&tried);
    if (script.isEmpty()) {
        return fail(makeError(ErrorCode::Unavailable,
                              QStringLiteral("labnet.py not found; set RB_LAB_SCRIPT to its path"),
                              QStringLiteral("tried: ") + tried.join(QStringLiteral(", "))));
    }
    const QString python = locatePython();
    if (python.isEmpty()) {
        return fail(makeError(ErrorCode::Unavailable,
                              QStringLiteral("python3 not found; install it or set RB_LAB_PYTHON")));
    }
    QProcess proc;
    proc.setProcessChannelMode(QProcess::ForwardedChannels);
    proc.setInputChannelMode(QProcess::ForwardedInputChannel);
    QEventLoop loop;
    bool startFailed = false;
    QObject::connect(&proc, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&proc, &QProcess::errorOccurred, &loop, [&](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart) {
            startFailed = true;
            loop.quit();
        }
    });
    out() << Qt::flush;
    proc.start(python, QStringList{script} + args);
    loop.exec();
    if (startFailed) {
        return fail(makeError(ErrorCode::Unavailable, QStringLiteral("could not run %1").arg(python),
                              proc.errorString()));
    }
    if (proc.exitStatus() != QProcess::NormalExit) {
        return fail(makeError(ErrorCode::Internal, QStringLiteral("labnet.py crashed")));
    }
    switch (proc.exitCode()) {
    case 0: return ExitOk;
    case 2: return ExitUsage;  // argparse
    default: return ExitFailure;
    }
}

int usageError(const QString& message)
{
    err() << "rbctl lab: " << message << Qt::endl;
    return ExitUsage;
}

struct Parsed {
    std::unique_ptr<QCommandLineParser> parser;
    int exitCode = -1;  // >= 0: stop with this code
};

Parsed parse(const QString& sub, const QStringList& args, const QList<QCommandLineOption>& options,
             const QString& description)
{
    Parsed r;
    r.parser = std::make_unique<QCommandLineParser>();
    QCommandLineParser& p = *r.parser;
    p.setApplicationDescription(description);
    const QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")};
    p.addOption(help);
    const QCommandLineOption dir{QStringLiteral("dir"),
                                 QStringLiteral("Lab directory (default: %1).").arg(defaultLabDir()),
                                 QStringLiteral("DIR")};
    p.addOption(dir);
    p.addOptions(options);
    if (!p.parse(QStringList{QStringLiteral("rbctl lab ") + sub} + args)) {
        r.exitCode = usageError(p.errorText());
        return r;
    }
    if (p.isSet(help)) {
        // helpText() names argv[0]; name the subcommand instead.
        const QString text = p.helpText();
        out() << "Usage: rbctl lab " << sub << " [options]" << text.mid(text.indexOf(QLatin1Char('\n'))) << Qt::flush;
        r.exitCode = ExitOk;
        return r;
    }
    if (!p.positionalArguments().isEmpty()) {
        r.exitCode = usageError(QStringLiteral("unexpected argument '%1'").arg(p.positionalArguments().first()));
    }
    return r;
}

QString labDir(const QCommandLineParser& p)
{
    const QString d = p.value(QStringLiteral("dir"));
    return QDir(d.isEmpty() ? defaultLabDir() : d).absolutePath();
}

bool isNonNegativeInt(const QString& s, int min = 0)
{
    bool ok = false;
    const int v = s.toInt(&ok);
    return ok && v >= min;
}

int labUp(const QStringList& args)
{
    const QCommandLineOption nodes{QStringLiteral("nodes"), QStringLiteral("Onion-service nodes (default 2)."),
                                   QStringLiteral("K"), QStringLiteral("2")};
    const QCommandLineOption plain{QStringLiteral("plain-nodes"),
                                   QStringLiteral("Extra service nodes with their own keys, publishing normally."),
                                   QStringLiteral("K")};
    const QCommandLineOption interval{QStringLiteral("voting-interval"),
                                      QStringLiteral("Consensus voting interval in seconds (default 20, min 10). "
                                                     "Time periods last 24 intervals."),
                                      QStringLiteral("S")};
    const QCommandLineOption keyDir{QStringLiteral("master-key-dir"),
                                    QStringLiteral("Directory with hs_ed25519_secret_key + hs_ed25519_public_key: "
                                                   "every --nodes node runs this identity as an Onionbalance "
                                                   "instance with publishing off."),
                                    QStringLiteral("DIR")};
    const QCommandLineOption keyFile{QStringLiteral("master-key-file"),
                                     QStringLiteral("Like --master-key-dir, from any key file 'rbctl key' accepts."),
                                     QStringLiteral("FILE")};
    const QCommandLineOption nodeOpts{QStringLiteral("node-opts"),
                                      QStringLiteral("Misconfigure a node for tests: i:opt[,i:opt], opt one of "
                                                     "no-instance, wrong-ob-config, no-ob-config, publish, own-key."),
                                      QStringLiteral("LIST")};
    const QCommandLineOption noWait{QStringLiteral("no-wait"),
                                    QStringLiteral("Return once every process runs (see 'rbctl lab wait').")};
    const QCommandLineOption timeout{QStringLiteral("timeout"), QStringLiteral("Readiness timeout in seconds."),
                                     QStringLiteral("S")};
    Parsed parsed = parse(QStringLiteral("up"), args, {nodes, plain, interval, keyDir, keyFile, nodeOpts, noWait, timeout},
                          QStringLiteral("Create and start a private Tor network on 127.0.0.1: 3 directory "
                                         "authorities, 6 relays (3 exits), a client with a SocksPort and K "
                                         "onion-service nodes, each with an HTTP backend answering \"node-<i>\". "
                                         "Writes <dir>/lab.json."));
    if (parsed.exitCode >= 0) {
        return parsed.exitCode;
    }
    const QCommandLineParser& p = *parsed.parser;
    QStringList fwd{QStringLiteral("up"), QStringLiteral("--dir"), labDir(p)};
    if (p.isSet(nodes)) {
        if (!isNonNegativeInt(p.value(nodes))) {
            return usageError(QStringLiteral("--nodes wants a number >= 0"));
        }
        fwd << QStringLiteral("--nodes") << p.value(nodes);
    }
    if (p.isSet(plain)) {
        if (!isNonNegativeInt(p.value(plain))) {
            return usageError(QStringLiteral("--plain-nodes wants a number >= 0"));
        }
        fwd << QStringLiteral("--plain-nodes") << p.value(plain);
    }
    if (p.isSet(interval)) {
        if (!isNonNegativeInt(p.value(interval), 10)) {
            return usageError(QStringLiteral("--voting-interval wants a number of seconds >= 10"));
        }
        fwd << QStringLiteral("--voting-interval") << p.value(interval);
    }
    if (p.isSet(timeout)) {
        if (!isNonNegativeInt(p.value(timeout), 1)) {
            return usageError(QStringLiteral("--timeout wants a number of seconds >= 1"));
        }
        fwd << QStringLiteral("--timeout") << p.value(timeout);
    }
    for (const QString& o : p.values(nodeOpts)) {
        fwd << QStringLiteral("--node-opts") << o;
    }
    if (p.isSet(noWait)) {
        fwd << QStringLiteral("--no-wait");
    }
    if (p.isSet(keyDir) && p.isSet(keyFile)) {
        return usageError(QStringLiteral("give either --master-key-dir or --master-key-file, not both"));
    }
    if (p.isSet(keyDir)) {
        fwd << QStringLiteral("--master-key-dir") << QDir(p.value(keyDir)).absolutePath();
    }
    // The temporary key directory lives until the script returns: the script
    // copies the key into every node before any tor starts.
    std::unique_ptr<QTemporaryDir> tmpKeys;
    if (p.isSet(keyFile)) {
#ifdef RB_HAVE_MASTER_IDENTITY
        auto id = rb::onion::MasterIdentity::importFile(p.value(keyFile));
        if (!id.ok()) {
            return fail(id.error());
        }
        tmpKeys = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/rbctl-lab-key-XXXXXX"));
        if (!tmpKeys->isValid()) {
            return fail(makeError(ErrorCode::IoError, QStringLiteral("cannot create a temporary key directory"),
                                  tmpKeys->errorString()));
        }
        const auto exported = id->exportTorFiles(tmpKeys->path());
        if (!exported.ok()) {
            return fail(exported.error());
        }
        out() << "master " << id->address().toString() << Qt::endl;
        fwd << QStringLiteral("--master-key-dir") << tmpKeys->path();
#else
        return fail(makeError(ErrorCode::Unsupported,
                              QStringLiteral("--master-key-file needs rb::onion::MasterIdentity, which this build "
                                             "lacks; export the key with tor's file names and use --master-key-dir")));
#endif
    }
    const QString dir = labDir(p);
    if (!QDir().mkpath(QFileInfo(dir).absolutePath())) {
        return fail(makeError(ErrorCode::IoError, QStringLiteral("cannot create %1").arg(QFileInfo(dir).absolutePath())));
    }
    return runScript(fwd);
}

int labSimple(const QString& sub, const QStringList& args)
{
    const QCommandLineOption json{QStringLiteral("json"), QStringLiteral("Print lab.json with liveness (status).")};
    const QCommandLineOption keepLogs{QStringLiteral("keep-logs"),
                                      QStringLiteral("Keep the lab directory with its logs (down).")};
    const QCommandLineOption timeout{QStringLiteral("timeout"), QStringLiteral("Seconds to wait (wait; default 240)."),
                                     QStringLiteral("S"), QStringLiteral("240")};
    const QCommandLineOption node{QStringLiteral("node"), QStringLiteral("Service node index (node-stop/node-start)."),
                                  QStringLiteral("I")};
    QList<QCommandLineOption> opts;
    QString description;
    if (sub == QLatin1String("status")) {
        opts = {json};
        description = QStringLiteral("Show the lab: every tor with role, pid (alive or not), ports, fingerprint; "
                                     "service nodes with onion address and backend.");
    } else if (sub == QLatin1String("down")) {
        opts = {keepLogs};
        description = QStringLiteral("Stop the lab's own processes (recorded pids whose command line names the lab "
                                     "directory) and remove the directory.");
    } else if (sub == QLatin1String("wait")) {
        opts = {timeout};
        description = QStringLiteral("Wait until the consensus lists every relay as Running + HSDir and the client "
                                     "is bootstrapped.");
    } else {
        opts = {node};
        description = sub == QLatin1String("node-stop") ? QStringLiteral("Stop one onion-service node's tor.")
                                                        : QStringLiteral("Start a stopped onion-service node's tor.");
    }
    Parsed parsed = parse(sub, args, opts, description);
    if (parsed.exitCode >= 0) {
        return parsed.exitCode;
    }
    const QCommandLineParser& p = *parsed.parser;
    QStringList fwd{sub, QStringLiteral("--dir"), labDir(p)};
    if (sub == QLatin1String("status") && p.isSet(json)) {
        fwd << QStringLiteral("--json");
    } else if (sub == QLatin1String("down") && p.isSet(keepLogs)) {
        fwd << QStringLiteral("--keep-logs");
    } else if (sub == QLatin1String("wait")) {
        if (!isNonNegativeInt(p.value(timeout), 1)) {
            return usageError(QStringLiteral("--timeout wants a number of seconds >= 1"));
        }
        fwd << QStringLiteral("--timeout") << p.value(timeout);
    } else if (sub.startsWith(QLatin1String("node-"))) {
        if (!p.isSet(node) || !isNonNegativeInt(p.value(node))) {
            return usageError(QStringLiteral("%1 needs --node I (a service node index)").arg(sub));
        }
        fwd << QStringLiteral("--node") << p.value(node);
    }
    return runScript(fwd);
}

void printLabUsage()
{
    out() << "Usage: rbctl lab <subcommand> [options]\n\n"
             "A private Tor network on 127.0.0.1 for trying the balancer without real nodes.\n\nSubcommands:\n";
    for (const Sub& s : kSubcommands) {
        out() << "  " << QString::fromLatin1(s.name).leftJustified(12) << s.summary << "\n";
    }
    QStringList tried;
    const QString script = locateScript(&tried);
    out() << "\nDefault directory: " << defaultLabDir() << "\n"
          << "Script: " << (script.isEmpty() ? QStringLiteral("NOT FOUND (set RB_LAB_SCRIPT)") : script) << "\n"
          << "Needs tor, tor-gencert and python3 (RB_LAB_PYTHON overrides the interpreter).\n"
             "Run 'rbctl lab <subcommand> --help' for options.\n"
          << Qt::flush;
}

int runLab(const QStringList& args)
{
    if (args.isEmpty()) {
        printLabUsage();
        return ExitUsage;
    }
    const QString sub = args.first();
    const QStringList rest = args.mid(1);
    if (sub == QLatin1String("-h") || sub == QLatin1String("--help") || sub == QLatin1String("help")) {
        printLabUsage();
        return ExitOk;
    }
    if (sub == QLatin1String("up")) {
        return labUp(rest);
    }
    for (const Sub& s : kSubcommands) {
        if (sub == QLatin1String(s.name)) {
            return labSimple(sub, rest);
        }
    }
    return usageError(QStringLiteral("unknown subcommand '%1'. Run 'rbctl lab --help'.").arg(sub));
}

}  // namespace

RB_CLI_COMMAND(lab, "lab", "Start/stop a private Tor test network on 127.0.0.1", runLab);
