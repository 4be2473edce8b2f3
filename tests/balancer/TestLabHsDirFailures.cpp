// End-to-end (lab, real tor): HSDirs that refuse or never answer.
//  1. Refusal: before rbctl starts, the test posts (HSPOST through a node)
//     a descriptor for each slot whose revision counter is tor's OPE value
//     ~45 s in the future. rbctl's uploads are then refused with
//     UPLOAD_REJECTED; it must report them, rebuild with fresh counters and
//     retry with back-off until the HSDirs accept (once its counter passes).
//  2. Silence: one HSDir relay is frozen (SIGSTOP). HSPOST emits nothing at
//     all for it; rbctl must time the upload out, report it, and succeed on a
//     retry after the relay is resumed (SIGCONT).

#include "LabPublish.h"

#include "descriptor/DescriptorBuilder.h"
#include "hsdir/Consensus.h"
#include "hsdir/HsDirRing.h"
#include "hsdir/TimePeriod.h"
#include "lab/LabNetwork.h"
#include "onion/RevisionCounter.h"

#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace rb::labpub;
using rb::lab::LabNetwork;

namespace {

QByteArray dataValue(const QList<QByteArray>& lines)
{
    // "250+key=" then the data lines then "250 OK".
    QByteArray out;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (lines.at(i).startsWith("250 ")) {
            break;
        }
        out += (lines.at(i).startsWith("..") ? lines.at(i).mid(1) : lines.at(i)) + '\n';
    }
    return out;
}

}  // namespace

class TestLabHsDirFailures : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void refusedUploadsAreRetriedWithLargerCounters();
    void silentHsDirTimesOutAndIsRetried();
    void cleanup();
    void cleanupTestCase();

private:
    QTemporaryDir m_keyDir;
    std::optional<rb::onion::MasterIdentity> m_identity;
    LabNetwork m_lab;
    qint64 m_stoppedPid = 0;
};

void TestLabHsDirFailures::initTestCase()
{
    QVERIFY(!qEnvironmentVariableIsEmpty("RB_RBCTL"));
    QVERIFY(m_keyDir.isValid());
    auto id = makeMasterKeyDir(m_keyDir.path());
    QVERIFY(id.ok());
    m_identity.emplace(std::move(id.value()));
    LabNetwork::Options o;
    o.nodes = 2;
    o.masterKeyDir = m_keyDir.path();
    const rb::Status st = m_lab.start(o);
    QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().toString() + m_lab.lastOutput()));
}

