// The deploy wizard driven by a fake deployer (data-driven): success, a
// failure at step N with and without rollback, a failing rollback, cancel
// before and after the node was changed; several nodes strictly one after the
// other; the first-contact host-key confirmation (accept → retried, reject →
// skipped) and the refusal of a CHANGED key (no accept button anywhere); the
// main window's confirmation naming the nodes and saying keys are backed up.
// Every model runs under QAbstractItemModelTester.
#include "MainWindow.h"
#include "balancer/FakeFleetBackend.h"
#include "deploy/DeployDialog.h"
#include "deploy/DeployJob.h"
#include "deploy/DeployStepModel.h"
#include "deploy/DeployerJob.h"
#include "dialogs/HostKeyDialog.h"
#include "secrets/MemorySecretStore.h"
#include "ssh/SshDiagnostics.h"

#include <QAbstractItemModelTester>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

using namespace rb;
using rb::ui::DeployDialog;
using rb::ui::DeployJob;
using rb::ui::DeployStepModel;
using rb::ui::HostKeyDialog;
using Step = DeployJob::Step;
using Outcome = DeployJob::Outcome;
using Operation = DeployJob::Operation;

Q_DECLARE_METATYPE(Outcome)

namespace {

const QString kBackup = QStringLiteral("/var/lib/tor/hs.rb-backup-20261126T040000Z");
const QString kMaster = QStringLiteral("masteraddressxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.onion");

struct Script {
    int failAt = -1;  // index into the step list, -1: none
    bool rollbackFails = false;
    Error connectError;  // used when failAt == 0 and set
    bool useConnectError = false;
};

// Walks the deployer's steps through the event loop (no timers with delays).
class FakeJob : public DeployJob {
public:
    FakeJob(QString node, Operation op, Script script, std::function<void(FakeJob*, Step)> onStep)
        : m_node(std::move(node)), m_op(op), m_script(std::move(script)), m_onStep(std::move(onStep))
    {
        m_steps = op == Operation::Deploy
                      ? QList<Step>{Step::Connect,    Step::Preflight, Step::Backup, Step::WriteKeys,
                                    Step::WriteTorrc, Step::Restart,   Step::Verify}
                      : QList<Step>{Step::Connect,    Step::Preflight, Step::Restore,
                                    Step::WriteTorrc, Step::Restart,   Step::Verify};
        m_report.operation = op;
        m_report.node = m_node;
        m_report.masterAddress = kMaster;
    }
    QString node() const override { return m_node; }
    Operation operation() const override { return m_op; }
    Status start() override
    {
        QTimer::singleShot(0, this, [this] { next(); });
        return {};
    }
    void cancel() override { m_cancel = true; }
    const Report& report() const override { return m_report; }
    bool changed() const { return m_changed; }

private:
    void next()
    {
        if (m_i >= m_steps.size()) {
            m_report.outcome = Outcome::Succeeded;
            emit finished(true);
            return;
        }
        if (m_cancel) {
            failWith(m_steps.at(m_i), makeError(ErrorCode::Cancelled, QStringLiteral("Cancelled by the operator")),
                     false);
            return;
        }
        const Step step = m_steps.at(m_i);
        emit stepStarted(step, QStringLiteral("doing %1").arg(static_cast<int>(step)), int(m_i * 100 / m_steps.size()));
        if (m_onStep)
            m_onStep(this, step);
        QTimer::singleShot(0, this, [this, step] {
            if (m_script.failAt == m_i) {
                const Error e = m_script.useConnectError
                                    ? m_script.connectError
                                    : makeError(ErrorCode::Rejected, QStringLiteral("step %1 broke").arg(m_i));
                failWith(step, e, true);
                return;
            }
            if (step == Step::Backup) {
                m_report.backupDir = kBackup;
                m_changed = true;
            }
            if (step == Step::Restore)
                m_changed = true;
            emit stepFinished(step, QStringLiteral("ok %1").arg(static_cast<int>(step)));
            ++m_i;
            next();
        });
    }
    void failWith(Step step, const Error& e, bool started)
    {
        if (started)
            emit stepFailed(step, e.message);
        m_report.failedStep = step;
        m_report.error = e;
        if (!m_changed) {
            m_report.outcome = Outcome::Failed;
            emit finished(false);
            return;
        }
        for (Step r : {Step::RollbackRestore, Step::RollbackRestart, Step::RollbackVerify}) {
            emit stepStarted(r, QStringLiteral("rolling back"), 95);
            if (m_script.rollbackFails && r == Step::RollbackRestart) {
                emit stepFailed(r, QStringLiteral("restart failed"));
                m_report.rollbackError = makeError(ErrorCode::Rejected, QStringLiteral("restart failed"));
                m_report.outcome = Outcome::RollbackFailed;
                emit finished(false);
                return;
            }
            emit stepFinished(r, QStringLiteral("rolled back"));
        }
        m_report.outcome = Outcome::RolledBack;
        emit finished(false);
    }

