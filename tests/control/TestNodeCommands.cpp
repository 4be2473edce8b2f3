// `rbctl node status` through the real binary (env RB_RBCTL) against real,
// offline tors: cookie (SAFECOOKIE, advertised cookie), password from an
// environment variable, wrong credentials, refused and silent ports, WARN
// collection. Exit codes are part of the contract (rbctl --help).
#include "StandaloneTor.h"
#include "control/ControlClient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace rb;
using namespace rb::control;
using namespace std::chrono_literals;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

Run rbctl(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(),
          int timeoutMs = 30000)
{
    Run r;
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("RB_RBCTL"), args);
    if (!p.waitForStarted(10000)) {
        return r;
    }
    if (!QTest::qWaitFor([&p] { return p.state() == QProcess::NotRunning; }, timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString endpoint(const StandaloneTor& tor)
{
    return QStringLiteral("127.0.0.1:%1").arg(tor.controlPort());
}

}  // namespace

class TestNodeCommands : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(!qEnvironmentVariable("RB_RBCTL").isEmpty(), "RB_RBCTL not set"); }

    void usage()
    {
        QCOMPARE(rbctl({QStringLiteral("node"), QStringLiteral("status"), QStringLiteral("--help")}).exitCode, 0);
        QCOMPARE(rbctl({QStringLiteral("node"), QStringLiteral("--help")}).exitCode, 0);
        QCOMPARE(rbctl({QStringLiteral("node"), QStringLiteral("status")}).exitCode, 2);
        QCOMPARE(rbctl({QStringLiteral("node"), QStringLiteral("status"), QStringLiteral("--control"),
                        QStringLiteral("nonsense")})
                     .exitCode,
                 2);
        QCOMPARE(rbctl({QStringLiteral("node"), QStringLiteral("frobnicate")}).exitCode, 2);
    }

    void cookieTorWithServices()
    {
        QTemporaryDir hsRoot;
        const QString hs1 = hsRoot.filePath(QStringLiteral("hs1"));
        const QString hs2 = hsRoot.filePath(QStringLiteral("hs2"));
        QVERIFY(QDir().mkdir(hs2));
        QFile::setPermissions(hs2, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QFile ob(hs2 + QStringLiteral("/ob_config"));
        QVERIFY(ob.open(QIODevice::WriteOnly));
        ob.write("MasterOnionAddress 2clzszzj2zxouhymnw33lgycxhcr67iv6ozbuyvugjblsohckzjux7yd.onion\n");
        ob.close();
        StandaloneTor tor(
            {QStringLiteral("CookieAuthentication 1"), QStringLiteral("HiddenServiceDir %1").arg(hs1),
             QStringLiteral("HiddenServicePort 80 127.0.0.1:9"), QStringLiteral("HiddenServiceDir %1").arg(hs2),
             QStringLiteral("HiddenServicePort 81 127.0.0.1:9"), QStringLiteral("HiddenServiceOnionbalanceInstance 1"),
             QStringLiteral("PublishHidServDescriptors 0")});
        QVERIFY2(tor.ok(), qPrintable(tor.problem()));
        QFile host1(hs1 + QStringLiteral("/hostname"));
        QVERIFY(host1.open(QIODevice::ReadOnly));
        const QString addr1 = QString::fromLatin1(host1.readAll().trimmed());

        Run r = rbctl({QStringLiteral("node"), QStringLiteral("status"), QStringLiteral("--control"), endpoint(tor),
                       QStringLiteral("--cookie"), tor.cookieFile(), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("auth")).toString(), QStringLiteral("SAFECOOKIE"));
        QVERIFY(o.value(QStringLiteral("torVersion")).toString().startsWith(QStringLiteral("0.4.")));
        QCOMPARE(o.value(QStringLiteral("bootstrap")).toObject().value(QStringLiteral("tag")).toString(),
                 QStringLiteral("starting"));
        const QJsonArray configured =
            o.value(QStringLiteral("onionServices")).toObject().value(QStringLiteral("configured")).toArray();
        QCOMPARE(configured.size(), 2);
        QCOMPARE(configured[0].toObject().value(QStringLiteral("address")).toString(), addr1);
        QCOMPARE(configured[0].toObject().value(QStringLiteral("onionbalanceInstance")).toBool(), false);
        QCOMPARE(configured[1].toObject().value(QStringLiteral("onionbalanceInstance")).toBool(), true);
        QCOMPARE(configured[1].toObject().value(QStringLiteral("ports")).toArray().first().toString(),
                 QStringLiteral("81 127.0.0.1:9"));
        QCOMPARE(o.value(QStringLiteral("publishHidServDescriptors")).toBool(true), false);
        QCOMPARE(o.value(QStringLiteral("introCircuits")).toObject().value(QStringLiteral("total")).toInt(-1), 0);

        // Text output, cookie found through PROTOCOLINFO (local tor).
        Run t = rbctl({QStringLiteral("node"), QStringLiteral("status"), QStringLiteral("--control"), endpoint(tor)});
        QVERIFY2(t.exitCode == 0, t.err.constData());
        QVERIFY(t.out.contains("Tor version:"));
        QVERIFY(t.out.contains(addr1.toLatin1()));
        QVERIFY(t.out.contains("[onionbalance instance]"));

        // A wrong cookie: authentication failure, exit 5.
        QTemporaryDir tmp;
        QFile bad(tmp.filePath(QStringLiteral("cookie")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(QByteArray(32, 'x'));
        bad.close();
        Run w = rbctl({QStringLiteral("node"), QStringLiteral("status"), QStringLiteral("--control"), endpoint(tor),
                       QStringLiteral("--cookie"), bad.fileName(), QStringLiteral("--json")});
        QCOMPARE(w.exitCode, 5);
        QCOMPARE(w.json().value(QStringLiteral("error")).toString(), QStringLiteral("auth-failed"));
        // A cookie file of the wrong size: input rejected before connecting.
        QFile shortCookie(tmp.filePath(QStringLiteral("short")));
        QVERIFY(shortCookie.open(QIODevice::WriteOnly));
        shortCookie.write("abc");
        shortCookie.close();
        Run s = rbctl({QStringLiteral("node"), QStringLiteral("status"), QStringLiteral("--control"), endpoint(tor),
                       QStringLiteral("--cookie"), shortCookie.fileName()});
        QCOMPARE(s.exitCode, 3);  // input rejected
        QVERIFY(s.err.contains("32 bytes"));
    }

    void warningsAreCollected()
    {
        StandaloneTor tor({});
        QVERIFY2(tor.ok(), qPrintable(tor.problem()));
        QProcess p;
        p.start(qEnvironmentVariable("RB_RBCTL"),
                {QStringLiteral("node"), QStringLiteral("status"), QStringLiteral("--control"), endpoint(tor),
                 QStringLiteral("--json"), QStringLiteral("--warnings"), QStringLiteral("4")});
        QVERIFY(p.waitForStarted(10000));
        QTest::qWait(2000);
        // From a second connection, make tor log a WARN (DROPGUARDS warns once).
        QTcpSocket sock;
        sock.connectToHost(QHostAddress::LocalHost, tor.controlPort());
        ControlChannel ch(&sock);
        ControlClient client(&ch);
        bool done = false;
        client.authenticateNull([&](Status st) {
            QVERIFY(st.ok());
            client.command("DROPGUARDS", [&](Result<Reply> r) {
                QVERIFY(r.ok());
                done = true;
            });
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(p.state(), QProcess::NotRunning, 20000);
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        const QJsonArray warns = o.value(QStringLiteral("warnings")).toArray();
        bool found = false;
        for (const QJsonValue& v : warns) {
            found = found || v.toString().contains(QStringLiteral("DROPGUARDS"));
        }
        QVERIFY2(found, QJsonDocument(o).toJson().constData());
    }

    void passwordFromEnvironment()
    {
        const QByteArray pw = "node status test pw";
        StandaloneTor tor(
            {QStringLiteral("HashedControlPassword %1").arg(QString::fromLatin1(StandaloneTor::hashPassword(pw)))});
        QVERIFY2(tor.ok(), qPrintable(tor.problem()));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("RB_TEST_CONTROL_PW"), QString::fromLatin1(pw));
        Run r =
            rbctl({QStringLiteral("node"), QStringLiteral("status"), QStringLiteral("--control"), endpoint(tor),
                   QStringLiteral("--password-env"), QStringLiteral("RB_TEST_CONTROL_PW"), QStringLiteral("--json")},
                  env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.json().value(QStringLiteral("auth")).toString(), QStringLiteral("HASHEDPASSWORD"));
        QVERIFY(!r.out.contains(pw));
        QVERIFY(!r.err.contains(pw));
        env.insert(QStringLiteral("RB_TEST_CONTROL_PW"), QStringLiteral("wrong"));
        Run w = rbctl({QStringLiteral("node"), QStringLiteral("status"), QStringLiteral("--control"), endpoint(tor),
                       QStringLiteral("--password-env"), QStringLiteral("RB_TEST_CONTROL_PW")},
                      env);
        QCOMPARE(w.exitCode, 5);
        env.remove(QStringLiteral("RB_TEST_CONTROL_PW"));
        Run m = rbctl({QStringLiteral("node"), QStringLiteral("status"), QStringLiteral("--control"), endpoint(tor),
                       QStringLiteral("--password-env"), QStringLiteral("RB_TEST_CONTROL_PW")},
                      env);
        QCOMPARE(m.exitCode, 2);
        // No credentials for a password-only tor: authentication error.
        Run n = rbctl({QStringLiteral("node"), QStringLiteral("status"), QStringLiteral("--control"), endpoint(tor)});
        QCOMPARE(n.exitCode, 5);
    }

    void unreachable()
    {
        quint16 port = 0;
        {
            QTcpServer tmp;
            QVERIFY(tmp.listen(QHostAddress::LocalHost, 0));
            port = tmp.serverPort();
        }
        Run r = rbctl({QStringLiteral("node"), QStringLiteral("status"), QStringLiteral("--control"),
                       QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(r.json().value(QStringLiteral("ok")).toBool(true), false);
        // A port that accepts but never answers: timeout, exit 6.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        QElapsedTimer t;
        t.start();
        Run s = rbctl({QStringLiteral("node"), QStringLiteral("status"), QStringLiteral("--control"),
                       QStringLiteral("127.0.0.1:%1").arg(silent.serverPort()), QStringLiteral("--timeout"),
                       QStringLiteral("1")});
        QCOMPARE(s.exitCode, 6);
        QVERIFY(t.elapsed() < 15000);
    }
};

QTEST_GUILESS_MAIN(TestNodeCommands)
#include "TestNodeCommands.moc"
