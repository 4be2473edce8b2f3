#include "LabLauncher.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>

namespace rb::console {

namespace {

constexpr qsizetype kMaxLabJson = 4 * 1024 * 1024;
constexpr int kExpectedStartSeconds = 60;  // typical on a 2-core machine (LAB-NETWORK.md: ~22-40 s idle)

quint16 portOf(const QJsonObject& o, const char* key)
{
    const int v = o.value(QLatin1String(key)).toInt(0);
    return (v > 0 && v < 65536) ? static_cast<quint16>(v) : quint16{0};
}

}  // namespace

Result<LabInfo> LabInfo::fromJson(QByteArrayView json)
{
    if (json.size() > kMaxLabJson)
        return makeError(ErrorCode::TooLarge, QStringLiteral("lab.json is larger than 4 MiB"));
    QJsonParseError perr{};
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &perr);
    if (!doc.isObject())
        return makeError(ErrorCode::ParseError, QStringLiteral("lab.json is not a JSON object"), perr.errorString());
    const QJsonObject root = doc.object();
    if (root.value(QLatin1String("schema")).toInt() != 1)
        return makeError(ErrorCode::Unsupported, QStringLiteral("lab.json schema %1 is not supported (want 1)")
                                                     .arg(root.value(QLatin1String("schema")).toInt()));
    LabInfo info;
    info.dir = root.value(QLatin1String("dir")).toString();
    info.state = root.value(QLatin1String("state")).toString();
    info.masterAddress = root.value(QLatin1String("master_onion_address")).toString();
    info.votingInterval = root.value(QLatin1String("voting_interval")).toInt();
    info.readySeconds = root.value(QLatin1String("ready_seconds")).toDouble(0);
    for (const QJsonValue& v : root.value(QLatin1String("tors")).toArray()) {
        const QJsonObject t = v.toObject();
        if (t.value(QLatin1String("role")).toString() != QLatin1String("service"))
            continue;
        LabService s;
        s.index = t.value(QLatin1String("index")).toInt();
        s.nickname = t.value(QLatin1String("nickname")).toString();
        s.controlPort = portOf(t, "control_port");
        s.cookiePath = t.value(QLatin1String("cookie_path")).toString();
        s.metricsPort = portOf(t, "metrics_port");
        s.hiddenServiceDir = t.value(QLatin1String("hs_dir")).toString();
        s.onionAddress = t.value(QLatin1String("onion_address")).toString();
        s.mode = t.value(QLatin1String("mode")).toString();
        s.pid = static_cast<qint64>(t.value(QLatin1String("pid")).toDouble(0));
        if (s.nickname.isEmpty() || s.controlPort == 0)
            return makeError(ErrorCode::ParseError,
                             QStringLiteral("lab.json: a service node has no nickname or control port"));
        info.services.append(s);
    }
    std::sort(info.services.begin(), info.services.end(),
              [](const LabService& a, const LabService& b) { return a.index < b.index; });
    return info;
}

Result<LabInfo> LabInfo::load(const QString& labJsonPath)
{
    QFile f(labJsonPath);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound, QStringLiteral("Cannot read %1").arg(labJsonPath), f.errorString());
    return fromJson(f.read(kMaxLabJson + 1));
}

LabLauncher::LabLauncher(QObject* parent) : QObject(parent), m_ticker(new QTimer(this))
{
    m_ticker->setInterval(500);
    connect(m_ticker, &QTimer::timeout, this, &LabLauncher::tick);
}

LabLauncher::~LabLauncher()
{
    // Never wait here. A running `up` gets SIGTERM (it stops what it started);
    // a lab left running is stopped by the script's watchdog once we are gone.
    if (m_up && m_up->state() != QProcess::NotRunning) {
        m_up->disconnect(this);
        m_up->terminate();
    }
}

QString LabLauncher::scriptPath()
{
    QStringList candidates;
    const QString env = qEnvironmentVariable("RB_LAB_SCRIPT");
    if (!env.isEmpty())
        candidates << env;
    candidates << QDir::cleanPath(QCoreApplication::applicationDirPath() +
                                  QStringLiteral("/../share/rustbalance-console/lab/labnet.py"));
#ifdef RB_LAB_SCRIPT_DEV
    candidates << QStringLiteral(RB_LAB_SCRIPT_DEV);
#endif
    for (const QString& c : std::as_const(candidates)) {
        if (QFileInfo(c).isFile())
            return c;
    }
    return {};
}

QString LabLauncher::pythonPath()
{
    const QString env = qEnvironmentVariable("RB_LAB_PYTHON");
    if (!env.isEmpty())
        return env;
    if (QFileInfo(QStringLiteral("/usr/bin/python3")).isExecutable())
        return QStringLiteral("/usr/bin/python3");
    return QStandardPaths::findExecutable(QStringLiteral("python3"));
}

