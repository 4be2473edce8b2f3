// End-to-end (lab, real tor): misconfigured nodes. Four nodes run the master
// key; node2 lacks HiddenServiceOnionbalanceInstance, node3's ob_config names
// another address. The publisher (the real rbctl) must flag both with the
// reason and the fix, never publish their intro points, and `rbctl status`
// must say the same. Then the diagnostic --force-include mode publishes the
// instance-less node alone, to show what the check prevents: in window B (the
// client fetches the "second" descriptor, whose period differs from the node's
// own current descriptor) the node rejects the introductions with
// "Could not get valid INTRO2 keys".

#include "LabPublish.h"

#include "hsdir/TimePeriod.h"
#include "lab/LabNetwork.h"

#include <QJsonArray>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>

using namespace rb::labpub;
using rb::lab::LabNetwork;

class TestLabMisconfiguredNode : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void misconfiguredNodesAreFlaggedAndExcluded();
    void statusReportsTheSame();
    void forcingTheNodeInShowsTheIntro2Failures();
    void cleanup();
    void cleanupTestCase();

private:
    std::optional<std::pair<quint64, bool>> clientPeriod(ClientControl& client) const;

    QTemporaryDir m_keyDir;
    QTemporaryDir m_work;
    std::optional<rb::onion::MasterIdentity> m_identity;
    LabNetwork m_lab;
    static constexpr int kVotingInterval = 10;
};

void TestLabMisconfiguredNode::initTestCase()
{
    QVERIFY(!qEnvironmentVariableIsEmpty("RB_RBCTL"));
    QVERIFY(m_keyDir.isValid());
    auto id = makeMasterKeyDir(m_keyDir.path());
    QVERIFY(id.ok());
    m_identity.emplace(std::move(id.value()));
    LabNetwork::Options o;
    o.nodes = 4;
    o.masterKeyDir = m_keyDir.path();
    o.votingInterval = kVotingInterval;
    o.nodeOpts = {QStringLiteral("2:no-instance"), QStringLiteral("3:wrong-ob-config")};
    const rb::Status st = m_lab.start(o);
    QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().toString() + m_lab.lastOutput()));
    QCOMPARE(m_lab.service(2).mode, QStringLiteral("shared-key"));
}

