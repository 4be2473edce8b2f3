#include "deploy/Deployer.h"

#include "deploy/TorrcEditor.h"
#include "onion/OnionAddress.h"
#include "onion/TorKeyFile.h"
#include "ssh/RemoteCommand.h"
#include "ssh/SshDiagnostics.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRegularExpression>

namespace rb::deploy {

namespace {

QString normalizeDir(QString d)
{
    while (d.size() > 1 && d.endsWith(QLatin1Char('/'))) {
        d.chop(1);
    }
    return d;
}

QString serviceIdOf(const QString& address)
{
    QString id = address.trimmed().toLower();
    if (id.endsWith(QLatin1String(".onion"))) {
        id.chop(6);
    }
    return id;
}

Error withNode(const QString& node, const Error& e)
{
    if (e.message.startsWith(QStringLiteral("Node "))) {
        return e;
    }
    return makeError(e.code, QStringLiteral("Node %1: %2").arg(node, e.message), e.detail);
}

}  // namespace

QString Deployer::stepName(Step step)
{
    switch (step) {
    case Step::Connect:
        return QStringLiteral("connect");
    case Step::Preflight:
        return QStringLiteral("preflight");
    case Step::Backup:
        return QStringLiteral("backup");
    case Step::WriteKeys:
        return QStringLiteral("write-keys");
    case Step::WriteTorrc:
        return QStringLiteral("write-torrc");
    case Step::Restart:
        return QStringLiteral("restart");
    case Step::Verify:
        return QStringLiteral("verify");
    case Step::Restore:
        return QStringLiteral("restore");
    case Step::RollbackRestore:
        return QStringLiteral("rollback-restore");
    case Step::RollbackRestart:
        return QStringLiteral("rollback-restart");
    case Step::RollbackVerify:
        return QStringLiteral("rollback-verify");
    }
    return QStringLiteral("unknown");
}

QString Deployer::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Running:
        return QStringLiteral("running");
    case Outcome::Succeeded:
        return QStringLiteral("succeeded");
    case Outcome::Failed:
        return QStringLiteral("failed");
    case Outcome::RolledBack:
        return QStringLiteral("rolled-back");
    case Outcome::RollbackFailed:
        return QStringLiteral("rollback-failed");
    }
    return QStringLiteral("unknown");
}

QJsonObject Deployer::Report::toJson() const
{
    QJsonObject o{{QStringLiteral("operation"), operation == Operation::Deploy ? QStringLiteral("deploy")
                                                                                : QStringLiteral("undeploy")},
                  {QStringLiteral("outcome"), outcomeName(outcome)},
                  {QStringLiteral("node"), node},
                  {QStringLiteral("masterAddress"), masterAddress},
                  {QStringLiteral("previousAddress"), previousAddress},
                  {QStringLiteral("hiddenServiceDir"), hiddenServiceDir},
                  {QStringLiteral("torrc"), torrc},
                  {QStringLiteral("backupDir"), backupDir},
                  {QStringLiteral("torVersion"), torVersion},
                  {QStringLiteral("torPidBefore"), torPidBefore},
                  {QStringLiteral("torPidAfter"), torPidAfter},
                  {QStringLiteral("actions"), QJsonArray::fromStringList(actions)},
                  {QStringLiteral("elapsedMs"), elapsedMs}};
    if (failedStep) {
        o.insert(QStringLiteral("failedStep"), stepName(*failedStep));
    }
    if (outcome != Outcome::Succeeded && outcome != Outcome::Running) {
        o.insert(QStringLiteral("error"), error.message);
        if (!error.detail.isEmpty()) {
            o.insert(QStringLiteral("detail"), error.detail);
        }
    }
    if (rollbackError) {
        o.insert(QStringLiteral("rollbackError"), rollbackError->toString());
    }
    return o;
}

Deployer::Deployer(fleet::NodeConfig node, DeploySettings settings, ssh::SshOptions ssh, QObject* parent)
    : Deployer(std::move(node), std::move(settings), std::move(ssh), Options{}, parent)
{
}

Deployer::Deployer(fleet::NodeConfig node, DeploySettings settings, ssh::SshOptions ssh, Options options,
                   QObject* parent)
    : QObject(parent), m_node(std::move(node)), m_settings(std::move(settings)), m_ssh(std::move(ssh)),
      m_options(std::move(options))
{
}

Deployer::~Deployer()
{
    ++m_run;
}

void Deployer::setControlPassword(crypto::SecretBuffer password)
{
    m_password = std::move(password);
}

Status Deployer::validateCommon() const
{
    if (m_running) {
        return makeError(ErrorCode::NotReady, QStringLiteral("A deployment of node %1 is already running.").arg(m_node.name));
    }
    RB_TRY_STATUS(ssh::RemoteCommand::validateName(m_node.name, QStringLiteral("node name")));
    RB_TRY_STATUS(m_node.validate());
    RB_TRY_STATUS(m_settings.validate());
    if (m_node.sshTarget.isEmpty() || m_node.controlEndpoint.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Node %1 needs an SSH target and a control endpoint to be deployed.").arg(m_node.name));
    }
    if (m_node.hiddenServiceDir.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Node %1 has no HiddenServiceDir; set it (e.g. /var/lib/tor/rustbalance).")
                             .arg(m_node.name));
    }
    RB_TRY_STATUS(TorrcEditor::validateTorrcValue(m_node.hiddenServiceDir, QStringLiteral("HiddenServiceDir")));
    if (normalizeDir(m_node.hiddenServiceDir) == QLatin1String("/")) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("The HiddenServiceDir cannot be /."));
    }
    if (m_node.torUser.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Node %1 has no tor user; set it (e.g. debian-tor) so the key files get the "
                                        "right owner.")
                             .arg(m_node.name));
    }
    if (m_node.auth == fleet::AuthMethod::Password && !m_password) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Node %1 uses a control password; give it (from the keychain).").arg(m_node.name));
    }
    return {};
}

