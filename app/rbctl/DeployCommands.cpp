// rbctl fleet deploy NAME / rbctl fleet undeploy NAME: one-click key
// deployment over SSH (core/deploy/Deployer). Registered as the commands
// "deploy" and "undeploy"; `rbctl fleet deploy|undeploy` forwards here.
// Every step is printed as it happens (stderr with --json, which prints the
// final report as JSON on stdout). The master key comes from the OS keychain
// (default) or a key file with strict permissions; it is never an argument.
#include "Cli.h"
#include "deploy/DeployConfig.h"
#include "deploy/Deployer.h"
#include "deploy/MasterKeySource.h"
#include "fleet/FleetConfig.h"
#include "secrets/SecretStore.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonObject>
#include <QTimer>

#include <optional>

using namespace rb;
using namespace rb::cli;

namespace {

struct Parsed {
    QString node;
    QString fleetPath;
    deploy::DeploySettings settings;
    ssh::SshOptions ssh;
    QString keyFile;
    QString address;
    bool keychain = false;
    bool json = false;
};

QString fleetPathFrom(const QCommandLineParser& p, const QCommandLineOption& opt)
{
    if (p.isSet(opt)) {
        return p.value(opt);
    }
    const QString env = qEnvironmentVariable("RB_FLEET_CONFIG");
    return env.isEmpty() ? fleet::FleetConfig::defaultPath() : env;
}

// Returns an exit code when done (help / error), or nullopt to continue.
std::optional<int> parse(const QStringList& args, bool deploying, Parsed* parsed)
{
    const QString verb = deploying ? QStringLiteral("deploy") : QStringLiteral("undeploy");
    QCommandLineParser p;
    p.setApplicationDescription(
        deploying ? QStringLiteral("Deploy the master identity onto a node over SSH: back up the node's keys and torrc, "
                                   "write the master keys (0600, owner = tor's user), add the managed torrc block "
                                   "(PublishHidServDescriptors 0, HiddenServiceOnionbalanceInstance 1), restart tor "
                                   "and verify it serves the master. Any failure rolls back.")
                  : QStringLiteral("Undo a deployment: restore the node's backed-up identity, remove the managed "
                                   "torrc block, restart tor and verify the old identity is served."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("name"), QStringLiteral("Node name (from the fleet file)."));
    const QCommandLineOption config({QStringLiteral("c"), QStringLiteral("config")},
                                    QStringLiteral("Fleet file (default: $RB_FLEET_CONFIG or the app config dir)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption deployConfig(QStringLiteral("deploy-config"),
                                          QStringLiteral("Deploy settings file (default: deploy.json beside the "
                                                         "fleet file)."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption keyFile(QStringLiteral("key-file"),
                                     QStringLiteral("Master key file (0600/0400; seed, tor secret key or PEM). "
                                                    "Default: the OS keychain."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption keychain(QStringLiteral("keychain"),
                                      QStringLiteral("Take the master key from the OS keychain (the default)."));
    const QCommandLineOption address(QStringLiteral("address"),
                                     QStringLiteral("Master onion address (default: the fleet's service address)."),
                                     QStringLiteral("ADDR"));
    const QCommandLineOption sshConfig(QStringLiteral("ssh-config"),
                                       QStringLiteral("OpenSSH client config passed as -F (default: $RB_SSH_CONFIG, "
                                                      "else ssh's own)."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption torrc(QStringLiteral("torrc"), QStringLiteral("torrc path on the node."),
                                   QStringLiteral("PATH"));
    const QCommandLineOption unit(QStringLiteral("systemd-unit"),
                                  QStringLiteral("Restart tor with 'systemctl restart UNIT' (default tor@default)."),
                                  QStringLiteral("UNIT"));
    const QCommandLineOption pidFile(QStringLiteral("pid-file"),
                                     QStringLiteral("Restart tor by its PidFile: stop that pid, start 'tor -f TORRC'."),
                                     QStringLiteral("PATH"));
    const QCommandLineOption defaultsTorrc(QStringLiteral("defaults-torrc"),
                                           QStringLiteral("With --pid-file: tor's --defaults-torrc."),
                                           QStringLiteral("PATH"));
    const QCommandLineOption sudo(QStringLiteral("sudo"), QStringLiteral("Run node commands through sudo -n."));
    const QCommandLineOption verify(QStringLiteral("verify-timeout"),
                                    QStringLiteral("Seconds to wait for the restarted tor (default 180)."),
                                    QStringLiteral("S"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print the final report as JSON."));
    p.addOptions({config, deployConfig, sshConfig, torrc, unit, pidFile, defaultsTorrc, sudo, verify, json});
    if (deploying) {
        p.addOptions({keyFile, keychain, address});
    }
    if (!p.parse(QStringList{QStringLiteral("rbctl fleet ") + verb} + args)) {
        err() << "rbctl: " << p.errorText() << "\n" << Qt::flush;
        return ExitUsage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        out() << p.helpText() << Qt::flush;
        return ExitOk;
    }
    parsed->json = p.isSet(json);
    const auto usage = [&](const QString& message) {
        return fail(makeError(ErrorCode::InvalidArgument, message), parsed->json);
    };
    if (p.positionalArguments().size() != 1) {
        return usage(QStringLiteral("give exactly one node name: rbctl fleet %1 NAME (see --help)").arg(verb));
    }
    parsed->node = p.positionalArguments().front();
    parsed->fleetPath = fleetPathFrom(p, config);
    if (deploying) {
        if (p.isSet(keyFile) && p.isSet(keychain)) {
            return usage(QStringLiteral("--key-file and --keychain exclude each other"));
        }
        parsed->keyFile = p.value(keyFile);
        parsed->keychain = p.isSet(keychain);
        parsed->address = p.value(address);
    }
    if (p.isSet(unit) && p.isSet(pidFile)) {
        return usage(QStringLiteral("--systemd-unit and --pid-file exclude each other"));
    }

    const QString dcPath = p.isSet(deployConfig) ? p.value(deployConfig)
                                                 : deploy::DeployConfig::pathBesideFleet(parsed->fleetPath);
    auto dc = deploy::DeployConfig::loadOrEmpty(dcPath);
    if (!dc) {
        return fail(dc.error(), parsed->json);
    }
    parsed->settings = dc->settingsFor(parsed->node);
    if (p.isSet(torrc)) {
        parsed->settings.torrcPath = p.value(torrc);
    }
    if (p.isSet(unit)) {
        parsed->settings.restart = deploy::RestartStrategy::systemd(p.value(unit));
    }
    if (p.isSet(pidFile)) {
        parsed->settings.restart =
            deploy::RestartStrategy::fromPidFile(p.value(pidFile), QString(), p.value(defaultsTorrc));
    } else if (p.isSet(defaultsTorrc)) {
        if (parsed->settings.restart.kind != deploy::RestartStrategy::Kind::PidFile) {
            return usage(QStringLiteral("--defaults-torrc needs a pid-file restart (--pid-file)"));
        }
        parsed->settings.restart.defaultsTorrc = p.value(defaultsTorrc);
    }
    if (p.isSet(sudo)) {
        parsed->settings.sudo = true;
    }
    if (p.isSet(verify)) {
        bool ok = false;
        parsed->settings.verifyTimeoutSeconds = p.value(verify).toInt(&ok);
        if (!ok) {
            return usage(QStringLiteral("--verify-timeout takes a number of seconds"));
        }
    }
    if (Status st = parsed->settings.validate(); !st) {
        return fail(st.error(), parsed->json);
    }
    parsed->ssh.configFile = p.isSet(sshConfig) ? p.value(sshConfig) : qEnvironmentVariable("RB_SSH_CONFIG");
    return std::nullopt;
}

Result<onion::MasterIdentity> loadMaster(const Parsed& a, const fleet::FleetConfig& fleet)
{
    QString address = a.address;
    if (address.isEmpty() && fleet.service() && !fleet.service()->onionAddress.isEmpty()) {
        address = fleet.service()->onionAddress;
    }
    QString keyFile = a.keyFile;
    if (keyFile.isEmpty() && !a.keychain && fleet.service() &&
        fleet.service()->seedLocation == fleet::ManagedService::SeedLocation::KeyFile) {
        keyFile = fleet.service()->keyFile;
    }
    if (!keyFile.isEmpty()) {
        return deploy::MasterKeySource::fromKeyFile(keyFile, address);
    }
    if (address.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("No master address: set the fleet's service or give --address (or --key-file)."));
    }
    secrets::SecretStore store;
    std::optional<Result<onion::MasterIdentity>> got;
    QEventLoop loop;
    deploy::MasterKeySource::fromKeychain(store, address, [&](Result<onion::MasterIdentity> r) {
        got.emplace(std::move(r));
        loop.quit();
    });
    if (!got) {
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (!got) {
        return makeError(ErrorCode::Timeout, QStringLiteral("The keychain did not answer within 60 s."));
    }
    return std::move(*got);
}

int run(const QStringList& args, bool deploying)
{
    Parsed a;
    if (auto code = parse(args, deploying, &a)) {
        return *code;
    }
    auto fleetCfg = fleet::FleetConfig::load(a.fleetPath);
    if (!fleetCfg) {
        return fail(fleetCfg.error(), a.json);
    }
    const fleet::NodeConfig* node = fleetCfg->node(a.node);
    if (node == nullptr) {
        return fail(makeError(ErrorCode::NotFound,
                              QStringLiteral("No node '%1' in %2; see 'rbctl fleet list'.").arg(a.node, a.fleetPath)),
                    a.json);
    }
    std::optional<onion::MasterIdentity> master;
    if (deploying) {
        auto m = loadMaster(a, *fleetCfg);
        if (!m) {
            return fail(m.error(), a.json);
        }
        master.emplace(std::move(m).value());
    }

    QTextStream& progress = a.json ? err() : out();
    deploy::Deployer deployer(*node, a.settings, a.ssh);
    QObject::connect(&deployer, &deploy::Deployer::stepStarted,
                     [&progress](deploy::Deployer::Step step, const QString& what, int percent) {
                         progress << QStringLiteral("[%1%] %2: %3\n")
                                         .arg(percent, 3)
                                         .arg(deploy::Deployer::stepName(step), what)
                                  << Qt::flush;
                     });
    QObject::connect(&deployer, &deploy::Deployer::stepFinished,
                     [&progress](deploy::Deployer::Step, const QString& summary) {
                         progress << "       ok: " << summary << "\n" << Qt::flush;
                     });
    QObject::connect(&deployer, &deploy::Deployer::stepFailed,
                     [&progress](deploy::Deployer::Step, const QString& message) {
                         progress << "       FAILED: " << message << "\n" << Qt::flush;
                     });
    QEventLoop loop;
    QObject::connect(&deployer, &deploy::Deployer::finished, &loop, &QEventLoop::quit);
    const Status st = deploying ? deployer.deploy(std::move(*master)) : deployer.undeploy();
    if (!st) {
        return fail(st.error(), a.json);
    }
    loop.exec();

    const deploy::Deployer::Report& r = deployer.report();
    const bool ok = r.outcome == deploy::Deployer::Outcome::Succeeded;
    if (a.json) {
        QJsonObject o = r.toJson();
        o.insert(QStringLiteral("ok"), ok);
        printJson(o);
    } else if (ok) {
        out() << (deploying ? QStringLiteral("Deployed %1 to node %2 (backup %3).\n")
                                  .arg(r.masterAddress, r.node, r.backupDir)
                            : QStringLiteral("Node %1 is back to %2 (backup %3 kept).\n")
                                  .arg(r.node,
                                       r.previousAddress.isEmpty() ? QStringLiteral("its previous configuration")
                                                                   : r.previousAddress,
                                       r.backupDir))
              << Qt::flush;
    } else if (r.outcome == deploy::Deployer::Outcome::RolledBack) {
        err() << "rbctl: the deployment failed and was rolled back; the node runs its previous identity.\n";
    }
    if (ok) {
        return ExitOk;
    }
    err() << "rbctl: " << r.error.toString() << Qt::endl;
    return exitCodeFor(r.error.code);
}

int runDeploy(const QStringList& args)
{
    return run(args, true);
}

int runUndeploy(const QStringList& args)
{
    return run(args, false);
}

}  // namespace

RB_CLI_COMMAND(deploy, "deploy", "Deploy the master key onto a node over SSH (also: rbctl fleet deploy)", runDeploy);
RB_CLI_COMMAND(undeploy, "undeploy", "Restore a node's previous identity (also: rbctl fleet undeploy)", runUndeploy);