void TestLabHsDirFailures::refusedUploadsAreRetriedWithLargerCounters()
{
    const rb::onion::OnionAddress master = m_identity->address();
    const rb::lab::TorNode node0 = m_lab.service(0);
    ClientControl ctl;
    QString err;
    QVERIFY2(ctl.open(node0.controlPort, node0.cookiePath, &err), qPrintable(err));
    // The node's own intro points (to make a valid decoy) once it has them.
    QElapsedTimer t;
    t.start();
    QSet<QByteArray> own;
    while (t.elapsed() < 120000 && (own = nodeIntroKeys(node0, master)).isEmpty()) {
        QThread::msleep(1000);
    }
    QVERIFY(!own.isEmpty());
    const QList<QByteArray> descLines = ctl.getInfo("hs/service/desc/id/" + master.serviceId().toLatin1());
    rb::descriptor::DecodeOptions dopt;
    dopt.expectedSendmeIncrement = -1;
    auto nodeDesc = rb::descriptor::DescriptorDecoder::decode(master.publicKey(), dataValue(descLines), dopt);
    QVERIFY(nodeDesc.ok());

    // The consensus as the node sees it → plans and responsible HSDirs.
    auto consensus = rb::hsdir::Consensus::parse(dataValue(ctl.getInfo("dir/status-vote/current/consensus-microdesc")));
    QVERIFY(consensus.ok());
    QVERIFY(consensus->attachMicrodescriptors(dataValue(ctl.getInfo("md/all"))).ok());
    auto tp = rb::hsdir::TimePeriod::fromConsensus(*consensus, true);
    QVERIFY(tp.ok());
    const rb::hsdir::HsDirRing ring(*consensus);

    ctl.command("SETEVENTS HS_DESC");
    QSet<QString> decoyDirs;
    const qint64 lead = 45;
    for (int slot = 0; slot < 2; ++slot) {
        const rb::hsdir::DescriptorPlan plan = slot == 0 ? tp->first() : tp->second();
        const auto bsk = m_identity->blindedExpandedKey(plan.periodNumber, plan.periodLengthMinutes).value();
        rb::descriptor::DescriptorBuildParams p;
        p.timePeriod = plan.periodNumber;
        p.periodLengthMinutes = plan.periodLengthMinutes;
        p.revisionCounter =
            rb::onion::RevisionCounter::compute(bsk, QDateTime::currentSecsSinceEpoch() + lead - plan.srvStartSecs);
        p.introPoints = nodeDesc->inner.introPoints;
        auto built = rb::descriptor::DescriptorBuilder::build(m_identity->expandedKey(), m_identity->publicKey(), p);
        QVERIFY(built.ok());
        QByteArray cmd = "+HSPOST";
        for (const auto& r : ring.responsibleForUpload(built->blindedPublicKey, plan)) {
            cmd += " SERVER=" + r.fingerprintHex().toLatin1();
            decoyDirs.insert(r.fingerprintHex());
        }
        cmd += " HSADDRESS=" + master.serviceId().toLatin1() + "\r\n";
        for (QByteArray line : built->text.split('\n')) {
            if (line.startsWith('.')) {
                line.prepend('.');
            }
            cmd += line + "\r\n";
        }
        cmd += ".";
        const QList<QByteArray> r = ctl.command(cmd, 30000);
        QVERIFY2(!r.isEmpty() && r.last().startsWith("250"), r.isEmpty() ? "no answer" : r.last().constData());
    }
    QThread::msleep(5000);  // let the decoys land

    // rbctl now publishes with counters below the decoys' for ~45 s.
    RbctlProcess rbctl;
    QStringList args{QStringLiteral("publish"), QStringLiteral("--watch"), QStringLiteral("--json-log"),
                     QStringLiteral("--key-file"), m_keyDir.path()};
    args << nodeArgs(m_lab, {0, 1});
    QVERIFY(rbctl.start(args));
    const qint64 started = msNow();
    auto rejected = rbctl.waitFor(
        [](const QJsonObject& e) {
            return e.value(QStringLiteral("event")).toString() == QLatin1String("upload") &&
                   e.value(QStringLiteral("state")).toString() == QLatin1String("failed") &&
                   e.value(QStringLiteral("reason")).toString() == QLatin1String("UPLOAD_REJECTED");
        },
        120000);
    QVERIFY2(rejected, qPrintable(rbctl.tail()));
    const QString dir = rejected->value(QStringLiteral("hsdir")).toString();
    const QString which = rejected->value(QStringLiteral("which")).toString();
    QVERIFY(decoyDirs.contains(dir));
    QVERIFY(!rejected->value(QStringLiteral("nextRetry")).toString().isEmpty());
    // Later the same HSDir takes a rebuilt descriptor.
    auto accepted = rbctl.waitFor(
        [&dir, &which](const QJsonObject& e) {
            return e.value(QStringLiteral("event")).toString() == QLatin1String("upload") &&
                   e.value(QStringLiteral("hsdir")).toString() == dir &&
                   e.value(QStringLiteral("which")).toString() == which &&
                   e.value(QStringLiteral("state")).toString() == QLatin1String("uploaded");
        },
        240000);
    QVERIFY2(accepted, qPrintable(rbctl.tail(80)));
    int refusals = 0;
    for (const QJsonObject& e : rbctl.eventsOf(QStringLiteral("upload"))) {
        refusals += e.value(QStringLiteral("reason")).toString() == QLatin1String("UPLOAD_REJECTED") ? 1 : 0;
    }
    // Rebuilt descriptors carry strictly larger counters.
    QMap<QString, quint64> lastCounter;
    int rebuilds = 0;
    for (const QJsonObject& e : rbctl.eventsOf(QStringLiteral("publication"))) {
        const QString key = e.value(QStringLiteral("blindedKey")).toString();
        const quint64 c = e.value(QStringLiteral("revisionCounter")).toString().toULongLong();
        QVERIFY(c > lastCounter.value(key));
        rebuilds += lastCounter.contains(key) ? 1 : 0;
        lastCounter.insert(key, c);
    }
    QVERIFY(rebuilds >= 1);
    qInfo("REFUSAL: %d UPLOAD_REJECTED answers, %d rebuilds with fresh counters; HSDir %s accepted the %s "
          "descriptor %.1f s after rbctl started (decoy counter ~%lld s ahead)",
          refusals, rebuilds, qPrintable(dir), qPrintable(which),
          static_cast<double>(msNow() - started) / 1000.0,
          static_cast<long long>(lead));
    QCOMPARE(rbctl.terminate(), 0);
}

