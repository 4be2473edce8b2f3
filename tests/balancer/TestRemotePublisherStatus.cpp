// RemotePublisherStatus: the text the real PublisherMetrics::render produces
// parses back into the same figures (round trip); foreign or malformed text is
// refused with typed errors. RemotePublisherFetcher::httpBody on raw responses.
#include "balancer/PublisherMetrics.h"
#include "balancer/RemotePublisherFetcher.h"
#include "balancer/RemotePublisherStatus.h"

#include <QTest>

using namespace rb;
using namespace rb::balancer;

namespace {

const QString kMaster = QStringLiteral("pg6mmjiyjmcrsslvykfwnntlaru7p5svn6y2ymmju6nubxndf4pscryd.onion");

NodeHealth node(const QString& name, bool up, bool configOk, int established, int expected)
{
    NodeHealth n;
    n.name = name;
    n.connection = up ? ConnectionState::Connected : ConnectionState::BackingOff;
    n.configCheck = configOk ? ConfigCheck::Ok : ConfigCheck::Failed;
    n.introEstablished = established;
    n.introExpected = expected;
    return n;
}

MetricsSnapshot sampleSnapshot()
{
    MetricsSnapshot s;
    s.master = kMaster;
    s.publications[0] = 17;
    s.publications[1] = 4;
    s.lastUploaded[0] = QDateTime::fromMSecsSinceEpoch(1795000123456, Qt::UTC);
    // second never confirmed
    s.revision[0] = 1795000100;
    s.revision[1] = 1795000200;
    s.introPoints[0] = 6;
    s.introPoints[1] = 3;
    s.introPointsByNode[0] = {{QStringLiteral("node-a"), 3}, {QStringLiteral("node \"b\"\\x"), 3}};
    s.introPointsByNode[1] = {{QStringLiteral("node-a"), 3}};
    s.uploadCurrent = {
        {QStringLiteral("first"), QStringLiteral("AAAA"), QStringLiteral("hsA"), UploadState::Uploaded, 1},
        {QStringLiteral("first"), QStringLiteral("BBBB"), QStringLiteral("hsB"), UploadState::Failed, 1},
        {QStringLiteral("first"), QStringLiteral("CCCC"), QStringLiteral("hsC"), UploadState::Uploaded, 1},
        {QStringLiteral("second"), QStringLiteral("DDDD"), QStringLiteral("hsD"), UploadState::Pending, 1},
        {QStringLiteral("second"), QStringLiteral("EEEE"), QStringLiteral("hsE"), UploadState::TimedOut, 1},
    };
    s.uploadTotals = {
        {QStringLiteral("first"), QStringLiteral("AAAA"), QStringLiteral("hsA"), UploadState::Uploaded, 9},
        {QStringLiteral("first"), QStringLiteral("CCCC"), QStringLiteral("hsC"), UploadState::Uploaded, 5},
        {QStringLiteral("first"), QStringLiteral("BBBB"), QStringLiteral("hsB"), UploadState::Failed, 2},
        {QStringLiteral("second"), QStringLiteral("EEEE"), QStringLiteral("hsE"), UploadState::TimedOut, 1},
    };
    s.reloads = 2;
    NodeHealth a = node(QStringLiteral("node-a"), true, true, 3, 3);
    a.intro2.couldNotGetKeysWarnings = 1;
    a.intro2.replay = 4;
    NodeHealth b = node(QStringLiteral("node \"b\"\\x"), true, false, 2, 3);
    b.intro2.invalidIntroduce2 = 7;
    b.intro2.subcredential = 5;
    b.intro2.badAuthKey = 2;
    NodeHealth c = node(QStringLiteral("node-c"), false, false, 0, 3);
    s.nodes = {a, b, c};
    return s;
}

}  // namespace