QString LabLauncher::baseDirectory()
{
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty() && QFileInfo(runtime).isDir() && QFileInfo(runtime).isWritable())
        return runtime;
    return QDir::tempPath();
}

QPair<QString, int> LabLauncher::progressFromLine(const QString& rawLine)
{
    QString line = rawLine.trimmed();
    if (line.startsWith(QLatin1String("labnet: ")))
        line = line.mid(8);
    if (line.contains(QLatin1String("tor processes started")))
        return {tr("Directory authorities and relays started; waiting for the first consensus"), 20};
    if (line.startsWith(QLatin1String("consensus published")))
        return {tr("Consensus published"), 45};
    if (line.startsWith(QLatin1String("relays hold the consensus")) ||
        line.startsWith(QLatin1String("relays still without directory info")))
        return {tr("Starting the client and the onion-service nodes"), 55};
    static const QRegularExpression boot(QStringLiteral("^waiting \\(\\d+ s\\): bootstrap (\\d+) %"));
    const QRegularExpressionMatch m = boot.match(line);
    if (m.hasMatch()) {
        const int pct = m.captured(1).toInt();
        return {tr("Client bootstrapping: %1 %").arg(pct), 55 + (pct * 40) / 100};
    }
    if (line.startsWith(QLatin1String("waiting for the authorities")))
        return {tr("Waiting for the directory authorities"), -1};
    if (line.startsWith(QLatin1String("lab ready")))
        return {tr("Lab network ready"), 100};
    return {QString(), -1};
}

Status LabLauncher::start(const Options& options)
{
    if (m_state == State::Starting || m_state == State::Running || m_state == State::Stopping)
        return makeError(ErrorCode::InvalidArgument, tr("The lab network is already running"));
    if (options.nodes < 1 || options.nodes > 16)
        return makeError(ErrorCode::InvalidArgument, tr("The lab needs 1 to 16 nodes"));
    const QString script = scriptPath();
    if (script.isEmpty())
        return makeError(ErrorCode::Unavailable,
                         tr("The lab script labnet.py was not found; reinstall, or set RB_LAB_SCRIPT to its path"));
    const QString python = pythonPath();
    if (python.isEmpty())
        return makeError(ErrorCode::Unavailable, tr("python3 was not found; install it or set RB_LAB_PYTHON"));

    QString dir = options.dir;
    if (dir.isEmpty()) {
        QTemporaryDir tmp(baseDirectory() + QStringLiteral("/rustbalance-console-lab-XXXXXX"));
        if (!tmp.isValid())
            return makeError(ErrorCode::IoError, tr("Cannot create a directory for the lab network"),
                             tmp.errorString());
        tmp.setAutoRemove(false);  // labnet.py `down` removes it
        dir = tmp.path();
    }
    m_dir = QDir(dir).absolutePath();
    m_info = {};
    m_tail.clear();
    m_buffer.clear();
    m_cancelRequested = false;

    QStringList args{script,
                     QStringLiteral("up"),
                     QStringLiteral("--dir"),
                     m_dir,
                     QStringLiteral("--nodes"),
                     QString::number(options.nodes),
                     QStringLiteral("--timeout"),
                     QString::number(options.timeoutSeconds),
                     QStringLiteral("--owner-pid"),
                     QString::number(QCoreApplication::applicationPid())};
    if (!options.masterKeyDir.isEmpty())
        args << QStringLiteral("--master-key-dir") << options.masterKeyDir;
    for (const QString& o : options.nodeOpts)
        args << QStringLiteral("--node-opts") << o;

    auto* proc = new QProcess(this);
    m_up = proc;
    proc->setProcessChannelMode(QProcess::MergedChannels);
    proc->setStandardInputFile(QProcess::nullDevice());
    connect(proc, &QProcess::readyRead, this, &LabLauncher::onOutput);
    connect(proc, &QProcess::finished, this,
            [this](int code, QProcess::ExitStatus status) { onUpFinished(code, status == QProcess::CrashExit); });
    connect(proc, &QProcess::errorOccurred, this, [this, proc](QProcess::ProcessError e) {
        if (e != QProcess::FailedToStart)
            return;
        setState(State::Failed);
        m_ticker->stop();
        proc->deleteLater();
        emit failed(makeError(ErrorCode::Unavailable, tr("Could not run the lab script"), proc->errorString()));
    });
    setState(State::Starting);
    m_clock.start();
    m_step = tr("Creating keys and starting the directory authorities");
    m_percent = 2;
    m_ticker->start();
    proc->start(python, args);
    emit progress(m_step, m_percent);
    return {};
}

