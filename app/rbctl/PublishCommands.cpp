// rbctl publish / rbctl status: the publisher without the console.
//
//   rbctl publish (--once | --watch) (--key-file FILE | --seed-hex-env VAR)
//                 --node NAME=HOST:PORT [--cookie NAME=FILE] [--password-env NAME=VAR]
//                 [--metrics NAME=HOST:PORT] [--hs-dir NAME=DIR] [--weight NAME=N] [--node ...]
//                 | --config FILE [--ssh-config FILE]
//   rbctl status  --config FILE [--json]   (or the same --node options)
//
// --config takes a publish configuration (direct control addresses) or the
// console's fleet file ("format": "rustbalance-fleet"), whose nodes are
// reached over SSH: one SshNodeTransport per node (control port + MetricsPort
// forwards, node files and the control cookie read on the node over SSH).
// Unknown SSH host keys are refused with their fingerprint, never accepted.
//
// The master seed never appears on a command line or in a log: it comes from
// a key file with strict permissions (0600/0400, yours) or an environment
// variable (unset as soon as it is read) — never from the fleet file.

#include "Cli.h"

#include "balancer/MetricsServer.h"
#include "balancer/NodeSession.h"
#include "balancer/Publisher.h"
#include "balancer/PublisherMetrics.h"
#include "control/HsDescContentEvent.h"
#include "control/HsDescEvent.h"
#include "crypto/Crypto.h"
#include "crypto/Ed25519.h"
#include "deploy/FleetEndpoints.h"
#include "deploy/SshEndpointProvider.h"
#include "deploy/SshNodeTransport.h"
#include "descriptor/DescriptorDecoder.h"
#include "fleet/FleetConfig.h"
#include "hsdir/HsDirRing.h"
#include "hsdir/TimePeriod.h"
#include "onion/MasterIdentity.h"
#include "onion/OnionAddress.h"
#include "onion/TorKeyFile.h"
#include "secrets/KeyFileSource.h"
#include "ssh/HostKeyVerifier.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QTimer>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

using namespace rb;
using namespace rb::balancer;
using namespace rb::cli;

namespace {

// ---------------------------------------------------------------------------
// configuration

struct NodeSpec {
    QString name;
    ControlAddress control;
    QString cookieFile;
    QString passwordEnv;
    std::optional<ControlAddress> metrics;
    QString hiddenServiceDir;
    int weight = 1;
    bool infoEvents = false;
    // A node of the console's fleet file: reached over SSH (control stays unset).
    std::optional<fleet::NodeConfig> sshNode;
    ssh::SshOptions ssh;
};

struct RunSpec {
    QList<NodeSpec> nodes;
    QString keyFile;
    QString seedEnv;
    QString masterAddress;
    qint64 uploadTimeoutSeconds = 60;
    qint64 refreshMinutes = 60;
    QStringList forceInclude;
};

Error usage(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

NodeSpec* findNode(RunSpec& spec, const QString& name)
{
    for (NodeSpec& n : spec.nodes) {
        if (n.name == name) {
            return &n;
        }
    }
    return nullptr;
}

Status validName(const QString& name)
{
    if (name.isEmpty() || name.size() > 64) {
        return usage(QStringLiteral("A node name must be 1-64 characters"));
    }
    for (const QChar c : name) {
        if (!(c.isLetterOrNumber() || c == u'.' || c == u'_' || c == u'-')) {
            return usage(QStringLiteral("Node name '%1' may only contain letters, digits, '.', '_' and '-'").arg(name));
        }
    }
    return {};
}

// NAME=VALUE pairs of a per-node option; the node must exist (except --node).
Status applyPairs(RunSpec& spec, const QStringList& values, const QString& option,
                  const std::function<Status(NodeSpec&, const QString&)>& apply)
{
    for (const QString& v : values) {
        const qsizetype eq = v.indexOf(u'=');
        if (eq <= 0) {
            return usage(QStringLiteral("--%1 wants NAME=VALUE (got '%2')").arg(option, v.left(100)));
        }
        const QString name = v.left(eq);
        NodeSpec* n = findNode(spec, name);
        if (!n) {
            return usage(QStringLiteral("--%1 names node '%2', which no --node defines").arg(option, name));
        }
        RB_TRY_STATUS(apply(*n, v.mid(eq + 1)));
    }
    return {};
}

// The console's fleet file: every enabled node is reached over SSH. The file
// holds no secrets (the master key comes from --key-file / --seed-hex-env).
Status loadFleetFile(const QString& path, RunSpec& spec)
{
    RB_TRY(const fleet::FleetConfig fleet, fleet::FleetConfig::load(path));
    if (fleet.service() && !fleet.service()->onionAddress.isEmpty()) {
        spec.masterAddress = fleet.service()->onionAddress;
    }
    for (const fleet::NodeConfig& node : fleet.nodes()) {
        if (!node.enabled) {
            continue;
        }
        if (node.sshTarget.isEmpty()) {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("%1: node '%2' has no SSH target; rbctl reaches the nodes of a fleet file "
                                            "only over SSH (set its SSH target, or write a publish configuration "
                                            "with a direct control address)")
                                 .arg(path, node.name));
        }
        // The target and endpoints are checked now, not at connection time.
        if (auto ts = deploy::SshNodeTransport::Settings::fromNodeConfig(node, ssh::SshOptions()); !ts) {
            return makeError(ts.error().code, QStringLiteral("%1: %2").arg(path, ts.error().message), ts.error().detail);
        }
        if (findNode(spec, node.name)) {
            return usage(QStringLiteral("%1: two nodes are named '%2'").arg(path, node.name));
        }
        NodeSpec s;
        s.name = node.name;
        s.hiddenServiceDir = node.hiddenServiceDir;
        s.weight = std::max(1, node.weight);
        s.sshNode = node;
        spec.nodes.append(s);
    }
    if (spec.nodes.isEmpty()) {
        return usage(QStringLiteral("%1 has no enabled node").arg(path));
    }
    return {};
}

Status loadConfigFile(const QString& path, RunSpec& spec)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::IoError, QStringLiteral("Cannot read the configuration %1").arg(path),
                         f.errorString());
    }
    const QByteArray data = f.read(4 * 1024 * 1024 + 1);
    if (data.size() > 4 * 1024 * 1024) {
        return makeError(ErrorCode::TooLarge, QStringLiteral("%1 is larger than 4 MiB").arg(path));
    }
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(data, &pe);
    if (!doc.isObject()) {
        return makeError(ErrorCode::ParseError, QStringLiteral("%1 is not a JSON object").arg(path), pe.errorString());
    }
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("format")).toString() == QLatin1String("rustbalance-fleet")) {
        return loadFleetFile(path, spec);
    }
    static const QStringList topKeys{QStringLiteral("keyFile"), QStringLiteral("masterAddress"),
                                     QStringLiteral("nodes"), QStringLiteral("uploadTimeoutSeconds"),
                                     QStringLiteral("refreshMinutes")};
    for (const QString& k : o.keys()) {
        if (!topKeys.contains(k)) {
            return makeError(ErrorCode::ParseError, QStringLiteral("%1: unknown field '%2' (known: %3)")
                                                        .arg(path, k, topKeys.join(QStringLiteral(", "))));
        }
    }
    if (o.contains(QStringLiteral("keyFile"))) {
        spec.keyFile = o.value(QStringLiteral("keyFile")).toString();
    }
    if (o.contains(QStringLiteral("masterAddress"))) {
        spec.masterAddress = o.value(QStringLiteral("masterAddress")).toString();
    }
    if (o.contains(QStringLiteral("uploadTimeoutSeconds"))) {
        spec.uploadTimeoutSeconds = o.value(QStringLiteral("uploadTimeoutSeconds")).toInteger(60);
    }
    if (o.contains(QStringLiteral("refreshMinutes"))) {
        spec.refreshMinutes = o.value(QStringLiteral("refreshMinutes")).toInteger(60);
    }
    static const QStringList nodeKeys{QStringLiteral("name"),       QStringLiteral("control"),
                                      QStringLiteral("cookieFile"), QStringLiteral("passwordEnv"),
                                      QStringLiteral("metrics"),    QStringLiteral("hiddenServiceDir"),
                                      QStringLiteral("weight"),     QStringLiteral("infoEvents")};
    const QJsonArray nodes = o.value(QStringLiteral("nodes")).toArray();
    for (const QJsonValue& v : nodes) {
        const QJsonObject n = v.toObject();
        for (const QString& k : n.keys()) {
            if (!nodeKeys.contains(k)) {
                return makeError(ErrorCode::ParseError, QStringLiteral("%1: unknown node field '%2' (known: %3)")
                                                            .arg(path, k, nodeKeys.join(QStringLiteral(", "))));
            }
        }
        NodeSpec s;
        s.name = n.value(QStringLiteral("name")).toString();
        RB_TRY_STATUS(validName(s.name));
        if (findNode(spec, s.name)) {
            return usage(QStringLiteral("%1: two nodes are named '%2'").arg(path, s.name));
        }
        RB_TRY(s.control, ControlAddress::parse(n.value(QStringLiteral("control")).toString()));
        s.cookieFile = n.value(QStringLiteral("cookieFile")).toString();
        s.passwordEnv = n.value(QStringLiteral("passwordEnv")).toString();
        if (n.contains(QStringLiteral("metrics"))) {
            RB_TRY(auto m, ControlAddress::parse(n.value(QStringLiteral("metrics")).toString()));
            s.metrics = m;
        }
        s.hiddenServiceDir = n.value(QStringLiteral("hiddenServiceDir")).toString();
        s.weight = n.value(QStringLiteral("weight")).toInt(1);
        s.infoEvents = n.value(QStringLiteral("infoEvents")).toBool(false);
        spec.nodes.append(s);
    }
    return {};
}