class TestRemotePublisherStatus : public QObject {
    Q_OBJECT

private slots:
    void roundTripOfRenderedSnapshot()
    {
        const QByteArray text = PublisherMetrics::render(sampleSnapshot());
        const auto r = RemotePublisherStatus::parse(text);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        const RemotePublisherStatus& st = r.value();
        QCOMPARE(st.master, kMaster);
        QCOMPARE(st.reloads, quint64(2));

        QCOMPARE(st.descriptors.size(), 2);
        const auto* first = st.descriptor(QStringLiteral("first"));
        const auto* second = st.descriptor(QStringLiteral("second"));
        QVERIFY(first && second);
        QCOMPARE(first->publications, quint64(17));
        QCOMPARE(second->publications, quint64(4));
        QCOMPARE(first->revision, quint64(1795000100));
        QCOMPARE(second->revision, quint64(1795000200));
        QCOMPARE(first->introPoints, 6);
        QCOMPARE(second->introPoints, 3);
        QCOMPARE(first->lastSuccess, QDateTime::fromMSecsSinceEpoch(1795000123456, Qt::UTC));
        QVERIFY(!second->lastSuccess.isValid());
        QCOMPARE(first->hsdirs.value(UploadState::Uploaded), 2);
        QCOMPARE(first->hsdirs.value(UploadState::Failed), 1);
        QCOMPARE(first->hsdirs.value(UploadState::Pending), 0);
        QCOMPARE(second->hsdirs.value(UploadState::Pending), 1);
        QCOMPARE(second->hsdirs.value(UploadState::TimedOut), 1);
        QCOMPARE(first->uploadTotals.value(QStringLiteral("uploaded")), quint64(14));
        QCOMPARE(first->uploadTotals.value(QStringLiteral("failed")), quint64(2));
        QCOMPARE(second->uploadTotals.value(QStringLiteral("timeout")), quint64(1));

        QCOMPARE(st.uploads.size(), 5);  // one row per HSDir: only the state with 1
        const auto failed = std::find_if(st.uploads.cbegin(), st.uploads.cend(), [](const auto& u) {
            return u.fingerprint == QLatin1String("BBBB");
        });
        QVERIFY(failed != st.uploads.cend());
        QCOMPARE(failed->descriptor, QStringLiteral("first"));
        QCOMPARE(failed->nickname, QStringLiteral("hsB"));
        QCOMPARE(failed->state, UploadState::Failed);

        QCOMPARE(st.nodes.size(), 3);
        QCOMPARE(st.nodesUp(), 2);
        const auto* a = st.node(QStringLiteral("node-a"));
        const auto* b = st.node(QStringLiteral("node \"b\"\\x"));  // escaped label survives
        const auto* c = st.node(QStringLiteral("node-c"));
        QVERIFY(a && b && c);
        QVERIFY(a->up && a->configOk);
        QVERIFY(b->up && !b->configOk);
        QVERIFY(!c->up && !c->configOk);
        QCOMPARE(a->introEstablished, 3);
        QCOMPARE(b->introEstablished, 2);
        QCOMPARE(c->introExpected, 3);
        QCOMPARE(a->introPublished.value(QStringLiteral("first")), 3);
        QCOMPARE(a->introPublished.value(QStringLiteral("second")), 3);
        QCOMPARE(b->introPublished.value(QStringLiteral("second")), 0);
        QCOMPARE(a->introPublishedTotal(), 6);
        QCOMPARE(c->introPublishedTotal(), 0);
        QCOMPARE(a->intro2.couldNotGetKeys, quint64(1));
        QCOMPARE(a->intro2.replay, quint64(4));
        QCOMPARE(a->intro2.total(), quint64(5));
        QCOMPARE(b->intro2.invalidIntroduce2, quint64(7));
        QCOMPARE(b->intro2.subcredential, quint64(5));
        QCOMPARE(b->intro2.badAuthKey, quint64(2));
        QCOMPARE(c->intro2.total(), quint64(0));
    }

    void emptyPublisherHasNoNodes()
    {
        MetricsSnapshot s;
        s.master = kMaster;
        const auto r = RemotePublisherStatus::parse(PublisherMetrics::render(s));
        QVERIFY(r.ok());
        QVERIFY(r->nodes.isEmpty());
        QVERIFY(r->uploads.isEmpty());
        QCOMPARE(r->descriptors.size(), 2);
        QCOMPARE(r->descriptors.at(0).which, QStringLiteral("first"));
        QVERIFY(!r->descriptors.at(0).lastSuccess.isValid());
    }

