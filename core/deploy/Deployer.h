#pragma once
// One-click deployment of the master identity onto one node, over SSH only
// (NodeConnector for tor's control port, RemoteRunner + NodeScripts for the
// node's files). Asynchronous; every step is reported through signals with a
// progress percentage and, on failure, one operator-facing error.
//
// deploy(master):
//   Connect     SSH tunnel + SAFECOOKIE (cookie read over SSH)
//   Preflight   tor >= minimumTorVersion (PROTOCOLINFO); tor's user exists
//               (id -u); HiddenServiceDir's parent exists, the dir and its key
//               files are not symlinks; torrc found and writable; the
//               managed torrc block can be built; which key files exist
//   Backup      <HiddenServiceDir>.rb-backup-<UTC stamp>/ (0700, never
//               deleted): the existing hs_ed25519_secret_key,
//               hs_ed25519_public_key, hostname, ob_config and the torrc (cp -p,
//               verified with cmp), plus a MANIFEST (no secret)
//   WriteKeys   dir 0700 owned by tor's user; the four files written
//               atomically, 0600, owned by tor's user; the secret key travels
//               on ssh's stdin only
//   WriteTorrc  TorrcEditor::apply (managed block, conflicting lines disabled),
//               written atomically only if the torrc is unchanged since read
//   Restart     tor is RESTARTED (RestartStrategy), never reloaded
//   Verify      through the tunnel, a NEW tor process (GETINFO process/pid
//               differs) with PublishHidServDescriptors 0, the instance option
//               on the HiddenServiceDir, answering
//               GETINFO hs/service/desc/id/<master>
// Any failure after the first change rolls back: RollbackRestore (the backup's
// files and torrc put back, only where they differ; files that did not exist
// removed), RollbackRestart (only if tor was restarted), RollbackVerify (tor
// serves the old identity again). Nothing is ever deleted from a backup.
//
// undeploy(): Connect, Preflight (the torrc's managed block names the backup;
// its MANIFEST is read), Restore (the backup's key files back), WriteTorrc
// (managed block removed, disabled lines re-enabled), Restart, Verify (the old
// identity is served again).
//
// Destroying a running Deployer abandons the node where it is (no rollback):
// call cancel() and wait for finished() instead.

#include "crypto/SecretBuffer.h"
#include "deploy/BackupManifest.h"
#include "deploy/DeploySettings.h"
#include "deploy/NodeConnector.h"
#include "deploy/NodeScripts.h"
#include "fleet/NodeConfig.h"
#include "onion/MasterIdentity.h"
#include "ssh/SshOptions.h"
#include "util/Result.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace rb::deploy {

class Deployer : public QObject {
    Q_OBJECT
public:
    enum class Operation { Deploy, Undeploy };
    Q_ENUM(Operation)
    enum class Step {
        Connect,
        Preflight,
        Backup,
        WriteKeys,
        WriteTorrc,
        Restart,
        Verify,
        Restore,          // undeploy
        RollbackRestore,  // deploy failed: files and torrc back
        RollbackRestart,
        RollbackVerify,
    };
    Q_ENUM(Step)
    enum class Outcome { Running, Succeeded, Failed, RolledBack, RollbackFailed };
    Q_ENUM(Outcome)

    struct Report {
        Operation operation = Operation::Deploy;
        Outcome outcome = Outcome::Running;
        QString node;
        QString masterAddress;
        QString previousAddress;  // identity the node had in HiddenServiceDir (empty: none)
        QString hiddenServiceDir;
        QString torrc;            // real path on the node
        QString backupDir;
        QString torVersion;
        qint64 torPidBefore = 0;
        qint64 torPidAfter = 0;
        QStringList actions;      // what was done on the node, one line each
        std::optional<Step> failedStep;
        Error error;              // Failed / RolledBack / RollbackFailed
        std::optional<Error> rollbackError;
        qint64 elapsedMs = 0;
        [[nodiscard]] QJsonObject toJson() const;
    };

