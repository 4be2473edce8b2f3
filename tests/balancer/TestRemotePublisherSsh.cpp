// RemotePublisherFetcher end to end through a real sshd on 127.0.0.1
// (tests/ssh/SshdFixture): the core MetricsServer serves text rendered by
// PublisherMetrics on the "server's" loopback, the fetcher reaches it through
// its SSH tunnel and parses it; unknown host keys, a closed port and a
// foreign endpoint end in their typed problems.
#include "../ssh/SshdFixture.h"
#include "balancer/MetricsServer.h"
#include "balancer/PublisherMetrics.h"
#include "balancer/RemotePublisherFetcher.h"

#include <QDir>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace rb;
using namespace rb::balancer;

namespace {
constexpr int kWait = 30000;
const QString kMaster = QStringLiteral("pg6mmjiyjmcrsslvykfwnntlaru7p5svn6y2ymmju6nubxndf4pscryd.onion");

MetricsSnapshot snapshot(quint64 publications)
{
    MetricsSnapshot s;
    s.master = kMaster;
    s.publications[0] = publications;
    s.revision[0] = 1795000100;
    s.introPoints[0] = 3;
    s.introPointsByNode[0] = {{QStringLiteral("node-a"), 3}};
    s.uploadCurrent = {{QStringLiteral("first"), QStringLiteral("AAAA"), QStringLiteral("hsA"), UploadState::Uploaded, 1}};
    NodeHealth a;
    a.name = QStringLiteral("node-a");
    a.connection = ConnectionState::Connected;
    a.configCheck = ConfigCheck::Ok;
    a.introEstablished = 3;
    a.introExpected = 3;
    a.intro2.replay = 2;
    s.nodes = {a};
    return s;
}

quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();  // closed again when probe goes out of scope
}
}  // namespace

class TestRemotePublisherSsh : public QObject {
    Q_OBJECT

private:
    SshdFixture m_sshd;
    QTemporaryDir m_runtime{QDir::tempPath() + QStringLiteral("/rbrp-XXXXXX")};

    RemotePublisherFetcher::Settings settings(quint16 port) const
    {
        RemotePublisherFetcher::Settings s;
        s.target = m_sshd.target();
        s.ssh = m_sshd.options();
        s.remotePort = port;
        s.intervalMs = 1000;
        s.requestTimeoutMs = 5000;
        s.runtimeDir = m_runtime.path() + QStringLiteral("/sockets");
        s.tunnelReadyTimeoutMs = 15000;
        s.initialBackoffMs = 200;
        s.maxBackoffMs = 1000;
        return s;
    }

    void trust()
    {
        QString err;
        QVERIFY2(m_sshd.trustHostKey(&err), qPrintable(err));
    }

private slots:
    void initTestCase()
    {
        if (!SshdFixture::sshdAvailable()) {
            QSKIP("/usr/sbin/sshd is not installed");
        }
        QVERIFY(m_runtime.isValid());
        QString err;
        QVERIFY2(m_sshd.start(&err), qPrintable(err));
    }

    void cleanupTestCase() { m_sshd.stop(); }

