// ControlClient against a private tor network (tests/lab): the consensus and
// microdescriptors of a real tor handed to rb::hsdir::Consensus, HSFETCH with
// HS_DESC / HS_DESC_CONTENT events, HSPOST with SERVER= and HSADDRESS=
// confirmed by an HS_DESC event from that HSDir, and intro circuits read from
// circuit-status of a service node.
#include "control/CircuitEvent.h"
#include "control/ControlClient.h"
#include "control/HsDescContentEvent.h"
#include "control/HsDescEvent.h"
#include "lab/LabNetwork.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace rb;
using namespace rb::control;
using namespace std::chrono_literals;
using rb::lab::LabNetwork;
using rb::lab::TorNode;

namespace {

struct Conn {
    std::unique_ptr<QTcpSocket> socket;
    std::unique_ptr<ControlChannel> channel;
    std::unique_ptr<ControlClient> client;
};

Conn connectAndAuth(const TorNode& node)
{
    Conn c;
    c.socket = std::make_unique<QTcpSocket>();
    c.socket->connectToHost(QHostAddress::LocalHost, node.controlPort);
    c.channel = std::make_unique<ControlChannel>(c.socket.get());
    c.client = std::make_unique<ControlClient>(c.channel.get());
    c.client->setDefaultTimeout(30000ms);
    AuthCredentials creds;
    creds.cookieFile = node.cookiePath;
    bool done = false;
    c.client->authenticate(std::move(creds), [&done](Result<AuthMethod> r) {
        if (!r.ok()) {
            qWarning() << "auth failed:" << r.error().toString();
        }
        done = r.ok();
    });
    (void)QTest::qWaitFor([&done] { return done; }, 30000);
    return c;
}

}  // namespace

