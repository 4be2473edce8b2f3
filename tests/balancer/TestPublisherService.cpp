// The 24/7 publisher service without tor: the Prometheus text (every
// documented series with HELP/TYPE, label escaping), the HTTP endpoint
// (loopback only, GET /metrics, 404/405/400), the Publisher's node changes
// while running (remove / re-add / replace keep the publication state:
// counters only grow, totals keep counting) against scripted control ports,
// and `rbctl publish --watch --config` reloading on SIGHUP through the real
// binary (added / removed / changed / unchanged / refused, metrics served).

#include "FakeTorNode.h"
#include "PromText.h"

#include "balancer/MetricsServer.h"
#include "balancer/Publisher.h"
#include "balancer/PublisherMetrics.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>
#include <thread>

using namespace rb::balancer;
using rb::test::FakeTorNode;
using rb::promtext::Exposition;
using rb::promtext::Sample;
using rb::promtext::parseExposition;

namespace {

QByteArray httpGet(quint16 port, const QByteArray& request)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!s.waitForConnected(5000)) {
        return {};
    }
    s.write(request);
    QByteArray out;
    while (s.state() == QAbstractSocket::ConnectedState && s.waitForReadyRead(5000)) {
        out += s.readAll();
    }
    out += s.readAll();
    return out;
}

quint16 closedPort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    const quint16 port = s.serverPort();
    s.close();
    return port;
}

QString writeFile(const QString& path, const QByteArray& data)
{
    QSaveFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(data);
    f.commit();
    return path;
}

}  // namespace

class TestPublisherService : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void renderHasEveryDocumentedSeries();
    void labelValuesAreEscaped();
    void listenAddressIsLoopbackOnly();
    void httpRequests();
    void endpointServesOverTcp();
    void nodeChangesKeepPublicationState();
    void rbctlReloadsOnSighup();

private:
    static PublisherSettings fastSettings();
    void setUpNode(FakeTorNode& tor, const rb::test::NodeDescriptor& d);

    std::optional<rb::onion::MasterIdentity> m_master;
    rb::test::FakeConsensus m_consensus;
    QTemporaryDir m_hsDir;
    QTemporaryDir m_dir;
};

PublisherSettings TestPublisherService::fastSettings()
{
    PublisherSettings s;
    s.debounceMs = 50;
    s.nodeLostDebounceMs = 20;
    s.uploadTimeoutMs = 800;
    s.uploadRetry = BackoffPolicy{200, 1000, 2.0, 0.0};
    s.consensusPollMs = 200;
    s.sendFailureRetryMs = 100;
    s.session.reconnect = BackoffPolicy{100, 400, 2.0, 0.0};
    s.session.harvestDebounceMs = 50;
    s.session.followUpRereadMs = 200;
    s.session.commandTimeoutMs = 3000;
    return s;
}

void TestPublisherService::initTestCase()
{
    auto id = rb::onion::MasterIdentity::generate();
    QVERIFY(id.ok());
    m_master.emplace(std::move(id.value()));
    m_consensus = rb::test::makeFakeConsensus(12);
    QVERIFY(m_hsDir.isValid());
    QVERIFY(m_dir.isValid());
    QFile ob(m_hsDir.filePath(QStringLiteral("ob_config")));
    QVERIFY(ob.open(QIODevice::WriteOnly));
    ob.write("MasterOnionAddress " + m_master->address().toString().toLatin1() + "\n");
}

void TestPublisherService::setUpNode(FakeTorNode& tor, const rb::test::NodeDescriptor& d)
{
    tor.masterId = m_master->address().serviceId().toLatin1();
    tor.descriptorText = d.text;
    tor.circuitLines = FakeTorNode::introCircuits(d.introPoints, tor.masterId);
    tor.hsOptions = {"HiddenServiceDir=" + m_hsDir.path().toLatin1(), "HiddenServiceOnionBalanceInstance=1"};
    tor.consensusText = m_consensus.text;
    tor.microdescriptors = m_consensus.microdescriptors;
    tor.validAfter = m_consensus.validAfter;
}

