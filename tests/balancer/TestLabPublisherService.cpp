// End-to-end (lab, real tor): the publisher as the systemd unit runs it.
// rbctl is started with EXACTLY the unit's ExecStart (packaging/systemd/
// rustbalance-publisher.service, parsed as systemd does; only the paths are
// substituted: binary, configuration, credentials directory, and the metrics
// option from RUSTBALANCE_PUBLISHER_OPTS) against three lab nodes. While a
// prober opens fresh isolated client connections to the master address:
//   - SIGHUP with an unchanged file: "reload" unchanged, no new publication;
//   - SIGHUP with a node removed, then re-added: applied, republished with
//     larger revision counters (state kept, never reset), no failed
//     connection around the reloads;
//   - SIGHUP with a broken file: refused, the publisher keeps running;
//   - GET /metrics answers with every documented series (names, types,
//     labels) and figures that match the log.

#include "LabPublish.h"
#include "PromText.h"
#include "packaging/UnitFile.h"

#include "balancer/PublisherMetrics.h"
#include "lab/LabNetwork.h"

#include <QJsonArray>
#include <QSaveFile>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace rb::labpub;
using rb::lab::LabNetwork;

class TestLabPublisherService : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void unitCommandLineReloadsWithoutAGap();
    void cleanup();
    void cleanupTestCase();

private:
    QByteArray config(const QList<int>& nodes) const;
    void writeConfig(const QList<int>& nodes);
    bool coversNodes(const QList<int>& nodes, QString* detail);

    QTemporaryDir m_keyDir;
    QTemporaryDir m_dir;
    std::optional<rb::onion::MasterIdentity> m_identity;
    LabNetwork m_lab;
    QString m_configPath;
    static constexpr int kNodes = 3;
};

void TestLabPublisherService::initTestCase()
{
    QVERIFY(!qEnvironmentVariableIsEmpty("RB_RBCTL"));
    QVERIFY(m_keyDir.isValid() && m_dir.isValid());
    auto id = makeMasterKeyDir(m_keyDir.path());
    QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().toString()));
    m_identity.emplace(std::move(id.value()));
    LabNetwork::Options o;
    o.nodes = kNodes;
    o.masterKeyDir = m_keyDir.path();
    const rb::Status st = m_lab.start(o);
    QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().toString() + m_lab.lastOutput()));
    // The credential systemd hands over (LoadCredential=master-key:...): tor's secret key file.
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("credentials"))));
    QVERIFY(QFile::copy(m_keyDir.filePath(QStringLiteral("hs_ed25519_secret_key")),
                        m_dir.filePath(QStringLiteral("credentials/master-key"))));
    m_configPath = m_dir.filePath(QStringLiteral("publisher.json"));
}

QByteArray TestLabPublisherService::config(const QList<int>& nodes) const
{
    QJsonArray arr;
    for (int i : nodes) {
        const rb::lab::TorNode n = m_lab.service(i);
        QJsonObject o{{QStringLiteral("name"), n.nickname},
                      {QStringLiteral("control"), QStringLiteral("127.0.0.1:%1").arg(n.controlPort)},
                      {QStringLiteral("cookieFile"), n.cookiePath}};
        if (n.metricsPort) {
            o.insert(QStringLiteral("metrics"), QStringLiteral("127.0.0.1:%1").arg(n.metricsPort));
        }
        arr.append(o);
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("nodes"), arr}}).toJson();
}

void TestLabPublisherService::writeConfig(const QList<int>& nodes)
{
    QSaveFile f(m_configPath);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(config(nodes));
    QVERIFY(f.commit());
}

bool TestLabPublisherService::coversNodes(const QList<int>& nodes, QString* detail)
{
    ClientControl client;
    QString err;
    if (!client.open(m_lab.client().controlPort, m_lab.client().cookiePath, &err)) {
        *detail = err;
        return false;
    }
    const FetchResult f = client.hsFetch(m_identity->address(), 20000);
    QStringList covered;
    for (int i = 0; i < kNodes; ++i) {
        if (nodeIntroKeys(m_lab.service(i), m_identity->address()).intersects(f.introKeys)) {
            covered << QString::number(i);
        }
    }
    *detail = QStringLiteral("revision %1, %2 intro points, nodes covered: %3 %4")
                  .arg(f.revision)
                  .arg(f.introKeys.size())
                  .arg(covered.join(u','), f.error);
    QStringList want;
    for (int i : nodes) {
        want << QString::number(i);
    }
    return covered == want;
}

