#include "DeployDialog.h"

#include "deploy/DeployStepModel.h"
#include "dialogs/HostKeyDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>

namespace rb::ui {

using Outcome = DeployJob::Outcome;
using Step = DeployJob::Step;

DeployDialog::DeployDialog(DeployJobFactory* factory, Operation operation, QStringList nodes, QWidget* parent)
    : QDialog(parent), m_factory(factory), m_operation(operation), m_nodes(std::move(nodes))
{
    setObjectName(QStringLiteral("deployDialog"));
    setWindowTitle(operation == Operation::Deploy ? tr("Deploy the master identity") : tr("Undeploy"));
    auto* layout = new QVBoxLayout(this);

    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("deployHeader"));
    m_header->setWordWrap(true);
    const QString address = m_factory ? m_factory->masterAddress() : QString();
    m_header->setText(
        operation == Operation::Deploy
            ? tr("Deploying %1 to %n node(s), one after the other: %2", nullptr, static_cast<int>(m_nodes.size()))
                  .arg(address.isEmpty() ? tr("the master identity") : address, m_nodes.join(QStringLiteral(", ")))
            : tr("Undeploying from %n node(s), one after the other: %1", nullptr, static_cast<int>(m_nodes.size()))
                  .arg(m_nodes.join(QStringLiteral(", "))));
    layout->addWidget(m_header);

    m_current = new QLabel(this);
    m_current->setObjectName(QStringLiteral("deployCurrent"));
    m_current->setWordWrap(true);
    layout->addWidget(m_current);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("deployProgress"));
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_progress->setAccessibleName(tr("Overall progress"));
    layout->addWidget(m_progress);

    auto* split = new QSplitter(Qt::Vertical, this);
    m_steps = new DeployStepModel(this);
    m_view = new QTableView(split);
    m_view->setObjectName(QStringLiteral("deployStepsView"));
    m_view->setAccessibleName(tr("Deployment steps"));
    m_view->setModel(m_steps);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setTabKeyNavigation(false);
    m_view->setWordWrap(false);
    m_log = new QPlainTextEdit(split);
    m_log->setObjectName(QStringLiteral("deployLog"));
    m_log->setAccessibleName(tr("Deployment log"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    split->addWidget(m_view);
    split->addWidget(m_log);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("deploySummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_summary->hide();
    layout->addWidget(m_summary);

    auto* buttons = new QDialogButtonBox(this);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("deployCancelButton"));
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_done)
            accept();
        else
            cancel();
    });
    layout->addWidget(buttons);
    resize(860, 560);
}

DeployDialog::~DeployDialog()
{
    // A running job is abandoned only if the dialog is destroyed without
    // waiting (reject() refuses to close while running).
    if (m_job)
        disconnect(m_job.get(), nullptr, this, nullptr);
}

QString DeployDialog::confirmationText(Operation operation, const QStringList& nodes, const QString& masterAddress)
{
    const QString list = QStringLiteral("\n  • ") + nodes.join(QStringLiteral("\n  • "));
    if (operation == Operation::Deploy) {
        return tr("Deploy the master identity %1 to %n node(s)?%2\n\nEach node, one after the other: its existing "
                  "keys (hs_ed25519_secret_key, hs_ed25519_public_key, hostname, ob_config) and its torrc are "
                  "BACKED UP on the node in <HiddenServiceDir>.rb-backup-<time>/, not deleted; then the master key "
                  "is written, the torrc updated and tor restarted. If a step fails, the node is rolled back to "
                  "its backup.",
                  nullptr, static_cast<int>(nodes.size()))
            .arg(masterAddress.isEmpty() ? tr("(none configured)") : masterAddress, list);
    }
    return tr("Undeploy the master identity from %n node(s)?%1\n\nEach node, one after the other: the keys from "
              "its backup are restored, the managed torrc block is removed and tor is restarted. The backup "
              "itself is kept on the node.",
              nullptr, static_cast<int>(nodes.size()))
        .arg(list);
}