void TestPublisherService::renderHasEveryDocumentedSeries()
{
    MetricsSnapshot s;
    s.master = QStringLiteral("abc.onion");
    s.publications[0] = 3;
    s.publications[1] = 2;
    s.lastUploaded[0] = QDateTime::fromMSecsSinceEpoch(1700000000500, Qt::UTC);
    s.revision[0] = 123456789;
    s.revision[1] = 987;
    s.introPoints[0] = 6;
    s.introPoints[1] = 6;
    s.introPointsByNode[0] = {{QStringLiteral("n1"), 4}, {QStringLiteral("n2"), 2}};
    s.uploadTotals.append({QStringLiteral("first"), QStringLiteral("AA11"), QStringLiteral("hs1"), UploadState::Uploaded, 5});
    s.uploadTotals.append({QStringLiteral("first"), QStringLiteral("AA11"), QStringLiteral("hs1"), UploadState::TimedOut, 1});
    s.uploadCurrent.append({QStringLiteral("second"), QStringLiteral("BB22"), QStringLiteral("hs2"), UploadState::Failed, 1});
    s.reloads = 2;
    NodeHealth n1;
    n1.name = QStringLiteral("n1");
    n1.connection = ConnectionState::Connected;
    n1.configCheck = ConfigCheck::Ok;
    n1.introEstablished = 3;
    n1.introExpected = 3;
    n1.intro2.couldNotGetKeysWarnings = 7;
    n1.intro2.replay = 1;
    NodeHealth n2;
    n2.name = QStringLiteral("n2");
    n2.connection = ConnectionState::BackingOff;
    s.nodes = {n1, n2};

    const Exposition e = parseExposition(PublisherMetrics::render(s));
    QVERIFY2(e.errors.isEmpty(), qPrintable(e.errors.join(u'\n')));
    const QStringList names = PublisherMetrics::seriesNames();
    QCOMPARE(names.size(), 14);
    for (const QString& n : names) {
        QVERIFY2(n.startsWith(QLatin1String("rustbalance_")), qPrintable(n));
        QVERIFY2(e.types.contains(n), qPrintable(n));
        QVERIFY2(!e.help.value(n).isEmpty(), qPrintable(n));
        QCOMPARE(e.types.value(n), n.endsWith(QLatin1String("_total")) ? QStringLiteral("counter") : QStringLiteral("gauge"));
        QVERIFY2(!e.of(n).isEmpty(), qPrintable(n));  // every family has samples here
    }
    QCOMPARE(e.types.size(), names.size());
    // value("name", "label=value;label=value")
    auto value = [&e](const char* name, const char* labelSpec) {
        QMap<QString, QString> labels;
        for (const QString& kv : QString::fromLatin1(labelSpec).split(u';', Qt::SkipEmptyParts)) {
            labels.insert(kv.section(u'=', 0, 0), kv.section(u'=', 1));
        }
        for (const Sample& smp : e.of(QString::fromLatin1(name))) {
            if (smp.labels == labels) {
                return smp.value;
            }
        }
        return QStringLiteral("<none>");
    };
    QCOMPARE(value("rustbalance_publisher_info", "master=abc.onion"),
             QStringLiteral("1"));
    QCOMPARE(value("rustbalance_publications_total", "descriptor=first"),
             QStringLiteral("3"));
    QCOMPARE(value("rustbalance_publications_total", "descriptor=second"),
             QStringLiteral("2"));
    QCOMPARE(value("rustbalance_last_successful_publication_timestamp_seconds", "descriptor=first"),
             QStringLiteral("1700000000.500"));
    QCOMPARE(value("rustbalance_last_successful_publication_timestamp_seconds", "descriptor=second"),
             QStringLiteral("0"));
    QCOMPARE(value("rustbalance_revision_counter", "descriptor=first"),
             QStringLiteral("123456789"));
    QCOMPARE(value("rustbalance_hsdir_uploads_total", "descriptor=first;hsdir=AA11;nickname=hs1;state=timeout"),
             QStringLiteral("1"));
    // One-hot current state: 4 samples for the HSDir, only "failed" is 1.
    QCOMPARE(e.of(QStringLiteral("rustbalance_hsdir_upload_state")).size(), 4);
    for (const Sample& smp : e.of(QStringLiteral("rustbalance_hsdir_upload_state"))) {
        QCOMPARE(smp.value, smp.labels.value(QStringLiteral("state")) == QLatin1String("failed") ? QStringLiteral("1")
                                                                                                : QStringLiteral("0"));
    }
    QCOMPARE(value("rustbalance_config_reloads_total", ""), QStringLiteral("2"));
    QCOMPARE(value("rustbalance_node_up", "node=n1"), QStringLiteral("1"));
    QCOMPARE(value("rustbalance_node_up", "node=n2"), QStringLiteral("0"));
    QCOMPARE(value("rustbalance_node_config_ok", "node=n2"),
             QStringLiteral("0"));
    QCOMPARE(value("rustbalance_node_intro_points_established", "node=n1"),
             QStringLiteral("3"));
    QCOMPARE(value("rustbalance_node_intro_points_published", "node=n1;descriptor=first"),
             QStringLiteral("4"));
    QCOMPARE(value("rustbalance_node_intro_points_published", "node=n2;descriptor=second"),
             QStringLiteral("0"));
    QCOMPARE(value("rustbalance_node_intro2_errors_total", "node=n1;kind=could_not_get_keys"),
             QStringLiteral("7"));
    QCOMPARE(value("rustbalance_node_intro2_errors_total", "node=n1;kind=replay"),
             QStringLiteral("1"));
    QCOMPARE(e.of(QStringLiteral("rustbalance_node_intro2_errors_total")).size(), 10);  // 5 kinds x 2 nodes
}