    QString m_node;
    Operation m_op;
    Script m_script;
    std::function<void(FakeJob*, Step)> m_onStep;
    QList<Step> m_steps;
    qsizetype m_i = 0;
    bool m_cancel = false;
    bool m_changed = false;
    Report m_report;
};

class FakeFactory : public ui::DeployJobFactory {
public:
    QMap<QString, QList<Script>> scripts;  // per node, one per attempt (last repeats)
    std::function<void(FakeJob*, Step)> onStep;
    QStringList created;
    QStringList probed;
    int accepted = 0;
    QStringList fingerprints{QStringLiteral("ED25519 SHA256:uoaKSl8wAbCdEfGh1234567890abcdefghijklmnopq")};

    QString masterAddress() const override { return kMaster; }
    QString sshTarget(const QString& node) const override { return QStringLiteral("tor@%1:22").arg(node); }
    Result<std::unique_ptr<DeployJob>> create(const QString& node, Operation op) override
    {
        const int attempt = static_cast<int>(created.count(node));
        created << node;
        const QList<Script> list = scripts.value(node, {Script{}});
        const Script s = list.at(std::min<qsizetype>(attempt, list.size() - 1));
        std::unique_ptr<DeployJob> job = std::make_unique<FakeJob>(node, op, s, onStep);
        return job;
    }
    void probeHostKey(const QString& node, std::function<void(Result<ssh::HostKeyInfo>)> done) override
    {
        probed << node;
        ssh::HostKeyInfo info;
        info.target = ssh::SshTarget::parse(sshTarget(node)).value();
        info.fingerprints = fingerprints;
        info.knownHostsLines = "[" + node.toLatin1() + "]:22 ssh-ed25519 AAAA\n";
        QTimer::singleShot(0, [done, info] { done(info); });
    }
    void acceptHostKey(const ssh::HostKeyInfo&, std::function<void(Status)> done) override
    {
        ++accepted;
        QTimer::singleShot(0, [done] { done(Status{}); });
    }
};

int countState(DeployStepModel* m, DeployStepModel::StepState state, bool rollback)
{
    int n = 0;
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->stateAt(r) == state && DeployStepModel::isRollback(m->stepAt(r)) == rollback)
            ++n;
    return n;
}

Error hostKeyError(ssh::SshDiagnostics::Failure f)
{
    const QByteArray stderrText =
        f == ssh::SshDiagnostics::Failure::HostKeyChanged
            ? QByteArrayLiteral("@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
                                "@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n"
                                "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
                                "The fingerprint for the ED25519 key sent by the remote host is\n"
                                "SHA256:NEWkeyNEWkeyNEWkeyNEWkeyNEWkeyNEWkey12345.\n"
                                "Host key verification failed.\n")
            : QByteArrayLiteral("No ED25519 host key is known for [n1]:22 and you have requested strict checking.\n"
                                "Host key verification failed.\n");
    return ssh::SshDiagnostics::toError(f, QStringLiteral("tor@n1:22"), stderrText);
}

}  // namespace

