#include "lab/LabNetwork.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>

#ifndef RB_LAB_SCRIPT_SOURCE
#error "RB_LAB_SCRIPT_SOURCE must name tests/lab/labnet.py"
#endif

namespace rb::lab {

namespace {

quint16 portOf(const QJsonObject& o, const char* key)
{
    const int v = o.value(QLatin1String(key)).toInt(0);
    return (v > 0 && v < 65536) ? static_cast<quint16>(v) : quint16{0};
}

QString str(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

TorNode parseTor(const QJsonObject& o)
{
    TorNode t;
    t.role = str(o, "role");
    t.index = o.value(QLatin1String("index")).toInt();
    t.nickname = str(o, "nickname");
    t.pid = static_cast<qint64>(o.value(QLatin1String("pid")).toDouble(0));
    t.dataDir = str(o, "data_dir");
    t.torrc = str(o, "torrc");
    t.pidFile = str(o, "pid_file");
    t.cookiePath = str(o, "cookie_path");
    t.noticeLog = str(o, "log_notice");
    t.infoLog = str(o, "log_info");
    t.controlPort = portOf(o, "control_port");
    t.orPort = portOf(o, "or_port");
    t.dirPort = portOf(o, "dir_port");
    t.socksPort = portOf(o, "socks_port");
    t.metricsPort = portOf(o, "metrics_port");
    t.fingerprint = str(o, "fingerprint");
    t.ed25519Id = str(o, "ed25519_id");
    t.v3Ident = str(o, "v3ident");
    t.exit = o.value(QLatin1String("exit")).toBool(false);
    t.onionAddress = str(o, "onion_address");
    t.hsDir = str(o, "hs_dir");
    t.mode = str(o, "mode");
    t.obMasterAddress = str(o, "ob_master_address");
    t.publishDescriptors = o.value(QLatin1String("publish_descriptors")).toBool(true);
    for (const auto& v : o.value(QLatin1String("node_options")).toArray()) {
        t.nodeOptions.append(v.toString());
    }
    t.backendPort = portOf(o, "backend_port");
    t.backendPid = static_cast<qint64>(o.value(QLatin1String("backend_pid")).toDouble(0));
    t.backendRoot = str(o, "backend_root");
    return t;
}

bool mentionsDir(const QByteArray& cmdline, const QByteArray& dir)
{
    // cmdline: NUL-separated arguments; match dir as a whole path or a prefix "dir/".
    qsizetype from = 0;
    while (true) {
        const qsizetype i = cmdline.indexOf(dir, from);
        if (i < 0) {
            return false;
        }
        const qsizetype end = i + dir.size();
        if (end == cmdline.size() || cmdline.at(end) == '/' || cmdline.at(end) == '\0') {
            return true;
        }
        from = i + 1;
    }
}

}  // namespace

LabNetwork::LabNetwork() = default;

LabNetwork::~LabNetwork()
{
    if (m_running) {
        (void)stop(m_keepLogs);
    }
}

QString LabNetwork::scriptPath()
{
    const QString env = qEnvironmentVariable("RB_LAB_SCRIPT");
    if (!env.isEmpty()) {
        return env;
    }
    return QStringLiteral(RB_LAB_SCRIPT_SOURCE);
}

QString LabNetwork::pythonPath()
{
    const QString env = qEnvironmentVariable("RB_LAB_PYTHON");
    if (!env.isEmpty()) {
        return env;
    }
    if (QFileInfo(QStringLiteral("/usr/bin/python3")).isExecutable()) {
        return QStringLiteral("/usr/bin/python3");
    }
    return QStandardPaths::findExecutable(QStringLiteral("python3"));
}

QString LabNetwork::labJsonPath() const
{
    return m_dir + QStringLiteral("/lab.json");
}

Status LabNetwork::runScript(const QStringList& args, int timeoutSeconds)
{
    const QString python = pythonPath();
    if (python.isEmpty()) {
        return makeError(ErrorCode::Unavailable, QStringLiteral("python3 not found; install python3 or set RB_LAB_PYTHON"));
    }
    const QString script = scriptPath();
    if (!QFileInfo::exists(script)) {
        return makeError(ErrorCode::NotFound, QStringLiteral("lab script %1 not found; set RB_LAB_SCRIPT").arg(script));
    }
    QProcess proc;
    proc.setProcessChannelMode(QProcess::MergedChannels);
    proc.start(python, QStringList{script} + args);
    if (!proc.waitForStarted(10000)) {
        return makeError(ErrorCode::Unavailable, QStringLiteral("could not run %1: %2").arg(python, proc.errorString()));
    }
    // Test code: block. Poll so a chatty script cannot fill the pipe.
    QByteArray output;
    const qint64 deadlineMs = static_cast<qint64>(timeoutSeconds) * 1000;
    QElapsedTimer timer;
    timer.start();
    while (proc.state() != QProcess::NotRunning) {
        proc.waitForFinished(200);
        output += proc.readAll();
        if (timer.elapsed() > deadlineMs) {
            proc.terminate();
            if (!proc.waitForFinished(5000)) {
                proc.kill();
                proc.waitForFinished(5000);
            }
            output += proc.readAll();
            m_lastOutput = QString::fromUtf8(output);
            return makeError(ErrorCode::Timeout,
                             QStringLiteral("labnet.py %1 did not finish within %2 s").arg(args.value(0)).arg(timeoutSeconds),
                             m_lastOutput.right(2000));
        }
    }
    output += proc.readAll();
    m_lastOutput = QString::fromUtf8(output);
    if (proc.exitStatus() != QProcess::NormalExit || proc.exitCode() != 0) {
        return makeError(ErrorCode::Rejected,
                         QStringLiteral("labnet.py %1 failed (exit %2)").arg(args.value(0)).arg(proc.exitCode()),
                         m_lastOutput.right(3000));
    }
    return {};
}

Status LabNetwork::start(const Options& options)
{
    if (m_running) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("lab already running in %1").arg(m_dir));
    }
    if (options.dir.isEmpty()) {
        QTemporaryDir tmp(QDir::tempPath() + QStringLiteral("/rb-lab-XXXXXX"));
        if (!tmp.isValid()) {
            return makeError(ErrorCode::IoError, QStringLiteral("cannot create a temporary lab directory"),
                             tmp.errorString());
        }
        tmp.setAutoRemove(false);
        m_dir = QFileInfo(tmp.path()).canonicalFilePath();
    } else {
        m_dir = QDir(options.dir).absolutePath();
    }
    QStringList args{QStringLiteral("up"),
                     QStringLiteral("--dir"),
                     m_dir,
                     QStringLiteral("--nodes"),
                     QString::number(options.nodes),
                     QStringLiteral("--plain-nodes"),
                     QString::number(options.plainNodes),
                     QStringLiteral("--voting-interval"),
                     QString::number(options.votingInterval),
                     QStringLiteral("--timeout"),
                     QString::number(options.timeoutSeconds),
                     QStringLiteral("--owner-pid"),
                     QString::number(QCoreApplication::applicationPid())};
    if (!options.masterKeyDir.isEmpty()) {
        args << QStringLiteral("--master-key-dir") << options.masterKeyDir;
    }
    for (const QString& o : options.nodeOpts) {
        args << QStringLiteral("--node-opts") << o;
    }
    if (!options.wait) {
        args << QStringLiteral("--no-wait");
    }
    // From here on the directory may hold processes: stop() must run.
    m_running = true;
    const Status st = runScript(args, options.timeoutSeconds + 90);
    if (!st.ok()) {
        // The script stops what it started on failure; make sure (logs kept).
        (void)stop(true);
        return st;
    }
    const Status parsed = parseLabJson();
    if (!parsed.ok()) {
        (void)stop(true);
        return parsed;
    }
    return {};
}