    struct Options {
        QString runtimeDir;            // tunnel sockets; empty = SshTunnel default
        int pollIntervalMs = 1000;     // verification polling
        int tunnelReadyTimeoutMs = 30000;
    };

    Deployer(fleet::NodeConfig node, DeploySettings settings, ssh::SshOptions ssh, QObject* parent = nullptr);
    Deployer(fleet::NodeConfig node, DeploySettings settings, ssh::SshOptions ssh, Options options,
             QObject* parent = nullptr);
    ~Deployer() override;

    // For nodes with AuthMethod::Password.
    void setControlPassword(crypto::SecretBuffer password);

    // Validates everything that can be checked locally and starts. An error
    // here means nothing was started (and finished() is not emitted).
    Status deploy(onion::MasterIdentity master);
    Status undeploy();
    // Stops at the next step boundary; a deployment that already changed the node rolls back.
    void cancel();

    [[nodiscard]] bool isRunning() const { return m_running; }
    [[nodiscard]] const Report& report() const { return m_report; }
    [[nodiscard]] NodeConnector* connector() const { return m_connector; }

    static QString stepName(Step step);
    static QString outcomeName(Outcome outcome);

signals:
    void stepStarted(rb::deploy::Deployer::Step step, const QString& description, int percent);
    void stepFinished(rb::deploy::Deployer::Step step, const QString& summary);
    void stepFailed(rb::deploy::Deployer::Step step, const QString& message);
    // Operator log (never a secret).
    void logLine(const QString& line);
    void finished(bool succeeded);

private:
    using RunDone = std::function<void(Result<ssh::RemoteResult>)>;
    Status validateCommon() const;
    void begin(Operation op);
    void startStep(Step step, const QString& description, int percent);
    void finishStep(const QString& summary);
    void fail(const Error& error);
    void finish(Outcome outcome);
    void note(const QString& line);
    bool checkCancel();

    void runScript(Result<ssh::RemoteCommand> command, const QString& what, std::function<void(QByteArray)> ok);
    void readNodeFile(const QString& path, qsizetype maxBytes, std::function<void(Result<QByteArray>)> done);
    void readTorPid(std::function<void(qint64)> done);

    // deploy
    void stepConnect();
    void stepPreflight();
    void preflightProbe();
    void preflightOldIdentity();
    void preflightTorrc();
    void stepBackup();
    void stepWriteKeys();
    void writeKeyFile(int index);
    void stepWriteTorrc();
    void stepRestart();
    void runRestart(std::function<void(Status)> done);
    void runRestartCommand(int index, std::function<void(Status)> done);
    void stepVerify();
    void verifyPoll();
    // undeploy
    void undeployPreflight();
    void undeployManifest();
    void stepRestore();
    // rollback
    void startRollback();
    void rollbackRestart();
    void rollbackVerify();
    void verifyIdentity(const QString& address, bool requireInstance, bool requireNewProcess,
                        std::function<void(Status)> done);
    void verifyIdentityPoll(const QString& address, bool requireInstance, bool requireNewProcess, qint64 deadline,
                            std::shared_ptr<Error> lastProblem, std::function<void(Status)> done);

    fleet::NodeConfig m_node;
    DeploySettings m_settings;
    ssh::SshOptions m_ssh;
    Options m_options;
    NodeConnector* m_connector = nullptr;
    std::optional<crypto::SecretBuffer> m_password;

    std::optional<onion::MasterIdentity> m_master;
    QString m_masterAddress;
    QByteArray m_masterPublicKey;
    NodeProbe m_probe;
    QByteArray m_torrcOriginal;
    QByteArray m_torrcNew;
    QString m_originalBackupDir;  // from an existing managed block (re-deploy)
    BackupManifest m_manifest;

    Report m_report;
    Step m_step = Step::Connect;
    bool m_running = false;
    bool m_cancel = false;
    bool m_changed = false;    // the node was modified (rollback needed on failure)
    bool m_restarted = false;  // a restart was attempted
    bool m_inRollback = false;
    int m_connectionsAtRestart = 0;
    quint64 m_run = 0;
    QElapsedTimer m_clock;
};

}  // namespace rb::deploy