DeployDialog::HostKeyIssue DeployDialog::hostKeyIssue(const Report& report)
{
    if (report.outcome == Outcome::Succeeded || report.outcome == Outcome::Running)
        return HostKeyIssue::None;
    if (report.failedStep && *report.failedStep != Step::Connect)
        return HostKeyIssue::None;
    const QString text = report.error.message;
    if (!text.contains(QLatin1String("SSH host key"), Qt::CaseInsensitive))
        return HostKeyIssue::None;
    if (report.error.code == ErrorCode::BadKey && text.contains(QLatin1String("CHANGED")))
        return HostKeyIssue::Changed;
    if (report.error.code == ErrorCode::NotReady)
        return HostKeyIssue::Unknown;
    return HostKeyIssue::None;
}

QString DeployDialog::describe(const NodeResult& r)
{
    if (!r.started)
        return tr("%1: not deployed — %2").arg(r.node, r.problem);
    const Report& rep = r.report;
    QStringList parts;
    switch (rep.outcome) {
    case Outcome::Succeeded:
        parts << (rep.operation == Operation::Deploy ? tr("%1: deployed").arg(r.node)
                                                     : tr("%1: undeployed").arg(r.node));
        if (!rep.previousAddress.isEmpty() && rep.operation == Operation::Deploy)
            parts << tr("previous identity %1").arg(rep.previousAddress);
        break;
    case Outcome::RolledBack:
        parts << tr("%1: FAILED and ROLLED BACK — the node serves its previous identity again").arg(r.node);
        break;
    case Outcome::RollbackFailed:
        parts << tr("%1: FAILED and the ROLLBACK FAILED — check the node by hand").arg(r.node);
        break;
    case Outcome::Failed:
    case Outcome::Running:
        parts << tr("%1: failed (nothing was changed on the node)").arg(r.node);
        break;
    }
    if (rep.outcome != Outcome::Succeeded) {
        if (rep.failedStep)
            parts << tr("at step “%1”: %2").arg(DeployStepModel::stepName(*rep.failedStep), rep.error.message);
        else if (!rep.error.message.isEmpty())
            parts << rep.error.message;
        if (rep.rollbackError)
            parts << tr("rollback: %1").arg(rep.rollbackError->message);
    }
    if (!rep.backupDir.isEmpty())
        parts << tr("backup on the node: %1").arg(rep.backupDir);
    return parts.join(QStringLiteral("; "));
}

QString DeployDialog::summaryText() const
{
    QStringList lines;
    for (const NodeResult& r : m_results)
        lines << describe(r);
    return lines.join(QLatin1Char('\n'));
}

void DeployDialog::start()
{
    if (m_running || m_done)
        return;
    m_running = true;
    appendLog(m_header->text());
    if (m_nodes.isEmpty()) {
        finishAll();
        return;
    }
    m_index = -1;
    nextNode();
}

void DeployDialog::cancel()
{
    if (!m_running || m_cancelled)
        return;
    m_cancelled = true;
    m_cancel->setEnabled(false);
    m_cancel->setText(tr("Cancelling…"));
    appendLog(tr("Cancel requested: stopping at the next step boundary (a node already changed is rolled back)."));
    if (m_job) {
        m_job->cancel();  // finished() follows, then the remaining nodes are skipped
    } else if (m_hostKeyPending) {
        // The operator's answer is awaited: a rejected prompt moves on; a
        // probe or an accept in flight sees m_cancelled when it returns.
        if (m_hostKeyDialog && !m_hostKeyDialog->isChangedKey())
            m_hostKeyDialog->reject();
    }
}

void DeployDialog::reject()
{
    // Closing (Esc, window button) while running means Cancel; the dialog
    // stays until the node is back in a known state.
    if (m_running) {
        cancel();
        return;
    }
    QDialog::reject();
}