Status LabNetwork::stop(bool keepLogs)
{
    if (!m_running) {
        return {};
    }
    QStringList args{QStringLiteral("down"), QStringLiteral("--dir"), m_dir};
    if (keepLogs || m_keepLogs) {
        args << QStringLiteral("--keep-logs");
    }
    const Status st = runScript(args, 60);
    m_running = false;
    if (keepLogs || m_keepLogs) {
        qWarning("lab logs kept in %s", qPrintable(m_dir));
    }
    return st;
}

Status LabNetwork::stopNode(int serviceIndex)
{
    RB_TRY_STATUS(runScript({QStringLiteral("node-stop"), QStringLiteral("--dir"), m_dir, QStringLiteral("--node"),
                             QString::number(serviceIndex)},
                            60));
    return parseLabJson();
}

Status LabNetwork::startNode(int serviceIndex)
{
    RB_TRY_STATUS(runScript({QStringLiteral("node-start"), QStringLiteral("--dir"), m_dir, QStringLiteral("--node"),
                             QString::number(serviceIndex)},
                            120));
    return parseLabJson();
}

Status LabNetwork::waitReady(int timeoutSeconds)
{
    return runScript({QStringLiteral("wait"), QStringLiteral("--dir"), m_dir, QStringLiteral("--timeout"),
                      QString::number(timeoutSeconds)},
                     timeoutSeconds + 30);
}