class TestDeployDialog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void singleNode_data();
    void singleNode();
    void cancel_data();
    void cancel();
    void severalNodesOneAfterTheOther();
    void undeploy();
    void hostKeyFirstContact_data();
    void hostKeyFirstContact();
    void changedHostKeyIsRefused();
    void cancelDuringHostKeyPrompt();
    void hostKeyDialogShowsTheKey_data();
    void hostKeyDialogShowsTheKey();
    void confirmationNamesNodesAndBackup();
    void mainWindowConfirmsThenDeploys();
    void describeCoversEveryOutcome();
    void realFactoryRefusesBeforeTouchingANode();
};

void TestDeployDialog::singleNode_data()
{
    QTest::addColumn<int>("failAt");
    QTest::addColumn<bool>("rollbackFails");
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<int>("doneSteps");
    QTest::addColumn<int>("failedSteps");
    QTest::addColumn<int>("rollbackDone");
    QTest::addColumn<bool>("backupShown");
    QTest::addColumn<QString>("summaryWord");
    QTest::newRow("success") << -1 << false << Outcome::Succeeded << 7 << 0 << 0 << true << "deployed";
    QTest::newRow("connect fails") << 0 << false << Outcome::Failed << 0 << 1 << 0 << false << "nothing was changed";
    QTest::newRow("preflight fails") << 1 << false << Outcome::Failed << 1 << 1 << 0 << false << "Preflight";
    QTest::newRow("restart fails, rolled back")
        << 5 << false << Outcome::RolledBack << 5 << 1 << 3 << true << "ROLLED BACK";
    QTest::newRow("verify fails, rolled back") << 6 << false << Outcome::RolledBack << 6 << 1 << 3 << true << "Verify";
    QTest::newRow("rollback fails") << 3 << true << Outcome::RollbackFailed << 3 << 2 << 1 << true << "ROLLBACK FAILED";
}