std::optional<std::pair<quint64, bool>> TestLabMisconfiguredNode::clientPeriod(ClientControl& client) const
{
    for (const QByteArray& l : client.getInfo("consensus/valid-after")) {
        if (l.startsWith("250-consensus/valid-after=")) {
            QDateTime va = QDateTime::fromString(QString::fromLatin1(l.mid(26)), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
            va.setTimeSpec(Qt::UTC);
            auto tp = rb::hsdir::TimePeriod::compute(va, kVotingInterval, true);
            if (tp) {
                return std::make_pair(tp->periodNumber(), tp->isInWindowA());
            }
        }
    }
    return std::nullopt;
}

void TestLabMisconfiguredNode::misconfiguredNodesAreFlaggedAndExcluded()
{
    const rb::onion::OnionAddress master = m_identity->address();
    RbctlProcess rbctl;
    QStringList args{QStringLiteral("publish"), QStringLiteral("--watch"), QStringLiteral("--json-log"),
                     QStringLiteral("--key-file"), m_keyDir.path()};
    args << nodeArgs(m_lab, {0, 1, 2, 3});
    QVERIFY(rbctl.start(args));
    auto failedNode = [&rbctl](const QString& node) {
        return rbctl.waitFor(
            [&node](const QJsonObject& e) {
                return e.value(QStringLiteral("event")).toString() == QLatin1String("node") &&
                       e.value(QStringLiteral("node")).toString() == node &&
                       e.value(QStringLiteral("config")).toString() == QLatin1String("failed");
            },
            120000);
    };
    const auto n2 = failedNode(QStringLiteral("node2"));
    QVERIFY2(n2, qPrintable(rbctl.tail()));
    const QJsonObject p2 = n2->value(QStringLiteral("problems")).toArray().first().toObject();
    QVERIFY2(p2.value(QStringLiteral("what")).toString().contains(QLatin1String("HiddenServiceOnionbalanceInstance is not set")),
             qPrintable(p2.value(QStringLiteral("what")).toString()));
    QVERIFY(p2.value(QStringLiteral("fix")).toString().contains(QLatin1String("restart tor")));
    const auto n3 = failedNode(QStringLiteral("node3"));
    QVERIFY2(n3, qPrintable(rbctl.tail()));
    const QJsonObject p3 = n3->value(QStringLiteral("problems")).toArray().first().toObject();
    QVERIFY2(p3.value(QStringLiteral("what")).toString().contains(m_lab.service(3).obMasterAddress),
             qPrintable(p3.value(QStringLiteral("what")).toString()));
    QVERIFY(p3.value(QStringLiteral("fix")).toString().contains(master.toString()));
    // A clear message in the log too.
    QVERIFY(rbctl.waitFor(
        [](const QJsonObject& e) {
            return e.value(QStringLiteral("node")).toString() == QLatin1String("node2") &&
                   e.value(QStringLiteral("message")).toString().contains(
                       QLatin1String("intro points are not published"));
        },
        10000));

    // The published descriptor: node0 and node1 only, over a minute of watching.
    ClientControl client;
    QString err;
    QVERIFY2(client.open(m_lab.client().controlPort, m_lab.client().cookiePath, &err), qPrintable(err));
    QElapsedTimer t;
    t.start();
    int goodSeen = 0;
    int fetches = 0;
    while (t.elapsed() < 240000 && (goodSeen < 3 || t.elapsed() < 60000)) {
        rbctl.poll(500);
        const FetchResult f = client.hsFetch(master, 20000);
        if (!f.found) {
            QThread::msleep(2000);
            continue;
        }
        ++fetches;
        QVERIFY(!f.introKeys.intersects(nodeIntroKeys(m_lab.service(2), master)));
        QVERIFY(!f.introKeys.intersects(nodeIntroKeys(m_lab.service(3), master)));
        const bool both = f.introKeys.intersects(nodeIntroKeys(m_lab.service(0), master)) &&
                          f.introKeys.intersects(nodeIntroKeys(m_lab.service(1), master));
        goodSeen += both ? 1 : 0;
        QThread::msleep(5000);
    }
    QVERIFY2(goodSeen >= 3, qPrintable(QStringLiteral("%1 fetches, %2 with node0+node1\n%3")
                                           .arg(fetches)
                                           .arg(goodSeen)
                                           .arg(rbctl.tail())));
    for (const QJsonObject& e : rbctl.eventsOf(QStringLiteral("publication"))) {
        const QJsonObject byNode = e.value(QStringLiteral("introPointsByNode")).toObject();
        QVERIFY(!byNode.contains(QStringLiteral("node2")));
        QVERIFY(!byNode.contains(QStringLiteral("node3")));
    }
    QCOMPARE(rbctl.terminate(), 0);
}

void TestLabMisconfiguredNode::statusReportsTheSame()
{
    // A configuration file for `rbctl status` (and publish).
    QJsonArray nodes;
    for (int i = 0; i < 4; ++i) {
        const rb::lab::TorNode n = m_lab.service(i);
        nodes.append(QJsonObject{{QStringLiteral("name"), n.nickname},
                                 {QStringLiteral("control"), QStringLiteral("127.0.0.1:%1").arg(n.controlPort)},
                                 {QStringLiteral("cookieFile"), n.cookiePath}});
    }
    const QString cfg = m_work.filePath(QStringLiteral("fleet.json"));
    QSaveFile f(cfg);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(QJsonObject{{QStringLiteral("masterAddress"), m_identity->address().toString()},
                                      {QStringLiteral("nodes"), nodes}})
                .toJson());
    QVERIFY(f.commit());
    QProcess p;
    p.start(qEnvironmentVariable("RB_RBCTL"), {QStringLiteral("status"), QStringLiteral("--config"), cfg,
                                               QStringLiteral("--json"), QStringLiteral("--timeout"),
                                               QStringLiteral("60")});
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitCode(), 0);
    const QJsonDocument d = QJsonDocument::fromJson(p.readAllStandardOutput());
    QVERIFY(d.isObject());
    const QJsonObject o = d.object();
    QCOMPARE(o.value(QStringLiteral("master")).toString(), m_identity->address().toString());
    QMap<QString, QString> config;
    for (const QJsonValue& v : o.value(QStringLiteral("nodes")).toArray()) {
        config.insert(v.toObject().value(QStringLiteral("name")).toString(),
                      v.toObject().value(QStringLiteral("config")).toString());
    }
    QCOMPARE(config.value(QStringLiteral("node0")), QStringLiteral("ok"));
    QCOMPARE(config.value(QStringLiteral("node1")), QStringLiteral("ok"));
    QCOMPARE(config.value(QStringLiteral("node2")), QStringLiteral("failed"));
    QCOMPARE(config.value(QStringLiteral("node3")), QStringLiteral("failed"));
    const QString merge = o.value(QStringLiteral("merge")).toVariant().toStringList().join(u'\n');
    QVERIFY2(merge.contains(QLatin1String("node2: excluded")), qPrintable(merge));
    QVERIFY(o.value(QStringLiteral("descriptors")).toArray().size() == 2);
    const QJsonObject pub = o.value(QStringLiteral("published")).toObject();
    QVERIFY2(pub.value(QStringLiteral("found")).toBool(), qPrintable(QJsonDocument(pub).toJson()));
    const QJsonObject byNode = pub.value(QStringLiteral("introPointsByNode")).toObject();
    QVERIFY(!byNode.contains(QStringLiteral("node2")));
    QVERIFY(!byNode.contains(QStringLiteral("node3")));
}