Status LabNetwork::reload()
{
    return parseLabJson();
}

Status LabNetwork::parseLabJson()
{
    QFile f(labJsonPath());
    if (!f.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::NotFound, QStringLiteral("cannot read %1").arg(f.fileName()), f.errorString());
    }
    QJsonParseError perr{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &perr);
    if (!doc.isObject()) {
        return makeError(ErrorCode::ParseError, QStringLiteral("%1 is not a JSON object").arg(f.fileName()),
                         perr.errorString());
    }
    const QJsonObject root = doc.object();
    if (root.value(QLatin1String("schema")).toInt() != 1) {
        return makeError(ErrorCode::Unsupported, QStringLiteral("lab.json schema %1 unsupported (want 1)")
                                                     .arg(root.value(QLatin1String("schema")).toInt()));
    }
    QList<TorNode> tors;
    for (const auto& v : root.value(QLatin1String("tors")).toArray()) {
        tors.append(parseTor(v.toObject()));
    }
    m_tors = tors;
    m_clientSocksPort = portOf(root, "client_socks_port");
    m_votingInterval = root.value(QLatin1String("voting_interval")).toInt();
    m_masterOnionAddress = str(root, "master_onion_address");
    m_readySeconds = root.value(QLatin1String("ready_seconds")).toDouble(0);
    return {};
}

QList<TorNode> LabNetwork::byRole(const QString& role) const
{
    QList<TorNode> out;
    for (const TorNode& t : m_tors) {
        if (t.role == role) {
            out.append(t);
        }
    }
    return out;
}

TorNode LabNetwork::client() const
{
    const QList<TorNode> c = byRole(QStringLiteral("client"));
    return c.isEmpty() ? TorNode{} : c.first();
}

TorNode LabNetwork::service(int index) const
{
    for (const TorNode& t : m_tors) {
        if (t.role == QLatin1String("service") && t.index == index) {
            return t;
        }
    }
    return {};
}

QList<qint64> LabNetwork::processesMentioning(const QString& dir)
{
    QList<qint64> out;
    const QByteArray needle = QDir(dir).absolutePath().toUtf8();
    const qint64 self = QCoreApplication::applicationPid();
    QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        it.next();
        bool ok = false;
        const qint64 pid = it.fileName().toLongLong(&ok);
        if (!ok || pid == self) {
            continue;
        }
        QFile cmd(it.filePath() + QStringLiteral("/cmdline"));
        if (!cmd.open(QIODevice::ReadOnly)) {
            continue;
        }
        const QByteArray cmdline = cmd.readAll();
        if (cmdline.isEmpty() || !mentionsDir(cmdline, needle)) {
            continue;  // kernel thread, zombie, or unrelated
        }
        out.append(pid);
    }
    return out;
}

}  // namespace rb::lab
