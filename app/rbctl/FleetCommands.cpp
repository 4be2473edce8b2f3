// rbctl fleet add|list|remove|import-onionbalance: edit the fleet file.
// deploy/undeploy are forwarded to DeployCommands.cpp. The fleet file never holds a secret.
#include "Cli.h"
#include "fleet/FleetConfig.h"
#include "fleet/OnionbalanceImport.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcessEnvironment>

using namespace rb;
using namespace rb::cli;
using namespace rb::fleet;

namespace {

const QCommandLineOption kConfigOpt({QStringLiteral("c"), QStringLiteral("config")},
                                    QStringLiteral("Fleet file (default: $RB_FLEET_CONFIG or the app config dir)."),
                                    QStringLiteral("FILE"));
const QCommandLineOption kJsonOpt(QStringLiteral("json"), QStringLiteral("Machine-readable JSON output."));

QString configPath(const QCommandLineParser& p)
{
    if (p.isSet(kConfigOpt)) {
        return p.value(kConfigOpt);
    }
    const QString env = qEnvironmentVariable("RB_FLEET_CONFIG");
    return env.isEmpty() ? FleetConfig::defaultPath() : env;
}

// Parses; returns -1 to continue, else an exit code.
int parseArgs(QCommandLineParser& p, const QString& usage, const QStringList& args)
{
    p.setApplicationDescription(usage);
    p.addHelpOption();
    p.addOption(kConfigOpt);
    p.addOption(kJsonOpt);
    if (!p.parse(QStringList{QStringLiteral("rbctl fleet")} + args)) {
        err() << "rbctl: " << p.errorText() << "\n" << Qt::flush;
        return ExitUsage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        out() << p.helpText() << Qt::flush;
        return ExitOk;
    }
    return -1;
}

QJsonObject nodeSummary(const NodeConfig& n)
{
    QJsonObject o = n.toJson();
    o.insert(QStringLiteral("complete"), n.isComplete());
    QJsonArray missing;
    for (const QString& m : n.missingFields()) {
        missing.append(m);
    }
    o.insert(QStringLiteral("missing"), missing);
    return o;
}

int cmdList(const QStringList& args)
{
    QCommandLineParser p;
    if (int rc = parseArgs(p, QStringLiteral("List the nodes of the fleet."), args); rc >= 0) {
        return rc;
    }
    const bool json = p.isSet(kJsonOpt);
    const QString path = configPath(p);
    auto cfg = FleetConfig::loadOrEmpty(path);
    if (!cfg) {
        return fail(cfg.error(), json);
    }
    if (json) {
        QJsonArray nodes;
        for (const NodeConfig& n : cfg->nodes()) {
            nodes.append(nodeSummary(n));
        }
        QJsonObject o{{QStringLiteral("ok"), true}, {QStringLiteral("config"), path}, {QStringLiteral("nodes"), nodes}};
        if (cfg->service()) {
            o.insert(QStringLiteral("service"), cfg->service()->toJson());
        }
        QJsonArray todo;
        for (const QString& t : cfg->todo()) {
            todo.append(t);
        }
        o.insert(QStringLiteral("todo"), todo);
        printJson(o);
        return ExitOk;
    }
    out() << "Fleet file: " << path << "\n";
    if (cfg->service()) {
        const ManagedService& s = *cfg->service();
        out() << "Service: " << (s.onionAddress.isEmpty() ? QStringLiteral("(address not known yet)") : s.onionAddress)
              << "  seed: "
              << (s.seedLocation == ManagedService::SeedLocation::KeyFile
                      ? QStringLiteral("key file ") + s.keyFile
                      : QStringLiteral("keychain ") + s.keychainKey())
              << "\n";
    }
    if (cfg->nodes().isEmpty()) {
        out()
            << "No nodes. Add one with: rbctl fleet add --name NAME --ssh USER@HOST --control unix:/run/tor/control\n";
    }
    for (const NodeConfig& n : cfg->nodes()) {
        out() << QStringLiteral("%1  %2  ssh=%3  control=%4  auth=%5  weight=%6")
                     .arg(n.name.leftJustified(16), n.enabled ? QStringLiteral("enabled ") : QStringLiteral("disabled"),
                          n.sshTarget.isEmpty() ? QStringLiteral("-") : n.sshTarget,
                          n.controlEndpoint.isEmpty() ? QStringLiteral("-") : n.controlEndpoint, authMethodName(n.auth))
                     .arg(n.weight)
              << "\n";
    }
    const QStringList todo = cfg->todo();
    if (!todo.isEmpty()) {
        out() << "\nTo complete:\n";
        for (const QString& t : todo) {
            out() << "  - " << t << "\n";
        }
    }
    out() << Qt::flush;
    return ExitOk;
}

int cmdAdd(const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Node name ([A-Za-z0-9._-])."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption sshOpt(QStringLiteral("ssh"),
                                    QStringLiteral("SSH target: user@host[:port] or an ssh config alias."),
                                    QStringLiteral("TARGET"));
    const QCommandLineOption control(
        QStringLiteral("control"),
        QStringLiteral("Control endpoint on the node: unix:/run/tor/control or 127.0.0.1:9051."),
        QStringLiteral("ENDPOINT"));
    const QCommandLineOption auth(QStringLiteral("auth"),
                                  QStringLiteral("safecookie (default), cookie, password or none."),
                                  QStringLiteral("METHOD"), QStringLiteral("safecookie"));
    const QCommandLineOption cookie(QStringLiteral("cookie-file"), QStringLiteral("Control cookie path on the node."),
                                    QStringLiteral("PATH"));
    const QCommandLineOption hsDir(QStringLiteral("hs-dir"), QStringLiteral("HiddenServiceDir on the node."),
                                   QStringLiteral("PATH"));
    const QCommandLineOption torUser(QStringLiteral("tor-user"), QStringLiteral("User tor runs as (e.g. debian-tor)."),
                                     QStringLiteral("USER"));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("Service port VIRTUAL[:TARGET], repeatable (80:127.0.0.1:8080)."),
                                  QStringLiteral("MAPPING"));
    const QCommandLineOption metrics(QStringLiteral("metrics"),
                                     QStringLiteral("MetricsPort endpoint on the node (127.0.0.1:9035)."),
                                     QStringLiteral("ENDPOINT"));
    const QCommandLineOption weight(QStringLiteral("weight"), QStringLiteral("Weight 0-1000 (default 1)."),
                                    QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption disabled(QStringLiteral("disabled"), QStringLiteral("Add the node disabled."));
    const QCommandLineOption replace(QStringLiteral("replace"), QStringLiteral("Replace a node with the same name."));
    p.addOptions({name, sshOpt, control, auth, cookie, hsDir, torUser, port, metrics, weight, disabled, replace});
    if (int rc = parseArgs(p,
                           QStringLiteral("Add a node to the fleet. A control password (--auth password) is stored "
                                          "in the keychain separately, never in the fleet file."),
                           args);
        rc >= 0) {
        return rc;
    }
    const bool json = p.isSet(kJsonOpt);
    if (!p.isSet(name) || !p.positionalArguments().isEmpty()) {
        return fail(
            makeError(ErrorCode::InvalidArgument, QStringLiteral("Usage: rbctl fleet add --name NAME --ssh TARGET "
                                                                 "--control ENDPOINT [options]; see --help.")),
            json);
    }
    NodeConfig n;
    n.name = p.value(name);
    n.sshTarget = p.value(sshOpt);
    n.controlEndpoint = p.value(control);
    auto a = parseAuthMethod(p.value(auth));
    if (!a) {
        return fail(a.error(), json);
    }
    n.auth = a.value();
    n.cookieFile = p.value(cookie);
    n.hiddenServiceDir = p.value(hsDir);
    n.torUser = p.value(torUser);
    n.metricsEndpoint = p.value(metrics);
    bool ok = false;
    n.weight = p.value(weight).toInt(&ok);
    if (!ok) {
        return fail(makeError(ErrorCode::InvalidArgument, QStringLiteral("--weight must be a number from 0 to 1000.")),
                    json);
    }
    n.enabled = !p.isSet(disabled);
    for (const QString& m : p.values(port)) {
        auto pm = PortMapping::parse(m);
        if (!pm) {
            return fail(pm.error(), json);
        }
        n.ports.append(pm.value());
    }
    const QString path = configPath(p);
    auto cfg = FleetConfig::loadOrEmpty(path);
    if (!cfg) {
        return fail(cfg.error(), json);
    }
    if (auto st = cfg->addNode(n, p.isSet(replace)); !st) {
        return fail(st.error(), json);
    }
    if (auto st = cfg->save(path); !st) {
        return fail(st.error(), json);
    }
    if (json) {
        printJson(QJsonObject{
            {QStringLiteral("ok"), true}, {QStringLiteral("config"), path}, {QStringLiteral("node"), nodeSummary(n)}});
    } else {
        out() << "Added node " << n.name << " to " << path << "\n";
        if (n.auth == AuthMethod::Password) {
            out() << "Store its control password in the keychain entry " << n.passwordKeychainKey() << ".\n";
        }
        out() << Qt::flush;
    }
    return ExitOk;
}

