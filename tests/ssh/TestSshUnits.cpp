// Pure parts of the ssh layer: target/endpoint grammar, shell quoting (checked
// against a real local /bin/sh), stderr classification on real ssh output.
#include "ssh/HostKeyVerifier.h"
#include "ssh/RemoteCommand.h"
#include "ssh/RemoteEndpoint.h"
#include "ssh/SshDiagnostics.h"
#include "ssh/SshOptions.h"
#include "ssh/SshTarget.h"

#include <QProcess>
#include <QTest>

using namespace rb;
using namespace rb::ssh;

class TestSshUnits : public QObject {
    Q_OBJECT
private slots:
    void targetParses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QStringList>("args");
        QTest::newRow("alias") << "node1"
                               << ""
                               << "node1" << 0 << QStringList{"--", "node1"};
        QTest::newRow("user@host") << "admin@tor1.example.org"
                                   << "admin"
                                   << "tor1.example.org" << 0 << QStringList{"--", "admin@tor1.example.org"};
        QTest::newRow("port") << "admin@10.0.0.5:2222"
                              << "admin"
                              << "10.0.0.5" << 2222 << QStringList{"-p", "2222", "--", "admin@10.0.0.5"};
        QTest::newRow("v6") << "root@[2001:db8::1]:22"
                            << "root"
                            << "2001:db8::1" << 22 << QStringList{"-p", "22", "--", "root@2001:db8::1"};
    }
    void targetParses()
    {
        QFETCH(QString, text);
        QFETCH(QString, user);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QStringList, args);
        auto t = SshTarget::parse(text);
        QVERIFY2(t, qPrintable(t ? QString() : t.error().message));
        QCOMPARE(t->user(), user);
        QCOMPARE(t->host(), host);
        QCOMPARE(int(t->port()), port);
        QCOMPARE(t->destinationArguments(), args);
        QCOMPARE(SshTarget::parse(t->toString()).value(), t.value());
    }
    void targetRejectsOptionsAndShell()
    {
        for (const char* bad :
             {"", "-oProxyCommand=touch /tmp/x", "user@-oProxyCommand=x", "host;id", "a b", "$(id)@host", "host:0",
              "host:99999", "host:22:33", "@host", "user@", ".hidden", "[::1", "[nothex]:22", "host\nother"}) {
            QVERIFY2(!SshTarget::parse(QString::fromUtf8(bad)), bad);
        }
    }
    void endpoints()
    {
        auto u = RemoteEndpoint::parse(u"unix:/run/tor/control");
        QVERIFY(u);
        QCOMPARE(u->kind(), RemoteEndpoint::Kind::Unix);
        QCOMPARE(u->sshForwardSpec(), QStringLiteral("/run/tor/control"));
        QCOMPARE(u->toString(), QStringLiteral("unix:/run/tor/control"));
        QCOMPARE(RemoteEndpoint::parse(u"/run/tor/control").value(), u.value());
        auto t = RemoteEndpoint::parse(u"127.0.0.1:9051");
        QVERIFY(t);
        QCOMPARE(t->port(), quint16(9051));
        QCOMPARE(RemoteEndpoint::parse(u"tcp:127.0.0.1:9051").value(), t.value());
        QCOMPARE(RemoteEndpoint::parse(u"[::1]:9051")->sshForwardSpec(), QStringLiteral("[::1]:9051"));
        for (const char* bad : {"unix:relative", "unix:/a:b", "unix:/a/../b", "9051", "host:", "host:70000", "::1:9051",
                                "bad host:1", "-x:1", "unix:/with space"}) {
            QVERIFY2(!RemoteEndpoint::parse(QString::fromUtf8(bad)), bad);
        }
        QVERIFY(!RemoteEndpoint::parse(QString(QStringLiteral("unix:/") + QString(200, QLatin1Char('a')))));
    }
    void quotingSurvivesARealShell()
    {
        const QStringList args{QStringLiteral("plain"),
                               QStringLiteral("it's"),
                               QStringLiteral("$(id)"),
                               QStringLiteral("`id`"),
                               QStringLiteral("a;b|c&d"),
                               QStringLiteral("new\nline"),
                               QString(),
                               QStringLiteral("''\"\\"),
                               QStringLiteral("*"),
                               QStringLiteral("~"),
                               QString::fromUtf8("ünïcödé")};
        auto cmd = RemoteCommand::create(QStringList{QStringLiteral("printf"), QStringLiteral("[%s]")} + args);
        QVERIFY(cmd);
        QProcess sh;
        sh.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), cmd->shellCommand()});
        QVERIFY(sh.waitForFinished(10000));
        QString expected;
        for (const QString& a : args) {
            expected += QLatin1Char('[') + a + QLatin1Char(']');
        }
        QCOMPARE(QString::fromUtf8(sh.readAllStandardOutput()), expected);
        QCOMPARE(RemoteCommand::quote(u"it's"), QStringLiteral("'it'\\''s'"));
    }
    void sudoAndValidation()
    {
        auto cmd =
            RemoteCommand::create({QStringLiteral("systemctl"), QStringLiteral("reload"), QStringLiteral("tor")});
        QVERIFY(cmd);
        cmd->withSudo();
        QCOMPARE(cmd->shellCommand(), QStringLiteral("'sudo' '-n' '--' 'systemctl' 'reload' 'tor'"));
        QVERIFY(!RemoteCommand::create({}));
        QVERIFY(!RemoteCommand::create({QStringLiteral("echo"), QStringLiteral("a") + QChar(0)}));
        QVERIFY(RemoteCommand::validateAbsolutePath(u"/var/lib/tor/hs", QStringLiteral("path")));
        QVERIFY(RemoteCommand::validateName(u"node-1.eu_west", QStringLiteral("name")));
    }
    void commonOptionsAreSafe()
    {
        SshOptions o;
        o.configFile = QStringLiteral("/tmp/cfg");
        const QString joined = o.commonArguments().join(QLatin1Char(' '));
        QVERIFY(joined.startsWith(QLatin1String("-F /tmp/cfg")));
        for (const char* must : {"BatchMode=yes", "StrictHostKeyChecking=yes", "ControlPath=none", "ForwardAgent=no",
                                 "ServerAliveInterval=15", "ServerAliveCountMax=3"}) {
            QVERIFY2(joined.contains(QLatin1String(must)), must);
        }
        QVERIFY(!joined.contains(QLatin1String("UserKnownHostsFile")));  // the config decides unless forced
    }
    void classifiesRealSshOutput()
    {
        const QByteArray unknown = "No ED25519 host key is known for [127.0.0.1]:22922 and you have requested strict "
                                   "checking.\r\nHost key verification failed.\r\n";
        const QByteArray changed =
            "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
            "@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n"
            "The fingerprint for the ED25519 key sent by the remote host is\n"
            "SHA256:4ev17TYiMQmIJshMzS1bqIzvShiUOLhVFtaSLf/D0vU.\n"
            "Host key for [127.0.0.1]:22922 has changed and you have requested strict checking.\n"
            "Host key verification failed.\n";
        QCOMPARE(SshDiagnostics::classify(unknown), SshDiagnostics::Failure::HostKeyUnknown);
        QCOMPARE(SshDiagnostics::classify(changed), SshDiagnostics::Failure::HostKeyChanged);
        QCOMPARE(SshDiagnostics::offeredFingerprint(changed),
                 QStringLiteral("SHA256:4ev17TYiMQmIJshMzS1bqIzvShiUOLhVFtaSLf/D0vU"));
        QCOMPARE(SshDiagnostics::classify("root@127.0.0.1: Permission denied (publickey).\n"),
                 SshDiagnostics::Failure::AuthFailed);
        QCOMPARE(SshDiagnostics::classify("ssh: connect to host 127.0.0.1 port 1: Connection refused\n"),
                 SshDiagnostics::Failure::ConnectFailed);
        QCOMPARE(SshDiagnostics::classify("Error: forwarding failed\n"), SshDiagnostics::Failure::ForwardFailed);
        QCOMPARE(SshDiagnostics::classify(""), SshDiagnostics::Failure::None);
        const Error e = SshDiagnostics::toError(SshDiagnostics::Failure::HostKeyChanged, QStringLiteral("n1"), changed);
        QVERIFY(e.message.contains(QLatin1String("CHANGED")));
        QVERIFY(e.message.contains(QLatin1String("man-in-the-middle")));
    }
    void hostKeyHelpers()
    {
        auto fps = HostKeyVerifier::parseFingerprints(
            "256 SHA256:uoaKSl8wxooZhTcNQ/2MpXU+BBLSNl8G6zhXhY6dmlM [127.0.0.1]:22922 (ED25519)\n");
        QVERIFY(fps);
        QCOMPARE(fps->value(0), QStringLiteral("ED25519 SHA256:uoaKSl8wxooZhTcNQ/2MpXU+BBLSNl8G6zhXhY6dmlM"));
        QVERIFY(!HostKeyVerifier::parseFingerprints("garbage"));
        auto kh = HostKeyVerifier::parseUserKnownHostsFile("user root\nuserknownhostsfile /x/known_hosts /x/kh2\n");
        QCOMPARE(kh.value(), QStringLiteral("/x/known_hosts"));
        QVERIFY(!HostKeyVerifier::parseUserKnownHostsFile("userknownhostsfile none\n"));
        QVERIFY(HostKeyVerifier::validateKnownHostsLines(
            "[127.0.0.1]:22922 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIBqOCjtsi5estQtzw5Isvu61J4KKl32nCz3+xlIOrh6\n"));
        QVERIFY(!HostKeyVerifier::validateKnownHostsLines("@cert-authority * ssh-ed25519 AAAA\n"));
        QVERIFY(!HostKeyVerifier::validateKnownHostsLines("host ssh-ed25519 AAAA extra\n"));
        QVERIFY(!HostKeyVerifier::validateKnownHostsLines(""));
    }
};

QTEST_GUILESS_MAIN(TestSshUnits)
#include "TestSshUnits.moc"