void LabLauncher::tick()
{
    if (m_state != State::Starting)
        return;
    // Time-based floor so the bar keeps moving between the script's lines.
    const int byTime = static_cast<int>(std::min<qint64>(90, m_clock.elapsed() * 90 / (kExpectedStartSeconds * 1000)));
    if (byTime > m_percent) {
        m_percent = byTime;
        emit progress(m_step, m_percent);
    }
}

void LabLauncher::onOutput()
{
    if (!m_up)
        return;
    m_buffer += m_up->readAll();
    qsizetype nl;
    while ((nl = m_buffer.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_buffer.left(nl)).trimmed();
        m_buffer.remove(0, nl + 1);
        if (line.isEmpty())
            continue;
        m_tail << line;
        while (m_tail.size() > 200)
            m_tail.removeFirst();
        const auto [step, percent] = progressFromLine(line);
        if (!step.isEmpty())
            m_step = step;
        if (percent > m_percent)
            m_percent = percent;
        if (!step.isEmpty() || percent >= 0)
            emit progress(m_step, m_percent);
    }
    if (m_buffer.size() > 64 * 1024)
        m_buffer.clear();  // a line that long is not a progress line
}

QString LabLauncher::outputTail(int lines) const
{
    return m_tail.mid(std::max<qsizetype>(0, m_tail.size() - lines)).join(QLatin1Char('\n'));
}

void LabLauncher::onUpFinished(int exitCode, bool crashed)
{
    onOutput();
    m_ticker->stop();
    if (m_up)
        m_up->deleteLater();
    if (m_cancelRequested) {
        // The script stopped what it had started; remove the directory too.
        runDown(true);
        return;
    }
    if (crashed || exitCode != 0) {
        setState(State::Failed);
        const QString last = m_tail.isEmpty() ? QString() : m_tail.last();
        emit failed(makeError(ErrorCode::Unavailable,
                              tr("The lab network did not start: %1").arg(last.isEmpty() ? tr("no output") : last),
                              outputTail()));
        // Its processes were stopped by the script; remove the directory.
        runDown(false);
        return;
    }
    auto info = LabInfo::load(m_dir + QStringLiteral("/lab.json"));
    if (!info.ok()) {
        setState(State::Failed);
        emit failed(info.error());
        runDown(false);
        return;
    }
    m_info = info.value();
    setState(State::Running);
    emit progress(tr("Lab network ready"), 100);
    emit ready(m_info);
}

void LabLauncher::cancel()
{
    if (m_state != State::Starting || !m_up)
        return;
    m_cancelRequested = true;
    m_step = tr("Cancelling: stopping the lab's processes");
    emit progress(m_step, m_percent);
    m_up->terminate();  // SIGTERM: labnet.py stops every process it started, then exits
    // A script stuck past its own clean-up gets SIGKILL; the watchdog and `down` finish the job.
    QPointer<QProcess> up = m_up;
    QTimer::singleShot(20000, this, [up] {
        if (up && up->state() != QProcess::NotRunning)
            up->kill();
    });
}

void LabLauncher::stop()
{
    if (m_state == State::Starting) {
        cancel();
        return;
    }
    if (m_state == State::Stopping || m_dir.isEmpty() || m_state == State::Stopped) {
        if (m_state == State::Stopped || m_dir.isEmpty())
            emit stopped();
        return;
    }
    runDown(false);
}

void LabLauncher::runDown(bool thenCancelled)
{
    const QString python = pythonPath();
    const QString script = scriptPath();
    const bool wasFailed = m_state == State::Failed;
    setState(State::Stopping);
    auto finish = [this, thenCancelled, wasFailed] {
        setState(wasFailed ? State::Failed : State::Stopped);
        if (thenCancelled)
            emit cancelled();
        emit stopped();
    };
    if (python.isEmpty() || script.isEmpty() || !QFileInfo::exists(m_dir)) {
        finish();
        return;
    }
    auto* proc = new QProcess(this);
    m_down = proc;
    proc->setProcessChannelMode(QProcess::MergedChannels);
    proc->setStandardInputFile(QProcess::nullDevice());
    connect(proc, &QProcess::finished, this, [proc, finish] {
        proc->deleteLater();
        finish();
    });
    connect(proc, &QProcess::errorOccurred, this, [proc, finish](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart) {
            proc->deleteLater();
            finish();
        }
    });
    // A failed start keeps its logs for the operator; a normal stop removes everything.
    QStringList args{script, QStringLiteral("down"), QStringLiteral("--dir"), m_dir};
    if (wasFailed)
        args << QStringLiteral("--keep-logs");
    proc->start(python, args);
}

}  // namespace rb::console
