// rbctl descriptor decode, tested through the real binary (RB_RBCTL).

#include "DescriptorTestUtil.h"

#include "descriptor/DescriptorBuilder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace rb;
using namespace rb::descriptor;

namespace {

const QString kStemAddress = QStringLiteral("sltib6sxkuxh2scmtuvd5w2g7pahnzkovefxpo4e4ptnkzl5kkq5h2ad.onion");
const QString kStemFile = QStringLiteral(RB_SOURCE_DIR "/tests/descriptor/data/stem_hidden_service_v3.txt");

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run rbctl(const QStringList& args)
{
    QProcess proc;
    QSignalSpy finished(&proc, &QProcess::finished);
    proc.start(qEnvironmentVariable("RB_RBCTL"), args);
    Run r;
    if (!proc.waitForStarted(10000) || !finished.wait(60000)) {
        proc.kill();
        return r;
    }
    r.exitCode = proc.exitStatus() == QProcess::NormalExit ? proc.exitCode() : -1;
    r.out = proc.readAllStandardOutput();
    r.err = proc.readAllStandardError();
    return r;
}

}  // namespace

class TestDescriptorCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("RB_RBCTL")) {
            QSKIP("RB_RBCTL is not set (run through ctest)");
        }
    }

    void decodesTorDescriptorAtItsTime()
    {
        const Run r = rbctl({QStringLiteral("descriptor"), QStringLiteral("decode"), QStringLiteral("--address"),
                             kStemAddress, QStringLiteral("--at"), QStringLiteral("1502661599"), kStemFile});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("signature: valid"));
        QVERIFY(r.out.contains("revision-counter 42"));
        QVERIFY(r.out.contains("4 intro points"));
        QVERIFY(r.out.contains("Intro point 1: legacy-id $4343434343434343434343434343434343434343, IPv4 1.2.3.4:9001"));
        QVERIFY(r.out.contains("(tor-style)"));
        QVERIFY(r.out.contains("Result: VALID"));
    }

    void expiredDescriptorExitsThree()
    {
        const Run r = rbctl({QStringLiteral("descriptor"), QStringLiteral("decode"), QStringLiteral("--address"),
                             kStemAddress, kStemFile});
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.out.contains("Result: INVALID"));
        QVERIFY(r.err.contains("expired"));
    }

    void jsonOutput()
    {
        const Run r = rbctl({QStringLiteral("descriptor"), QStringLiteral("decode"), QStringLiteral("--json"),
                             QStringLiteral("--address"), kStemAddress, QStringLiteral("--at"),
                             QStringLiteral("1502661599"), kStemFile});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QVERIFY(o.value(QStringLiteral("ok")).toBool());
        const QJsonObject outer = o.value(QStringLiteral("outer")).toObject();
        QVERIFY(outer.value(QStringLiteral("signatureValid")).toBool());
        QCOMPARE(outer.value(QStringLiteral("revisionCounter")).toString(), QStringLiteral("42"));
        const QJsonArray ips = o.value(QStringLiteral("inner")).toObject().value(QStringLiteral("introPoints")).toArray();
        QCOMPARE(ips.size(), 4);
        QVERIFY(ips[0].toObject().value(QStringLiteral("authKeyCert")).toObject().value(QStringLiteral("valid")).toBool());
        QCOMPARE(o.value(QStringLiteral("middle")).toObject().value(QStringLiteral("authClients")).toInt(), 16);
    }

    void ourDescriptorWithKeyFileAndPeriod()
    {
        crypto::PublicKey pk;
        const auto sk = testutil::testIdentityExpanded(&pk);
        DescriptorBuildParams p;
        p.timePeriod = 20489;
        p.introPoints = testutil::makeIntroPoints(3, QDateTime::currentSecsSinceEpoch());
        auto built = DescriptorBuilder::build(sk, pk, p);
        QVERIFY(built.ok());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile desc(dir.filePath(QStringLiteral("desc.txt")));
        QVERIFY(desc.open(QIODevice::WriteOnly));
        desc.write(built->text);
        desc.close();
        // Test-only seed (PROTOCOL-NOTES §11) as a hex seed key file.
        QFile key(dir.filePath(QStringLiteral("seed.hex")));
        QVERIFY(key.open(QIODevice::WriteOnly));
        key.write("454cf9d7990b659e44900c12cd623bebd514eba5709cf0356cbfe224da47cbaf\n");
        key.close();
        const Run r = rbctl({QStringLiteral("descriptor"), QStringLiteral("decode"), QStringLiteral("--key-file"),
                             key.fileName(), QStringLiteral("--period"), QStringLiteral("20489"), desc.fileName()});
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
        QVERIFY(r.out.contains("2clzszzj2zxouhymnw33lgycxhcr67iv6ozbuyvugjblsohckzjux7yd.onion"));
        QVERIFY(r.out.contains("time period:            matches"));
        QVERIFY(r.out.contains("flow-control 1-2 31"));
        QVERIFY(r.out.contains("matches enc-key"));
        const Run wrong = rbctl({QStringLiteral("descriptor"), QStringLiteral("decode"), QStringLiteral("--key-file"),
                                 key.fileName(), QStringLiteral("--period"), QStringLiteral("20490"), desc.fileName()});
        QCOMPARE(wrong.exitCode, 3);
        QVERIFY(wrong.out.contains("DOES NOT MATCH"));
        // Wrong service: the MAC check fails.
        const Run other = rbctl({QStringLiteral("descriptor"), QStringLiteral("decode"), QStringLiteral("--address"),
                                 kStemAddress, desc.fileName()});
        QCOMPARE(other.exitCode, 3);
        QVERIFY(other.out.contains("MAC"));
    }

    void badInputAndUsage()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("junk")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a descriptor\n");
        f.close();
        const Run junk = rbctl({QStringLiteral("descriptor"), QStringLiteral("decode"), QStringLiteral("--address"),
                                kStemAddress, f.fileName()});
        QCOMPARE(junk.exitCode, 3);
        QVERIFY(junk.err.contains("hs-descriptor"));
        const Run noAddr = rbctl({QStringLiteral("descriptor"), QStringLiteral("decode"), kStemFile});
        QCOMPARE(noAddr.exitCode, 2);
        const Run badAddr = rbctl({QStringLiteral("descriptor"), QStringLiteral("decode"), QStringLiteral("--address"),
                                   QStringLiteral("nope.onion"), kStemFile});
        QCOMPARE(badAddr.exitCode, 3);
        const Run missing = rbctl({QStringLiteral("descriptor"), QStringLiteral("decode"), QStringLiteral("--address"),
                                   kStemAddress, dir.filePath(QStringLiteral("absent"))});
        QCOMPARE(missing.exitCode, 1);
        const Run help = rbctl({QStringLiteral("descriptor"), QStringLiteral("decode"), QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("--key-file"));
    }
};

QTEST_GUILESS_MAIN(TestDescriptorCli)
#include "TestDescriptorCli.moc"
