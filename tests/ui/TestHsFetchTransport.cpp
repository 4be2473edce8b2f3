// The real HSFETCH transport against a scripted control port (FakeTorServer):
// it adds HS_DESC_CONTENT to the connection's event set (keeping the
// session's events), sends HSFETCH <addr> SERVER=$<fp>, takes the descriptor
// from that HSDir's HS_DESC_CONTENT (ignoring other HSDirs and the empty
// content tor sends on failure), reports HS_DESC FAILED's reason, times out
// on silence, and gives the session its own event set back when done.
#include "control/ControlChannel.h"
#include "control/ControlClient.h"
#include "control/FakeTorServer.h"
#include "publishing/ControlHsFetchTransport.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <chrono>
#include <memory>
#include <optional>

using namespace rb;
using namespace std::chrono_literals;
using rb::ui::ControlHsFetchTransport;
using rb::ui::HsFetchAnswer;

namespace {

// A valid v3 address (HSFETCH checks it).
const QByteArray kAddr = "2clzszzj2zxouhymnw33lgycxhcr67iv6ozbuyvugjblsohckzjux7yd";
const QByteArray kBlinded = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const QByteArray kFpA = QByteArray(40, 'A');
const QByteArray kFpB = QByteArray(40, 'B');
const QByteArray kFpC = QByteArray(40, 'C');
const QByteArray kFpD = QByteArray(40, 'D');

}  // namespace

class TestHsFetchTransport : public QObject {
    Q_OBJECT
private slots:
    void fetchesPerHsDir();
};

void TestHsFetchTransport::fetchesPerHsDir()
{
    FakeTorServer server;
    QList<QByteArray> setEvents;
    server.setHandler([&setEvents](FakeTorServer& s, const QByteArray& line) {
        if (line.startsWith("SETEVENTS")) {
            setEvents << line;
            s.send("250 OK\r\n");
            return;
        }
        if (!line.startsWith("HSFETCH ")) {
            s.send("510 Unrecognized command\r\n");
            return;
        }
        s.send("250 OK\r\n");
        if (line.contains(QByteArray("SERVER=" + kFpA))) {
            // Another HSDir's answer first (e.g. an upload's events): ignored.
            s.send("650+HS_DESC_CONTENT " + kAddr + " " + kBlinded + " $" + kFpD +
                   "~other\r\nhs-descriptor 3\r\nwrong one\r\n.\r\n650 OK\r\n");
            s.send("650 HS_DESC RECEIVED " + kAddr + " NO_AUTH $" + kFpA + "~hsdirA " + kBlinded + "\r\n");
            s.send("650+HS_DESC_CONTENT " + kAddr + " " + kBlinded + " $" + kFpA +
                   "~hsdirA\r\nhs-descriptor 3\r\ndescriptor-lifetime 180\r\n..dotted\r\n.\r\n650 OK\r\n");
        } else if (line.contains(QByteArray("SERVER=" + kFpB))) {
            s.send("650+HS_DESC_CONTENT " + kAddr + " " + kBlinded + " $" + kFpB + "~hsdirB\r\n\r\n.\r\n650 OK\r\n");
            s.send("650 HS_DESC FAILED " + kAddr + " NO_AUTH $" + kFpB + "~hsdirB " + kBlinded +
                   " REASON=NOT_FOUND\r\n");
        }
        // kFpC: silence.
    });

    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(socket.waitForConnected(5000));
    control::ControlChannel channel(&socket);
    control::ControlClient client(&channel);
    client.setDefaultTimeout(5000ms);

    const QStringList base = ControlHsFetchTransport::sessionEvents();
    QVERIFY(base.contains(QStringLiteral("HS_DESC")));
    auto transport = std::make_unique<ControlHsFetchTransport>(&client, QStringLiteral("node-1"), base, 300);
    QCOMPARE(transport->via(), QStringLiteral("node-1"));

    auto fetch = [&](const QByteArray& fp) {
        std::optional<Result<HsFetchAnswer>> answer;
        transport->fetch(QString::fromLatin1(kAddr) + QStringLiteral(".onion"), QString::fromLatin1(fp),
                         [&answer](Result<HsFetchAnswer> a) { answer = std::move(a); });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 5000); }();
        return answer.value_or(Result<HsFetchAnswer>(makeError(ErrorCode::Internal, QStringLiteral("no answer"))));
    };

    const auto a = fetch(kFpA);
    QVERIFY2(a.ok(), qPrintable(a.ok() ? QString() : a.error().message));
    QVERIFY(a->found);
    QCOMPARE(a->body, QByteArray("hs-descriptor 3\ndescriptor-lifetime 180\n.dotted\n"));
    QCOMPARE(setEvents.size(), 1);
    QVERIFY(setEvents.first().contains("HS_DESC_CONTENT"));
    for (const QString& e : base)
        QVERIFY(setEvents.first().contains(e.toLatin1()));
    QVERIFY(server.received.contains("HSFETCH " + kAddr + " SERVER=" + kFpA));

    const auto b = fetch(kFpB);
    QVERIFY(b.ok());
    QVERIFY(!b->found);
    QCOMPARE(b->reason, QByteArray("NOT_FOUND"));

    const auto c = fetch(kFpC);
    QVERIFY(!c.ok());
    QCOMPARE(c.error().code, ErrorCode::Timeout);
    QCOMPARE(setEvents.size(), 1);  // set once for the whole run

    // Done (cancel, as the fetcher does at the end): the session's own
    // events come back, without HS_DESC_CONTENT; a later fetch sets it again.
    transport->cancel();
    QTRY_COMPARE_WITH_TIMEOUT(setEvents.size(), 2, 5000);
    QVERIFY(!setEvents.last().contains("HS_DESC_CONTENT"));
    QVERIFY(setEvents.last().contains("HS_DESC"));
    const auto again = fetch(kFpA);
    QVERIFY(again.ok() && again->found);
    QCOMPARE(setEvents.size(), 3);
    QVERIFY(setEvents.last().contains("HS_DESC_CONTENT"));
    transport.reset();
    QTRY_COMPARE_WITH_TIMEOUT(setEvents.size(), 4, 5000);
    QVERIFY(!setEvents.last().contains("HS_DESC_CONTENT"));
}

QTEST_MAIN(TestHsFetchTransport)
#include "TestHsFetchTransport.moc"