int cmdRemove(const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("name"), QStringLiteral("Node to remove."));
    if (int rc = parseArgs(p, QStringLiteral("Remove a node from the fleet."), args); rc >= 0) {
        return rc;
    }
    const bool json = p.isSet(kJsonOpt);
    if (p.positionalArguments().size() != 1) {
        return fail(makeError(ErrorCode::InvalidArgument, QStringLiteral("Usage: rbctl fleet remove NAME")), json);
    }
    const QString nodeName = p.positionalArguments().front();
    const QString path = configPath(p);
    auto cfg = FleetConfig::load(path);
    if (!cfg) {
        return fail(cfg.error(), json);
    }
    if (auto st = cfg->removeNode(nodeName); !st) {
        return fail(st.error(), json);
    }
    if (auto st = cfg->save(path); !st) {
        return fail(st.error(), json);
    }
    if (json) {
        printJson(QJsonObject{{QStringLiteral("ok"), true}, {QStringLiteral("removed"), nodeName}});
    } else {
        out() << "Removed node " << nodeName << " from " << path << "\n" << Qt::flush;
    }
    return ExitOk;
}

int cmdImport(const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("config.yaml"), QStringLiteral("Onionbalance v3 configuration."));
    const QCommandLineOption service(QStringLiteral("service"),
                                     QStringLiteral("Which service to import (1-based, default 1)."),
                                     QStringLiteral("N"), QStringLiteral("1"));
    p.addOption(service);
    if (int rc = parseArgs(p, QStringLiteral("Import nodes and the key location from an Onionbalance v3 config.yaml."),
                           args);
        rc >= 0) {
        return rc;
    }
    const bool json = p.isSet(kJsonOpt);
    if (p.positionalArguments().size() != 1) {
        return fail(
            makeError(ErrorCode::InvalidArgument, QStringLiteral("Usage: rbctl fleet import-onionbalance CONFIG.yaml")),
            json);
    }
    const QString path = configPath(p);
    auto cfg = FleetConfig::loadOrEmpty(path);
    if (!cfg) {
        return fail(cfg.error(), json);
    }
    auto outcome = OnionbalanceImport::importFile(p.positionalArguments().front(), std::move(cfg).value(),
                                                  p.value(service).toInt() - 1);
    if (!outcome) {
        return fail(outcome.error(), json);
    }
    if (auto st = outcome->fleet.save(path); !st) {
        return fail(st.error(), json);
    }
    if (json) {
        QJsonArray todo;
        QJsonArray warnings;
        for (const QString& t : outcome->todo) {
            todo.append(t);
        }
        for (const QString& w : outcome->warnings) {
            warnings.append(w);
        }
        printJson(QJsonObject{{QStringLiteral("ok"), true},
                              {QStringLiteral("config"), path},
                              {QStringLiteral("todo"), todo},
                              {QStringLiteral("warnings"), warnings}});
    } else {
        out() << "Imported into " << path << "\n";
        for (const QString& w : outcome->warnings) {
            out() << "warning: " << w << "\n";
        }
        out() << "To complete:\n";
        for (const QString& t : outcome->todo) {
            out() << "  - " << t << "\n";
        }
        out() << Qt::flush;
    }
    return ExitOk;
}