Status Deployer::deploy(onion::MasterIdentity master)
{
    RB_TRY_STATUS(validateCommon());
    m_masterAddress = master.address().toString();
    m_masterPublicKey = master.publicKey();
    m_master.emplace(std::move(master));
    begin(Operation::Deploy);
    return {};
}

Status Deployer::undeploy()
{
    RB_TRY_STATUS(validateCommon());
    m_master.reset();
    m_masterAddress.clear();
    begin(Operation::Undeploy);
    return {};
}

void Deployer::cancel()
{
    if (m_running) {
        m_cancel = true;
    }
}

void Deployer::begin(Operation op)
{
    ++m_run;
    m_running = true;
    m_cancel = false;
    m_changed = false;
    m_restarted = false;
    m_inRollback = false;
    m_torrcOriginal.clear();
    m_torrcNew.clear();
    m_originalBackupDir.clear();
    m_report = Report{};
    m_report.operation = op;
    m_report.node = m_node.name;
    m_report.masterAddress = m_masterAddress;
    m_report.hiddenServiceDir = m_node.hiddenServiceDir;
    m_clock.start();

    if (m_connector) {
        m_connector->stop();
        m_connector->deleteLater();
        m_connector = nullptr;
    }
    auto cs = NodeConnector::Settings::fromNodeConfig(m_node, m_ssh);
    if (!cs) {
        // validateCommon() checked the node; report through the normal path anyway.
        QTimer::singleShot(0, this, [this, e = cs.error()] {
            startStep(Step::Connect, QStringLiteral("Connecting"), 5);
            fail(e);
        });
        return;
    }
    cs->transport.sudo = m_settings.sudo;
    cs->transport.runtimeDir = m_options.runtimeDir;
    cs->transport.tunnelReadyTimeoutMs = m_options.tunnelReadyTimeoutMs;
    cs->connectTimeoutMs = qMin(m_settings.connectTimeoutSeconds * 1000, 30000);
    m_connector = new NodeConnector(*cs, this);
    if (m_password) {
        m_connector->setPassword(m_password->clone());
    }
    const quint64 run = m_run;
    QTimer::singleShot(0, this, [this, run] {
        if (run == m_run) {
            stepConnect();
        }
    });
}

void Deployer::note(const QString& line)
{
    emit logLine(QStringLiteral("[%1] %2").arg(m_node.name, line));
}

void Deployer::startStep(Step step, const QString& description, int percent)
{
    m_step = step;
    note(QStringLiteral("%1: %2").arg(stepName(step), description));
    emit stepStarted(step, description, percent);
}

void Deployer::finishStep(const QString& summary)
{
    note(QStringLiteral("%1 done: %2").arg(stepName(m_step), summary));
    emit stepFinished(m_step, summary);
}

bool Deployer::checkCancel()
{
    if (m_cancel && !m_inRollback) {
        m_cancel = false;
        fail(makeError(ErrorCode::Cancelled, QStringLiteral("The deployment was cancelled.")));
        return true;
    }
    return false;
}

void Deployer::fail(const Error& rawError)
{
    const Error error = withNode(m_node.name, rawError);
    note(QStringLiteral("%1 FAILED: %2").arg(stepName(m_step), error.toString()));
    emit stepFailed(m_step, error.message);
    if (m_inRollback) {
        m_report.rollbackError = error;
        finish(Outcome::RollbackFailed);
        return;
    }
    m_report.failedStep = m_step;
    m_report.error = error;
    if (m_report.operation == Operation::Deploy && m_changed && !m_report.backupDir.isEmpty()) {
        startRollback();
        return;
    }
    finish(Outcome::Failed);
}

void Deployer::finish(Outcome outcome)
{
    m_report.outcome = outcome;
    m_report.elapsedMs = m_clock.elapsed();
    if (outcome == Outcome::RollbackFailed) {
        m_report.error.message += QStringLiteral(
                                      " The rollback also failed: restore the files from %1 on the node by hand "
                                      "(hs_* files, hostname, ob_config and torrc) and restart tor.")
                                      .arg(m_report.backupDir);
    }
    m_master.reset();  // the key leaves memory as soon as we are done
    m_running = false;
    ++m_run;
    if (m_connector) {
        m_connector->stop();
    }
    note(QStringLiteral("%1 %2 in %3 ms")
             .arg(m_report.operation == Operation::Deploy ? QStringLiteral("deploy") : QStringLiteral("undeploy"),
                  outcomeName(outcome))
             .arg(m_report.elapsedMs));
    emit finished(outcome == Outcome::Succeeded);
}

void Deployer::runScript(Result<ssh::RemoteCommand> command, const QString& what, std::function<void(QByteArray)> ok)
{
    if (!command) {
        fail(command.error());
        return;
    }
    ssh::RemoteCommand cmd = std::move(command).value();
    cmd.withSudo(m_settings.sudo);
    const quint64 run = m_run;
    QPointer<Deployer> self(this);
    const QString where = m_node.sshTarget;
    m_connector->transport()->runner()->run(
        std::move(cmd), [self, run, what, where, ok = std::move(ok)](Result<ssh::RemoteResult> r) {
            if (!self || run != self->m_run) {
                return;
            }
            if (!r) {
                self->fail(r.error());
                return;
            }
            if (r->timedOut) {
                self->fail(makeError(ErrorCode::Timeout, QStringLiteral("%1 on %2 timed out.").arg(what, where)));
                return;
            }
            if (r->exitCode != 0) {
                const QString err = QString::fromUtf8(r->standardError);
                const ErrorCode code = err.contains(QLatin1String("sudo:")) || err.contains(QLatin1String("Permission denied")) ||
                                               err.contains(QLatin1String("Operation not permitted"))
                                           ? ErrorCode::PermissionDenied
                                           : ErrorCode::IoError;
                self->fail(makeError(code,
                                     QStringLiteral("%1 failed on %2 (exit status %3): %4")
                                         .arg(what, where)
                                         .arg(r->exitCode)
                                         .arg(ssh::SshDiagnostics::lastLine(r->standardError)),
                                     err.left(2000)));
                return;
            }
            ok(r->standardOutput);
        });
}

