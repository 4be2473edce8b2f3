#pragma once
// Test fixture: a private Tor network on 127.0.0.1 started by tests/lab/labnet.py.
//
//   rb::lab::LabNetwork lab;                 // destructor always stops the lab
//   LabNetwork::Options o; o.nodes = 3; o.masterKeyDir = keyDir;
//   QVERIFY2(lab.start(o).ok(), ...);        // blocks until the lab is ready
//   lab.client().socksPort; lab.service(0).onionAddress; ...
//   // in cleanup(): if (QTest::currentTestFailed()) lab.setKeepLogs(true); lab.stop();
//
// start() passes --owner-pid <this process>: if the test crashes or is killed,
// the script's watchdog stops the lab (keeping logs). Test code only: the
// calls block on QProcess.

#include "util/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace rb::lab {

// One tor process of the lab (an entry of lab.json "tors").
struct TorNode {
    QString role;  // "authority", "relay", "client", "service"
    int index = 0; // index within its role
    QString nickname;
    qint64 pid = 0;  // 0 when stopped
    QString dataDir;
    QString torrc;
    QString pidFile;
    QString cookiePath;
    QString noticeLog;
    QString infoLog;  // service nodes only
    quint16 controlPort = 0;
    quint16 orPort = 0;
    quint16 dirPort = 0;
    quint16 socksPort = 0;
    quint16 metricsPort = 0;
    QString fingerprint;  // 40 hex, relays and authorities
    QString ed25519Id;    // base64, relays and authorities
    QString v3Ident;      // authorities
    bool exit = false;    // relays

    // Service nodes:
    QString onionAddress;     // "<56>.onion" read from HiddenServiceDir/hostname
    QString hsDir;            // HiddenServiceDir
    QString mode;             // "plain", "instance", "shared-key" (master key, no OB option)
    QString obMasterAddress;  // content of ob_config, if any
    bool publishDescriptors = true;
    QStringList nodeOptions;  // --node-opts given for this node
    quint16 backendPort = 0;
    qint64 backendPid = 0;
    QString backendRoot;
};

class LabNetwork {
public:
    struct Options {
        int nodes = 2;             // service nodes (shared identity when masterKeyDir is set)
        int plainNodes = 0;        // extra service nodes with their own keys
        int votingInterval = 20;   // seconds, >= 10
        QString masterKeyDir;      // hs_ed25519_secret_key + hs_ed25519_public_key [+ hostname]
        QStringList nodeOpts;      // e.g. {"1:no-instance", "2:wrong-ob-config"}
        QString dir;               // empty: a fresh directory under QDir::tempPath()
        bool wait = true;          // wait until consensus complete + client bootstrapped
        int timeoutSeconds = 240;  // readiness timeout passed to the script
    };

    LabNetwork();
    ~LabNetwork();  // stop(keepLogs()) if still running
    LabNetwork(const LabNetwork&) = delete;
    LabNetwork& operator=(const LabNetwork&) = delete;

    Status start(const Options& options);
    // Stops every lab process; removes the directory unless keepLogs or
    // setKeepLogs(true). Safe to call twice.
    Status stop(bool keepLogs = false);
    void setKeepLogs(bool keep) { m_keepLogs = keep; }
    [[nodiscard]] bool keepLogs() const { return m_keepLogs; }

    // Kill / restart one service node's tor (failover tests); lab.json is re-read.
    Status stopNode(int serviceIndex);
    Status startNode(int serviceIndex);
    // Block until the lab is ready again (consensus + client bootstrap).
    Status waitReady(int timeoutSeconds);
    // Re-read lab.json (pids change after stopNode/startNode).
    Status reload();

    [[nodiscard]] bool isRunning() const { return m_running; }
    [[nodiscard]] const QString& dir() const { return m_dir; }
    [[nodiscard]] QString labJsonPath() const;
    [[nodiscard]] const QList<TorNode>& tors() const { return m_tors; }
    [[nodiscard]] QList<TorNode> authorities() const { return byRole(QStringLiteral("authority")); }
    [[nodiscard]] QList<TorNode> relays() const { return byRole(QStringLiteral("relay")); }
    [[nodiscard]] QList<TorNode> services() const { return byRole(QStringLiteral("service")); }
    [[nodiscard]] TorNode client() const;
    [[nodiscard]] TorNode service(int index) const;
    [[nodiscard]] int serviceCount() const { return static_cast<int>(services().size()); }
    [[nodiscard]] quint16 clientSocksPort() const { return m_clientSocksPort; }
    [[nodiscard]] int votingInterval() const { return m_votingInterval; }
    [[nodiscard]] QString masterOnionAddress() const { return m_masterOnionAddress; }
    // Seconds from "nothing" to ready as measured by the script (0 if --no-wait).
    [[nodiscard]] double readySeconds() const { return m_readySeconds; }
    // stdout+stderr of the last script run (for failure messages).
    [[nodiscard]] const QString& lastOutput() const { return m_lastOutput; }

    // labnet.py: $RB_LAB_SCRIPT, else the source tree's copy.
    static QString scriptPath();
    // $RB_LAB_PYTHON, else /usr/bin/python3, else python3 on PATH.
    static QString pythonPath();
    // Pids of live (non-zombie) processes other than this one whose command
    // line mentions dir (as a path prefix).
    static QList<qint64> processesMentioning(const QString& dir);

private:
    Status runScript(const QStringList& args, int timeoutSeconds);
    Status parseLabJson();
    [[nodiscard]] QList<TorNode> byRole(const QString& role) const;

    QString m_dir;
    bool m_running = false;
    bool m_keepLogs = false;
    QList<TorNode> m_tors;
    quint16 m_clientSocksPort = 0;
    int m_votingInterval = 0;
    QString m_masterOnionAddress;
    double m_readySeconds = 0;
    QString m_lastOutput;
};

}  // namespace rb::lab