void TestPublisherService::labelValuesAreEscaped()
{
    const QString escaped = PublisherMetrics::escapeLabel(QStringLiteral("a\"b\\c\nd"));
    QCOMPARE(escaped, QStringLiteral("a\\\"b\\\\c\\nd"));
    MetricsSnapshot s;
    s.master = QStringLiteral("x");
    NodeHealth n;
    n.name = QStringLiteral("we\"ird\\name\nx");
    s.nodes = {n};
    const QByteArray text = PublisherMetrics::render(s);
    QVERIFY(text.contains("rustbalance_node_up{node=\"we\\\"ird\\\\name\\nx\"} 0"));
    const Exposition e = parseExposition(text);
    QVERIFY2(e.errors.isEmpty(), qPrintable(e.errors.join(u'\n')));
    QCOMPARE(e.of(QStringLiteral("rustbalance_node_up")).value(0).labels.value(QStringLiteral("node")), n.name);
}

void TestPublisherService::listenAddressIsLoopbackOnly()
{
    auto a = MetricsServer::parseListen(QStringLiteral("127.0.0.1:9420"));
    QVERIFY(a.ok());
    QCOMPARE(a->port, quint16(9420));
    QVERIFY(a->host.isLoopback());
    QVERIFY(MetricsServer::parseListen(QStringLiteral("[::1]:9420")).ok());
    QVERIFY(MetricsServer::parseListen(QStringLiteral("localhost:1")).ok());
    QVERIFY(MetricsServer::parseListen(QStringLiteral("127.0.0.1:0")).ok());  // a free port
    for (const char* bad : {"0.0.0.0:9420", "192.168.1.2:9420", "[::]:9420", "example.org:9420", "9420",
                            "127.0.0.1:70000", "127.0.0.1:x", ":9420"}) {
        const auto r = MetricsServer::parseListen(QString::fromLatin1(bad));
        QVERIFY2(!r.ok(), bad);
        QVERIFY(r.error().message.contains(QLatin1String("--metrics-listen")));
    }
    QVERIFY(MetricsServer::parseListen(QStringLiteral("0.0.0.0:9420")).error().message.contains(QLatin1String("loopback")));
    MetricsServer server([]() { return QByteArray(); });
    QVERIFY(!server.listen(ListenAddress{QHostAddress(QHostAddress::AnyIPv4), 0}).ok());
}

void TestPublisherService::httpRequests()
{
    const MetricsServer::Renderer r = []() { return QByteArray("x 1\n"); };
    QByteArray ok = MetricsServer::respond("GET /metrics HTTP/1.0\r\n\r\n", r);
    QVERIFY(ok.startsWith("HTTP/1.0 200 OK\r\n"));
    QVERIFY(ok.contains("\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"));
    QVERIFY(ok.contains("\r\nContent-Length: 4\r\n"));
    QVERIFY(ok.endsWith("\r\n\r\nx 1\n"));
    QVERIFY(MetricsServer::respond("GET /metrics?x=1 HTTP/1.1\r\nHost: a\r\n\r\n", r).startsWith("HTTP/1.0 200"));
    const QByteArray head = MetricsServer::respond("HEAD /metrics HTTP/1.0\r\n\r\n", r);
    QVERIFY(head.startsWith("HTTP/1.0 200") && head.endsWith("\r\n\r\n"));
    QVERIFY(MetricsServer::respond("GET / HTTP/1.0\r\n\r\n", r).startsWith("HTTP/1.0 404"));
    QVERIFY(MetricsServer::respond("POST /metrics HTTP/1.0\r\n\r\n", r).startsWith("HTTP/1.0 405"));
    QVERIFY(MetricsServer::respond("GARBAGE\r\n\r\n", r).startsWith("HTTP/1.0 400"));
}