void DeployDialog::appendLog(const QString& line)
{
    m_log->appendPlainText(QTime::currentTime().toString(QStringLiteral("HH:mm:ss ")) + line);
}

void DeployDialog::setOverall(int percentOfNode)
{
    const int n = std::max(1, static_cast<int>(m_nodes.size()));
    const int idx = std::max(0, m_index);
    m_progress->setValue(std::clamp((idx * 100 + std::clamp(percentOfNode, 0, 100)) / n, 0, 100));
}

void DeployDialog::nextNode()
{
    m_job.reset();
    ++m_index;
    m_retried = false;
    if (m_index >= m_nodes.size()) {
        finishAll();
        return;
    }
    if (m_cancelled) {
        for (qsizetype i = m_index; i < m_nodes.size(); ++i)
            m_results.append(NodeResult{m_nodes.at(i), false, false, {}, tr("cancelled before it started")});
        m_index = static_cast<int>(m_nodes.size());
        finishAll();
        return;
    }
    runNode(m_index, false);
}

void DeployDialog::runNode(int index, bool retry)
{
    const QString node = m_nodes.at(index);
    setOverall(0);
    m_current->setText(tr("Node %1 of %2: %3").arg(index + 1).arg(m_nodes.size()).arg(node));
    if (retry)
        appendLog(tr("%1: trying again with the accepted host key").arg(node));
    if (m_factory == nullptr) {
        m_results.append(NodeResult{node, false, false, {}, tr("deployment is not available in this console")});
        nextNode();
        return;
    }
    auto job = m_factory->create(node, m_operation);
    if (!job.ok()) {
        appendLog(tr("%1: %2").arg(node, job.error().message));
        m_results.append(NodeResult{node, false, false, {}, job.error().message});
        nextNode();
        return;
    }
    m_job = std::move(job.value());
    DeployJob* j = m_job.get();
    connect(j, &DeployJob::stepStarted, this, [this, node](Step step, const QString& description, int percent) {
        m_steps->stepStarted(node, step, description);
        m_view->scrollToBottom();
        setOverall(percent);
        appendLog(tr("%1: %2 — %3").arg(node, DeployStepModel::stepName(step), description));
        if (DeployStepModel::isRollback(step))
            m_current->setText(tr("%1: rolling back to the backup").arg(node));
    });
    connect(j, &DeployJob::stepFinished, this, [this, node](Step step, const QString& summary) {
        m_steps->stepFinished(node, step, summary);
        appendLog(tr("%1: %2 done — %3").arg(node, DeployStepModel::stepName(step), summary));
    });
    connect(j, &DeployJob::stepFailed, this, [this, node](Step step, const QString& message) {
        m_steps->stepFailed(node, step, message);
        appendLog(tr("%1: %2 FAILED — %3").arg(node, DeployStepModel::stepName(step), message));
    });
    connect(j, &DeployJob::logLine, this,
            [this, node](const QString& line) { appendLog(node + QStringLiteral(": ") + line); });
    connect(j, &DeployJob::finished, this, &DeployDialog::onJobFinished, Qt::QueuedConnection);
    const Status st = j->start();
    if (!st.ok()) {
        appendLog(tr("%1: %2").arg(node, st.error().message));
        m_results.append(NodeResult{node, false, false, {}, st.error().message});
        // Not from inside a signal of the job: nothing is running, go on.
        nextNode();
    }
}

void DeployDialog::onJobFinished(bool succeeded)
{
    if (!m_job)
        return;
    const QString node = m_job->node();
    const Report report = m_job->report();
    m_steps->nodeEnded(node, m_cancelled);
    setOverall(100);
    const HostKeyIssue issue = succeeded ? HostKeyIssue::None : hostKeyIssue(report);
    if (issue == HostKeyIssue::Unknown && !m_retried && !m_cancelled) {
        m_job.reset();
        handleHostKey(issue);
        return;
    }
    m_results.append(NodeResult{node, true, succeeded, report, succeeded ? QString() : report.error.message});
    appendLog(describe(m_results.constLast()));
    if (issue == HostKeyIssue::Changed) {
        handleHostKey(issue);
        // Nothing to wait for: the refusal is shown, the next node goes on.
    }
    nextNode();
}

