// MetricsParser on a real tor 0.4.9 MetricsPort page and on hostile input;
// MetricsFetcher against scripted HTTP peers (OK, refused by policy, silent,
// closing early, garbage, connection refused).
#include "control/MetricsFetcher.h"
#include "control/MetricsParser.h"

#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <cmath>
#include <memory>

using namespace rb;
using namespace rb::control;
using namespace std::chrono_literals;

namespace {

const QByteArray Onion = "jlcwpz3fefjg7qjlyeqkia3njrcbhs46q3ewtk2ovg23wbcrcivr4sad";

QByteArray realPage()
{
    QFile f(QStringLiteral(RB_SOURCE_DIR "/tests/control/data/tor-0.4.9-metrics.txt"));
    if (!f.open(QIODevice::ReadOnly)) {
        qFatal("missing test data");
    }
    return f.readAll();
}

// Serves one scripted HTTP answer per connection.
class HttpPeer {
public:
    explicit HttpPeer(std::function<void(QTcpSocket*)> onRequest)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this, onRequest]() {
            while (QTcpSocket* s = m_server.nextPendingConnection()) {
                QObject::connect(s, &QTcpSocket::readyRead, s, [s, onRequest, this]() {
                    m_request += s->readAll();
                    if (m_request.contains("\r\n\r\n")) {
                        onRequest(s);
                    }
                });
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    QByteArray m_request;

private:
    QTcpServer m_server;
};

struct Box {
    int calls = 0;
    std::optional<Result<Metrics>> r;
    MetricsFetcher::Callback cb()
    {
        return [this](Result<Metrics> m) {
            ++calls;
            r.emplace(std::move(m));
        };
    }
};

}  // namespace

class TestMetrics : public QObject {
    Q_OBJECT
private slots:
    void realTorPage()
    {
        auto m = MetricsParser::parse(realPage());
        QVERIFY2(m.ok(), qPrintable(m.ok() ? QString() : m.error().toString()));
        QVERIFY(m->samples.size() > 100);
        QCOMPARE(m->families.value("tor_hs_intro_circ_build_time").type, QByteArray("histogram"));
        QCOMPARE(m->families.value("tor_hs_intro_num_total").type, QByteArray("counter"));
        QVERIFY(!m->families.value("tor_hs_intro_num_total").help.isEmpty());
        const QList<std::pair<QByteArray, QByteArray>> mine{{"onion", Onion}};
        QCOMPARE(m->total("tor_hs_intro_num_total", mine).value(), 0.0);
        QCOMPARE(m->find("tor_hs_intro_rejected_intro_req_count", mine).size(), 4);
        QVERIFY(m->total("tor_hs_intro_rejected_intro_req_count", {{"onion", Onion}, {"reason", "invalid_introduce2"}})
                    .has_value());
        QVERIFY(!m->total("tor_hs_intro_num_total", {{"onion", "other"}}).has_value());
        auto h = m->histogram("tor_hs_intro_circ_build_time", mine);
        QVERIFY(h.has_value());
        QCOMPARE(h->buckets.size(), 6);
        QCOMPARE(h->buckets.first().first, 1000.0);
        QVERIFY(std::isinf(h->buckets.last().first));
        QCOMPARE(h->count, 0.0);
        const auto series = m->onionServiceSeries();
        QCOMPARE(series.size(), 1);
        QVERIFY(series.contains(QString::fromLatin1(Onion)));
        QVERIFY(series.value(QString::fromLatin1(Onion)).size() >= 30);
    }