void TestPublisherService::endpointServesOverTcp()
{
    int calls = 0;
    MetricsServer server([&calls]() {
        ++calls;
        return QByteArray("rustbalance_test 1\n");
    });
    QVERIFY(server.listen(MetricsServer::parseListen(QStringLiteral("127.0.0.1:0")).value()).ok());
    QVERIFY(server.port() != 0);
    QByteArray reply;
    // The server lives on this thread's event loop: talk to it from a worker.
    std::thread client([&reply, port = server.port()]() { reply = httpGet(port, "GET /metrics HTTP/1.0\r\n\r\n"); });
    QTRY_VERIFY_WITH_TIMEOUT(server.requestsServed() == 1, 5000);
    QTest::qWait(100);
    client.join();
    QVERIFY2(reply.startsWith("HTTP/1.0 200 OK"), reply.constData());
    QVERIFY(reply.endsWith("rustbalance_test 1\n"));
    QCOMPARE(calls, 1);
    // A client that never finishes its request is cut off; the server keeps serving.
    QByteArray second;
    std::thread slow([&second, port = server.port()]() {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, port);
        s.waitForConnected(2000);
        s.write("GET /metr");
        s.waitForBytesWritten(1000);
        second = httpGet(port, "GET /nothing HTTP/1.0\r\n\r\n");
    });
    QTRY_VERIFY_WITH_TIMEOUT(server.requestsServed() == 2, 5000);
    QTest::qWait(100);
    slow.join();
    QVERIFY(second.startsWith("HTTP/1.0 404"));
}