void addCommonOptions(QCommandLineParser& p)
{
    p.addOption({QStringLiteral("config"),
                 QStringLiteral("Read nodes and settings from a JSON file: a publish configuration or the console's "
                                "fleet file (nodes reached over SSH)."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("ssh-config"),
                 QStringLiteral("Fleet-file nodes: OpenSSH client config passed to ssh as -F (default: $RB_SSH_CONFIG, "
                                "else ssh's own ~/.ssh/config)."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("node"), QStringLiteral("A node's control port (repeatable): NAME=HOST:PORT or "
                                                        "NAME=unix:/path."),
                 QStringLiteral("NAME=ADDR")});
    p.addOption({QStringLiteral("cookie"), QStringLiteral("Control cookie file of a node: NAME=FILE (default: the "
                                                          "file tor advertises, with SAFECOOKIE)."),
                 QStringLiteral("NAME=FILE")});
    p.addOption({QStringLiteral("password-env"),
                 QStringLiteral("Environment variable holding a node's control password: NAME=VAR."),
                 QStringLiteral("NAME=VAR")});
    p.addOption({QStringLiteral("metrics"), QStringLiteral("A node's MetricsPort: NAME=HOST:PORT."),
                 QStringLiteral("NAME=ADDR")});
    p.addOption({QStringLiteral("hs-dir"), QStringLiteral("The master's HiddenServiceDir on a node: NAME=DIR "
                                                          "(needed only when tor runs several services)."),
                 QStringLiteral("NAME=DIR")});
    p.addOption({QStringLiteral("weight"), QStringLiteral("A node's merge weight: NAME=N (default 1)."),
                 QStringLiteral("NAME=N")});
    p.addOption({QStringLiteral("info-events"),
                 QStringLiteral("Subscribe to a node's INFO log events (exact refresh trigger; verbose): NAME."),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("key-file"),
                 QStringLiteral("Master key: tor's hs_ed25519_secret_key, a HiddenServiceDir, a PEM or a seed file."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("seed-hex-env"),
                 QStringLiteral("Environment variable holding the 32-byte seed (or 64-byte expanded key) as hex."),
                 QStringLiteral("VAR")});
    p.addOption({QStringLiteral("json-log"), QStringLiteral("One JSON object per line and event (ISO-8601 times).")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Print the result as JSON.")});
    p.addOption({QStringLiteral("timeout"), QStringLiteral("Give up after SECS."), QStringLiteral("SECS")});
    p.addHelpOption();
}

Result<RunSpec> specFrom(const QCommandLineParser& p)
{
    RunSpec spec;
    if (p.isSet(QStringLiteral("config"))) {
        RB_TRY_STATUS(loadConfigFile(p.value(QStringLiteral("config")), spec));
    }
    ssh::SshOptions sshOptions;
    sshOptions.configFile = p.isSet(QStringLiteral("ssh-config")) ? p.value(QStringLiteral("ssh-config"))
                                                                  : qEnvironmentVariable("RB_SSH_CONFIG");
    for (NodeSpec& n : spec.nodes) {
        n.ssh = sshOptions;
    }
    for (const QString& v : p.values(QStringLiteral("node"))) {
        const qsizetype eq = v.indexOf(u'=');
        if (eq <= 0) {
            return usage(QStringLiteral("--node wants NAME=HOST:PORT (got '%1')").arg(v.left(100)));
        }
        NodeSpec s;
        s.name = v.left(eq);
        RB_TRY_STATUS(validName(s.name));
        if (findNode(spec, s.name)) {
            return usage(QStringLiteral("Two nodes are named '%1'").arg(s.name));
        }
        RB_TRY(s.control, ControlAddress::parse(v.mid(eq + 1)));
        spec.nodes.append(s);
    }
    RB_TRY_STATUS(applyPairs(spec, p.values(QStringLiteral("cookie")), QStringLiteral("cookie"),
                             [](NodeSpec& n, const QString& v) -> Status {
                                 n.cookieFile = v;
                                 return {};
                             }));
    RB_TRY_STATUS(applyPairs(spec, p.values(QStringLiteral("password-env")), QStringLiteral("password-env"),
                             [](NodeSpec& n, const QString& v) -> Status {
                                 n.passwordEnv = v;
                                 return {};
                             }));
    RB_TRY_STATUS(applyPairs(spec, p.values(QStringLiteral("metrics")), QStringLiteral("metrics"),
                             [](NodeSpec& n, const QString& v) -> Status {
                                 RB_TRY(auto m, ControlAddress::parse(v));
                                 if (m.kind != ControlAddress::Kind::Tcp) {
                                     return usage(QStringLiteral("--metrics wants HOST:PORT (MetricsPort is TCP)"));
                                 }
                                 n.metrics = m;
                                 return {};
                             }));
    RB_TRY_STATUS(applyPairs(spec, p.values(QStringLiteral("hs-dir")), QStringLiteral("hs-dir"),
                             [](NodeSpec& n, const QString& v) -> Status {
                                 n.hiddenServiceDir = v;
                                 return {};
                             }));
    RB_TRY_STATUS(applyPairs(spec, p.values(QStringLiteral("weight")), QStringLiteral("weight"),
                             [](NodeSpec& n, const QString& v) -> Status {
                                 bool ok = false;
                                 const int w = v.toInt(&ok);
                                 if (!ok || w < 1 || w > 1000) {
                                     return usage(QStringLiteral("--weight wants NAME=N with N in 1..1000"));
                                 }
                                 n.weight = w;
                                 return {};
                             }));
    for (const QString& name : p.values(QStringLiteral("info-events"))) {
        NodeSpec* n = findNode(spec, name);
        if (!n) {
            return usage(QStringLiteral("--info-events names node '%1', which no --node defines").arg(name));
        }
        n->infoEvents = true;
    }
    if (p.isSet(QStringLiteral("key-file"))) {
        spec.keyFile = p.value(QStringLiteral("key-file"));
    }
    if (p.isSet(QStringLiteral("seed-hex-env"))) {
        spec.seedEnv = p.value(QStringLiteral("seed-hex-env"));
        spec.keyFile.clear();
    }
    if (spec.nodes.isEmpty()) {
        return usage(QStringLiteral("No nodes: give --node NAME=HOST:PORT (repeatable) or --config FILE"));
    }
    return spec;
}

Result<onion::MasterIdentity> loadIdentity(const RunSpec& spec)
{
    if (!spec.seedEnv.isEmpty()) {
        const QByteArray var = spec.seedEnv.toLocal8Bit();
        RB_TRY(crypto::SecretBuffer bytes, secrets::KeyFileSource::fromEnvironment(var.constData()));
        qunsetenv(var.constData());  // not inherited by anything we start
        if (bytes.size() == 32) {
            return onion::MasterIdentity::fromSeed(std::move(bytes));
        }
        if (bytes.size() == 64) {
            return onion::MasterIdentity::fromExpanded(std::move(bytes));
        }
        return makeError(ErrorCode::BadKey, QStringLiteral("%1 holds %2 bytes; want a 32-byte seed or a 64-byte "
                                                           "expanded key as hex")
                                                .arg(spec.seedEnv)
                                                .arg(bytes.size()));
    }
    if (!spec.keyFile.isEmpty()) {
        // Strict permissions (KeyFileSource: a regular file of yours, 0600/0400,
        // read straight into a SecretBuffer); a HiddenServiceDir: its secret key file.
        QString secretPath = spec.keyFile;
        QByteArray publicFile;
        if (QFileInfo(spec.keyFile).isDir()) {
            const QDir dir(spec.keyFile);
            secretPath = dir.filePath(onion::TorKeyFile::secretFileName());
            QFile pub(dir.filePath(onion::TorKeyFile::publicFileName()));
            if (pub.exists() && pub.open(QIODevice::ReadOnly)) {
                publicFile = pub.read(1024);
            }
        }
        RB_TRY(const crypto::SecretBuffer bytes, secrets::KeyFileSource::readFile(secretPath));
        auto id = onion::MasterIdentity::importBytes(bytes.view(), publicFile);
        if (!id) {
            Error e = id.error();
            e.detail = secretPath;
            return e;
        }
        return id;
    }
    return usage(QStringLiteral("No master key: give --key-file FILE or --seed-hex-env VAR (never the seed itself)"));
}

Result<NodeCredentials> credentialsFor(const NodeSpec& n)
{
    NodeCredentials c;
    if (n.sshNode && n.sshNode->auth == fleet::AuthMethod::Password && n.passwordEnv.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Node %1 authenticates with a control password (kept in the console's "
                                        "keychain); give it to rbctl with --password-env %1=VAR")
                             .arg(n.name));
    }
    if (!n.passwordEnv.isEmpty()) {
        const QByteArray var = n.passwordEnv.toLocal8Bit();
        if (!qEnvironmentVariableIsSet(var.constData())) {
            return makeError(ErrorCode::NotFound, QStringLiteral("The environment variable %1 (control password of "
                                                                 "%2) is not set")
                                                      .arg(n.passwordEnv, n.name));
        }
        QByteArray value = qgetenv(var.constData());
        c.password = crypto::SecretBuffer::fromBytes(value);
        crypto::memzero(value);
        qunsetenv(var.constData());
    }
    return c;
}

// The per-process directory of the SSH tunnels' local sockets (never shared
// with the console or another rbctl: socket names are per node).
QString sshRuntimeDir()
{
    return ssh::SshTunnel::defaultRuntimeDir() + QStringLiteral("/rbctl-%1").arg(QCoreApplication::applicationPid());
}

// A fleet-file node: deploy::FleetEndpoints (shared with the console) builds
// SshNodeTransport + SshEndpointProvider + SshNodeFileAccess; the provider and
// the file access keep the transport alive, so it lives exactly as long as the
// session. The command line's --hs-dir / --weight / --info-events win.
NodeEndpoint sshEndpointFor(const NodeSpec& n)
{
    deploy::FleetEndpoints::Options options;
    options.ssh = n.ssh;
    options.runtimeDir = sshRuntimeDir();
    auto built = deploy::FleetEndpoints::sshEndpoint(*n.sshNode, options);
    // Incomplete node: no provider, the session reports "no control address".
    NodeEndpoint e = built ? std::move(built.value()) : NodeEndpoint{};
    e.name = n.name;
    e.hiddenServiceDir = n.hiddenServiceDir;
    e.weight = n.weight;
    e.infoEvents = n.infoEvents;
    e.useAdvertisedCookie = false;  // the advertised path is on the node: the provider reads it there
    return e;
}

NodeEndpoint endpointFor(const NodeSpec& n)
{
    if (n.sshNode) {
        return sshEndpointFor(n);
    }
    NodeEndpoint e = NodeEndpoint::direct(n.name, n.control, n.metrics);
    e.cookieFile = n.cookieFile;
    e.useAdvertisedCookie = n.cookieFile.isEmpty() && n.passwordEnv.isEmpty();
    e.hiddenServiceDir = n.hiddenServiceDir;
    e.weight = n.weight;
    e.infoEvents = n.infoEvents;
    return e;
}

// ---------------------------------------------------------------------------
// SSH host keys of fleet-file nodes: every tunnel is brought up once before
// the run. An unknown host key is refused with its fingerprint and the command
// to accept it (rbctl never accepts a host key); a changed one with ssh's
// warning. A node that is merely unreachable is left to its session (it
// retries and reports).

Error unknownHostKey(const NodeSpec& n, const QString& checkDetail)
{
    QString fingerprints;
    const auto target = ssh::SshTarget::parse(n.sshNode->sshTarget);
    if (target) {
        ssh::HostKeyVerifier verifier(n.ssh);
        QEventLoop loop;
        std::optional<Result<ssh::HostKeyInfo>> info;
        verifier.probe(*target, [&info, &loop](Result<ssh::HostKeyInfo> r) {
            info.emplace(std::move(r));
            loop.quit();
        });
        if (!info) {
            QTimer::singleShot(30000, &loop, &QEventLoop::quit);
            loop.exec();
        }
        if (info && info->ok() && !info->value().fingerprints.isEmpty()) {
            fingerprints = info->value().fingerprints.join(QStringLiteral(", "));
        } else if (info && !info->ok()) {
            fingerprints = QStringLiteral("its fingerprint could not be read: ") + info->error().message;
        }
    }
    const QString sshCommand =
        QStringLiteral("ssh%1 %2 true")
            .arg(n.ssh.configFile.isEmpty() ? QString() : QStringLiteral(" -F ") + n.ssh.configFile,
                 n.sshNode->sshTarget);
    return makeError(ErrorCode::AuthFailed,
                     QStringLiteral("node %1: the SSH host key of %2 is not known yet (%3). rbctl never accepts a host "
                                    "key by itself: compare this fingerprint with the node's own (on the node: "
                                    "ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), then accept it with '%4' "
                                    "(answer yes only if ssh shows the same fingerprint) or in the console, and run "
                                    "rbctl again")
                         .arg(n.name, n.sshNode->sshTarget,
                              fingerprints.isEmpty() ? QStringLiteral("fingerprint unavailable") : fingerprints,
                              sshCommand),
                     checkDetail);
}

Status checkSshHostKeys(const RunSpec& spec, int timeoutMs = 20000)
{
    struct Probe {
        const NodeSpec* node = nullptr;
        std::optional<Error> error;
        bool answered = false;
    };
    // Declared before the transports: their pending callbacks die with them.
    std::vector<Probe> probes;
    QEventLoop loop;
    int pending = 0;
    // Own socket directory: the probes never touch the sessions' sockets.
    const QString runtimeDir = sshRuntimeDir() + QStringLiteral("/probe");
    std::vector<std::unique_ptr<deploy::SshNodeTransport>> transports;
    probes.reserve(static_cast<std::size_t>(spec.nodes.size()));
    for (const NodeSpec& n : spec.nodes) {
        if (!n.sshNode) {
            continue;
        }
        auto settings = deploy::SshNodeTransport::Settings::fromNodeConfig(*n.sshNode, n.ssh);
        if (!settings) {
            continue;  // reported by the session
        }
        settings->runtimeDir = runtimeDir;
        probes.push_back(Probe{&n, std::nullopt, false});
        transports.push_back(std::make_unique<deploy::SshNodeTransport>(std::move(settings.value())));
    }
    for (std::size_t i = 0; i < transports.size(); ++i) {
        ++pending;
        Probe* pr = &probes[i];
        transports[i]->whenReady(timeoutMs, [pr, &pending, &loop](Result<ssh::SshTunnel::LocalEndpoint> r) {
            pr->answered = true;
            if (!r) {
                pr->error = r.error();
            }
            if (--pending == 0) {
                loop.quit();
            }
        });
    }
    // Done when every tunnel is up, stopped for the operator, or backing off
    // (unreachable: its session retries); at most timeoutMs.
    QTimer poll;
    poll.setInterval(100);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&]() {
        for (std::size_t i = 0; i < transports.size(); ++i) {
            const auto st = transports[i]->tunnel()->state();
            if (!probes[i].answered && st != ssh::SshTunnel::State::Backoff &&
                !deploy::SshNodeTransport::isTerminal(st)) {
                return;
            }
        }
        loop.quit();
    });
    if (pending > 0) {
        poll.start();
        QTimer::singleShot(timeoutMs + 1000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    std::optional<Error> refusal;
    for (std::size_t i = 0; i < transports.size() && !refusal; ++i) {
        const auto st = transports[i]->tunnel()->state();
        const Probe& pr = probes[i];
        if (st == ssh::SshTunnel::State::HostKeyUnknown) {
            refusal = unknownHostKey(*pr.node, pr.error ? pr.error->toString() : QString());
        } else if (st == ssh::SshTunnel::State::HostKeyChanged) {
            Error e = transports[i]->tunnel()->hasError()
                          ? transports[i]->tunnel()->lastError()
                          : pr.error.value_or(makeError(ErrorCode::BadKey, QStringLiteral("the SSH host key has CHANGED")));
            e.message = QStringLiteral("node %1: %2").arg(pr.node->name, e.message);
            refusal = e;
        }
    }
    transports.clear();  // kills the probes' ssh processes and removes their sockets
    QDir().rmdir(runtimeDir);
    QDir().rmdir(sshRuntimeDir());
    if (refusal) {
        return *refusal;
    }
    return {};
}

// ---------------------------------------------------------------------------
// signals: the handler only writes a byte; the event loop does the rest.

int g_signalFds[2] = {-1, -1};

extern "C" void onTerminationSignal(int sig)
{
    const int saved = errno;
    const char c = static_cast<char>(sig);
    const ssize_t r = ::write(g_signalFds[1], &c, 1);
    (void)r;
    errno = saved;
}

class SignalWatcher {
public:
    explicit SignalWatcher(std::function<void(int)> onSignal) : m_onSignal(std::move(onSignal))
    {
        if (g_signalFds[0] < 0) {
            if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0) {
                return;
            }
            for (int fd : g_signalFds) {
                ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
                ::fcntl(fd, F_SETFD, FD_CLOEXEC);
            }
        }
        struct sigaction sa {};
        sa.sa_handler = onTerminationSignal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        ::sigaction(SIGINT, &sa, nullptr);
        ::sigaction(SIGTERM, &sa, nullptr);
        ::sigaction(SIGHUP, &sa, nullptr);  // --watch: reload the configuration
        m_notifier = std::make_unique<QSocketNotifier>(g_signalFds[0], QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(), [this]() {
            char c = 0;
            while (::read(g_signalFds[0], &c, 1) == 1) {
                m_onSignal(static_cast<unsigned char>(c));
            }
        });
    }
    ~SignalWatcher()
    {
        struct sigaction sa {};
        sa.sa_handler = SIG_DFL;
        sigemptyset(&sa.sa_mask);
        ::sigaction(SIGINT, &sa, nullptr);
        ::sigaction(SIGTERM, &sa, nullptr);
        ::sigaction(SIGHUP, &sa, nullptr);
    }

private:
    std::function<void(int)> m_onSignal;
    std::unique_ptr<QSocketNotifier> m_notifier;
};

// ---------------------------------------------------------------------------
// event log

QString isoNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QString connectionName(ConnectionState s)
{
    switch (s) {
    case ConnectionState::Disconnected: return QStringLiteral("disconnected");
    case ConnectionState::Tunnelling: return QStringLiteral("tunnelling");
    case ConnectionState::Connecting: return QStringLiteral("connecting");
    case ConnectionState::Authenticating: return QStringLiteral("authenticating");
    case ConnectionState::Connected: return QStringLiteral("connected");
    case ConnectionState::BackingOff: return QStringLiteral("backing-off");
    case ConnectionState::Failed: return QStringLiteral("failed");
    }
    return QStringLiteral("unknown");
}

QString configName(ConfigCheck c)
{
    switch (c) {
    case ConfigCheck::Unknown: return QStringLiteral("unknown");
    case ConfigCheck::Ok: return QStringLiteral("ok");
    case ConfigCheck::Failed: return QStringLiteral("failed");
    }
    return QStringLiteral("unknown");
}

QString uploadStateName(UploadState s)
{
    switch (s) {
    case UploadState::Pending: return QStringLiteral("pending");
    case UploadState::Uploaded: return QStringLiteral("uploaded");
    case UploadState::Failed: return QStringLiteral("failed");
    case UploadState::TimedOut: return QStringLiteral("timeout");
    }
    return QStringLiteral("unknown");
}

class EventLog {
public:
    explicit EventLog(bool json) : m_json(json) {}

    void emitEvent(const QString& event, QJsonObject fields, const QString& human)
    {
        if (m_json) {
            fields.insert(QStringLiteral("ts"), isoNow());
            fields.insert(QStringLiteral("event"), event);
            out() << QString::fromUtf8(QJsonDocument(fields).toJson(QJsonDocument::Compact)) << '\n' << Qt::flush;
        } else {
            out() << isoNow() << ' ' << human << '\n' << Qt::flush;
        }
    }

    void nodeState(const NodeHealth& h)
    {
        const QString key = QStringLiteral("%1|%2|%3|%4|%5")
                                .arg(connectionName(h.connection), configName(h.configCheck))
                                .arg(h.descriptorReady)
                                .arg(h.introPoints.size())
                                .arg(h.connection == ConnectionState::Connected ? QString() : h.connectionDetail);
        if (m_nodeKeys.value(h.name) == key) {
            return;
        }
        m_nodeKeys.insert(h.name, key);
        QJsonArray problems;
        for (const ConfigProblem& p : h.problems) {
            problems.append(QJsonObject{{QStringLiteral("what"), p.what}, {QStringLiteral("fix"), p.fix}});
        }
        QJsonObject o{{QStringLiteral("node"), h.name},
                      {QStringLiteral("connection"), connectionName(h.connection)},
                      {QStringLiteral("detail"), h.connectionDetail},
                      {QStringLiteral("torVersion"), h.torVersion},
                      {QStringLiteral("config"), configName(h.configCheck)},
                      {QStringLiteral("problems"), problems},
                      {QStringLiteral("descriptorReady"), h.descriptorReady},
                      {QStringLiteral("descriptorRevision"), QString::number(h.descriptorRevision)},
                      {QStringLiteral("introPoints"), static_cast<int>(h.introPoints.size())},
                      {QStringLiteral("introEstablished"), h.introEstablished}};
        QString human = QStringLiteral("[%1] node %2, config %3, descriptor %4 (%5 intro points)")
                            .arg(h.name, connectionName(h.connection), configName(h.configCheck),
                                 h.descriptorReady ? QStringLiteral("ready") : QStringLiteral("not ready"))
                            .arg(h.introPoints.size());
        if (h.connection != ConnectionState::Connected && !h.connectionDetail.isEmpty()) {
            human += QStringLiteral(": ") + h.connectionDetail;
        }
        emitEvent(QStringLiteral("node"), o, human);
    }

    void nodeLine(const QString& node, const QString& severity, const QString& message)
    {
        if (severity == QLatin1String("debug")) {
            return;
        }
        emitEvent(QStringLiteral("log"),
                  QJsonObject{{QStringLiteral("node"), node},
                              {QStringLiteral("severity"), severity},
                              {QStringLiteral("message"), message}},
                  QStringLiteral("[%1] %2: %3").arg(node.isEmpty() ? QStringLiteral("publisher") : node, severity,
                                                    message));
    }

    void publication(const DescriptorPublication& d, const QList<UploadTarget>& targets)
    {
        QJsonObject byNode;
        for (auto it = d.introPointsByNode.cbegin(); it != d.introPointsByNode.cend(); ++it) {
            byNode.insert(it.key(), it.value());
        }
        QJsonArray hsdirs;
        for (const UploadTarget& t : targets) {
            hsdirs.append(QJsonObject{{QStringLiteral("fingerprint"), t.fingerprint},
                                      {QStringLiteral("nickname"), t.nickname},
                                      {QStringLiteral("replica"), t.replica}});
        }
        emitEvent(QStringLiteral("publication"),
                  QJsonObject{{QStringLiteral("which"), d.which},
                              {QStringLiteral("periodNumber"), QString::number(d.periodNumber)},
                              {QStringLiteral("periodLengthMinutes"), QString::number(d.periodLengthMinutes)},
                              {QStringLiteral("blindedKey"), QString::fromLatin1(d.blindedKey.toHex())},
                              {QStringLiteral("revisionCounter"), QString::number(d.revisionCounter)},
                              {QStringLiteral("sizeBytes"), d.sizeBytes},
                              {QStringLiteral("introPoints"), d.introPointCount},
                              {QStringLiteral("introPointsByNode"), byNode},
                              {QStringLiteral("hsdirs"), hsdirs},
                              {QStringLiteral("notes"), d.notes}},
                  QStringLiteral("publishing the %1 descriptor: period %2, revision %3, %4 intro points, %5 bytes, "
                                 "%6 HSDirs")
                      .arg(d.which)
                      .arg(d.periodNumber)
                      .arg(d.revisionCounter)
                      .arg(d.introPointCount)
                      .arg(d.sizeBytes)
                      .arg(targets.size()));
    }

    void upload(const QString& which, const UploadResult& r)
    {
        emitEvent(QStringLiteral("upload"),
                  QJsonObject{{QStringLiteral("which"), which},
                              {QStringLiteral("hsdir"), r.hsdirFingerprint},
                              {QStringLiteral("nickname"), r.hsdirNickname},
                              {QStringLiteral("state"), uploadStateName(r.state)},
                              {QStringLiteral("reason"), r.reason},
                              {QStringLiteral("attempts"), r.attempts},
                              {QStringLiteral("nextRetry"), r.nextRetry.isValid()
                                                                ? r.nextRetry.toString(Qt::ISODateWithMs)
                                                                : QString()}},
                  QStringLiteral("%1 descriptor → %2 (%3): %4%5")
                      .arg(which, r.hsdirNickname, r.hsdirFingerprint, uploadStateName(r.state),
                           r.reason.isEmpty() ? QString() : QStringLiteral(" — ") + r.reason));
    }

    void decision(const QString& d)
    {
        emitEvent(QStringLiteral("decision"), QJsonObject{{QStringLiteral("decision"), d}},
                  QStringLiteral("decision: ") + d);
    }

private:
    bool m_json;
    QMap<QString, QString> m_nodeKeys;
};

// ---------------------------------------------------------------------------
// SIGHUP: re-read the configuration, apply node changes to the running
// publisher (its publication state — revision counters, uploads, current
// builds — stays); a configuration that does not load is refused and the
// running one stays in force.

// Everything about a node that needs a fresh session when it changes.
QString nodeSpecKey(const NodeSpec& n)
{
    return QStringList{n.control.toString(),
                       n.cookieFile,
                       n.passwordEnv,
                       n.metrics ? n.metrics->toString() : QString(),
                       n.hiddenServiceDir,
                       QString::number(n.weight),
                       n.infoEvents ? QStringLiteral("info") : QString(),
                       n.sshNode ? QString::fromUtf8(QJsonDocument(n.sshNode->toJson()).toJson(QJsonDocument::Compact)) +
                                       n.ssh.configFile
                                 : QString()}
        .join(QChar(0x1f));
}

void reloadConfiguration(const QCommandLineParser& p, RunSpec& current, Publisher& publisher, EventLog& log)
{
    const QString file = p.value(QStringLiteral("config"));
    auto refuse = [&log, &file](const QString& why) {
        log.emitEvent(QStringLiteral("reload"),
                      QJsonObject{{QStringLiteral("result"), QStringLiteral("refused")},
                                  {QStringLiteral("config"), file},
                                  {QStringLiteral("error"), why}},
                      QStringLiteral("reload refused: %1 — the running configuration stays in force").arg(why));
    };
    if (!p.isSet(QStringLiteral("config"))) {
        refuse(QStringLiteral("SIGHUP re-reads --config FILE, and none was given"));
        return;
    }
    auto next = specFrom(p);
    if (!next) {
        refuse(next.error().toString());
        return;
    }
    // Command-line values win over the file, as at start.
    if (p.isSet(QStringLiteral("upload-timeout"))) {
        next->uploadTimeoutSeconds = current.uploadTimeoutSeconds;
    }
    if (p.isSet(QStringLiteral("refresh-minutes"))) {
        next->refreshMinutes = current.refreshMinutes;
    }
    next->forceInclude = current.forceInclude;
    if (next->uploadTimeoutSeconds < 1 || next->uploadTimeoutSeconds > 3600 || next->refreshMinutes < 1 ||
        next->refreshMinutes > 170) {
        refuse(QStringLiteral("uploadTimeoutSeconds must be 1-3600 and refreshMinutes 1-170"));
        return;
    }
    const QString master = publisher.masterAddress().toString();
    if (!next->masterAddress.isEmpty()) {
        auto a = onion::OnionAddress::parse(next->masterAddress);
        if (!a || a->toString() != master) {
            refuse(QStringLiteral("masterAddress %1 is not the running master %2; the master key cannot change on "
                                  "reload: restart the publisher")
                       .arg(next->masterAddress.left(80), master));
            return;
        }
    }
    if (next->seedEnv.isEmpty() && next->keyFile != current.keyFile) {
        auto id = loadIdentity(*next);
        if (!id) {
            refuse(id.error().toString());
            return;
        }
        if (id->address().toString() != master) {
            refuse(QStringLiteral("keyFile %1 holds another master key (%2); the master key cannot change on "
                                  "reload: restart the publisher")
                       .arg(next->keyFile, id->address().toString()));
            return;
        }
    }

    QStringList added;
    QStringList removed;
    QStringList changed;
    int unchanged = 0;
    for (const NodeSpec& n : current.nodes) {
        if (!findNode(*next, n.name)) {
            removed << n.name;
        }
    }
    // Credentials first: nothing is applied unless every new session can be made.
    std::vector<std::pair<NodeEndpoint, NodeCredentials>> fresh;
    std::vector<bool> isNew;
    for (const NodeSpec& n : next->nodes) {
        const NodeSpec* old = findNode(current, n.name);
        if (old && nodeSpecKey(*old) == nodeSpecKey(n)) {
            ++unchanged;
            continue;
        }
        auto creds = credentialsFor(n);
        if (!creds) {
            refuse(QStringLiteral("node %1: %2 (rbctl clears a password variable once read: restart the publisher "
                                  "to change a password-authenticated node)")
                       .arg(n.name, creds.error().message));
            return;
        }
        (old ? changed : added) << n.name;
        fresh.emplace_back(endpointFor(n), std::move(creds.value()));
        isNew.push_back(old == nullptr);
    }

    for (const QString& name : removed) {
        publisher.removeNode(name);
    }
    for (std::size_t i = 0; i < fresh.size(); ++i) {
        const QString name = fresh[i].first.name;
        const Status st = isNew[i] ? publisher.addNode(std::move(fresh[i].first), std::move(fresh[i].second))
                                   : publisher.replaceNode(std::move(fresh[i].first), std::move(fresh[i].second));
        if (!st.ok()) {
            log.nodeLine(name, QStringLiteral("err"), st.error().toString());
        }
    }
    const bool timingChanged = next->uploadTimeoutSeconds != current.uploadTimeoutSeconds ||
                               next->refreshMinutes != current.refreshMinutes;
    if (next->uploadTimeoutSeconds != current.uploadTimeoutSeconds) {
        publisher.setUploadTimeoutMs(next->uploadTimeoutSeconds * 1000);
    }
    if (next->refreshMinutes != current.refreshMinutes) {
        publisher.setRefreshMs(next->refreshMinutes * 60 * 1000);
    }
    current = std::move(next.value());
    publisher.noteReload();
    const bool any = !added.isEmpty() || !removed.isEmpty() || !changed.isEmpty() || timingChanged;
    auto list = [](const QStringList& l) { return l.isEmpty() ? QStringLiteral("-") : l.join(QStringLiteral(", ")); };
    log.emitEvent(QStringLiteral("reload"),
                  QJsonObject{{QStringLiteral("result"), any ? QStringLiteral("applied") : QStringLiteral("unchanged")},
                              {QStringLiteral("config"), file},
                              {QStringLiteral("added"), QJsonArray::fromStringList(added)},
                              {QStringLiteral("removed"), QJsonArray::fromStringList(removed)},
                              {QStringLiteral("changed"), QJsonArray::fromStringList(changed)},
                              {QStringLiteral("unchanged"), unchanged},
                              {QStringLiteral("nodes"), static_cast<int>(current.nodes.size())},
                              {QStringLiteral("uploadTimeoutSeconds"), static_cast<qint64>(current.uploadTimeoutSeconds)},
                              {QStringLiteral("refreshMinutes"), static_cast<qint64>(current.refreshMinutes)}},
                  QStringLiteral("reload %1: %2 node(s); added %3; removed %4; changed %5; %6 unchanged; publication "
                                 "state kept")
                      .arg(any ? QStringLiteral("applied") : QStringLiteral("(nothing changed)"))
                      .arg(current.nodes.size())
                      .arg(list(added), list(removed), list(changed))
                      .arg(unchanged));
}

// ---------------------------------------------------------------------------
// rbctl publish

const char* kPublishHelp =
    "Usage: rbctl publish (--once | --watch) (--key-file FILE | --seed-hex-env VAR)\n"
    "                     --node NAME=HOST:PORT [--cookie NAME=FILE] [--password-env NAME=VAR]\n"
    "                     [--metrics NAME=HOST:PORT] [--hs-dir NAME=DIR] [--weight NAME=N] [--node ...]\n"
    "       rbctl publish (--once | --watch) --config FILE [--json-log]\n"
    "\n"
    "Connects to every node's tor control port, harvests the intro points of the master's\n"
    "descriptor on each node, merges them (at most 20, round-robin by weight, only from nodes\n"
    "that pass the configuration check), builds the two merged descriptors (\"first\" and\n"
    "\"second\") signed with the master key and posts each to the HSDirs responsible for it.\n"
    "\n"
    "  --once    publish once the nodes have settled, then exit. Exit 0 only when BOTH\n"
    "            descriptors were stored on at least one HSDir of every replica (hsdir_n_replicas\n"
    "            from the consensus); 6 (timeout) if that did not happen within --timeout\n"
    "            (default 300 s); 4 if no node became usable.\n"
    "  --watch   keep publishing (intro-point changes, lost nodes, new HSDirs or time periods,\n"
    "            refresh every --refresh-minutes) until SIGINT/SIGTERM; exit 0 on a clean stop.\n"
    "            SIGHUP re-reads --config: added, removed and changed nodes are applied to the\n"
    "            running publisher, which keeps its publication state (revision counters,\n"
    "            uploads); a configuration that does not load is refused (\"reload\" event) and\n"
    "            the running one stays in force. The master key cannot change on reload.\n"
    "  --metrics-listen 127.0.0.1:PORT\n"
    "            serve Prometheus text metrics on GET /metrics (loopback addresses only).\n"
    "\n"
    "Every node must run the master key with 'PublishHidServDescriptors 0',\n"
    "'HiddenServiceOnionbalanceInstance 1' and an ob_config naming the master; nodes that fail\n"
    "this check are reported with the fix and their intro points are never published.\n"
    "\n"
    "Configuration file (--config): {\"keyFile\": \"/path\", \"nodes\": [{\"name\": \"n1\",\n"
    "\"control\": \"127.0.0.1:9051\" | \"unix:/run/tor/control\", \"cookieFile\": \"/path\",\n"
    "\"passwordEnv\": \"VAR\", \"metrics\": \"127.0.0.1:9035\", \"hiddenServiceDir\": \"/var/lib/tor/hs\",\n"
    "\"weight\": 1}], \"uploadTimeoutSeconds\": 60, \"refreshMinutes\": 60}\n"
    "\n"
    "--config also takes the console's fleet file (\"format\": \"rustbalance-fleet\"). Its enabled nodes\n"
    "are reached over SSH with the OpenSSH client and your ~/.ssh/config (or --ssh-config FILE,\n"
    "default $RB_SSH_CONFIG, passed as ssh -F): one ssh process per node forwards the control\n"
    "port (and MetricsPort), node files and the control cookie are read on the node over SSH\n"
    "(the SSH user must be able to read it: CookieAuthFileGroupReadable 1 and the user in\n"
    "tor's group), and a node with a control password needs --password-env NAME=VAR. The fleet file\n"
    "holds no secrets: the master key comes from --key-file or --seed-hex-env. ssh never\n"
    "prompts (BatchMode) and an unknown host key is refused with its fingerprint and the\n"
    "command to accept it; rbctl never accepts a host key by itself.\n"
    "\n"
    "--key-file must be a regular file of yours with mode 0600 or 0400 (else: chmod 600 FILE).\n"
    "\n"
    "Logs are human-readable; --json-log prints one JSON object per line and event\n"
    "(\"start\", \"node\", \"log\", \"decision\", \"publication\", \"upload\", \"consensus\", \"reload\",\n"
    "\"metrics\", \"exit\") with an ISO-8601 \"ts\".\n"
    "The master seed is never accepted on the command line and never logged.\n";

int runPublish(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QString::fromLatin1(kPublishHelp));
    addCommonOptions(p);
    p.addOption({QStringLiteral("once"), QStringLiteral("Publish once and exit (see above).")});
    p.addOption({QStringLiteral("watch"), QStringLiteral("Keep publishing until SIGINT/SIGTERM.")});
    p.addOption({QStringLiteral("wait-nodes"),
                 QStringLiteral("--once: wait at most SECS for every node to be ready (default 90)."),
                 QStringLiteral("SECS")});
    p.addOption({QStringLiteral("upload-timeout"),
                 QStringLiteral("Seconds to wait for an HSDir's answer before retrying (default 60)."),
                 QStringLiteral("SECS")});
    p.addOption({QStringLiteral("refresh-minutes"),
                 QStringLiteral("Republish at least this often (default 60; HSDirs drop entries after 180)."),
                 QStringLiteral("MIN")});
    p.addOption({QStringLiteral("force-include"),
                 QStringLiteral("DIAGNOSTIC: publish a node's intro points even if its configuration check fails."),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("metrics-listen"),
                 QStringLiteral("Serve Prometheus metrics on GET /metrics at HOST:PORT (loopback only, e.g. "
                                "127.0.0.1:9420)."),
                 QStringLiteral("HOST:PORT")});
    QStringList argv{QStringLiteral("rbctl publish")};
    argv << args;
    if (!p.parse(argv)) {
        return fail(usage(p.errorText()));
    }
    if (p.isSet(QStringLiteral("help"))) {
        out() << p.helpText() << Qt::flush;
        return ExitOk;
    }
    if (!p.positionalArguments().isEmpty()) {
        return fail(usage(QStringLiteral("Unexpected argument '%1'. The seed is never given on the command line: "
                                         "use --key-file or --seed-hex-env")
                              .arg(p.positionalArguments().first().left(8) + QStringLiteral("…"))));
    }
    const bool once = p.isSet(QStringLiteral("once"));
    const bool watch = p.isSet(QStringLiteral("watch"));
    if (once == watch) {
        return fail(usage(QStringLiteral("Give exactly one of --once and --watch")));
    }
    std::optional<ListenAddress> metricsListen;
    if (p.isSet(QStringLiteral("metrics-listen"))) {
        auto la = MetricsServer::parseListen(p.value(QStringLiteral("metrics-listen")));
        if (!la) {
            return fail(la.error());
        }
        metricsListen = la.value();
    }
    auto spec = specFrom(p);
    if (!spec) {
        return fail(spec.error());
    }
    if (p.isSet(QStringLiteral("upload-timeout"))) {
        spec->uploadTimeoutSeconds = p.value(QStringLiteral("upload-timeout")).toLongLong();
    }
    if (p.isSet(QStringLiteral("refresh-minutes"))) {
        spec->refreshMinutes = p.value(QStringLiteral("refresh-minutes")).toLongLong();
    }
    spec->forceInclude = p.values(QStringLiteral("force-include"));
    if (spec->uploadTimeoutSeconds < 1 || spec->uploadTimeoutSeconds > 3600 || spec->refreshMinutes < 1 ||
        spec->refreshMinutes > 170) {
        return fail(usage(QStringLiteral("--upload-timeout must be 1-3600 s and --refresh-minutes 1-170")));
    }
    auto identity = loadIdentity(*spec);
    if (!identity) {
        return fail(identity.error());
    }
    if (const Status hostKeys = checkSshHostKeys(*spec); !hostKeys.ok()) {
        return fail(hostKeys.error());
    }
    const int timeoutSecs = p.isSet(QStringLiteral("timeout")) ? p.value(QStringLiteral("timeout")).toInt() : 300;
    const int waitNodesSecs = p.isSet(QStringLiteral("wait-nodes")) ? p.value(QStringLiteral("wait-nodes")).toInt() : 90;

    PublisherSettings settings;
    settings.uploadTimeoutMs = spec->uploadTimeoutSeconds * 1000;
    settings.refreshMs = spec->refreshMinutes * 60 * 1000;
    settings.autoPublish = watch;
    settings.forceInclude = spec->forceInclude;
    Publisher publisher(std::move(identity.value()), settings);
    for (const NodeSpec& n : spec->nodes) {
        auto creds = credentialsFor(n);
        if (!creds) {
            return fail(creds.error());
        }
        if (const Status st = publisher.addNode(endpointFor(n), std::move(creds.value())); !st.ok()) {
            return fail(st.error());
        }
    }

    EventLog log(p.isSet(QStringLiteral("json-log")));
    QObject::connect(&publisher, &FleetBackend::nodeChanged, &publisher,
                     [&log](const NodeHealth& h) { log.nodeState(h); });
    QObject::connect(&publisher, &FleetBackend::nodeEvent, &publisher,
                     [&log, &publisher](const QString& node, const QString& sev, const QString& msg,
                                        const QDateTime&) {
                         // Publisher lines that the decision / publication / upload / consensus
                         // events already carry are not repeated.
                         if (node.isEmpty() &&
                             (msg == publisher.publication().lastDecision || msg.startsWith(QLatin1String("built the ")) ||
                              msg.startsWith(QLatin1String("consensus ")) ||
                              msg.contains(QLatin1String(" descriptor stored on HSDir ")) ||
                              msg.contains(QLatin1String(" refused the ")) ||
                              msg.contains(QLatin1String(" did not confirm the ")) ||
                              msg.contains(QLatin1String(" will be sent again")))) {
                             return;
                         }
                         log.nodeLine(node, sev, msg);
                     });
    QObject::connect(&publisher, &Publisher::decisionMade, &publisher, [&log](const QString& d) { log.decision(d); });
    QObject::connect(&publisher, &Publisher::descriptorBuilt, &publisher,
                     [&log, &publisher](const DescriptorPublication& d) {
                         log.publication(d, publisher.responsibleHsDirs(d.which == QLatin1String("first") ? 0 : 1));
                     });
    QObject::connect(&publisher, &Publisher::uploadFinished, &publisher,
                     [&log](const QString& which, const UploadResult& r) { log.upload(which, r); });
    auto lastPeriod = std::make_shared<QPair<quint64, bool>>(0, false);
    QObject::connect(&publisher, &Publisher::consensusUpdated, &publisher,
                     [&log, lastPeriod](quint64 period, bool windowA, const QDateTime& validAfter) {
                         if (lastPeriod->first == period && lastPeriod->second == windowA) {
                             return;
                         }
                         *lastPeriod = {period, windowA};
                         log.emitEvent(QStringLiteral("consensus"),
                                       QJsonObject{{QStringLiteral("periodNumber"), QString::number(period)},
                                                   {QStringLiteral("window"),
                                                    windowA ? QStringLiteral("A") : QStringLiteral("B")},
                                                   {QStringLiteral("validAfter"), validAfter.toString(Qt::ISODate)}},
                                       QStringLiteral("consensus %1: time period %2, window %3")
                                           .arg(validAfter.toString(Qt::ISODate))
                                           .arg(period)
                                           .arg(windowA ? QStringLiteral("A") : QStringLiteral("B")));
                     });

    log.emitEvent(QStringLiteral("start"),
                  QJsonObject{{QStringLiteral("master"), publisher.masterAddress().toString()},
                              {QStringLiteral("mode"), once ? QStringLiteral("once") : QStringLiteral("watch")},
                              {QStringLiteral("nodes"), static_cast<int>(spec->nodes.size())}},
                  QStringLiteral("publishing %1 through %2 node(s) (%3)")
                      .arg(publisher.masterAddress().toString())
                      .arg(spec->nodes.size())
                      .arg(once ? QStringLiteral("once") : QStringLiteral("watch")));

    QEventLoop loop;
    int exitCode = ExitOk;
    QString exitWhy;
    auto finish = [&loop, &exitCode, &exitWhy](int code, const QString& why) {
        exitCode = code;
        exitWhy = why;
        loop.quit();
    };
    RunSpec current = *spec;
    SignalWatcher signalWatcher([&finish, once, &p, &current, &publisher, &log](int sig) {
        if (sig == SIGHUP) {
            if (once) {
                log.nodeLine(QString(), QStringLiteral("notice"), QStringLiteral("SIGHUP ignored: --once does not reload"));
                return;
            }
            reloadConfiguration(p, current, publisher, log);
            return;
        }
        finish(once ? ExitFailure : ExitOk,
               QStringLiteral("stopped by %1").arg(sig == SIGTERM ? QStringLiteral("SIGTERM") : QStringLiteral("SIGINT")));
    });

    MetricsServer metricsServer([&publisher]() { return PublisherMetrics::render(PublisherMetrics::snapshot(publisher)); });
    if (metricsListen) {
        if (const Status st = metricsServer.listen(*metricsListen); !st.ok()) {
            return fail(st.error());
        }
        const QString where = metricsListen->host.protocol() == QAbstractSocket::IPv6Protocol
                                  ? QStringLiteral("[%1]:%2").arg(metricsListen->host.toString()).arg(metricsServer.port())
                                  : QStringLiteral("%1:%2").arg(metricsListen->host.toString()).arg(metricsServer.port());
        log.emitEvent(QStringLiteral("metrics"), QJsonObject{{QStringLiteral("listen"), where}},
                      QStringLiteral("metrics: http://%1/metrics").arg(where));
    }

    QElapsedTimer clock;
    clock.start();
    bool requested = false;
    qint64 criterionSince = -1;
    QTimer tick;
    tick.setInterval(250);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&]() {
        const qint64 elapsed = clock.elapsed();
        if (once) {
            bool anyEligible = false;
            bool allSettled = true;
            for (NodeSession* s : publisher.sessions()) {
                const bool eligible = s->isEligible();
                anyEligible = anyEligible || eligible;
                const NodeHealth& h = s->health();
                const bool settled = eligible || h.configCheck == ConfigCheck::Failed ||
                                     h.connection == ConnectionState::BackingOff ||
                                     h.connection == ConnectionState::Failed;
                allSettled = allSettled && settled;
            }
            if (!requested && publisher.hasConsensus() && anyEligible &&
                (allSettled || elapsed > qint64{waitNodesSecs} * 1000)) {
                requested = true;
                publisher.publishNow();
            }
            if (requested && publisher.replicaCriterionMet()) {
                if (criterionSince < 0) {
                    criterionSince = elapsed;
                }
                // Let the other HSDirs answer too, within reason.
                if (publisher.uploadsSettled() || elapsed - criterionSince > 15000) {
                    finish(ExitOk, QStringLiteral("both descriptors reached at least one HSDir per replica"));
                    return;
                }
            }
        }
        if (timeoutSecs > 0 && elapsed > qint64{timeoutSecs} * 1000 && once) {
            if (!requested) {
                finish(ExitUnavailable, QStringLiteral("no node became usable within %1 s").arg(timeoutSecs));
            } else {
                finish(ExitTimeout, QStringLiteral("the descriptors did not reach an HSDir of every replica within "
                                                   "%1 s")
                                        .arg(timeoutSecs));
            }
        }
    });
    tick.start();
    publisher.start();
    loop.exec();
    tick.stop();
    publisher.stop();

    const PublicationState st = publisher.publication();
    auto count = [](const DescriptorPublication& d) {
        int ok = 0;
        for (const UploadResult& u : d.uploads) {
            ok += u.state == UploadState::Uploaded ? 1 : 0;
        }
        return ok;
    };
    log.emitEvent(QStringLiteral("exit"),
                  QJsonObject{{QStringLiteral("code"), exitCode},
                              {QStringLiteral("reason"), exitWhy},
                              {QStringLiteral("replicaCriterionMet"), publisher.replicaCriterionMet()},
                              {QStringLiteral("firstUploaded"), count(st.first)},
                              {QStringLiteral("firstHsDirs"), static_cast<int>(st.first.uploads.size())},
                              {QStringLiteral("secondUploaded"), count(st.second)},
                              {QStringLiteral("secondHsDirs"), static_cast<int>(st.second.uploads.size())}},
                  QStringLiteral("exit %1: %2 (first: %3/%4 HSDirs, second: %5/%6 HSDirs)")
                      .arg(exitCode)
                      .arg(exitWhy)
                      .arg(count(st.first))
                      .arg(st.first.uploads.size())
                      .arg(count(st.second))
                      .arg(st.second.uploads.size()));
    return exitCode;
}