void DeployDialog::handleHostKey(HostKeyIssue issue)
{
    const QString node = m_nodes.at(m_index);
    if (issue == HostKeyIssue::Changed) {
        const Report& report = m_results.constLast().report;
        auto* dialog =
            new HostKeyDialog(HostKeyPrompt::changedKey(node, m_factory->sshTarget(node), report.error.message), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        m_hostKeyDialog = dialog;
        dialog->open();
        return;
    }
    m_hostKeyPending = true;
    m_current->setText(tr("%1: reading the SSH host key for your confirmation").arg(node));
    appendLog(tr("%1: the SSH host key is not known yet; reading it (no credential is offered)").arg(node));
    QPointer<DeployDialog> self(this);
    m_factory->probeHostKey(node, [self, node](Result<ssh::HostKeyInfo> info) {
        if (!self)
            return;
        if (!info.ok() || self->m_cancelled) {
            self->m_hostKeyPending = false;
            const QString why = info.ok() ? tr("cancelled") : info.error().message;
            self->appendLog(tr("%1: %2").arg(node, why));
            self->m_results.append(NodeResult{node, false, false, {}, why});
            self->nextNode();
            return;
        }
        const ssh::HostKeyInfo key = info.value();
        auto* dialog = new HostKeyDialog(HostKeyPrompt::unknownKey(node, key), self);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        self->m_hostKeyDialog = dialog;
        connect(dialog, &QDialog::finished, self, [self, node, key](int result) {
            if (!self)
                return;
            if (result != QDialog::Accepted || self->m_cancelled) {
                self->m_hostKeyPending = false;
                const QString why = self->m_cancelled ? tr("cancelled") : tr("host key rejected by the operator");
                self->appendLog(tr("%1: %2").arg(node, why));
                self->m_results.append(NodeResult{node, false, false, {}, why});
                self->nextNode();
                return;
            }
            self->m_factory->acceptHostKey(key, [self, node](Status st) {
                if (!self)
                    return;
                self->m_hostKeyPending = false;
                if (st.ok() && self->m_cancelled) {
                    self->appendLog(tr("%1: host key accepted and remembered").arg(node));
                    self->m_results.append(NodeResult{node, false, false, {}, tr("cancelled")});
                    self->nextNode();
                    return;
                }
                if (!st.ok()) {
                    self->appendLog(tr("%1: %2").arg(node, st.error().message));
                    self->m_results.append(NodeResult{node, false, false, {}, st.error().message});
                    self->nextNode();
                    return;
                }
                self->appendLog(tr("%1: host key accepted and remembered").arg(node));
                self->m_retried = true;
                self->runNode(self->m_index, true);
            });
        });
        dialog->open();
    });
}

void DeployDialog::finishAll()
{
    m_job.reset();
    m_running = false;
    m_done = true;
    int ok = 0;
    for (const NodeResult& r : std::as_const(m_results))
        ok += r.succeeded ? 1 : 0;
    const int failed = static_cast<int>(m_results.size()) - ok;
    m_progress->setValue(100);
    m_current->setText(m_cancelled ? tr("Cancelled: %1 succeeded, %2 not done.").arg(ok).arg(failed)
                                   : tr("Finished: %1 succeeded, %2 failed.").arg(ok).arg(failed));
    m_summary->setText(summaryText());
    m_summary->setVisible(!m_results.isEmpty());
    m_cancel->setText(tr("Close"));
    m_cancel->setEnabled(true);
    appendLog(m_current->text());
    emit allFinished(ok, failed);
}

}  // namespace rb::ui