namespace {

QByteArray httpGetMetrics(quint16 port)
{
    Tcp t;
    if (!t.connectTo(port, 10000) || !t.writeAll("GET /metrics HTTP/1.0\r\n\r\n")) {
        return {};
    }
    QByteArray in;
    while (!t.eof() && !t.timedOut()) {
        t.readSome(in);
    }
    return in;
}

quint16 freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

// Publications per descriptor since event index `from`.
QList<QJsonObject> publicationsSince(const RbctlProcess& p, qsizetype from)
{
    QList<QJsonObject> out;
    const QList<QJsonObject>& ev = p.events();
    for (qsizetype i = from; i < ev.size(); ++i) {
        if (ev.at(i).value(QStringLiteral("event")).toString() == QLatin1String("publication")) {
            out.append(ev.at(i));
        }
    }
    return out;
}

}  // namespace

void TestLabPublisherService::unitCommandLineReloadsWithoutAGap()
{
    // 1. The unit's exact command line.
    const rb::unitfile::Unit unit =
        rb::unitfile::read(QStringLiteral(RB_SOURCE_DIR "/packaging/systemd/rustbalance-publisher.service"));
    const QString exec = unit.value(QStringLiteral("Service"), QStringLiteral("ExecStart"));
    QVERIFY(!exec.isEmpty());
    const quint16 metricsPort = freePort();
    QStringList argv = rb::unitfile::commandLine(
        exec, {{QStringLiteral("CREDENTIALS_DIRECTORY"), m_dir.filePath(QStringLiteral("credentials"))},
               {QStringLiteral("RUSTBALANCE_PUBLISHER_OPTS"),
                QStringLiteral("--metrics-listen 127.0.0.1:%1").arg(metricsPort)}});
    QCOMPARE(argv.takeFirst(), QStringLiteral("/usr/bin/rbctl"));  // RbctlProcess runs the built rbctl
    const qsizetype cfg = argv.indexOf(QStringLiteral("/etc/rustbalance/publisher.json"));
    QVERIFY(cfg > 0);
    argv[cfg] = m_configPath;
    qInfo("ExecStart: %s", qPrintable(QStringLiteral("rbctl ") + argv.join(u' ')));
    writeConfig({0, 1, 2});

    RbctlProcess rbctl;
    QVERIFY(rbctl.start(argv));
    QVERIFY2(rbctl.waitFor([](const QJsonObject& e) { return e.value(QStringLiteral("event")).toString() == QLatin1String("metrics"); },
                           10000),
             qPrintable(rbctl.tail()));

    // 2. Reachable: the published descriptor covers all three nodes.
    QElapsedTimer t;
    t.start();
    QString detail;
    bool all = false;
    while (t.elapsed() < 180000 && !(all = coversNodes({0, 1, 2}, &detail))) {
        rbctl.poll(2000);
    }
    QVERIFY2(all, qPrintable(detail + QLatin1Char('\n') + rbctl.tail()));
    qInfo("descriptor covers the 3 nodes %.1f s after start (%s)", static_cast<double>(t.elapsed()) / 1000.0,
          qPrintable(detail));
    rbctl.poll();

    Prober prober(m_lab.clientSocksPort(), m_identity->address().toString(), 2000, 60000);
    prober.start();
    QTest::qWait(15000);
    rbctl.poll();
    auto lastRevision = [&rbctl]() {
        QMap<QString, quint64> rev;  // blinded key -> highest revision
        for (const QJsonObject& p : rbctl.eventsOf(QStringLiteral("publication"))) {
            const QString k = p.value(QStringLiteral("blindedKey")).toString();
            rev[k] = std::max(rev.value(k), p.value(QStringLiteral("revisionCounter")).toString().toULongLong());
        }
        return rev;
    };
    auto hup = [&rbctl](int n) -> std::optional<QJsonObject> {
        rbctl.signal(SIGHUP);
        int seen = 0;
        return rbctl.waitFor(
            [&seen, n](const QJsonObject& e) {
                return e.value(QStringLiteral("event")).toString() == QLatin1String("reload") && ++seen == n;
            },
            10000);
    };
    const qint64 firstReloadMs = msNow();

    // 3. Unchanged file: nothing to do, nothing republished.
    qsizetype mark = rbctl.events().size();
    const QMap<QString, quint64> revBefore = lastRevision();
    auto r = hup(1);
    QVERIFY2(r, qPrintable(rbctl.tail()));
    QCOMPARE(r->value(QStringLiteral("result")).toString(), QStringLiteral("unchanged"));
    QTest::qWait(10000);
    rbctl.poll();
    QVERIFY2(publicationsSince(rbctl, mark).isEmpty(), "an unchanged reload republished");

    // 4. node 2 removed: republished without it, larger counters.
    writeConfig({0, 1});
    mark = rbctl.events().size();
    r = hup(2);
    QVERIFY2(r, qPrintable(rbctl.tail()));
    QCOMPARE(r->value(QStringLiteral("result")).toString(), QStringLiteral("applied"));
    QCOMPARE(r->value(QStringLiteral("removed")).toArray().size(), 1);
    t.restart();
    QSet<QString> rebuilt;
    while (t.elapsed() < 30000 && rebuilt.size() < 2) {
        rbctl.poll(500);
        for (const QJsonObject& p : publicationsSince(rbctl, mark)) {
            if (!p.value(QStringLiteral("introPointsByNode")).toObject().contains(m_lab.service(2).nickname)) {
                rebuilt.insert(p.value(QStringLiteral("which")).toString());
            }
        }
    }
    QCOMPARE(rebuilt.size(), 2);
    for (const QJsonObject& p : publicationsSince(rbctl, mark)) {
        const QString k = p.value(QStringLiteral("blindedKey")).toString();
        QVERIFY2(p.value(QStringLiteral("revisionCounter")).toString().toULongLong() > revBefore.value(k),
                 "revision counter did not grow across the reload");
    }
    QTest::qWait(20000);

    // 5. A broken file: refused, still publishing with nodes 0 and 1.
    {
        QSaveFile f(m_configPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"nodes\": [");
        QVERIFY(f.commit());
    }
    r = hup(3);
    QVERIFY2(r, qPrintable(rbctl.tail()));
    QCOMPARE(r->value(QStringLiteral("result")).toString(), QStringLiteral("refused"));

    // 6. node 2 back.
    const QMap<QString, quint64> revWithout = lastRevision();
    writeConfig({0, 1, 2});
    mark = rbctl.events().size();
    r = hup(4);
    QVERIFY2(r, qPrintable(rbctl.tail()));
    QCOMPARE(r->value(QStringLiteral("result")).toString(), QStringLiteral("applied"));
    QCOMPARE(r->value(QStringLiteral("added")).toArray().size(), 1);
    t.restart();
    rebuilt.clear();
    while (t.elapsed() < 60000 && rebuilt.size() < 2) {
        rbctl.poll(500);
        for (const QJsonObject& p : publicationsSince(rbctl, mark)) {
            if (p.value(QStringLiteral("introPointsByNode")).toObject().contains(m_lab.service(2).nickname)) {
                rebuilt.insert(p.value(QStringLiteral("which")).toString());
            }
        }
    }
    QVERIFY2(rebuilt.size() == 2, qPrintable(rbctl.tail()));
    for (const QJsonObject& p : publicationsSince(rbctl, mark)) {
        const QString k = p.value(QStringLiteral("blindedKey")).toString();
        QVERIFY(p.value(QStringLiteral("revisionCounter")).toString().toULongLong() > revWithout.value(k));
    }
    t.restart();
    while (t.elapsed() < 90000 && !(all = coversNodes({0, 1, 2}, &detail))) {
        rbctl.poll(2000);
    }
    QVERIFY2(all, qPrintable(detail));
    QTest::qWait(10000);
    prober.stop();
    rbctl.poll();

    // 7. No failed connection from the first reload on (and few before).
    const QList<ProbeResult> results = prober.results();
    QList<ProbeResult> around;
    for (const ProbeResult& p : results) {
        if (p.startedMs >= firstReloadMs - 5000) {
            around.append(p);
        }
    }
    int okAround = 0;
    const QString sumAround = summarize(around, &okAround);
    qInfo("probes: all %s; from 5 s before the first SIGHUP: %s", qPrintable(summarize(results)), qPrintable(sumAround));
    QVERIFY(around.size() >= 20);
    QVERIFY2(okAround == around.size(), qPrintable(sumAround));

    // 8. Metrics: every documented series, labels and figures.
    const QByteArray reply = httpGetMetrics(metricsPort);
    QVERIFY2(reply.startsWith("HTTP/1.0 200 OK\r\n"), reply.left(200).constData());
    QVERIFY(reply.contains("Content-Type: text/plain; version=0.0.4"));
    const rb::promtext::Exposition e = rb::promtext::parseExposition(reply.mid(reply.indexOf("\r\n\r\n") + 4));
    QVERIFY2(e.errors.isEmpty(), qPrintable(e.errors.join(u'\n')));
    const QStringList documented = rb::balancer::PublisherMetrics::seriesNames();
    for (const QString& name : documented) {
        QVERIFY2(e.types.contains(name), qPrintable(name));
        QCOMPARE(e.types.value(name), name.endsWith(QLatin1String("_total")) ? QStringLiteral("counter")
                                                                            : QStringLiteral("gauge"));
        QVERIFY2(!e.of(name).isEmpty(), qPrintable(name + QStringLiteral(" has no sample")));
    }
    QCOMPARE(QStringList(e.types.keys()), QStringList([&documented] { QStringList s = documented; s.sort(); return s; }()));
    QSet<QString> up;
    for (const auto& s : e.of(QStringLiteral("rustbalance_node_up"))) {
        QCOMPARE(s.value, QStringLiteral("1"));
        up.insert(s.labels.value(QStringLiteral("node")));
    }
    QCOMPARE(up.size(), kNodes);
    for (const auto& s : e.of(QStringLiteral("rustbalance_node_intro2_errors_total"))) {
        QVERIFY(QStringList({QStringLiteral("could_not_get_keys"), QStringLiteral("invalid_introduce2"),
                             QStringLiteral("subcredential"), QStringLiteral("bad_auth_key"), QStringLiteral("replay")})
                    .contains(s.labels.value(QStringLiteral("kind"))));
    }
    for (const auto& s : e.of(QStringLiteral("rustbalance_hsdir_upload_state"))) {
        QCOMPARE(s.labels.value(QStringLiteral("hsdir")).size(), 40);
        QVERIFY(!s.labels.value(QStringLiteral("descriptor")).isEmpty());
    }
    int uploaded = 0;
    for (const auto& s : e.of(QStringLiteral("rustbalance_hsdir_uploads_total"))) {
        uploaded += s.labels.value(QStringLiteral("state")) == QLatin1String("uploaded") ? s.value.toInt() : 0;
    }
    QVERIFY(uploaded > 0);
    const QList<QJsonObject> pubs = rbctl.eventsOf(QStringLiteral("publication"));
    for (const QString& which : {QStringLiteral("first"), QStringLiteral("second")}) {
        int n = 0;
        QString lastRev;
        for (const QJsonObject& p : pubs) {
            if (p.value(QStringLiteral("which")).toString() == which) {
                ++n;
                lastRev = p.value(QStringLiteral("revisionCounter")).toString();
            }
        }
        for (const auto& s : e.of(QStringLiteral("rustbalance_publications_total"))) {
            if (s.labels.value(QStringLiteral("descriptor")) == which) {
                QCOMPARE(s.value.toInt(), n);
            }
        }
        for (const auto& s : e.of(QStringLiteral("rustbalance_revision_counter"))) {
            if (s.labels.value(QStringLiteral("descriptor")) == which) {
                QCOMPARE(s.value, lastRev);
            }
        }
        for (const auto& s : e.of(QStringLiteral("rustbalance_last_successful_publication_timestamp_seconds"))) {
            if (s.labels.value(QStringLiteral("descriptor")) == which) {
                QVERIFY(s.value.toDouble() > static_cast<double>(QDateTime::currentSecsSinceEpoch() - 600));
            }
        }
    }
    QCOMPARE(e.of(QStringLiteral("rustbalance_config_reloads_total")).value(0).value, QStringLiteral("3"));
    qInfo("metrics: %lld samples in %lld families; %d HSDir uploads confirmed",
          static_cast<long long>(e.samples.size()), static_cast<long long>(e.types.size()), uploaded);

    QCOMPARE(rbctl.terminate(20000), 0);
}

void TestLabPublisherService::cleanup()
{
    if (QTest::currentTestFailed()) {
        m_lab.setKeepLogs(true);
    }
}

void TestLabPublisherService::cleanupTestCase()
{
    (void)m_lab.stop(m_lab.keepLogs());
}

QTEST_GUILESS_MAIN(TestLabPublisherService)
#include "TestLabPublisherService.moc"
