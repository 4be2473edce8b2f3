#pragma once
// Deploys (or undeploys) the master identity on one or several nodes, ONE
// NODE AFTER THE OTHER (never the whole fleet restarting at once): each step
// of the core's deployer with its state, overall progress, the log, the
// backup location on the node, the rollback when one happens, Cancel, and a
// final summary. A node whose SSH host key is not known yet gets the
// first-contact confirmation (HostKeyDialog) and is retried once accepted; a
// CHANGED host key is refused.
// Talks only to a DeployJobFactory (tests use a fake deployer).

#include "deploy/DeployJob.h"

#include <QDialog>
#include <QList>
#include <QPointer>
#include <QStringList>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableView;

namespace rb::ui {

class DeployStepModel;
class HostKeyDialog;

class DeployDialog : public QDialog {
    Q_OBJECT
public:
    using Operation = DeployJob::Operation;
    using Report = DeployJob::Report;

    enum class HostKeyIssue { None, Unknown, Changed };
    struct NodeResult {
        QString node;
        bool started = false;  // a job ran (false: could not start, skipped or cancelled before)
        bool succeeded = false;
        Report report;
        QString problem;  // why it did not run / failed, one line
    };

    DeployDialog(DeployJobFactory* factory, Operation operation, QStringList nodes, QWidget* parent = nullptr);
    ~DeployDialog() override;

    // Starts with the first node (call once; the caller asked for confirmation).
    void start();
    void cancel();

    [[nodiscard]] bool isRunning() const { return m_running; }
    [[nodiscard]] bool isCancelled() const { return m_cancelled; }
    [[nodiscard]] DeployStepModel* stepModel() const { return m_steps; }
    [[nodiscard]] const QList<NodeResult>& results() const { return m_results; }
    [[nodiscard]] QString summaryText() const;
    [[nodiscard]] QPushButton* cancelButton() const { return m_cancel; }
    [[nodiscard]] QProgressBar* progressBar() const { return m_progress; }
    // The host-key confirmation currently shown (null when none).
    [[nodiscard]] HostKeyDialog* hostKeyDialog() const { return m_hostKeyDialog; }

    // The explicit confirmation the console asks before starting.
    static QString confirmationText(Operation operation, const QStringList& nodes, const QString& masterAddress);
    // Whether a failed job stopped at the SSH host key (core's SshDiagnostics wording).
    static HostKeyIssue hostKeyIssue(const Report& report);
    // One operator-facing paragraph for a node's report.
    static QString describe(const NodeResult& result);

signals:
    // Every node is done (or skipped); succeeded + failed == number of nodes.
    void allFinished(int succeeded, int failed);

protected:
    void reject() override;

private:
    void runNode(int index, bool retry);
    void onJobFinished(bool succeeded);
    void handleHostKey(HostKeyIssue issue);
    void nextNode();
    void finishAll();
    void appendLog(const QString& line);
    void setOverall(int percentOfNode);

    DeployJobFactory* m_factory = nullptr;
    Operation m_operation;
    QStringList m_nodes;
    DeployStepModel* m_steps = nullptr;
    QLabel* m_header = nullptr;
    QLabel* m_current = nullptr;
    QProgressBar* m_progress = nullptr;
    QTableView* m_view = nullptr;
    QPlainTextEdit* m_log = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_cancel = nullptr;
    QPointer<HostKeyDialog> m_hostKeyDialog;
    std::unique_ptr<DeployJob> m_job;
    QList<NodeResult> m_results;
    int m_index = -1;
    bool m_retried = false;
    bool m_hostKeyPending = false;  // probing, asking the operator or recording a host key
    bool m_running = false;
    bool m_cancelled = false;
    bool m_done = false;
};

}  // namespace rb::ui