void Deployer::readNodeFile(const QString& path, qsizetype maxBytes, std::function<void(Result<QByteArray>)> done)
{
    const quint64 run = m_run;
    QPointer<Deployer> self(this);
    m_connector->transport()->runner()->readFile(path, maxBytes, m_settings.sudo,
                                                 [self, run, done = std::move(done)](Result<QByteArray> r) {
                                                     if (!self || run != self->m_run) {
                                                         return;
                                                     }
                                                     done(std::move(r));
                                                 });
}

void Deployer::readTorPid(std::function<void(qint64)> done)
{
    control::ControlClient* client = m_connector->client();
    if (client == nullptr) {
        done(0);
        return;
    }
    const quint64 run = m_run;
    QPointer<Deployer> self(this);
    client->getInfoValue(QStringLiteral("process/pid"), [self, run, done = std::move(done)](Result<QByteArray> r) {
        if (!self || run != self->m_run) {
            return;
        }
        done(r ? r->trimmed().toLongLong() : 0);
    });
}

// ---------------------------------------------------------------------------
// Connect + preflight

void Deployer::stepConnect()
{
    startStep(Step::Connect, QStringLiteral("SSH tunnel to %1, tor control %2").arg(m_node.sshTarget, m_node.controlEndpoint),
              5);
    if (Status st = m_connector->start(); !st) {
        fail(st.error());
        return;
    }
    const quint64 run = m_run;
    QPointer<Deployer> self(this);
    m_connector->whenConnected(m_settings.connectTimeoutSeconds * 1000, [self, run](Status st) {
        if (!self || run != self->m_run) {
            return;
        }
        if (!st) {
            self->fail(st.error());
            return;
        }
        self->m_report.torVersion = self->m_connector->torVersion();
        self->readTorPid([self, run](qint64 pid) {
            if (!self || run != self->m_run) {
                return;
            }
            self->m_report.torPidBefore = pid;
            self->finishStep(QStringLiteral("authenticated to tor %1 (pid %2) through the SSH tunnel")
                                 .arg(self->m_report.torVersion)
                                 .arg(pid));
            if (self->checkCancel()) {
                return;
            }
            if (self->m_report.operation == Operation::Deploy) {
                self->stepPreflight();
            } else {
                self->undeployPreflight();
            }
        });
    });
}

void Deployer::stepPreflight()
{
    startStep(Step::Preflight, QStringLiteral("Checking tor, its user, %1 and %2").arg(m_node.hiddenServiceDir, m_settings.torrcPath),
              15);
    preflightProbe();
}

void Deployer::preflightProbe()
{
    const QString torBinary =
        m_settings.restart.kind == RestartStrategy::Kind::PidFile ? m_settings.restart.torBinary : QStringLiteral("tor");
    runScript(NodeScripts::probe(m_node.hiddenServiceDir, m_settings.torrcPath, m_node.torUser, torBinary),
              QStringLiteral("The preflight check"), [this](QByteArray out) {
                  auto probe = NodeProbe::parse(out);
                  if (!probe) {
                      fail(probe.error());
                      return;
                  }
                  m_probe = *probe;
                  if (m_report.torVersion.isEmpty()) {
                      // PROTOCOLINFO did not say; `tor --version` on the node: "Tor version 0.4.9.11."
                      static const QRegularExpression re(QStringLiteral("(\\d+\\.\\d+\\.\\d+(?:\\.\\d+)?)"));
                      m_report.torVersion = re.match(m_probe.torVersionLine).captured(1);
                  }
                  if (!DeploySettings::versionAtLeast(m_report.torVersion, m_settings.minimumTorVersion)) {
                      fail(makeError(ErrorCode::Unsupported,
                                     QStringLiteral("tor %1 is older than %2, which the shared-identity setup needs "
                                                    "(HiddenServiceOnionbalanceInstance); upgrade tor on the node.")
                                         .arg(m_report.torVersion.isEmpty() ? QStringLiteral("(unknown version)")
                                                                            : m_report.torVersion,
                                              m_settings.minimumTorVersion)));
                      return;
                  }
                  const QString hs = m_node.hiddenServiceDir;
                  if (m_probe.torUserUid.isEmpty()) {
                      fail(makeError(ErrorCode::NotFound,
                                     QStringLiteral("tor's user '%1' does not exist on the node; set the node's tor user "
                                                    "to the User tor runs as (Debian: debian-tor).")
                                         .arg(m_node.torUser)));
                      return;
                  }
                  if (!m_probe.parentIsDirectory) {
                      fail(makeError(ErrorCode::NotFound,
                                     QStringLiteral("The parent directory of HiddenServiceDir %1 does not exist on the "
                                                    "node; create it or fix the path.")
                                         .arg(hs)));
                      return;
                  }
                  if (m_probe.hsDirState == QLatin1String("symlink") || m_probe.hsDirState == QLatin1String("other")) {
                      fail(makeError(ErrorCode::Rejected,
                                     QStringLiteral("HiddenServiceDir %1 is a %2, not a directory; refusing to write "
                                                    "keys through it.")
                                         .arg(hs, m_probe.hsDirState == QLatin1String("symlink")
                                                      ? QStringLiteral("symbolic link")
                                                      : QStringLiteral("file"))));
                      return;
                  }
                  for (auto it = m_probe.files.cbegin(); it != m_probe.files.cend(); ++it) {
                      if (it.value() == QLatin1String("symlink") || it.value() == QLatin1String("other")) {
                          fail(makeError(ErrorCode::Rejected,
                                         QStringLiteral("%1/%2 is not a regular file; refusing to replace it. Move it "
                                                        "away and retry.")
                                             .arg(hs, it.key())));
                          return;
                      }
                  }
                  if (!m_probe.parentWritable) {
                      fail(makeError(ErrorCode::PermissionDenied,
                                     QStringLiteral("The parent directory of %1 is not writable for the SSH user, so no "
                                                    "backup can be made; enable sudo for this node or fix permissions.")
                                         .arg(hs)));
                      return;
                  }
                  if (!m_probe.torrcIsFile || m_probe.torrcRealPath.isEmpty()) {
                      fail(makeError(ErrorCode::NotFound,
                                     QStringLiteral("The torrc %1 does not exist on the node; set the node's torrc "
                                                    "path.")
                                         .arg(m_settings.torrcPath)));
                      return;
                  }
                  if (auto st = ssh::RemoteCommand::validateAbsolutePath(m_probe.torrcRealPath, QStringLiteral("torrc")); !st) {
                      fail(st.error());
                      return;
                  }
                  if (!m_probe.torrcDirWritable) {
                      fail(makeError(ErrorCode::PermissionDenied,
                                     QStringLiteral("The directory of the torrc %1 is not writable for the SSH user; "
                                                    "enable sudo for this node or fix permissions.")
                                         .arg(m_probe.torrcRealPath)));
                      return;
                  }
                  m_report.torrc = m_probe.torrcRealPath;
                  preflightOldIdentity();
              });
}