void TestDeployDialog::singleNode()
{
    QFETCH(int, failAt);
    QFETCH(bool, rollbackFails);
    QFETCH(Outcome, outcome);
    QFETCH(int, doneSteps);
    QFETCH(int, failedSteps);
    QFETCH(int, rollbackDone);
    QFETCH(bool, backupShown);
    QFETCH(QString, summaryWord);

    FakeFactory factory;
    factory.scripts[QStringLiteral("n1")] = {Script{failAt, rollbackFails, {}, false}};
    DeployDialog dialog(&factory, Operation::Deploy, {QStringLiteral("n1")});
    QAbstractItemModelTester tester(dialog.stepModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(&dialog, &DeployDialog::allFinished);
    dialog.show();
    dialog.start();
    QVERIFY(dialog.isRunning());
    QVERIFY(finished.wait(5000));
    QVERIFY(!dialog.isRunning());
    const bool ok = outcome == Outcome::Succeeded;
    QCOMPARE(finished.first().at(0).toInt(), ok ? 1 : 0);
    QCOMPARE(finished.first().at(1).toInt(), ok ? 0 : 1);
    QCOMPARE(dialog.results().size(), 1);
    QCOMPARE(dialog.results().first().report.outcome, outcome);
    auto* m = dialog.stepModel();
    QCOMPARE(countState(m, DeployStepModel::StepState::Done, false), doneSteps);
    QCOMPARE(countState(m, DeployStepModel::StepState::Failed, false) +
                 countState(m, DeployStepModel::StepState::Failed, true),
             failedSteps);
    QCOMPARE(countState(m, DeployStepModel::StepState::Done, true), rollbackDone);
    QCOMPARE(countState(m, DeployStepModel::StepState::Running, false) +
                 countState(m, DeployStepModel::StepState::Running, true),
             0);
    QCOMPARE(dialog.summaryText().contains(kBackup), backupShown);
    QVERIFY2(dialog.summaryText().contains(summaryWord), qPrintable(dialog.summaryText()));
    auto* summary = dialog.findChild<QLabel*>(QStringLiteral("deploySummary"));
    QVERIFY(summary && summary->isVisible());
    QCOMPARE(summary->text(), dialog.summaryText());
    QCOMPARE(dialog.progressBar()->value(), 100);
    // The Cancel button became Close and closes the dialog.
    QCOMPARE(dialog.cancelButton()->text(), QStringLiteral("Close"));
    dialog.cancelButton()->click();
    QVERIFY(!dialog.isVisible());
}

void TestDeployDialog::cancel_data()
{
    QTest::addColumn<int>("cancelAtStep");
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<int>("rollbackDone");
    QTest::newRow("before any change") << static_cast<int>(Step::Preflight) << Outcome::Failed << 0;
    QTest::newRow("after the backup") << static_cast<int>(Step::WriteTorrc) << Outcome::RolledBack << 3;
}

void TestDeployDialog::cancel()
{
    QFETCH(int, cancelAtStep);
    QFETCH(Outcome, outcome);
    QFETCH(int, rollbackDone);
    FakeFactory factory;
    DeployDialog dialog(&factory, Operation::Deploy, {QStringLiteral("n1"), QStringLiteral("n2")});
    QAbstractItemModelTester tester(dialog.stepModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    factory.onStep = [&dialog, cancelAtStep](FakeJob*, Step step) {
        if (static_cast<int>(step) == cancelAtStep && dialog.cancelButton()->isEnabled())
            dialog.cancelButton()->click();
    };
    QSignalSpy finished(&dialog, &DeployDialog::allFinished);
    dialog.show();
    dialog.start();
    QVERIFY(finished.wait(5000));
    QVERIFY(dialog.isCancelled());
    // Only the first node ran; the second never started.
    QCOMPARE(factory.created, QStringList{QStringLiteral("n1")});
    QCOMPARE(dialog.results().size(), 2);
    QCOMPARE(dialog.results().at(0).report.outcome, outcome);
    QVERIFY(!dialog.results().at(1).started);
    QVERIFY(dialog.results().at(1).problem.contains(QStringLiteral("cancelled")));
    QCOMPARE(countState(dialog.stepModel(), DeployStepModel::StepState::Done, true), rollbackDone);
    QCOMPARE(finished.first().at(0).toInt(), 0);
    QCOMPARE(finished.first().at(1).toInt(), 2);
}

void TestDeployDialog::severalNodesOneAfterTheOther()
{
    FakeFactory factory;
    factory.scripts[QStringLiteral("b")] = {Script{5, false, {}, false}};
    int running = 0;
    int maxRunning = 0;
    QList<FakeJob*> seen;
    factory.onStep = [&](FakeJob* job, Step) {
        if (!seen.contains(job)) {
            seen << job;
            ++running;
            maxRunning = std::max(maxRunning, running);
            QObject::connect(job, &DeployJob::finished, job, [&running] { --running; });
        }
    };
    DeployDialog dialog(&factory, Operation::Deploy, {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
    QAbstractItemModelTester tester(dialog.stepModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(&dialog, &DeployDialog::allFinished);
    dialog.start();
    QVERIFY(finished.wait(5000));
    QCOMPARE(maxRunning, 1);
    QCOMPARE(finished.first().at(0).toInt(), 2);
    QCOMPARE(finished.first().at(1).toInt(), 1);
    QCOMPARE(dialog.results().at(1).report.outcome, Outcome::RolledBack);
    // Rows are grouped by node, in order: never interleaved.
    QStringList order;
    for (int r = 0; r < dialog.stepModel()->rowCount(); ++r) {
        const QString n = dialog.stepModel()->nodeAt(r);
        if (order.isEmpty() || order.constLast() != n)
            order << n;
    }
    QCOMPARE(order, (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    const QString summary = dialog.summaryText();
    QCOMPARE(summary.count(kBackup), 3);
    QVERIFY(summary.contains(QStringLiteral("b: FAILED and ROLLED BACK")));
}

void TestDeployDialog::undeploy()
{
    FakeFactory factory;
    DeployDialog dialog(&factory, Operation::Undeploy, {QStringLiteral("n1")});
    QAbstractItemModelTester tester(dialog.stepModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(&dialog, &DeployDialog::allFinished);
    dialog.start();
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.first().at(0).toInt(), 1);
    bool restoreSeen = false;
    for (int r = 0; r < dialog.stepModel()->rowCount(); ++r)
        restoreSeen |= dialog.stepModel()->stepAt(r) == Step::Restore;
    QVERIFY(restoreSeen);
    QVERIFY(dialog.summaryText().contains(QStringLiteral("n1: undeployed")));
}

void TestDeployDialog::hostKeyFirstContact_data()
{
    QTest::addColumn<bool>("accept");
    QTest::newRow("accepted, then deployed") << true;
    QTest::newRow("rejected, node skipped") << false;
}

void TestDeployDialog::hostKeyFirstContact()
{
    QFETCH(bool, accept);
    FakeFactory factory;
    const Error unknown = hostKeyError(ssh::SshDiagnostics::Failure::HostKeyUnknown);
    factory.scripts[QStringLiteral("n1")] = {Script{0, false, unknown, true}, Script{}};
    DeployDialog dialog(&factory, Operation::Deploy, {QStringLiteral("n1"), QStringLiteral("n2")});
    QSignalSpy finished(&dialog, &DeployDialog::allFinished);
    dialog.show();
    dialog.start();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.hostKeyDialog() != nullptr, 5000);
    HostKeyDialog* hk = dialog.hostKeyDialog();
    QVERIFY(!hk->isChangedKey());
    QCOMPARE(factory.probed, QStringList{QStringLiteral("n1")});
    QCOMPARE(hk->findChild<QLabel*>(QStringLiteral("hostKeyType0"))->text(), QStringLiteral("ED25519"));
    QVERIFY(
        hk->findChild<QLabel*>(QStringLiteral("hostKeyFingerprint0"))->text().startsWith(QStringLiteral("SHA256:")));
    QVERIFY(hk->findChild<QLabel*>(QStringLiteral("hostKeyHost"))->text().contains(QStringLiteral("n1")));
    // n2 waits for the operator's answer.
    QCOMPARE(factory.created, QStringList{QStringLiteral("n1")});
    (accept ? hk->acceptButton() : hk->rejectButton())->click();
    QVERIFY(finished.wait(5000));
    QCOMPARE(factory.accepted, accept ? 1 : 0);
    QCOMPARE(dialog.results().size(), 2);
    QCOMPARE(dialog.results().at(0).succeeded, accept);
    if (accept)
        QCOMPARE(factory.created.count(QStringLiteral("n1")), 2);  // retried once
    else
        QVERIFY(dialog.results().at(0).problem.contains(QStringLiteral("rejected")));
    QVERIFY(dialog.results().at(1).succeeded);
}

void TestDeployDialog::changedHostKeyIsRefused()
{
    FakeFactory factory;
    const Error changed = hostKeyError(ssh::SshDiagnostics::Failure::HostKeyChanged);
    QCOMPARE(DeployDialog::hostKeyIssue([&] {
                 DeployJob::Report r;
                 r.outcome = Outcome::Failed;
                 r.failedStep = Step::Connect;
                 r.error = changed;
                 return r;
             }()),
             DeployDialog::HostKeyIssue::Changed);
    factory.scripts[QStringLiteral("n1")] = {Script{0, false, changed, true}};
    DeployDialog dialog(&factory, Operation::Deploy, {QStringLiteral("n1")});
    QSignalSpy finished(&dialog, &DeployDialog::allFinished);
    dialog.show();
    dialog.start();
    QVERIFY(finished.wait(5000));
    QVERIFY(factory.probed.isEmpty());
    QCOMPARE(factory.created.size(), 1);  // never retried
    QVERIFY(!dialog.results().first().succeeded);
    HostKeyDialog* hk = dialog.hostKeyDialog();
    QVERIFY(hk != nullptr);
    QVERIFY(hk->isChangedKey());
    QVERIFY(hk->acceptButton() == nullptr);
    for (auto* b : hk->findChildren<QPushButton*>())
        QVERIFY2(!b->text().contains(QStringLiteral("Accept"), Qt::CaseInsensitive), qPrintable(b->text()));
    auto* warning = hk->findChild<QLabel*>(QStringLiteral("changedKeyWarning"));
    QVERIFY(warning);
    QVERIFY(warning->text().contains(QStringLiteral("CHANGED")));
    QVERIFY(warning->styleSheet().contains(QStringLiteral("#b00020")));
    QCOMPARE(hk->findChild<QLabel*>(QStringLiteral("hostKeyFingerprint0"))->text(),
             QStringLiteral("SHA256:NEWkeyNEWkeyNEWkeyNEWkeyNEWkeyNEWkey12345"));
    hk->rejectButton()->click();
}

void TestDeployDialog::cancelDuringHostKeyPrompt()
{
    FakeFactory factory;
    factory.scripts[QStringLiteral("n1")] = {
        Script{0, false, hostKeyError(ssh::SshDiagnostics::Failure::HostKeyUnknown), true}};
    DeployDialog dialog(&factory, Operation::Deploy, {QStringLiteral("n1"), QStringLiteral("n2")});
    QSignalSpy finished(&dialog, &DeployDialog::allFinished);
    dialog.show();
    dialog.start();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.hostKeyDialog() != nullptr, 5000);
    dialog.cancelButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
    QCOMPARE(factory.accepted, 0);
    QCOMPARE(factory.created, QStringList{QStringLiteral("n1")});
    QCOMPARE(dialog.results().size(), 2);
    QVERIFY(dialog.results().at(0).problem.contains(QStringLiteral("cancelled")));
    QVERIFY(!dialog.results().at(1).started);
    QTest::qWait(0);
    QCOMPARE(finished.size(), 1);  // no second advance
}

void TestDeployDialog::hostKeyDialogShowsTheKey_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("fingerprint");
    QTest::newRow("ed25519") << "ED25519 SHA256:uoaKSl8w"
                             << "ED25519"
                             << "SHA256:uoaKSl8w";
    QTest::newRow("rsa") << "RSA SHA256:abc/+="
                         << "RSA"
                         << "SHA256:abc/+=";
    QTest::newRow("no type") << "SHA256:xyz"
                             << ""
                             << "SHA256:xyz";
}

void TestDeployDialog::hostKeyDialogShowsTheKey()
{
    QFETCH(QString, line);
    QFETCH(QString, type);
    QFETCH(QString, fingerprint);
    const auto split = HostKeyDialog::splitFingerprint(line);
    QCOMPARE(split.first, type);
    QCOMPARE(split.second, fingerprint);
    ui::HostKeyPrompt p;
    p.node = QStringLiteral("n1");
    p.host = QStringLiteral("tor@n1:22");
    p.fingerprints = {line};
    HostKeyDialog dialog(p);
    QVERIFY(dialog.acceptButton() && dialog.acceptButton()->isEnabled());
    QVERIFY(dialog.rejectButton()->isDefault());  // Enter rejects
    QCOMPARE(dialog.findChild<QLabel*>(QStringLiteral("hostKeyFingerprint0"))->text(), fingerprint);
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.acceptButton()->click();
    QCOMPARE(accepted.size(), 1);
    QVERIFY(
        dialog.findChild<QLabel*>(QStringLiteral("hostKeyIntro"))->text().contains(QStringLiteral("first connection")));
    // Reviewing a key on request (Fleet → Verify SSH host key…) does not claim a first contact.
    ui::HostKeyPrompt review = p;
    review.firstContact = false;
    HostKeyDialog reviewDialog(review);
    const QString reviewText = reviewDialog.findChild<QLabel*>(QStringLiteral("hostKeyIntro"))->text();
    QVERIFY(!reviewText.contains(QStringLiteral("first connection")));
    QVERIFY(reviewText.contains(QStringLiteral("ssh-keygen -lf")));
    // No fingerprint: nothing to accept.
    p.fingerprints.clear();
    HostKeyDialog empty(p);
    QVERIFY(!empty.acceptButton()->isEnabled());
}

void TestDeployDialog::confirmationNamesNodesAndBackup()
{
    const QString text =
        DeployDialog::confirmationText(Operation::Deploy, {QStringLiteral("alpha"), QStringLiteral("beta")}, kMaster);
    QVERIFY(text.contains(QStringLiteral("alpha")));
    QVERIFY(text.contains(QStringLiteral("beta")));
    QVERIFY(text.contains(kMaster));
    QVERIFY(text.contains(QStringLiteral("BACKED UP")));
    QVERIFY(text.contains(QStringLiteral("not deleted")));
    const QString un = DeployDialog::confirmationText(Operation::Undeploy, {QStringLiteral("alpha")}, kMaster);
    QVERIFY(un.contains(QStringLiteral("alpha")));
    QVERIFY(un.contains(QStringLiteral("backup itself is kept")));
}

void TestDeployDialog::mainWindowConfirmsThenDeploys()
{
    balancer::FakeFleetBackend backend(nullptr, 3);
    backend.populate(3);
    FakeFactory factory;
    ui::MainWindow window;
    window.setBackend(&backend);
    window.setDeployJobFactory(&factory);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Nothing selected: nothing happens.
    window.fleetView()->clearSelection();
    window.requestDeploy(Operation::Deploy);
    QVERIFY(window.findChild<QMessageBox*>(QStringLiteral("deployConfirmation")) == nullptr);
    // Two nodes selected (the table allows several).
    window.fleetView()->selectAll();
    const QStringList nodes = window.selectedNodes();
    QCOMPARE(nodes.size(), 3);
    auto* deployAction = window.findChild<QAction*>(QStringLiteral("deployAction"));
    QVERIFY(deployAction);
    QVERIFY(window.fleetView()->actions().contains(deployAction));  // context menu
    deployAction->trigger();
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = window.findChild<QMessageBox*>(QStringLiteral("deployConfirmation"))) != nullptr);
    for (const QString& n : nodes)
        QVERIFY(box->text().contains(n));
    QVERIFY(box->text().contains(QStringLiteral("not deleted")));
    QVERIFY(box->defaultButton() != box->findChild<QPushButton*>(QStringLiteral("confirmDeployButton")));
    box->findChild<QPushButton*>(QStringLiteral("confirmDeployButton"))->click();
    DeployDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<DeployDialog*>()) != nullptr);
    QSignalSpy finished(dialog, &DeployDialog::allFinished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(factory.created, nodes);
    QCOMPARE(finished.first().at(0).toInt(), 3);
    dialog->cancelButton()->click();
}

void TestDeployDialog::describeCoversEveryOutcome()
{
    DeployDialog::NodeResult r;
    r.node = QStringLiteral("n");
    r.problem = QStringLiteral("no SSH target");
    QVERIFY(DeployDialog::describe(r).contains(QStringLiteral("not deployed — no SSH target")));
    r.started = true;
    r.report.failedStep = Step::WriteKeys;
    r.report.error = makeError(ErrorCode::IoError, QStringLiteral("disk full"));
    r.report.rollbackError = makeError(ErrorCode::Rejected, QStringLiteral("tor down"));
    r.report.outcome = Outcome::RollbackFailed;
    const QString d = DeployDialog::describe(r);
    QVERIFY(d.contains(QStringLiteral("disk full")));
    QVERIFY(d.contains(QStringLiteral("tor down")));
    QVERIFY(d.contains(DeployStepModel::stepName(Step::WriteKeys)));
}

// The console's real factory and job (core Deployer) on nodes that cannot be
// deployed: each is refused with its reason before any SSH connection, and
// the dialog goes on with the next node.
void TestDeployDialog::realFactoryRefusesBeforeTouchingANode()
{
    balancer::FakeFleetBackend backend(nullptr, 9);
    fleet::NodeConfig remote;
    remote.name = QStringLiteral("remote");
    remote.sshTarget = QStringLiteral("tor@192.0.2.1:22");
    remote.controlEndpoint = QStringLiteral("127.0.0.1:9051");
    remote.hiddenServiceDir = QStringLiteral("/var/lib/tor/hs");
    remote.torUser = QStringLiteral("debian-tor");
    backend.saveNodeConfig(remote);
    fleet::NodeConfig noSsh = remote;
    noSsh.name = QStringLiteral("nossh");
    noSsh.sshTarget.clear();
    backend.saveNodeConfig(noSsh);
    secrets::MemorySecretStore store;  // empty: the master key is not there
    const QString address = QStringLiteral("2clzszzj2zxouhymnw33lgycxhcr67iv6ozbuyvugjblsohckzjux7yd.onion");
    ui::FleetDeployJobFactory factory(&backend, &store, address);
    QCOMPARE(factory.sshTarget(QStringLiteral("remote")), remote.sshTarget);
    QCOMPARE(factory.masterAddress(), address);

    DeployDialog dialog(&factory, Operation::Deploy,
                        {QStringLiteral("absent"), QStringLiteral("nossh"), QStringLiteral("remote")});
    QAbstractItemModelTester tester(dialog.stepModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(&dialog, &DeployDialog::allFinished);
    dialog.start();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).toInt(), 0);
    QCOMPARE(finished.first().at(1).toInt(), 3);
    const auto& r = dialog.results();
    QCOMPARE(r.size(), 3);
    QVERIFY(!r.at(0).started);
    QVERIFY2(r.at(0).problem.contains(QStringLiteral("not in the fleet configuration")), qPrintable(r.at(0).problem));
    QVERIFY(!r.at(1).started);
    QVERIFY2(r.at(1).problem.contains(QStringLiteral("no SSH target")), qPrintable(r.at(1).problem));
    // Started, then stopped at the keychain: nothing was changed, no step ran.
    QVERIFY(r.at(2).started);
    QCOMPARE(r.at(2).report.outcome, Outcome::Failed);
    QVERIFY(!r.at(2).report.failedStep.has_value());
    QVERIFY(!r.at(2).report.error.message.isEmpty());
    QCOMPARE(dialog.stepModel()->rowCount(), 0);
    QVERIFY(dialog.summaryText().contains(QStringLiteral("remote: failed (nothing was changed on the node)")));

    // No master identity: refused at once.
    ui::FleetDeployJobFactory noMaster(&backend, &store, QString());
    auto job = noMaster.create(QStringLiteral("remote"), Operation::Deploy);
    QVERIFY(job.ok());
    const Status st = job.value()->start();
    QVERIFY(!st.ok());
    QVERIFY(st.error().message.contains(QStringLiteral("No master identity")));
    // Undeploy needs no master key.
    auto undeploy = noMaster.create(QStringLiteral("nossh"), Operation::Undeploy);
    QVERIFY(undeploy.ok());
    QCOMPARE(undeploy.value()->operation(), Operation::Undeploy);
    QCOMPARE(undeploy.value()->node(), QStringLiteral("nossh"));
}

QTEST_MAIN(TestDeployDialog)
#include "TestDeployDialog.moc"