    void torMetricsPortIsNotAPublisher()
    {
        const QByteArray tor = "# HELP tor_hs_intro_established_count Total number of established intro points\n"
                               "# TYPE tor_hs_intro_established_count gauge\n"
                               "tor_hs_intro_established_count{onion=\"abc\"} 3\n";
        const auto r = RemotePublisherStatus::parse(tor);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Unsupported);
        QVERIFY(r.error().message.contains(QLatin1String("rustbalance_publisher_info")));
        QVERIFY(!RemotePublisherStatus::parse(QByteArray()).ok());
    }

    void malformedTextIsAParseError_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("html") << QByteArray("<html><body>Not found</body></html>\n");
        QTest::newRow("unterminated label") << QByteArray("rustbalance_publisher_info{master=\"x 1\n");
        QTest::newRow("bad value") << QByteArray("rustbalance_publisher_info{master=\"x\"} one\n");
    }
    void malformedTextIsAParseError()
    {
        QFETCH(QByteArray, text);
        const auto r = RemotePublisherStatus::parse(text);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::ParseError);
        QVERIFY(r.error().message.contains(QLatin1String("--metrics-listen")));
    }

    void impossibleValuesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("negative counter") << QByteArray("rustbalance_publications_total{descriptor=\"first\"} -1");
        QTest::newRow("NaN revision") << QByteArray("rustbalance_revision_counter{descriptor=\"first\"} NaN");
        QTest::newRow("inf intro points") << QByteArray("rustbalance_descriptor_intro_points{descriptor=\"first\"} +Inf");
        QTest::newRow("no descriptor") << QByteArray("rustbalance_revision_counter 5");
        QTest::newRow("no node") << QByteArray("rustbalance_node_up 1");
        QTest::newRow("unknown state") << QByteArray(
            "rustbalance_hsdir_upload_state{descriptor=\"first\",hsdir=\"A\",nickname=\"n\",state=\"lost\"} 1");
        QTest::newRow("negative intro2") << QByteArray(
            "rustbalance_node_intro2_errors_total{node=\"a\",kind=\"replay\"} -3");
    }
    void impossibleValuesAreRefused()
    {
        QFETCH(QByteArray, line);
        const QByteArray text = "rustbalance_publisher_info{master=\"m.onion\"} 1\n" + line + '\n';
        const auto r = RemotePublisherStatus::parse(text);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::ParseError);
    }

    void httpBodyOfResponses()
    {
        const QByteArray body = PublisherMetrics::render(sampleSnapshot());
        const QByteArray ok = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " +
                              QByteArray::number(body.size()) + "\r\n\r\n" + body + "trailing";
        const auto r = RemotePublisherFetcher::httpBody(ok, 1 << 20);
        QVERIFY(r.ok());
        QCOMPARE(r.value(), body);

        const auto notFound = RemotePublisherFetcher::httpBody("HTTP/1.0 404 Not Found\r\n\r\n", 1 << 20);
        QVERIFY(!notFound.ok());
        QCOMPARE(notFound.error().code, ErrorCode::Rejected);
        QVERIFY(notFound.error().message.contains(QLatin1String("404")));

        const auto ssh = RemotePublisherFetcher::httpBody("SSH-2.0-OpenSSH_9.2p1\r\n", 1 << 20);
        QVERIFY(!ssh.ok());
        QCOMPARE(ssh.error().code, ErrorCode::ProtocolError);

        const auto truncated =
            RemotePublisherFetcher::httpBody("HTTP/1.0 200 OK\r\nContent-Length: 100\r\n\r\nshort", 1 << 20);
        QVERIFY(!truncated.ok());
        QCOMPARE(truncated.error().code, ErrorCode::Disconnected);

        const auto tooLarge = RemotePublisherFetcher::httpBody("HTTP/1.0 200 OK\r\n\r\n0123456789", 4);
        QVERIFY(!tooLarge.ok());
        QCOMPARE(tooLarge.error().code, ErrorCode::TooLarge);
    }

    void fetcherRefusesIncompleteSettings()
    {
        RemotePublisherFetcher::Settings s;
        RemotePublisherFetcher noTarget(s);
        QVERIFY(!noTarget.start().ok());
        s.target = ssh::SshTarget::parse(QStringLiteral("admin@server")).value();
        RemotePublisherFetcher noPort(s);
        const Status st = noPort.start();
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(noPort.state(), RemotePublisherFetcher::State::Stopped);
        s.remotePort = 9420;
        RemotePublisherFetcher described(s);
        QCOMPARE(described.describe(), QStringLiteral("ssh admin@server \u2192 127.0.0.1:9420"));
        QVERIFY(RemotePublisherFetcher::isTerminal(RemotePublisherFetcher::Problem::HostKeyChanged));
        QVERIFY(!RemotePublisherFetcher::isTerminal(RemotePublisherFetcher::Problem::Unreachable));
    }
};

QTEST_GUILESS_MAIN(TestRemotePublisherStatus)
#include "TestRemotePublisherStatus.moc"