void TestPublisherService::nodeChangesKeepPublicationState()
{
    FakeTorNode a;
    FakeTorNode b;
    const auto descA = rb::test::makeNodeDescriptor(*m_master, 20489, 3);
    const auto descB = rb::test::makeNodeDescriptor(*m_master, 20489, 3);
    setUpNode(a, descA);
    setUpNode(b, descB);
    auto id = rb::onion::MasterIdentity::fromExpanded(m_master->expandedKey().clone());
    Publisher publisher(std::move(id.value()), fastSettings());
    auto endpoint = [](const QString& name, quint16 port) {
        NodeEndpoint e = NodeEndpoint::direct(name, ControlAddress::tcp(QStringLiteral("127.0.0.1"), port));
        e.useAdvertisedCookie = false;
        return e;
    };
    QVERIFY(publisher.addNode(endpoint(QStringLiteral("n1"), a.port()), {}).ok());
    QVERIFY(publisher.addNode(endpoint(QStringLiteral("n2"), b.port()), {}).ok());
    QSignalSpy built(&publisher, &Publisher::descriptorBuilt);
    publisher.start();
    QTRY_VERIFY_WITH_TIMEOUT(publisher.uploadsSettled() && publisher.replicaCriterionMet(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(publisher.publication().first.introPointCount, 6, 5000);
    const PublicationState before = publisher.publication();
    const quint64 pubs0 = publisher.counters().publications[0];
    QVERIFY(pubs0 >= 1);
    QCOMPARE(publisher.counters().uploads.size(), 16);  // 2 descriptors x 8 HSDirs, all "uploaded" once
    QVERIFY(publisher.counters().lastUploaded[0].isValid());

    // Remove n2: rebuilt with n1 only, counters grow, totals keep counting.
    publisher.removeNode(QStringLiteral("n2"));
    QTRY_VERIFY_WITH_TIMEOUT(publisher.publication().first.introPointsByNode ==
                                 (QMap<QString, int>{{QStringLiteral("n1"), 3}}),
                             5000);
    QVERIFY(publisher.publication().first.revisionCounter > before.first.revisionCounter);
    QVERIFY(publisher.counters().publications[0] > pubs0);
    QCOMPARE(publisher.nodes().size(), 1);

    // Re-add n2: both nodes again, still a larger counter.
    const quint64 counterWithout = publisher.publication().first.revisionCounter;
    QVERIFY(publisher.addNode(endpoint(QStringLiteral("n2"), b.port()), {}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(publisher.publication().first.introPointCount, 6, 10000);
    QVERIFY(publisher.publication().first.revisionCounter > counterWithout);
    QTRY_VERIFY_WITH_TIMEOUT(publisher.uploadsSettled(), 10000);

    // Replace n1 with the same endpoint: same position, same intro points once it
    // reconnects; the publication state is the same object (counters only grow).
    const quint64 pubsBeforeReplace = publisher.counters().publications[0];
    QVERIFY(publisher.replaceNode(endpoint(QStringLiteral("n1"), a.port()), {}).ok());
    QVERIFY(!publisher.replaceNode(endpoint(QStringLiteral("nope"), a.port()), {}).ok());
    QCOMPARE(publisher.nodes().first().name, QStringLiteral("n1"));
    QTRY_VERIFY_WITH_TIMEOUT(publisher.session(QStringLiteral("n1"))->isEligible(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(publisher.publication().first.introPointCount, 6, 10000);
    QVERIFY(publisher.counters().publications[0] >= pubsBeforeReplace);
    QMap<QByteArray, quint64> last;
    for (const auto& args : built) {
        const auto d = args.at(0).value<DescriptorPublication>();
        QVERIFY2(d.revisionCounter > last.value(d.blindedKey), "a blinded key was built with a non-increasing counter");
        last.insert(d.blindedKey, d.revisionCounter);
    }
    QCOMPARE(static_cast<quint64>(built.count()), publisher.counters().publications[0] + publisher.counters().publications[1]);

    // The rendered metrics of the live publisher.
    const Exposition e = parseExposition(PublisherMetrics::render(PublisherMetrics::snapshot(publisher)));
    QVERIFY2(e.errors.isEmpty(), qPrintable(e.errors.join(u'\n')));
    QCOMPARE(e.of(QStringLiteral("rustbalance_node_up")).size(), 2);
    QCOMPARE(e.of(QStringLiteral("rustbalance_hsdir_upload_state")).size(), 2 * 8 * 4);
    QVERIFY(e.of(QStringLiteral("rustbalance_hsdir_uploads_total")).size() >= 16);
    publisher.stop();
}

void TestPublisherService::rbctlReloadsOnSighup()
{
    QVERIFY(!qEnvironmentVariableIsEmpty("RB_RBCTL"));
    const QString keyDir = m_dir.filePath(QStringLiteral("key"));
    QVERIFY(m_master->exportTorFiles(keyDir).ok());
    const quint16 p1 = closedPort();
    const quint16 p2 = closedPort();
    auto config = [&](const QString& nodes) {
        return QStringLiteral(R"({"keyFile":"%1","nodes":[%2]})").arg(keyDir, nodes).toUtf8();
    };
    const QString n1 = QStringLiteral(R"({"name":"a","control":"127.0.0.1:%1"})").arg(p1);
    const QString n2 = QStringLiteral(R"({"name":"b","control":"127.0.0.1:%1"})").arg(p2);
    const QString n2w = QStringLiteral(R"({"name":"b","control":"127.0.0.1:%1","weight":3})").arg(p2);
    const QString path = writeFile(m_dir.filePath(QStringLiteral("publisher.json")), config(n1));

    QProcess p;
    p.start(qEnvironmentVariable("RB_RBCTL"),
            {QStringLiteral("publish"), QStringLiteral("--watch"), QStringLiteral("--json-log"),
             QStringLiteral("--config"), path, QStringLiteral("--metrics-listen"), QStringLiteral("127.0.0.1:0")});
    QVERIFY(p.waitForStarted());
    QByteArray out;
    QList<QJsonObject> events;
    auto waitEvent = [&](const QString& kind, int count) -> std::optional<QJsonObject> {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 10000) {
            p.waitForReadyRead(100);
            out += p.readAllStandardOutput();
            events.clear();
            for (const QByteArray& line : out.split('\n')) {
                const QJsonDocument d = QJsonDocument::fromJson(line);
                if (d.isObject()) {
                    events.append(d.object());
                }
            }
            int seen = 0;
            for (const QJsonObject& e : events) {
                if (e.value(QStringLiteral("event")).toString() == kind && ++seen == count) {
                    return e;
                }
            }
        }
        return std::nullopt;
    };
    const auto metricsEvent = waitEvent(QStringLiteral("metrics"), 1);
    QVERIFY2(metricsEvent, out.constData());
    const QString listen = metricsEvent->value(QStringLiteral("listen")).toString();
    QVERIFY(listen.startsWith(QLatin1String("127.0.0.1:")));
    const quint16 port = static_cast<quint16>(listen.mid(10).toUInt());
    QVERIFY(port != 0);
    auto scrape = [port]() {
        const QByteArray reply = httpGet(port, "GET /metrics HTTP/1.0\r\n\r\n");
        return parseExposition(reply.mid(reply.indexOf("\r\n\r\n") + 4));
    };
    auto nodeNames = [](const Exposition& e) {
        QStringList names;
        for (const Sample& s : e.of(QStringLiteral("rustbalance_node_up"))) {
            names << s.labels.value(QStringLiteral("node"));
        }
        return names;
    };
    Exposition e = scrape();
    QVERIFY2(e.errors.isEmpty(), qPrintable(e.errors.join(u'\n')));
    QCOMPARE(nodeNames(e), QStringList{QStringLiteral("a")});
    for (const QString& n : PublisherMetrics::seriesNames()) {
        QVERIFY2(e.types.contains(n), qPrintable(n));
    }

    auto hup = [&p]() { ::kill(static_cast<pid_t>(p.processId()), SIGHUP); };
    // 1. A node added.
    writeFile(path, config(n1 + u',' + n2));
    hup();
    auto r = waitEvent(QStringLiteral("reload"), 1);
    QVERIFY2(r, out.constData());
    QCOMPARE(r->value(QStringLiteral("result")).toString(), QStringLiteral("applied"));
    QCOMPARE(r->value(QStringLiteral("added")).toVariant().toStringList(), QStringList{QStringLiteral("b")});
    QCOMPARE(r->value(QStringLiteral("unchanged")).toInt(), 1);
    QCOMPARE(nodeNames(scrape()), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    // 2. Nothing changed.
    hup();
    r = waitEvent(QStringLiteral("reload"), 2);
    QVERIFY2(r, out.constData());
    QCOMPARE(r->value(QStringLiteral("result")).toString(), QStringLiteral("unchanged"));
    // 3. An invalid file: refused, both nodes keep running.
    writeFile(path, "{\"nodes\": [");
    hup();
    r = waitEvent(QStringLiteral("reload"), 3);
    QVERIFY2(r, out.constData());
    QCOMPARE(r->value(QStringLiteral("result")).toString(), QStringLiteral("refused"));
    QVERIFY(r->value(QStringLiteral("error")).toString().contains(QLatin1String("JSON")));
    QCOMPARE(p.state(), QProcess::Running);
    QCOMPARE(nodeNames(scrape()), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    // 4. Another master key: refused.
    const QString otherKey = m_dir.filePath(QStringLiteral("other"));
    QVERIFY(rb::onion::MasterIdentity::generate().value().exportTorFiles(otherKey).ok());
    writeFile(path, QStringLiteral(R"({"keyFile":"%1","nodes":[%2]})").arg(otherKey, n1).toUtf8());
    hup();
    r = waitEvent(QStringLiteral("reload"), 4);
    QVERIFY2(r, out.constData());
    QCOMPARE(r->value(QStringLiteral("result")).toString(), QStringLiteral("refused"));
    QVERIFY(r->value(QStringLiteral("error")).toString().contains(QLatin1String("master key cannot change")));
    QCOMPARE(nodeNames(scrape()), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    // 5. a removed, b changed.
    writeFile(path, config(n2w));
    hup();
    r = waitEvent(QStringLiteral("reload"), 5);
    QVERIFY2(r, out.constData());
    QCOMPARE(r->value(QStringLiteral("result")).toString(), QStringLiteral("applied"));
    QCOMPARE(r->value(QStringLiteral("removed")).toVariant().toStringList(), QStringList{QStringLiteral("a")});
    QCOMPARE(r->value(QStringLiteral("changed")).toVariant().toStringList(), QStringList{QStringLiteral("b")});
    e = scrape();
    QCOMPARE(nodeNames(e), QStringList{QStringLiteral("b")});
    QCOMPARE(e.of(QStringLiteral("rustbalance_config_reloads_total")).value(0).value, QStringLiteral("3"));
    // Human log lines say the same.
    QVERIFY(out.count("\"event\":\"reload\"") == 5);

    ::kill(static_cast<pid_t>(p.processId()), SIGTERM);
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestPublisherService)
#include "TestPublisherService.moc"