int runFleet(const QStringList& args)
{
    const QString sub = args.value(0);
    const QStringList rest = args.mid(1);
    if (sub == QLatin1String("list")) {
        return cmdList(rest);
    }
    if (sub == QLatin1String("add")) {
        return cmdAdd(rest);
    }
    if (sub == QLatin1String("remove")) {
        return cmdRemove(rest);
    }
    if (sub == QLatin1String("import-onionbalance")) {
        return cmdImport(rest);
    }
    if (sub == QLatin1String("deploy") || sub == QLatin1String("undeploy")) {
        // Implemented in DeployCommands.cpp (registered as "deploy" / "undeploy").
        const auto it = registry().find(sub);
        if (it != registry().end()) {
            return it->second.run(rest);
        }
    }
    const bool help =
        sub.isEmpty() || sub == QLatin1String("--help") || sub == QLatin1String("-h") || sub == QLatin1String("help");
    (help ? out() : err()) << (help ? QString() : QStringLiteral("rbctl: unknown fleet command '%1'.\n").arg(sub))
                           << "Usage: rbctl fleet <command> [options]\n\n"
                              "Commands:\n"
                              "  list                 List nodes and what still needs completing\n"
                              "  add                  Add (or --replace) a node\n"
                              "  remove NAME          Remove a node\n"
                              "  import-onionbalance  Import an Onionbalance v3 config.yaml\n"
                              "  deploy NAME          Deploy the master key onto a node over SSH\n"
                              "  undeploy NAME        Restore a node's previous identity\n\n"
                              "Common options: --config FILE, --json, --help\n"
                           << Qt::flush;
    return help && !sub.isEmpty() ? ExitOk : ExitUsage;
}

}  // namespace

RB_CLI_COMMAND(fleet, "fleet", "Manage the fleet of tor nodes (add, list, remove, import-onionbalance)", runFleet);