class TestControlLab : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        LabNetwork::Options o;
        o.nodes = 1;
        const Status st = m_lab.start(o);
        QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().toString() + m_lab.lastOutput()));
    }

    void consensusFromRealTor()
    {
        Conn c = connectAndAuth(m_lab.client());
        QVERIFY(c.channel->isOpen());
        std::optional<Result<ConsensusSnapshot>> got;
        c.client->fetchConsensus([&got](Result<ConsensusSnapshot> r) { got.emplace(std::move(r)); });
        QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 60000);
        QVERIFY2(got->ok(), qPrintable(got->ok() ? QString() : got->error().toString()));
        const auto& snap = got->value();
        QVERIFY(snap.testingTorNetwork);
        QCOMPARE(snap.consensus.relays.size(), m_lab.relays().size() + m_lab.authorities().size());
        QVERIFY(snap.consensus.relaysWithEd25519Id() > 0);
        QVERIFY(snap.consensus.eligibleHsDirCount() > 0);
        QVERIFY(snap.consensus.validAfter.isValid());
    }

    void introCircuitsOfServiceNode()
    {
        // The service establishes its intro circuits some time after the
        // lab is "ready": poll circuit-status until one is established.
        Conn c = connectAndAuth(m_lab.service(0));
        int established = 0;
        QByteArray last;
        QElapsedTimer t;
        t.start();
        while (established == 0 && t.elapsed() < 180000) {
            std::optional<Result<QByteArray>> cs;
            c.client->getInfoValue(QStringLiteral("circuit-status"), [&cs](Result<QByteArray> r) { cs.emplace(r); });
            QTRY_VERIFY_WITH_TIMEOUT(cs.has_value(), 30000);
            QVERIFY(cs->ok());
            last = cs->value();
            auto circuits = CircuitEvent::parseCircuitStatus(last);
            QVERIFY2(circuits.ok(), qPrintable(circuits.ok() ? QString() : circuits.error().toString()));
            for (const CircuitEvent& ce : *circuits) {
                if (ce.isServiceIntro() && ce.isIntroEstablished()) {
                    ++established;
                    QVERIFY(ce.path.size() >= 1);
                    QVERIFY(!ce.rendQuery.isEmpty());
                }
            }
            if (established == 0) {
                QTest::qWait(2000);
            }
        }
        QVERIFY2(established >= 1, last.constData());
    }

    void hsFetchAndHsPost()
    {
        const TorNode service = m_lab.service(0);
        QString address = service.onionAddress;
        QVERIFY(!address.isEmpty());
        Conn c = connectAndAuth(m_lab.client());
        QList<HsDescEvent> descEvents;
        QList<HsDescContentEvent> contents;
        c.channel->subscribe("HS_DESC", [&descEvents](const Reply& e) {
            auto ev = HsDescEvent::parse(e);
            QVERIFY2(ev.ok(), e.lines.first().text.constData());
            descEvents << ev.value();
        });
        c.channel->subscribe("HS_DESC_CONTENT", [&contents](const Reply& e) {
            auto ev = HsDescContentEvent::parse(e);
            QVERIFY(ev.ok());
            contents << ev.value();
        });
        bool evOk = false;
        c.client->setEvents({QStringLiteral("HS_DESC"), QStringLiteral("HS_DESC_CONTENT")},
                            [&evOk](Status st) { evOk = st.ok(); });
        QTRY_VERIFY_WITH_TIMEOUT(evOk, 30000);
        // The descriptor may not be on the HSDirs yet: fetch until it is.
        auto haveBody = [&contents] {
            return std::any_of(contents.begin(), contents.end(), [](const auto& x) { return !x.body.isEmpty(); });
        };
        QElapsedTimer t;
        t.start();
        while (!haveBody() && t.elapsed() < 180000) {
            std::optional<Status> fetched;
            c.client->hsFetch(address, {}, [&fetched](Status st) { fetched = st; });
            QTRY_VERIFY_WITH_TIMEOUT(fetched.has_value(), 30000);
            QVERIFY(fetched->ok());
            (void)QTest::qWaitFor(haveBody, 15000);
        }
        QVERIFY2(haveBody(), "no descriptor fetched within 180 s");
        const auto content =
            *std::find_if(contents.begin(), contents.end(), [](const auto& x) { return !x.body.isEmpty(); });
        QVERIFY2(content.body.startsWith("hs-descriptor 3\n"), content.body.left(80).toHex().constData());
        QVERIFY(content.hsDir.has_value());
        QVERIFY(std::any_of(descEvents.begin(), descEvents.end(),
                            [](const HsDescEvent& e) { return e.action == HsDescEvent::Action::Requested; }));
        QVERIFY(std::any_of(descEvents.begin(), descEvents.end(), [](const HsDescEvent& e) {
            return e.action == HsDescEvent::Action::Received && !e.descriptorId.isEmpty();
        }));

        // Post that descriptor back to the HSDir it came from; tor reports the
        // outcome per HSDir (UPLOADED, or FAILED/UPLOAD_REJECTED for a counter
        // it already holds).
        const QByteArray fp = content.hsDir->fingerprint;
        descEvents.clear();
        std::optional<Status> posted;
        c.client->hsPost(address, content.body, {QStringLiteral("$") + QString::fromLatin1(fp)},
                         [&posted](Status st) { posted = st; });
        QTRY_VERIFY_WITH_TIMEOUT(posted.has_value(), 30000);
        QVERIFY2(posted->ok(), qPrintable(posted->ok() ? QString() : posted->error().toString()));
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(descEvents.begin(), descEvents.end(),
                                             [&fp](const HsDescEvent& e) {
                                                 return (e.action == HsDescEvent::Action::Uploaded ||
                                                         e.action == HsDescEvent::Action::Failed) &&
                                                        e.hsDir && e.hsDir->fingerprint == fp;
                                             }),
                                 60000);
    }

    void cleanup()
    {
        if (QTest::currentTestFailed()) {
            m_lab.setKeepLogs(true);
        }
    }

    void cleanupTestCase() { (void)m_lab.stop(m_lab.keepLogs()); }

private:
    LabNetwork m_lab;
};

QTEST_GUILESS_MAIN(TestControlLab)
#include "TestControlLab.moc"