    void syntax()
    {
        const QByteArray text = "# HELP x_total Things\n# TYPE x_total counter\n"
                                "x_total{a=\"q\\\"uo\\\\te\\n\",b=\"2\"} 1.5e3 1700000000000\n"
                                "y -Inf\nz NaN\nw +Inf\r\n\n# just a comment\nplain 7\n";
        auto m = MetricsParser::parse(text);
        QVERIFY(m.ok());
        QCOMPARE(m->samples.size(), 5);
        QCOMPARE(m->samples[0].label("a").value(), QByteArray("q\"uo\\te\n"));
        QCOMPARE(m->samples[0].value, 1500.0);
        QCOMPARE(m->samples[0].timestampMs.value(), 1700000000000LL);
        QVERIFY(std::isinf(m->samples[1].value) && m->samples[1].value < 0);
        QVERIFY(std::isnan(m->samples[2].value));
        QCOMPARE(m->samples[4].value, 7.0);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("no value") << QByteArray("x{a=\"1\"}\n");
        QTest::newRow("bad value") << QByteArray("x 1x\n");
        QTest::newRow("unquoted label") << QByteArray("x{a=1} 1\n");
        QTest::newRow("unterminated label") << QByteArray("x{a=\"1} 1\n");
        QTest::newRow("bad name") << QByteArray("9x 1\n");
        QTest::newRow("bad timestamp") << QByteArray("x 1 soon\n");
        QTest::newRow("missing brace") << QByteArray("x{a=\"1\" 1\n");
    }
    void malformed()
    {
        QFETCH(QByteArray, text);
        auto m = MetricsParser::parse(text);
        QVERIFY(!m.ok());
        QCOMPARE(m.error().code, ErrorCode::ParseError);
    }

    void limits()
    {
        MetricsParserLimits lim;
        lim.maxBytes = 100;
        QCOMPARE(MetricsParser::parse(QByteArray(101, '#'), lim).error().code, ErrorCode::TooLarge);
        lim = {};
        lim.maxSamples = 2;
        QCOMPARE(MetricsParser::parse("a 1\nb 2\nc 3\n", lim).error().code, ErrorCode::TooLarge);
        lim = {};
        lim.maxLineLength = 10;
        QCOMPARE(MetricsParser::parse("abcdefghijklmnop 1\n", lim).error().code, ErrorCode::TooLarge);
        lim = {};
        lim.maxLabelsPerSample = 1;
        QCOMPARE(MetricsParser::parse("a{x=\"1\",y=\"2\"} 1\n", lim).error().code, ErrorCode::TooLarge);
    }

    void httpBody()
    {
        QCOMPARE(MetricsFetcher::httpBody("HTTP/1.0 200 OK\r\nContent-Length: 4\r\n\r\nabcdEXTRA", 100).value(),
                 QByteArray("abcd"));
        QCOMPARE(MetricsFetcher::httpBody("HTTP/1.0 200 OK\r\n\r\nno length", 100).value(), QByteArray("no length"));
        QCOMPARE(MetricsFetcher::httpBody("HTTP/1.0 200 OK\r\nContent-Length: 40\r\n\r\nshort", 100).error().code,
                 ErrorCode::Disconnected);
        QCOMPARE(MetricsFetcher::httpBody("HTTP/1.0 403 Forbidden\r\n\r\n", 100).error().code, ErrorCode::Rejected);
        QCOMPARE(MetricsFetcher::httpBody("SSH-2.0-OpenSSH\r\n\r\n", 100).error().code, ErrorCode::ProtocolError);
        QCOMPARE(MetricsFetcher::httpBody("HTTP/1.0 200 OK\r\n", 100).error().code, ErrorCode::ProtocolError);
        QCOMPARE(MetricsFetcher::httpBody("HTTP/1.0 200 OK\r\n\r\n0123456789", 5).error().code, ErrorCode::TooLarge);
    }

    void fetcherOk()
    {
        const QByteArray body = realPage();
        HttpPeer peer([&body](QTcpSocket* s) {
            s->write("HTTP/1.0 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
                     QByteArray::number(body.size()) + "\r\n\r\n");
            // Dribble the body in pieces, then close.
            for (qsizetype i = 0; i < body.size(); i += 4096) {
                s->write(body.mid(i, 4096));
            }
            s->disconnectFromHost();
        });
        MetricsFetcher f;
        Box box;
        f.fetch(QStringLiteral("127.0.0.1"), peer.port(), box.cb());
        QTRY_COMPARE_WITH_TIMEOUT(box.calls, 1, 10000);
        QVERIFY2(box.r->ok(), qPrintable(box.r->ok() ? QString() : box.r->error().toString()));
        QCOMPARE(box.r->value().onionServiceSeries().size(), 1);
        QVERIFY(peer.m_request.startsWith("GET /metrics HTTP/1.0\r\n"));
        QVERIFY(!f.isRunning());
    }