void TestLabHsDirFailures::silentHsDirTimesOutAndIsRetried()
{
    const rb::onion::OnionAddress master = m_identity->address();
    // A plain relay that is responsible for our first descriptor.
    const rb::lab::TorNode node0 = m_lab.service(0);
    ClientControl ctl;
    QString err;
    QVERIFY2(ctl.open(node0.controlPort, node0.cookiePath, &err), qPrintable(err));
    auto consensus = rb::hsdir::Consensus::parse(dataValue(ctl.getInfo("dir/status-vote/current/consensus-microdesc")));
    QVERIFY(consensus.ok());
    QVERIFY(consensus->attachMicrodescriptors(dataValue(ctl.getInfo("md/all"))).ok());
    auto tp = rb::hsdir::TimePeriod::fromConsensus(*consensus, true);
    QVERIFY(tp.ok());
    const rb::hsdir::HsDirRing ring(*consensus);
    const auto plan = tp->first();
    const QByteArray blinded = m_identity->blindedPublicKey(plan.periodNumber, plan.periodLengthMinutes).value();
    QSet<QString> responsible;
    for (const auto& r : ring.responsibleForUpload(blinded, plan)) {
        responsible.insert(r.fingerprintHex());
    }
    rb::lab::TorNode victim;
    for (const rb::lab::TorNode& r : m_lab.relays()) {
        if (!r.exit && responsible.contains(r.fingerprint.toUpper()) && r.pid > 0) {
            victim = r;
            break;
        }
    }
    if (victim.pid == 0) {
        for (const rb::lab::TorNode& r : m_lab.relays()) {
            if (responsible.contains(r.fingerprint.toUpper()) && r.pid > 0) {
                victim = r;
                break;
            }
        }
    }
    QVERIFY2(victim.pid > 0, "no relay of the lab is responsible for the first descriptor");
    QVERIFY(::kill(static_cast<pid_t>(victim.pid), SIGSTOP) == 0);
    m_stoppedPid = victim.pid;

    RbctlProcess rbctl;
    QStringList args{QStringLiteral("publish"), QStringLiteral("--watch"), QStringLiteral("--json-log"),
                     QStringLiteral("--key-file"), m_keyDir.path(), QStringLiteral("--upload-timeout"),
                     QStringLiteral("15")};
    args << nodeArgs(m_lab, {0, 1});
    QVERIFY(rbctl.start(args));
    const QString fp = victim.fingerprint.toUpper();
    auto timedOut = rbctl.waitFor(
        [&fp](const QJsonObject& e) {
            return e.value(QStringLiteral("event")).toString() == QLatin1String("upload") &&
                   e.value(QStringLiteral("hsdir")).toString() == fp &&
                   e.value(QStringLiteral("state")).toString() == QLatin1String("timeout");
        },
        150000);
    QVERIFY2(timedOut, qPrintable(rbctl.tail(60)));
    QVERIFY(timedOut->value(QStringLiteral("reason")).toString().contains(QLatin1String("timeout")));
    QVERIFY(!timedOut->value(QStringLiteral("nextRetry")).toString().isEmpty());
    // It is retried (with back-off) while the HSDir stays silent: the retry times out too.
    auto retried = rbctl.waitFor(
        [&fp](const QJsonObject& e) {
            return e.value(QStringLiteral("event")).toString() == QLatin1String("upload") &&
                   e.value(QStringLiteral("hsdir")).toString() == fp &&
                   e.value(QStringLiteral("state")).toString() == QLatin1String("timeout") &&
                   e.value(QStringLiteral("attempts")).toInt() >= 2;
        },
        120000);
    QVERIFY2(retried, qPrintable(rbctl.tail(60)));
    // The other HSDirs took it meanwhile.
    QVERIFY(rbctl.waitFor(
        [](const QJsonObject& e) {
            return e.value(QStringLiteral("event")).toString() == QLatin1String("upload") &&
                   e.value(QStringLiteral("state")).toString() == QLatin1String("uploaded");
        },
        60000));
    QVERIFY(::kill(static_cast<pid_t>(victim.pid), SIGCONT) == 0);
    m_stoppedPid = 0;
    const qint64 resumed = msNow();
    auto uploaded = rbctl.waitFor(
        [&fp](const QJsonObject& e) {
            return e.value(QStringLiteral("event")).toString() == QLatin1String("upload") &&
                   e.value(QStringLiteral("hsdir")).toString() == fp &&
                   e.value(QStringLiteral("state")).toString() == QLatin1String("uploaded");
        },
        240000);
    QVERIFY2(uploaded, qPrintable(rbctl.tail(60)));
    qInfo("SILENT HSDIR: %s (%s) timed out after 15 s on attempts 1 and %d; stored the descriptor %.1f s after it "
          "was resumed (attempt %d)",
          qPrintable(victim.nickname), qPrintable(fp), retried->value(QStringLiteral("attempts")).toInt(),
          static_cast<double>(msNow() - resumed) / 1000.0, uploaded->value(QStringLiteral("attempts")).toInt());
    QVERIFY(uploaded->value(QStringLiteral("attempts")).toInt() >= 2);
    QCOMPARE(rbctl.terminate(), 0);
}

void TestLabHsDirFailures::cleanup()
{
    if (m_stoppedPid > 0) {
        ::kill(static_cast<pid_t>(m_stoppedPid), SIGCONT);
        m_stoppedPid = 0;
    }
    if (QTest::currentTestFailed()) {
        m_lab.setKeepLogs(true);
    }
}

void TestLabHsDirFailures::cleanupTestCase()
{
    if (m_stoppedPid > 0) {
        ::kill(static_cast<pid_t>(m_stoppedPid), SIGCONT);
    }
    (void)m_lab.stop(m_lab.keepLogs());
}

QTEST_GUILESS_MAIN(TestLabHsDirFailures)
#include "TestLabHsDirFailures.moc"