// ---------------------------------------------------------------------------
// rbctl status

struct FetchedDescriptor {
    bool done = false;
    bool found = false;
    QString hsdir;
    QString reason;
    quint64 revision = 0;
    int failures = 0;
    QList<QByteArray> introKeys;
};

int runStatus(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Connect to every node, gather its state, compute the descriptor plans and responsible HSDirs,\n"
        "fetch the published descriptor (client view, HSFETCH through a node) and print it all once.\n"
        "The master address comes from --master, the configuration's masterAddress or keyFile, or\n"
        "--key-file / --seed-hex-env."));
    addCommonOptions(p);
    p.addOption({QStringLiteral("master"), QStringLiteral("The master onion address."), QStringLiteral("ADDRESS")});
    QStringList argv{QStringLiteral("rbctl status")};
    argv << args;
    if (!p.parse(argv)) {
        return fail(usage(p.errorText()));
    }
    if (p.isSet(QStringLiteral("help"))) {
        out() << p.helpText() << Qt::flush;
        return ExitOk;
    }
    const bool json = p.isSet(QStringLiteral("json"));
    auto spec = specFrom(p);
    if (!spec) {
        return fail(spec.error(), json);
    }
    onion::OnionAddress master;
    QString masterText = p.isSet(QStringLiteral("master")) ? p.value(QStringLiteral("master")) : spec->masterAddress;
    if (!masterText.isEmpty()) {
        auto a = onion::OnionAddress::parse(masterText);
        if (!a) {
            return fail(a.error(), json);
        }
        master = *a;
    } else {
        auto id = loadIdentity(*spec);
        if (!id) {
            return fail(id.error(), json);
        }
        master = id->address();
    }
    if (const Status hostKeys = checkSshHostKeys(*spec); !hostKeys.ok()) {
        return fail(hostKeys.error(), json);
    }
    const int timeoutSecs = p.isSet(QStringLiteral("timeout")) ? p.value(QStringLiteral("timeout")).toInt() : 30;

    QList<NodeSession*> sessions;
    QObject owner;
    NodeSession::Settings ss;
    ss.reconnect.initialMs = 60000;  // one attempt is enough here
    for (const NodeSpec& n : spec->nodes) {
        auto creds = credentialsFor(n);
        if (!creds) {
            return fail(creds.error(), json);
        }
        auto* s = new NodeSession(endpointFor(n), std::move(creds.value()), master, ss, &owner);
        sessions.append(s);
    }
    QEventLoop loop;
    QElapsedTimer clock;
    clock.start();
    std::optional<control::ConsensusSnapshot> consensus;
    QString consensusError;
    bool consensusAsked = false;
    FetchedDescriptor fetched;
    bool fetchAsked = false;
    QString fetchVia;
    QTimer tick;
    tick.setInterval(200);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&]() {
        bool settled = true;
        NodeSession* any = nullptr;
        for (NodeSession* s : sessions) {
            const NodeHealth& h = s->health();
            if (s->client() && !any) {
                any = s;
            }
            const bool done = (h.connection == ConnectionState::Connected && h.descriptorFetched.isValid() &&
                               h.configCheck != ConfigCheck::Unknown) ||
                              h.connection == ConnectionState::BackingOff || h.connection == ConnectionState::Failed;
            settled = settled && done;
        }
        if (any && !consensusAsked) {
            consensusAsked = true;
            any->client()->fetchConsensus([&consensus, &consensusError](Result<control::ConsensusSnapshot> c) {
                if (c) {
                    consensus = std::move(c.value());
                } else {
                    consensusError = c.error().message;
                }
            });
        }
        if (any && !fetchAsked) {
            fetchAsked = true;
            fetchVia = any->name();
            control::ControlChannel* ch = any->client()->channel();
            const QString id = master.serviceId();
            const QByteArray pk = master.publicKey();
            // Subscribe first; HSFETCH results arrive as events (the session already set HS_DESC;
            // HS_DESC_CONTENT is added here).
            ch->subscribe("HS_DESC_CONTENT", [&fetched, id, pk](const control::Reply& r) {
                auto ev = control::HsDescContentEvent::parse(r);
                if (!ev || QString::fromLatin1(ev->address) != id || fetched.done) {
                    return;
                }
                if (ev->body.isEmpty()) {
                    return;  // the FAILED event says why
                }
                descriptor::DecodeOptions o;
                o.expectedSendmeIncrement = -1;
                auto d = descriptor::DescriptorDecoder::decode(pk, ev->body, o);
                fetched.done = true;
                fetched.hsdir = ev->hsDir ? QString::fromLatin1(ev->hsDir->toString()) : QString();
                if (!d) {
                    fetched.reason = d.error().message;
                    return;
                }
                fetched.found = true;
                fetched.revision = d->outer.revisionCounter;
                for (const auto& ip : d->inner.introPoints) {
                    fetched.introKeys.append(ip.authKey().toByteArray());
                }
            });
            ch->subscribe("HS_DESC", [&fetched, id](const control::Reply& r) {
                auto ev = control::HsDescEvent::parse(r);
                if (!ev || QString::fromLatin1(ev->address) != id || fetched.done) {
                    return;
                }
                if (ev->action == control::HsDescEvent::Action::Failed) {
                    fetched.reason = QString::fromLatin1(ev->reason);
                    // A client asks hsdir_spread_fetch HSDirs per replica (3 x 2 by default).
                    if (++fetched.failures >= 6) {
                        fetched.done = true;
                    }
                }
            });
            QStringList events{QStringLiteral("HS_DESC"), QStringLiteral("HS_DESC_CONTENT"), QStringLiteral("CIRC"),
                               QStringLiteral("CIRC_MINOR"), QStringLiteral("STATUS_CLIENT"), QStringLiteral("WARN"),
                               QStringLiteral("ERR"), QStringLiteral("NOTICE")};
            control::ControlClient* c = any->client();
            c->setEvents(events, [c, id, &fetched](Status st) {
                if (!st.ok()) {
                    fetched.done = true;
                    fetched.reason = st.error().message;
                    return;
                }
                c->hsFetch(id, {}, [&fetched](Status s2) {
                    if (!s2.ok()) {
                        fetched.done = true;
                        fetched.reason = s2.error().message;
                    }
                });
            });
        }
        const bool fetchDone = fetched.done || (!fetched.reason.isEmpty() && clock.elapsed() > 15000);
        if ((settled && (consensus || !consensusError.isEmpty() || !any) && (fetchDone || !any)) ||
            clock.elapsed() > qint64{timeoutSecs} * 1000) {
            loop.quit();
        }
    });
    for (NodeSession* s : sessions) {
        s->start();
    }
    tick.start();
    loop.exec();
    tick.stop();

    // Gather.
    QMap<QByteArray, QString> ownerOf;
    QList<MergeCandidates> candidates;
    for (NodeSession* s : sessions) {
        MergeCandidates c;
        c.node = s->name();
        c.weight = s->weight();
        QString why;
        c.eligible = s->isEligible(&why);
        c.excludedReason = why;
        for (const auto& ip : s->introPoints()) {
            ownerOf.insert(ip.authKey().toByteArray(), s->name());
        }
        if (c.eligible) {
            for (const auto& ip : s->usableIntroPoints()) {
                c.introPoints.append(ip.authKey().toByteArray());
            }
        }
        candidates.append(c);
    }
    const MergeResult merged = MergePolicy::merge(candidates);

    QJsonObject result;
    result.insert(QStringLiteral("master"), master.toString());
    QJsonArray nodesJson;
    QString text;
    QTextStream t(&text);
    t << "master: " << master.toString() << "\n\nnodes:\n";
    for (NodeSession* s : sessions) {
        const NodeHealth& h = s->health();
        QJsonArray problems;
        for (const ConfigProblem& pr : h.problems) {
            problems.append(QJsonObject{{QStringLiteral("what"), pr.what}, {QStringLiteral("fix"), pr.fix}});
        }
        QJsonArray intros;
        for (const IntroPointInfo& ip : h.introPoints) {
            intros.append(QJsonObject{{QStringLiteral("authKey"), QString::fromLatin1(ip.authKey.toHex())},
                                      {QStringLiteral("relay"), ip.relayFingerprint},
                                      {QStringLiteral("nickname"), ip.relayNickname},
                                      {QStringLiteral("circuitEstablished"), ip.circuitEstablished}});
        }
        nodesJson.append(QJsonObject{{QStringLiteral("name"), h.name},
                                     {QStringLiteral("connection"), connectionName(h.connection)},
                                     {QStringLiteral("detail"), h.connectionDetail},
                                     {QStringLiteral("torVersion"), h.torVersion},
                                     {QStringLiteral("bootstrap"), h.bootstrapPercent},
                                     {QStringLiteral("config"), configName(h.configCheck)},
                                     {QStringLiteral("problems"), problems},
                                     {QStringLiteral("descriptorReady"), h.descriptorReady},
                                     {QStringLiteral("descriptorRevision"), QString::number(h.descriptorRevision)},
                                     {QStringLiteral("introEstablished"), h.introEstablished},
                                     {QStringLiteral("introExpected"), h.introExpected},
                                     {QStringLiteral("introPoints"), intros},
                                     {QStringLiteral("intro2Warnings"),
                                      QString::number(h.intro2.couldNotGetKeysWarnings)},
                                     {QStringLiteral("recentWarnings"), QJsonArray::fromStringList(h.recentWarnings)}});
        t << "  " << h.name.leftJustified(12) << ' ' << connectionName(h.connection);
        if (h.connection == ConnectionState::Connected) {
            t << ", tor " << h.torVersion << ", bootstrap " << h.bootstrapPercent << "%, config "
              << configName(h.configCheck) << ", descriptor "
              << (h.descriptorReady ? QStringLiteral("ready (revision %1)").arg(h.descriptorRevision)
                                    : QStringLiteral("not ready"))
              << ", " << h.introPoints.size() << " intro points, " << h.introEstablished << "/" << h.introExpected
              << " intro circuits\n";
        } else {
            t << ": " << h.connectionDetail << "\n";
        }
        for (const ConfigProblem& pr : h.problems) {
            t << "      problem: " << pr.what << "\n      fix:     " << pr.fix << "\n";
        }
    }
    result.insert(QStringLiteral("nodes"), nodesJson);
    t << "\nmerge:\n";
    for (const QString& line : merged.explanation) {
        t << "  " << line << "\n";
    }
    result.insert(QStringLiteral("merge"), QJsonArray::fromStringList(merged.explanation));

    if (consensus) {
        auto tp = hsdir::TimePeriod::fromConsensus(consensus->consensus, consensus->testingTorNetwork);
        if (tp) {
            const hsdir::HsDirRing ring(consensus->consensus);
            QJsonObject c{{QStringLiteral("validAfter"), consensus->consensus.validAfter.toString(Qt::ISODate)},
                          {QStringLiteral("periodNumber"), QString::number(tp->periodNumber())},
                          {QStringLiteral("periodLengthMinutes"), QString::number(tp->periodLengthMinutes())},
                          {QStringLiteral("window"), tp->isInWindowA() ? QStringLiteral("A") : QStringLiteral("B")},
                          {QStringLiteral("hsdirs"), static_cast<int>(ring.eligible().size())}};
            result.insert(QStringLiteral("consensus"), c);
            t << "\nconsensus " << consensus->consensus.validAfter.toString(Qt::ISODate) << ": time period "
              << tp->periodNumber() << " (" << tp->periodLengthMinutes() << " min), window "
              << (tp->isInWindowA() ? "A" : "B") << ", " << ring.eligible().size() << " HSDirs\n";
            QJsonArray plans;
            for (int slot = 0; slot < 2; ++slot) {
                const hsdir::DescriptorPlan plan = slot == 0 ? tp->first() : tp->second();
                auto blinded = crypto::ed25519::blindPublicKey(master.publicKey(), plan.periodNumber,
                                                               plan.periodLengthMinutes);
                if (!blinded) {
                    continue;
                }
                const QByteArray bk = *blinded;
                QJsonArray hs;
                QStringList names;
                for (const hsdir::HsDirChoice& ch : ring.choicesForUpload(bk, plan)) {
                    hs.append(QJsonObject{{QStringLiteral("fingerprint"), ch.fingerprintHex()},
                                          {QStringLiteral("nickname"), ch.relay.nickname},
                                          {QStringLiteral("replica"), ch.replica}});
                    names << ch.relay.nickname;
                }
                plans.append(QJsonObject{{QStringLiteral("which"), slot == 0 ? QStringLiteral("first")
                                                                             : QStringLiteral("second")},
                                         {QStringLiteral("periodNumber"), QString::number(plan.periodNumber)},
                                         {QStringLiteral("blindedKey"), QString::fromLatin1(bk.toHex())},
                                         {QStringLiteral("hsdirs"), hs}});
                t << "  " << (slot == 0 ? "first " : "second") << " descriptor: period " << plan.periodNumber
                  << ", blinded key " << bk.toHex().left(16) << "…, HSDirs " << names.join(QStringLiteral(", "))
                  << "\n";
            }
            result.insert(QStringLiteral("descriptors"), plans);
        }
    } else {
        t << "\nconsensus: " << (consensusError.isEmpty() ? QStringLiteral("not available") : consensusError) << "\n";
    }

    QJsonObject pub{{QStringLiteral("via"), fetchVia}};
    if (fetched.found) {
        QMap<QString, int> byNode;
        for (const QByteArray& k : fetched.introKeys) {
            byNode[ownerOf.value(k, QStringLiteral("(unknown)"))] += 1;
        }
        QJsonObject bn;
        QStringList parts;
        for (auto it = byNode.cbegin(); it != byNode.cend(); ++it) {
            bn.insert(it.key(), it.value());
            parts << QStringLiteral("%1×%2").arg(it.key()).arg(it.value());
        }
        pub.insert(QStringLiteral("found"), true);
        pub.insert(QStringLiteral("hsdir"), fetched.hsdir);
        pub.insert(QStringLiteral("revisionCounter"), QString::number(fetched.revision));
        pub.insert(QStringLiteral("introPoints"), static_cast<int>(fetched.introKeys.size()));
        pub.insert(QStringLiteral("introPointsByNode"), bn);
        t << "\npublished (client view through " << fetchVia << "): revision " << fetched.revision << ", "
          << fetched.introKeys.size() << " intro points (" << parts.join(QStringLiteral(", ")) << ") from "
          << fetched.hsdir << "\n";
    } else {
        pub.insert(QStringLiteral("found"), false);
        pub.insert(QStringLiteral("reason"), fetched.reason.isEmpty() ? QStringLiteral("no answer") : fetched.reason);
        t << "\npublished: no descriptor found ("
          << (fetched.reason.isEmpty() ? QStringLiteral("no answer") : fetched.reason) << ")\n";
    }
    result.insert(QStringLiteral("published"), pub);
    for (NodeSession* s : sessions) {
        s->stop();
    }
    if (json) {
        printJson(result);
    } else {
        out() << text << Qt::flush;
    }
    bool anyConnected = false;
    for (const QJsonValue& v : nodesJson) {
        anyConnected = anyConnected || v.toObject().value(QStringLiteral("connection")).toString() ==
                                           QLatin1String("connected");
    }
    return anyConnected ? ExitOk : ExitUnavailable;
}

}  // namespace

RB_CLI_COMMAND(publish, "publish", "Publish the merged descriptor of the fleet (--once or --watch)", runPublish);
RB_CLI_COMMAND(status, "status", "Print the fleet's node and publication state once", runStatus);