void Deployer::preflightOldIdentity()
{
    if (m_probe.files.value(onion::TorKeyFile::publicFileName()) != QLatin1String("file")) {
        if (m_probe.files.value(onion::TorKeyFile::secretFileName()) == QLatin1String("file")) {
            note(QStringLiteral("the node has a secret key without a public key; it is backed up as is"));
        }
        preflightTorrc();
        return;
    }
    readNodeFile(m_node.hiddenServiceDir + QLatin1Char('/') + onion::TorKeyFile::publicFileName(), 1024,
                 [this](Result<QByteArray> bytes) {
                     if (!bytes) {
                         fail(bytes.error());
                         return;
                     }
                     auto pk = onion::TorKeyFile::decodePublic(*bytes);
                     if (pk) {
                         if (auto addr = onion::OnionAddress::fromPublicKey(*pk)) {
                             m_report.previousAddress = addr->toString();
                         }
                     } else {
                         note(QStringLiteral("the existing hs_ed25519_public_key is not a tor public key; it is backed "
                                             "up as is"));
                     }
                     preflightTorrc();
                 });
}

void Deployer::preflightTorrc()
{
    readNodeFile(m_probe.torrcRealPath, TorrcEditor::kMaxTorrcSize, [this](Result<QByteArray> text) {
        if (!text) {
            fail(text.error());
            return;
        }
        m_torrcOriginal = *text;
        auto existing = TorrcEditor::findManagedBlock(m_torrcOriginal);
        if (!existing) {
            fail(existing.error());
            return;
        }
        if (existing->has_value()) {
            const ManagedBlockInfo& info = **existing;
            if (!info.masterAddress.isEmpty() && serviceIdOf(info.masterAddress) != serviceIdOf(m_masterAddress)) {
                fail(makeError(ErrorCode::Rejected,
                               QStringLiteral("The node already runs another master (%1); undeploy it first.")
                                   .arg(info.masterAddress)));
                return;
            }
            if (!info.hiddenServiceDir.isEmpty() &&
                normalizeDir(info.hiddenServiceDir) != normalizeDir(m_node.hiddenServiceDir)) {
                fail(makeError(ErrorCode::Rejected,
                               QStringLiteral("The node's managed torrc block uses HiddenServiceDir %1, not %2; undeploy "
                                              "first.")
                                   .arg(info.hiddenServiceDir, m_node.hiddenServiceDir)));
                return;
            }
            m_originalBackupDir = info.backupDir;
            note(QStringLiteral("the node is already deployed with this master; deploying again (the original backup %1 "
                                "stays the one undeploy restores)")
                     .arg(info.backupDir));
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        m_report.backupDir = BackupManifest::backupDirFor(m_node.hiddenServiceDir, now);
        if (auto st = TorrcEditor::validateTorrcValue(m_report.backupDir, QStringLiteral("backup directory")); !st) {
            fail(st.error());
            return;
        }
        ManagedBlock block;
        block.masterAddress = m_masterAddress;
        block.hiddenServiceDir = m_node.hiddenServiceDir;
        block.ports = m_node.ports;
        block.backupDir = m_originalBackupDir.isEmpty() ? m_report.backupDir : m_originalBackupDir;
        auto updated = TorrcEditor::apply(m_torrcOriginal, block);
        if (!updated) {
            fail(updated.error());
            return;
        }
        m_torrcNew = *updated;

        m_manifest = BackupManifest{};
        m_manifest.created = now;
        m_manifest.node = m_node.name;
        m_manifest.masterAddress = m_masterAddress;
        m_manifest.oldAddress = m_report.previousAddress;
        m_manifest.hiddenServiceDir = m_node.hiddenServiceDir;
        m_manifest.hiddenServiceDirExisted = m_probe.hsDirState == QLatin1String("dir");
        m_manifest.hiddenServiceDirMode = m_probe.hsDirMode;
        m_manifest.torrc = m_probe.torrcRealPath;
        for (const QString& f : NodeScripts::managedFiles()) {
            m_manifest.files.insert(f, m_probe.files.value(f) == QLatin1String("file"));
        }
        QStringList present;
        for (auto it = m_manifest.files.cbegin(); it != m_manifest.files.cend(); ++it) {
            if (it.value()) {
                present << it.key();
            }
        }
        finishStep(QStringLiteral("tor %1, user %2 (uid %3), %4 %5%6")
                       .arg(m_report.torVersion, m_node.torUser, m_probe.torUserUid, m_node.hiddenServiceDir,
                            m_manifest.hiddenServiceDirExisted ? QStringLiteral("holds ") + (present.isEmpty() ? QStringLiteral("no key files") : present.join(QStringLiteral(", ")))
                                                               : QStringLiteral("will be created"),
                            m_report.previousAddress.isEmpty() ? QString()
                                                               : QStringLiteral(" (identity %1)").arg(m_report.previousAddress)));
        if (checkCancel()) {
            return;
        }
        stepBackup();
    });
}

// ---------------------------------------------------------------------------
// Backup, keys, torrc

void Deployer::stepBackup()
{
    startStep(Step::Backup, QStringLiteral("Backing up the node's identity and torrc to %1").arg(m_report.backupDir), 30);
    runScript(NodeScripts::backup(m_node.hiddenServiceDir, m_report.backupDir, m_probe.torrcRealPath, m_manifest.serialize()),
              QStringLiteral("The backup"), [this](QByteArray out) {
                  QStringList saved;
                  for (const QByteArray& line : out.split('\n')) {
                      if (line.startsWith("saved ")) {
                          saved << QString::fromUtf8(line.mid(6));
                      }
                  }
                  m_report.actions << QStringLiteral("backup %1: %2").arg(m_report.backupDir, saved.join(QStringLiteral(", ")));
                  finishStep(QStringLiteral("saved %1 in %2").arg(saved.join(QStringLiteral(", ")), m_report.backupDir));
                  if (checkCancel()) {
                      return;
                  }
                  stepWriteKeys();
              });
}

void Deployer::stepWriteKeys()
{
    startStep(Step::WriteKeys, QStringLiteral("Writing the master identity %1 into %2").arg(m_masterAddress, m_node.hiddenServiceDir),
              45);
    if (!m_master) {
        fail(makeError(ErrorCode::Internal, QStringLiteral("The master key is no longer in memory.")));
        return;
    }
    m_changed = true;  // from here on a failure rolls back
    runScript(NodeScripts::prepareDir(m_node.hiddenServiceDir, m_node.torUser), QStringLiteral("Preparing HiddenServiceDir"),
              [this](QByteArray out) {
                  if (!out.trimmed().isEmpty()) {
                      m_report.actions << QStringLiteral("HiddenServiceDir: ") +
                                              QString::fromUtf8(out.trimmed()).replace(QLatin1Char('\n'), QStringLiteral("; "));
                  }
                  writeKeyFile(0);
              });
}

void Deployer::writeKeyFile(int index)
{
    const QStringList files = NodeScripts::managedFiles();
    if (index >= files.size()) {
        m_master.reset();  // written; nothing else needs the secret
        finishStep(QStringLiteral("%1 written (0600, owner %2)").arg(files.join(QStringLiteral(", ")), m_node.torUser));
        if (checkCancel()) {
            return;
        }
        stepWriteTorrc();
        return;
    }
    const QString name = files.at(index);
    const QString path = m_node.hiddenServiceDir + QLatin1Char('/') + name;
    Result<ssh::RemoteCommand> cmd = makeError(ErrorCode::Internal, QStringLiteral("unreachable"));
    if (name == onion::TorKeyFile::secretFileName()) {
        cmd = NodeScripts::installSecretFile(path, 0600, m_node.torUser, m_master->torSecretKeyFile());
    } else if (name == onion::TorKeyFile::publicFileName()) {
        cmd = NodeScripts::installFile(path, 0600, m_node.torUser, m_master->torPublicKeyFile());
    } else if (name == onion::TorKeyFile::hostnameFileName()) {
        cmd = NodeScripts::installFile(path, 0600, m_node.torUser, m_master->hostnameFile());
    } else {
        cmd = NodeScripts::installFile(path, 0600, m_node.torUser,
                                       QByteArrayLiteral("MasterOnionAddress ") + m_masterAddress.toUtf8() + '\n');
    }
    runScript(std::move(cmd), QStringLiteral("Writing %1").arg(path), [this, index, name](QByteArray) {
        m_report.actions << QStringLiteral("wrote %1/%2").arg(m_node.hiddenServiceDir, name);
        writeKeyFile(index + 1);
    });
}

void Deployer::stepWriteTorrc()
{
    const bool deploying = m_report.operation == Operation::Deploy;
    startStep(Step::WriteTorrc,
              deploying ? QStringLiteral("Adding the managed block to %1").arg(m_report.torrc)
                        : QStringLiteral("Removing the managed block from %1").arg(m_report.torrc),
              deploying ? 60 : 55);
    const QString sha =
        QString::fromLatin1(QCryptographicHash::hash(m_torrcOriginal, QCryptographicHash::Sha256).toHex());
    runScript(NodeScripts::writeTorrc(m_report.torrc, sha, m_torrcNew), QStringLiteral("Writing the torrc"),
              [this, deploying](QByteArray) {
                  m_report.actions << (deploying ? QStringLiteral("torrc %1: managed block added").arg(m_report.torrc)
                                                 : QStringLiteral("torrc %1: managed block removed").arg(m_report.torrc));
                  finishStep(deploying ? QStringLiteral("PublishHidServDescriptors 0, HiddenServiceDir %1, "
                                                        "HiddenServiceOnionbalanceInstance 1")
                                             .arg(m_node.hiddenServiceDir)
                                       : QStringLiteral("managed block removed, disabled lines re-enabled"));
                  if (checkCancel()) {
                      return;
                  }
                  stepRestart();
              });
}

// ---------------------------------------------------------------------------
// Restart + verify

void Deployer::runRestartCommand(int index, std::function<void(Status)> done)
{
    if (index >= m_settings.restart.commands.size()) {
        done(Status{});
        return;
    }
    auto cmd = ssh::RemoteCommand::create(m_settings.restart.commands.at(index));
    if (!cmd) {
        done(cmd.error());
        return;
    }
    cmd->withTimeout(180000).withMaxOutput(256 * 1024);
    const QString text = m_settings.restart.commands.at(index).join(QLatin1Char(' '));
    runScript(std::move(cmd), QStringLiteral("The restart command '%1'").arg(text),
              [this, index, done](QByteArray) { runRestartCommand(index + 1, done); });
}

void Deployer::runRestart(std::function<void(Status)> done)
{
    m_restarted = true;
    m_connectionsAtRestart = m_connector->connectionCount();
    if (m_settings.restart.kind == RestartStrategy::Kind::Commands) {
        runRestartCommand(0, std::move(done));
        return;
    }
    const RestartStrategy& r = m_settings.restart;
    runScript(NodeScripts::restartFromPidFile(r.pidFile, r.torBinary, r.torrc.isEmpty() ? m_settings.torrcPath : r.torrc,
                                              r.defaultsTorrc, r.stopTimeoutSeconds),
              QStringLiteral("Restarting tor"), [this, done](QByteArray out) {
                  for (const QByteArray& line : out.split('\n')) {
                      if (!line.trimmed().isEmpty()) {
                          note(QString::fromUtf8(line.trimmed()));
                      }
                  }
                  done(Status{});
              });
}

void Deployer::stepRestart()
{
    startStep(Step::Restart, QStringLiteral("Restarting tor (%1)").arg(m_settings.restart.describe()), 70);
    runRestart([this](Status) {
        // Errors end in fail() inside runScript; reaching here means success.
        m_report.actions << QStringLiteral("tor restarted (%1)").arg(m_settings.restart.describe());
        finishStep(QStringLiteral("restart command completed"));
        stepVerify();
    });
}

void Deployer::stepVerify()
{
    const bool deploying = m_report.operation == Operation::Deploy;
    const QString address = deploying ? m_masterAddress : m_report.previousAddress;
    startStep(Step::Verify,
              address.isEmpty() ? QStringLiteral("Waiting for the restarted tor")
                                : QStringLiteral("Waiting for the restarted tor to serve %1").arg(address),
              80);
    verifyIdentity(address, deploying, true, [this, address, deploying](Status st) {
        if (!st) {
            fail(st.error());
            return;
        }
        finishStep(address.isEmpty() ? QStringLiteral("tor runs again (pid %1)").arg(m_report.torPidAfter)
                                     : QStringLiteral("tor (pid %1, was %2) serves %3%4")
                                           .arg(m_report.torPidAfter)
                                           .arg(m_report.torPidBefore)
                                           .arg(address, deploying ? QStringLiteral(" as an Onionbalance instance with "
                                                                                    "publishing off")
                                                                   : QString()));
        finish(Outcome::Succeeded);
    });
}

void Deployer::verifyIdentity(const QString& address, bool requireInstance, bool requireNewProcess,
                              std::function<void(Status)> done)
{
    const qint64 deadline = m_clock.elapsed() + qint64(m_settings.verifyTimeoutSeconds) * 1000;
    verifyIdentityPoll(address, requireInstance, requireNewProcess, deadline, std::make_shared<Error>(), std::move(done));
}

void Deployer::verifyIdentityPoll(const QString& address, bool requireInstance, bool requireNewProcess, qint64 deadline,
                                  std::shared_ptr<Error> lastProblem, std::function<void(Status)> done)
{
    const quint64 run = m_run;
    QPointer<Deployer> self(this);
    const auto again = [self, run, address, requireInstance, requireNewProcess, deadline, lastProblem,
                        done](const QString& problem) {
        if (!self || run != self->m_run) {
            return;
        }
        *lastProblem = makeError(ErrorCode::NotReady, problem);
        if (self->m_clock.elapsed() >= deadline) {
            done(makeError(ErrorCode::Timeout,
                           QStringLiteral("tor did not come back as expected within %1 s: %2")
                               .arg(self->m_settings.verifyTimeoutSeconds)
                               .arg(problem)));
            return;
        }
        QTimer::singleShot(self->m_options.pollIntervalMs, self, [self, run, address, requireInstance, requireNewProcess,
                                                                   deadline, lastProblem, done] {
            if (self && run == self->m_run) {
                self->verifyIdentityPoll(address, requireInstance, requireNewProcess, deadline, lastProblem, done);
            }
        });
    };
    if (m_cancel && !m_inRollback) {
        m_cancel = false;
        done(makeError(ErrorCode::Cancelled, QStringLiteral("The deployment was cancelled.")));
        return;
    }
    control::ControlClient* client = m_connector->client();
    if (client == nullptr) {
        again(QStringLiteral("tor's control port is not reachable through the tunnel yet (%1%2)")
                  .arg(NodeConnector::stateName(m_connector->state()),
                       m_connector->lastError().message.isEmpty() ? QString()
                                                                  : QStringLiteral(": ") + m_connector->lastError().message));
        return;
    }
    if (requireNewProcess && m_connector->connectionCount() <= m_connectionsAtRestart) {
        again(QStringLiteral("waiting for the connection to the restarted tor"));
        return;
    }
    client->getInfoValue(QStringLiteral("process/pid"), [self, run, address, requireInstance, requireNewProcess, again,
                                                         done](Result<QByteArray> pidText) {
        if (!self || run != self->m_run) {
            return;
        }
        if (!pidText) {
            again(pidText.error().message);
            return;
        }
        const qint64 pid = pidText->trimmed().toLongLong();
        if (requireNewProcess && self->m_report.torPidBefore != 0 && pid == self->m_report.torPidBefore) {
            again(QStringLiteral("tor still runs as the old process %1").arg(pid));
            return;
        }
        self->m_report.torPidAfter = pid;
        control::ControlClient* c = self->m_connector->client();
        if (c == nullptr) {
            again(QStringLiteral("the control connection dropped"));
            return;
        }
        const auto checkServed = [self, run, address, again, done] {
            if (!self || run != self->m_run) {
                return;
            }
            control::ControlClient* c2 = self->m_connector->client();
            if (c2 == nullptr) {
                again(QStringLiteral("the control connection dropped"));
                return;
            }
            if (address.isEmpty()) {
                done(Status{});
                return;
            }
            c2->getInfoValue(QStringLiteral("hs/service/desc/id/") + serviceIdOf(address),
                             [self, run, address, again, done](Result<QByteArray> desc) {
                                 if (!self || run != self->m_run) {
                                     return;
                                 }
                                 if (!desc || desc->isEmpty()) {
                                     again(QStringLiteral("tor does not serve %1 yet (%2)")
                                               .arg(address, desc ? QStringLiteral("empty answer") : desc.error().message));
                                     return;
                                 }
                                 done(Status{});
                             });
        };
        if (!requireInstance) {
            checkServed();
            return;
        }
        c->getConf({QStringLiteral("PublishHidServDescriptors"), QStringLiteral("HiddenServiceOptions")},
                   [self, run, again, checkServed](Result<QList<control::ConfEntry>> conf) {
                       if (!self || run != self->m_run) {
                           return;
                       }
                       if (!conf) {
                           again(conf.error().message);
                           return;
                       }
                       const QString want = normalizeDir(self->m_node.hiddenServiceDir);
                       QString current;
                       bool found = false;
                       bool instance = false;
                       QString publish;
                       for (const control::ConfEntry& e : *conf) {
                           const QString key = e.key.toLower();
                           const QString value = e.value.value_or(QString());
                           if (key == QLatin1String("publishhidservdescriptors")) {
                               publish = value;
                           } else if (key == QLatin1String("hiddenservicedir")) {
                               current = normalizeDir(value);
                               found = found || current == want;
                           } else if (key == QLatin1String("hiddenserviceonionbalanceinstance") && current == want) {
                               instance = value == QLatin1String("1");
                           }
                       }
                       if (publish != QLatin1String("0")) {
                           again(QStringLiteral("PublishHidServDescriptors is %1, not 0").arg(publish));
                           return;
                       }
                       if (!found) {
                           again(QStringLiteral("tor does not run a service in %1").arg(want));
                           return;
                       }
                       if (!instance) {
                           again(QStringLiteral("HiddenServiceOnionbalanceInstance is not on for %1").arg(want));
                           return;
                       }
                       checkServed();
                   });
    });
}

// ---------------------------------------------------------------------------
// Rollback

void Deployer::startRollback()
{
    m_inRollback = true;
    startStep(Step::RollbackRestore, QStringLiteral("Rolling back: restoring %1 and the torrc from %2")
                                         .arg(m_node.hiddenServiceDir, m_report.backupDir),
              85);
    runScript(NodeScripts::restore(m_node.hiddenServiceDir, m_report.backupDir, m_report.torrc,
                                   m_manifest.hiddenServiceDirMode, m_manifest.hiddenServiceDirExisted),
              QStringLiteral("Restoring the backup"), [this](QByteArray out) {
                  QStringList changes;
                  for (const QByteArray& line : out.split('\n')) {
                      if (!line.trimmed().isEmpty()) {
                          changes << QString::fromUtf8(line.trimmed());
                      }
                  }
                  m_report.actions << QStringLiteral("rollback: ") +
                                          (changes.isEmpty() ? QStringLiteral("nothing differed from the backup")
                                                             : changes.join(QStringLiteral(", ")));
                  finishStep(changes.isEmpty() ? QStringLiteral("the node's files already matched the backup")
                                               : changes.join(QStringLiteral(", ")));
                  rollbackRestart();
              });
}

void Deployer::rollbackRestart()
{
    if (!m_restarted) {
        note(QStringLiteral("tor was not restarted; it still runs the old identity from memory"));
        rollbackVerify();
        return;
    }
    startStep(Step::RollbackRestart, QStringLiteral("Restarting tor with the restored configuration"), 90);
    runRestart([this](Status) {
        m_report.actions << QStringLiteral("rollback: tor restarted");
        finishStep(QStringLiteral("restart command completed"));
        rollbackVerify();
    });
}

void Deployer::rollbackVerify()
{
    const QString address = m_report.previousAddress;
    startStep(Step::RollbackVerify,
              address.isEmpty() ? QStringLiteral("Checking that tor answers") : QStringLiteral("Checking that tor serves %1 again").arg(address),
              95);
    if (!m_restarted) {
        // The running tor never changed; make sure we can still talk to it.
        m_connectionsAtRestart = 0;
    }
    verifyIdentity(address, false, m_restarted, [this, address](Status st) {
        if (!st) {
            fail(st.error());
            return;
        }
        finishStep(address.isEmpty() ? QStringLiteral("tor answers") : QStringLiteral("tor serves %1 again").arg(address));
        finish(Outcome::RolledBack);
    });
}

// ---------------------------------------------------------------------------
// Undeploy

void Deployer::undeployPreflight()
{
    startStep(Step::Preflight, QStringLiteral("Finding the managed block in %1 and its backup").arg(m_settings.torrcPath), 15);
    runScript(NodeScripts::probe(m_node.hiddenServiceDir, m_settings.torrcPath, m_node.torUser, QStringLiteral("tor")),
              QStringLiteral("The preflight check"), [this](QByteArray out) {
                  auto probe = NodeProbe::parse(out);
                  if (!probe) {
                      fail(probe.error());
                      return;
                  }
                  m_probe = *probe;
                  if (!m_probe.torrcIsFile || m_probe.torrcRealPath.isEmpty()) {
                      fail(makeError(ErrorCode::NotFound, QStringLiteral("The torrc %1 does not exist on the node.")
                                                              .arg(m_settings.torrcPath)));
                      return;
                  }
                  m_report.torrc = m_probe.torrcRealPath;
                  readNodeFile(m_probe.torrcRealPath, TorrcEditor::kMaxTorrcSize, [this](Result<QByteArray> text) {
                      if (!text) {
                          fail(text.error());
                          return;
                      }
                      m_torrcOriginal = *text;
                      auto block = TorrcEditor::findManagedBlock(m_torrcOriginal);
                      if (!block) {
                          fail(block.error());
                          return;
                      }
                      if (!block->has_value()) {
                          fail(makeError(ErrorCode::NotFound,
                                         QStringLiteral("The torrc %1 has no rustbalance-console block: the node is "
                                                        "not deployed.")
                                             .arg(m_report.torrc)));
                          return;
                      }
                      const ManagedBlockInfo info = **block;
                      m_report.masterAddress = info.masterAddress;
                      if (!info.hiddenServiceDir.isEmpty() &&
                          normalizeDir(info.hiddenServiceDir) != normalizeDir(m_node.hiddenServiceDir)) {
                          fail(makeError(ErrorCode::Rejected,
                                         QStringLiteral("The managed block uses HiddenServiceDir %1 but the node is "
                                                        "configured with %2; fix the node's configuration.")
                                             .arg(info.hiddenServiceDir, m_node.hiddenServiceDir)));
                          return;
                      }
                      if (info.backupDir.isEmpty()) {
                          fail(makeError(ErrorCode::NotFound,
                                         QStringLiteral("The managed block does not name its backup; restore the node "
                                                        "by hand from %1.rb-backup-*.")
                                             .arg(m_node.hiddenServiceDir)));
                          return;
                      }
                      if (auto st = ssh::RemoteCommand::validateAbsolutePath(info.backupDir, QStringLiteral("backup directory"));
                          !st) {
                          fail(st.error());
                          return;
                      }
                      m_report.backupDir = info.backupDir;
                      auto plain = TorrcEditor::remove(m_torrcOriginal);
                      if (!plain) {
                          fail(plain.error());
                          return;
                      }
                      m_torrcNew = *plain;
                      undeployManifest();
                  });
              });
}

void Deployer::undeployManifest()
{
    readNodeFile(m_report.backupDir + QStringLiteral("/MANIFEST"), 64 * 1024, [this](Result<QByteArray> text) {
        if (!text) {
            fail(makeError(text.error().code,
                           QStringLiteral("Cannot read the backup's MANIFEST in %1: %2").arg(m_report.backupDir, text.error().message)));
            return;
        }
        auto manifest = BackupManifest::parse(*text);
        if (!manifest) {
            fail(manifest.error());
            return;
        }
        m_manifest = *manifest;
        if (normalizeDir(m_manifest.hiddenServiceDir) != normalizeDir(m_node.hiddenServiceDir)) {
            fail(makeError(ErrorCode::Rejected, QStringLiteral("The backup %1 belongs to HiddenServiceDir %2, not %3.")
                                                    .arg(m_report.backupDir, m_manifest.hiddenServiceDir, m_node.hiddenServiceDir)));
            return;
        }
        m_report.previousAddress = m_manifest.oldAddress;
        finishStep(QStringLiteral("backup %1 from %2 restores %3")
                       .arg(m_report.backupDir, m_manifest.created.toString(Qt::ISODate),
                            m_manifest.oldAddress.isEmpty() ? QStringLiteral("an empty HiddenServiceDir")
                                                            : m_manifest.oldAddress));
        if (checkCancel()) {
            return;
        }
        stepRestore();
    });
}

void Deployer::stepRestore()
{
    startStep(Step::Restore, QStringLiteral("Restoring %1 from %2").arg(m_node.hiddenServiceDir, m_report.backupDir), 35);
    m_changed = true;
    runScript(NodeScripts::restore(m_node.hiddenServiceDir, m_report.backupDir, QString(), m_manifest.hiddenServiceDirMode,
                                   m_manifest.hiddenServiceDirExisted),
              QStringLiteral("Restoring the backup"), [this](QByteArray out) {
                  QStringList changes;
                  for (const QByteArray& line : out.split('\n')) {
                      if (!line.trimmed().isEmpty()) {
                          changes << QString::fromUtf8(line.trimmed());
                      }
                  }
                  m_report.actions << QStringLiteral("restore: ") +
                                          (changes.isEmpty() ? QStringLiteral("nothing differed") : changes.join(QStringLiteral(", ")));
                  finishStep(changes.isEmpty() ? QStringLiteral("the files already matched the backup")
                                               : changes.join(QStringLiteral(", ")));
                  if (checkCancel()) {
                      return;
                  }
                  stepWriteTorrc();
              });
}

}  // namespace rb::deploy