    void unknownHostKeyStopsForTheOperator()
    {
        m_sshd.forgetHostKeys();
        RemotePublisherFetcher fetcher(settings(closedPort()));
        QSignalSpy failed(&fetcher, &RemotePublisherFetcher::failed);
        QVERIFY(fetcher.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(fetcher.state(), RemotePublisherFetcher::State::NeedsOperator, kWait);
        QCOMPARE(fetcher.problem(), RemotePublisherFetcher::Problem::HostKeyUnknown);
        QVERIFY(!fetcher.lastError().message.isEmpty());
        QVERIFY(!fetcher.status().has_value());
        QCOMPARE(failed.count(), 1);
    }

    void readsThePublisherThroughTheTunnel_data()
    {
        QTest::addColumn<bool>("loopbackTcp");
        QTest::newRow("unix socket") << false;
        QTest::newRow("loopback tcp") << true;
    }
    void readsThePublisherThroughTheTunnel()
    {
        QFETCH(bool, loopbackTcp);
        trust();
        quint64 publications = 5;
        MetricsServer server([&publications] { return PublisherMetrics::render(snapshot(publications)); });
        QVERIFY(server.listen(MetricsServer::parseListen(QStringLiteral("127.0.0.1:0")).value()).ok());
        auto s = settings(server.port());
        if (loopbackTcp) {
            s.localKind = ssh::SshTunnel::LocalKind::LoopbackTcp;
        }
        RemotePublisherFetcher fetcher(s);
        QSignalSpy updated(&fetcher, &RemotePublisherFetcher::statusUpdated);
        QVERIFY(fetcher.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(fetcher.state(), RemotePublisherFetcher::State::Ok, kWait);
        QVERIFY(fetcher.status().has_value());
        const RemotePublisherStatus& st = *fetcher.status();
        QCOMPARE(st.master, kMaster);
        QCOMPARE(st.descriptor(QStringLiteral("first"))->publications, quint64(5));
        QCOMPARE(st.descriptor(QStringLiteral("first"))->hsdirs.value(UploadState::Uploaded), 1);
        QCOMPARE(st.nodes.size(), 1);
        QVERIFY(st.nodes.front().up);
        QCOMPARE(st.nodes.front().intro2.replay, quint64(2));
        QVERIFY(st.fetchedAt.isValid());
        const auto local = fetcher.tunnel()->localEndpoint(QStringLiteral("metrics"));
        QCOMPARE(local.kind, loopbackTcp ? ssh::SshTunnel::LocalKind::LoopbackTcp : ssh::SshTunnel::LocalKind::UnixSocket);

        // Polling picks up the publisher's new figures.
        publications = 6;
        QTRY_COMPARE_WITH_TIMEOUT(fetcher.status()->descriptor(QStringLiteral("first"))->publications, quint64(6),
                                  kWait);
        QVERIFY(updated.count() >= 2);
        QVERIFY(server.requestsServed() >= 2);

        fetcher.stop();
        QCOMPARE(fetcher.state(), RemotePublisherFetcher::State::Stopped);
        QTRY_COMPARE_WITH_TIMEOUT(fetcher.tunnel()->state(), ssh::SshTunnel::State::Stopped, kWait);
    }

    void nothingListeningIsUnreachable()
    {
        trust();
        RemotePublisherFetcher fetcher(settings(closedPort()));
        QVERIFY(fetcher.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(fetcher.state(), RemotePublisherFetcher::State::Failed, kWait);
        QCOMPARE(fetcher.problem(), RemotePublisherFetcher::Problem::Unreachable);
        QVERIFY(fetcher.lastError().message.contains(QLatin1String("--metrics-listen")));
        // Not terminal: the tunnel stays up and the next poll tries again.
        QCOMPARE(fetcher.tunnel()->state(), ssh::SshTunnel::State::Ready);
    }

    void foreignEndpointIsNotAPublisher()
    {
        trust();
        MetricsServer tor([] {
            return QByteArray("# TYPE tor_hs_intro_established_count gauge\n"
                              "tor_hs_intro_established_count{onion=\"abc\"} 3\n");
        });
        QVERIFY(tor.listen(MetricsServer::parseListen(QStringLiteral("127.0.0.1:0")).value()).ok());
        RemotePublisherFetcher fetcher(settings(tor.port()));
        QVERIFY(fetcher.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(fetcher.state(), RemotePublisherFetcher::State::Failed, kWait);
        QCOMPARE(fetcher.problem(), RemotePublisherFetcher::Problem::NotAPublisher);
        QVERIFY(fetcher.lastError().message.contains(QLatin1String("rustbalance_publisher_info")));
    }
};

QTEST_GUILESS_MAIN(TestRemotePublisherSsh)
#include "TestRemotePublisherSsh.moc"