void TestLabMisconfiguredNode::forcingTheNodeInShowsTheIntro2Failures()
{
    const rb::onion::OnionAddress master = m_identity->address();
    const rb::lab::TorNode bad = m_lab.service(2);
    ClientControl client;
    QString err;
    QVERIFY2(client.open(m_lab.client().controlPort, m_lab.client().cookiePath, &err), qPrintable(err));

    RbctlProcess rbctl;
    QStringList args{QStringLiteral("publish"), QStringLiteral("--watch"), QStringLiteral("--json-log"),
                     QStringLiteral("--key-file"), m_keyDir.path(), QStringLiteral("--force-include"),
                     QStringLiteral("node2")};
    args << nodeArgs(m_lab, {2});
    QVERIFY(rbctl.start(args));
    QVERIFY2(rbctl.waitFor(
                 [](const QJsonObject& e) {
                     return e.value(QStringLiteral("event")).toString() == QLatin1String("publication") &&
                            e.value(QStringLiteral("introPointsByNode")).toObject().contains(QStringLiteral("node2"));
                 },
                 120000),
             qPrintable(rbctl.tail()));
    // Window B: the client fetches the "second" descriptor (period N), but the
    // node's intro points belong to its current descriptor (period N-1).
    QElapsedTimer t;
    t.start();
    auto period = clientPeriod(client);
    while (t.elapsed() < 300000 && (!period || period->second)) {
        rbctl.poll(1000);
        period = clientPeriod(client);
    }
    QVERIFY2(period && !period->second, "window B never came");
    QThread::msleep(5000);  // let rbctl republish for the new window
    rbctl.poll();
    const int before = countInFile(bad.noticeLog, "Could not get valid INTRO2 keys");
    // Forget the descriptors the client cached earlier (they carry node0/node1).
    client.command("SIGNAL NEWNYM");
    QList<ProbeResult> results;
    int after = before;
    for (int i = 0; i < 8 && after == before; ++i) {
        results.append(socksGet(m_lab.clientSocksPort(), master.toString(), "forced-" + QByteArray::number(i), 45000));
        rbctl.poll();
        after = countInFile(bad.noticeLog, "Could not get valid INTRO2 keys");
        const auto p = clientPeriod(client);
        if (p && p->second) {
            break;  // back in window A: the node's own period again
        }
    }
    int ok = 0;
    const QString summary = summarize(results, &ok);
    qInfo("MISCONFIG: forced instance-less node in window B: %d new 'Could not get valid INTRO2 keys' warnings, "
          "client connections %s",
          after - before, qPrintable(summary));
    QVERIFY2(after > before, qPrintable(summary));
    QVERIFY(ok < results.size());
    QCOMPARE(rbctl.terminate(), 0);
}

void TestLabMisconfiguredNode::cleanup()
{
    if (QTest::currentTestFailed()) {
        m_lab.setKeepLogs(true);
    }
}

void TestLabMisconfiguredNode::cleanupTestCase()
{
    (void)m_lab.stop(m_lab.keepLogs());
}

QTEST_GUILESS_MAIN(TestLabMisconfiguredNode)
#include "TestLabMisconfiguredNode.moc"
