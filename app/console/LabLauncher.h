#pragma once
// Starts and stops the console's own private Tor lab network (labnet.py, the
// same script as `rbctl lab`) WITHOUT blocking the GUI thread: the script runs
// in a QProcess, its log lines become progress(), and the outcome arrives as
// ready() / failed() / cancelled(). The launcher owns exactly one lab: the
// directory it created itself; stop() takes down that directory's processes
// only (labnet.py checks every pid's command line names the directory), and
// --owner-pid makes the script's watchdog stop the lab if the console dies.

#include "util/Result.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

class QProcess;
class QTimer;

namespace rb::console {

// One onion-service node of the lab (an entry of lab.json "tors").
struct LabService {
    int index = 0;
    QString nickname;  // "node0", ...
    quint16 controlPort = 0;
    QString cookiePath;
    quint16 metricsPort = 0;
    QString hiddenServiceDir;
    QString onionAddress;
    QString mode;  // "instance", "plain", "shared-key"
    qint64 pid = 0;
};

struct LabInfo {
    QString dir;
    QString state;          // "up", "started", ...
    QString masterAddress;  // "<56>.onion" or empty
    int votingInterval = 0;
    double readySeconds = 0;
    QList<LabService> services;

    static Result<LabInfo> fromJson(QByteArrayView json);
    static Result<LabInfo> load(const QString& labJsonPath);
};

class LabLauncher : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Starting, Running, Stopping, Stopped, Failed };
    Q_ENUM(State)

    struct Options {
        int nodes = 3;             // shared-identity service nodes
        QString masterKeyDir;      // tor key files of the (lab) master identity
        QString dir;               // empty: a fresh private directory
        int timeoutSeconds = 300;  // readiness timeout given to the script
        QStringList nodeOpts;      // labnet.py --node-opts (tests)
    };

    explicit LabLauncher(QObject* parent = nullptr);
    ~LabLauncher() override;  // never blocks; the script's watchdog cleans up after us

    // Validates and starts `labnet.py up`. An error here means nothing started.
    Status start(const Options& options);
    // While starting: stop the script (it stops what it started) and remove the lab.
    void cancel();
    // Asynchronous `labnet.py down` of our own lab; stopped() when done.
    void stop();

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] bool ownsLab() const { return !m_dir.isEmpty() && m_state != State::Stopped; }
    [[nodiscard]] const QString& dir() const { return m_dir; }
    [[nodiscard]] const LabInfo& info() const { return m_info; }
    // The last lines the script wrote (for error details).
    [[nodiscard]] QString outputTail(int lines = 20) const;

    // $RB_LAB_SCRIPT, the installed copy beside the binary, then the source tree's.
    static QString scriptPath();
    // $RB_LAB_PYTHON, /usr/bin/python3, python3 on PATH.
    static QString pythonPath();
    // Where fresh lab directories go: $XDG_RUNTIME_DIR, else the temp dir.
    static QString baseDirectory();
    // Maps a labnet.py log line onto (words for the operator, percent); percent -1 = no change.
    static QPair<QString, int> progressFromLine(const QString& line);

signals:
    void progress(const QString& step, int percent);
    void ready(const rb::console::LabInfo& info);
    void failed(const rb::Error& error);
    void cancelled();
    void stopped();

private:
    void onOutput();
    void onUpFinished(int exitCode, bool crashed);
    void runDown(bool thenCancelled);
    void setState(State s) { m_state = s; }
    void tick();

    State m_state = State::Idle;
    QString m_dir;
    LabInfo m_info;
    QPointer<QProcess> m_up;
    QPointer<QProcess> m_down;
    QTimer* m_ticker = nullptr;
    QElapsedTimer m_clock;
    QString m_step;
    int m_percent = 0;
    bool m_cancelRequested = false;
    QByteArray m_buffer;
    QStringList m_tail;
};

}  // namespace rb::console