    void fetcherCompletesOnContentLengthWithoutClose()
    {
        // tor 0.4.9 keeps the connection open after the page.
        const QByteArray body = "# TYPE a counter\na 1\n";
        HttpPeer peer([&body](QTcpSocket* s) {
            s->write("HTTP/1.0 200 OK\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        });
        MetricsFetcher f;
        f.setTimeout(5000ms);
        Box box;
        f.fetch(QStringLiteral("127.0.0.1"), peer.port(), box.cb());
        QTRY_COMPARE_WITH_TIMEOUT(box.calls, 1, 3000);
        QVERIFY(box.r->ok());
        QCOMPARE(box.r->value().total("a").value(), 1.0);
    }

    void fetcherFaults()
    {
        {
            HttpPeer peer([](QTcpSocket* s) {
                s->write("HTTP/1.0 403 Forbidden\r\n\r\n");
                s->disconnectFromHost();
            });
            MetricsFetcher f;
            Box box;
            f.fetch(QStringLiteral("127.0.0.1"), peer.port(), box.cb());
            QTRY_COMPARE_WITH_TIMEOUT(box.calls, 1, 10000);
            QCOMPARE(box.r->error().code, ErrorCode::Rejected);
            QVERIFY(box.r->error().message.contains(QStringLiteral("MetricsPortPolicy")));
        }
        {
            HttpPeer peer([](QTcpSocket* s) { s->disconnectFromHost(); });  // closes at once
            MetricsFetcher f;
            Box box;
            f.fetch(QStringLiteral("127.0.0.1"), peer.port(), box.cb());
            QTRY_COMPARE_WITH_TIMEOUT(box.calls, 1, 10000);
            QCOMPARE(box.r->error().code, ErrorCode::ProtocolError);
        }
        {
            HttpPeer peer([](QTcpSocket*) {});  // never answers
            MetricsFetcher f;
            f.setTimeout(300ms);
            Box box;
            f.fetch(QStringLiteral("127.0.0.1"), peer.port(), box.cb());
            QTRY_COMPARE_WITH_TIMEOUT(box.calls, 1, 5000);
            QCOMPARE(box.r->error().code, ErrorCode::Timeout);
            QTest::qWait(100);
            QCOMPARE(box.calls, 1);
        }
        {
            HttpPeer peer([](QTcpSocket* s) {
                s->write("HTTP/1.0 200 OK\r\n\r\nthis is { not metrics\n");
                s->disconnectFromHost();
            });
            MetricsFetcher f;
            Box box;
            f.fetch(QStringLiteral("127.0.0.1"), peer.port(), box.cb());
            QTRY_COMPARE_WITH_TIMEOUT(box.calls, 1, 10000);
            QCOMPARE(box.r->error().code, ErrorCode::ParseError);
        }
        {
            HttpPeer peer([](QTcpSocket* s) {
                s->write("HTTP/1.0 200 OK\r\n\r\n");
                s->write(QByteArray(300 * 1024, 'x'));
            });
            MetricsFetcher f;
            MetricsParserLimits lim;
            lim.maxBytes = 100 * 1024;
            f.setLimits(lim);
            Box box;
            f.fetch(QStringLiteral("127.0.0.1"), peer.port(), box.cb());
            QTRY_COMPARE_WITH_TIMEOUT(box.calls, 1, 10000);
            QCOMPARE(box.r->error().code, ErrorCode::TooLarge);
        }
        {
            quint16 port = 0;
            {
                QTcpServer tmp;
                tmp.listen(QHostAddress::LocalHost, 0);
                port = tmp.serverPort();
            }
            MetricsFetcher f;
            Box box;
            f.fetch(QStringLiteral("127.0.0.1"), port, box.cb());
            QTRY_COMPARE_WITH_TIMEOUT(box.calls, 1, 10000);
            QCOMPARE(box.r->error().code, ErrorCode::Unavailable);
        }
        {
            // Destroying the fetcher completes a running fetch with Cancelled.
            HttpPeer peer([](QTcpSocket*) {});
            Box box;
            {
                MetricsFetcher f;
                f.fetch(QStringLiteral("127.0.0.1"), peer.port(), box.cb());
            }
            QCOMPARE(box.calls, 1);
            QCOMPARE(box.r->error().code, ErrorCode::Cancelled);
        }
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "TestMetrics.moc"
