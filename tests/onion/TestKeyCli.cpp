// rbctl key ... through the real binary (env RB_RBCTL).
#include "onion/MasterIdentity.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using rb::onion::MasterIdentity;

namespace {

const QString kData = QStringLiteral(RB_SOURCE_DIR "/tests/onion/data/");
// The seed document's appendix (PROTOCOL-NOTES §11).
constexpr char kSeed[] = "454cf9d7990b659e44900c12cd623bebd514eba5709cf0356cbfe224da47cbaf";
constexpr char kAddress[] = "2clzszzj2zxouhymnw33lgycxhcr67iv6ozbuyvugjblsohckzjux7yd.onion";
constexpr char kBlinded20489[] = "c42cba968b1d5526b22da6efa5942305e768b7d87ebfd59a9161f1d9f577c5b9";

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

Run rbctl(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
{
    Run r;
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("RB_RBCTL"), args);
    if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 15000)) {
        p.kill();
        (void)QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 2000);
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    // No command may ever echo the seed.
    if (r.out.contains(kSeed) || r.err.contains(kSeed)) {
        r.exitCode = -3;
    }
    return r;
}

QProcessEnvironment envWithSeed()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("RB_TEST_SEED"), QString::fromLatin1(kSeed));
    return env;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

unsigned modeOf(const QString& path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? (static_cast<unsigned>(st.st_mode) & 07777U)
                                                                 : 0xffffffffU;
}

}  // namespace

class TestKeyCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(QFile::exists(qEnvironmentVariable("RB_RBCTL")), "RB_RBCTL must name rbctl"); }

    void generateWritesTorFiles()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("hs"));
        const Run r = rbctl({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--out"), dir,
                             QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("ok")).toBool(), true);
        const QString address = o.value(QStringLiteral("address")).toString();
        QCOMPARE(readAll(dir + QStringLiteral("/hostname")), address.toLatin1() + '\n');
        QCOMPARE(modeOf(dir), 0700U);
        QCOMPARE(modeOf(dir + QStringLiteral("/hs_ed25519_secret_key")), 0600U);
        auto id = MasterIdentity::importFile(dir);
        QVERIFY(id.ok());
        QCOMPARE(id->address().toString(), address);

        // Plain output: the address first; the key file then reads back the same address.
        const QString dir2 = tmp.filePath(QStringLiteral("hs2"));
        const QString seedFile = tmp.filePath(QStringLiteral("hs2.key"));
        const Run plain = rbctl({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--out"), dir2,
                                 QStringLiteral("--seed-file"), seedFile});
        QCOMPARE(plain.exitCode, 0);
        const QByteArray firstLine = plain.out.left(plain.out.indexOf('\n'));
        QVERIFY(firstLine.endsWith(".onion"));
        QCOMPARE(readAll(seedFile).size(), 32);
        const Run viaSeed =
            rbctl({QStringLiteral("key"), QStringLiteral("address"), QStringLiteral("--key-file"), seedFile});
        QCOMPARE(viaSeed.exitCode, 0);
        QCOMPARE(viaSeed.out.trimmed(), firstLine);
        QVERIFY(firstLine != address.toLatin1());

        // Generating into a directory that holds another key is refused.
        const Run again = rbctl({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--out"), dir});
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains("--force"));
        QCOMPARE(readAll(dir + QStringLiteral("/hostname")), address.toLatin1() + '\n');
    }

    void addressFromEverySource()
    {
        const Run env = rbctl({QStringLiteral("key"), QStringLiteral("address"), QStringLiteral("--seed-hex-env"),
                               QStringLiteral("RB_TEST_SEED")},
                              envWithSeed());
        QCOMPARE(env.exitCode, 0);
        QCOMPARE(env.out.trimmed(), QByteArray(kAddress));
        QVERIFY(!env.err.contains("warning"));

        // --seed-hex works but warns (the test harness's own argv necessarily holds the seed).
        QProcess p;
        p.start(qEnvironmentVariable("RB_RBCTL"), {QStringLiteral("key"), QStringLiteral("address"),
                                                   QStringLiteral("--seed-hex"), QString::fromLatin1(kSeed)});
        QVERIFY(QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 15000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(p.readAllStandardOutput().trimmed(), QByteArray(kAddress));
        const QByteArray warn = p.readAllStandardError();
        QVERIFY(warn.contains("process list"));
        QVERIFY(warn.contains("--key-file"));

        const Run pem = rbctl({QStringLiteral("key"), QStringLiteral("address"), QStringLiteral("--key-file"),
                               kData + QStringLiteral("seeddoc.pem"), QStringLiteral("--json")});
        QCOMPARE(pem.exitCode, 0);
        QCOMPARE(pem.json().value(QStringLiteral("address")).toString(), QString::fromLatin1(kAddress));
        QCOMPARE(pem.json().value(QStringLiteral("format")).toString(), QStringLiteral("pkcs8-pem"));
        QCOMPARE(pem.json().value(QStringLiteral("hasSeed")).toBool(), true);

        const Run torDir = rbctl({QStringLiteral("key"), QStringLiteral("address"), QStringLiteral("--key-file"),
                                  kData + QStringLiteral("tor-generated")});
        QCOMPARE(torDir.exitCode, 0);
        QCOMPARE(torDir.out, readAll(kData + QStringLiteral("tor-generated/hostname")));
    }

    void blindPrintsTheBlindedKey()
    {
        const Run r = rbctl({QStringLiteral("key"), QStringLiteral("blind"), QStringLiteral("--seed-hex-env"),
                             QStringLiteral("RB_TEST_SEED"), QStringLiteral("--period"), QStringLiteral("20489")},
                            envWithSeed());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), QByteArray(kBlinded20489));
        const Run j = rbctl({QStringLiteral("key"), QStringLiteral("blind"), QStringLiteral("--seed-hex-env"),
                             QStringLiteral("RB_TEST_SEED"), QStringLiteral("--period"), QStringLiteral("20489"),
                             QStringLiteral("--period-length"), QStringLiteral("1440"), QStringLiteral("--json")},
                            envWithSeed());
        QCOMPARE(j.exitCode, 0);
        QCOMPARE(j.json().value(QStringLiteral("blindedPublicKey")).toString(), QString::fromLatin1(kBlinded20489));
        const Run other = rbctl({QStringLiteral("key"), QStringLiteral("blind"), QStringLiteral("--seed-hex-env"),
                                 QStringLiteral("RB_TEST_SEED"), QStringLiteral("--period"), QStringLiteral("20489"),
                                 QStringLiteral("--period-length"), QStringLiteral("720")},
                                envWithSeed());
        QCOMPARE(other.exitCode, 0);
        QVERIFY(other.out.trimmed() != QByteArray(kBlinded20489));
    }

    void exportTorRefusesThenBacksUp()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("hs"));
        QCOMPARE(rbctl({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--out"), dir}).exitCode, 0);
        const QByteArray oldSecret = readAll(dir + QStringLiteral("/hs_ed25519_secret_key"));
        const QStringList exportArgs{
            QStringLiteral("key"),          QStringLiteral("export-tor"), QStringLiteral("--seed-hex-env"),
            QStringLiteral("RB_TEST_SEED"), QStringLiteral("--out"),      dir};
        const Run refused = rbctl(exportArgs + QStringList{QStringLiteral("--json")}, envWithSeed());
        QCOMPARE(refused.exitCode, 1);
        QCOMPARE(refused.json().value(QStringLiteral("ok")).toBool(), false);
        QCOMPARE(refused.json().value(QStringLiteral("error")).toString(), rb::errorCodeName(rb::ErrorCode::Rejected));
        QCOMPARE(readAll(dir + QStringLiteral("/hs_ed25519_secret_key")), oldSecret);

        const Run forced =
            rbctl(exportArgs + QStringList{QStringLiteral("--force"), QStringLiteral("--json")}, envWithSeed());
        QCOMPARE(forced.exitCode, 0);
        QCOMPARE(forced.json().value(QStringLiteral("backups")).toArray().size(), 3);
        QCOMPARE(readAll(dir + QStringLiteral("/hostname")), QByteArray(kAddress) + '\n');
        bool oldKept = false;
        for (const auto& b : forced.json().value(QStringLiteral("backups")).toArray()) {
            oldKept = oldKept || readAll(b.toString()) == oldSecret;
        }
        QVERIFY(oldKept);
    }

    void usageAndInputErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("stderrMentions");
        const QString k = QStringLiteral("key");
        QTest::newRow("no subcommand") << QStringList{k} << 2 << QByteArray();
        QTest::newRow("unknown subcommand")
            << QStringList{k, QStringLiteral("frobnicate")} << 2 << QByteArray("unknown");
        QTest::newRow("no key source") << QStringList{k, QStringLiteral("address")} << 2 << QByteArray("exactly one");
        QTest::newRow("two key sources") << QStringList{k,
                                                        QStringLiteral("address"),
                                                        QStringLiteral("--seed-hex-env"),
                                                        QStringLiteral("RB_TEST_SEED"),
                                                        QStringLiteral("--key-file"),
                                                        QStringLiteral("/x")}
                                         << 2 << QByteArray("exactly one");
        QTest::newRow("unknown option") << QStringList{k, QStringLiteral("address"), QStringLiteral("--bogus")} << 2
                                        << QByteArray("bogus");
        QTest::newRow("bad hex") << QStringList{k, QStringLiteral("address"), QStringLiteral("--seed-hex"),
                                                QStringLiteral("abcd")}
                                 << 3 << QByteArray("64 hex digits");
        QTest::newRow("unset env") << QStringList{k, QStringLiteral("address"), QStringLiteral("--seed-hex-env"),
                                                  QStringLiteral("RB_TEST_UNSET_VARIABLE")}
                                   << 2 << QByteArray("not set");
        QTest::newRow("missing file") << QStringList{k, QStringLiteral("address"), QStringLiteral("--key-file"),
                                                     QStringLiteral("/nonexistent/key")}
                                      << 1 << QByteArray("No key file");
        QTest::newRow("encrypted pem") << QStringList{k, QStringLiteral("address"), QStringLiteral("--key-file"),
                                                      kData + QStringLiteral("seeddoc-encrypted.pem")}
                                       << 3 << QByteArray("encrypted");
        QTest::newRow("public key file") << QStringList{k, QStringLiteral("address"), QStringLiteral("--key-file"),
                                                        kData + QStringLiteral("tor-generated/hs_ed25519_public_key")}
                                         << 3 << QByteArray("public key file");
        QTest::newRow("blind without period")
            << QStringList{k, QStringLiteral("blind"), QStringLiteral("--seed-hex-env"), QStringLiteral("RB_TEST_SEED")}
            << 2 << QByteArray("--period");
        QTest::newRow("blind bad period") << QStringList{k,
                                                         QStringLiteral("blind"),
                                                         QStringLiteral("--seed-hex-env"),
                                                         QStringLiteral("RB_TEST_SEED"),
                                                         QStringLiteral("--period"),
                                                         QStringLiteral("soon")}
                                          << 2 << QByteArray("soon");
        QTest::newRow("blind zero length") << QStringList{k,
                                                          QStringLiteral("blind"),
                                                          QStringLiteral("--seed-hex-env"),
                                                          QStringLiteral("RB_TEST_SEED"),
                                                          QStringLiteral("--period"),
                                                          QStringLiteral("1"),
                                                          QStringLiteral("--period-length"),
                                                          QStringLiteral("0")}
                                           << 2 << QByteArray("positive");
        QTest::newRow("export without out")
            << QStringList{k, QStringLiteral("export-tor"), QStringLiteral("--seed-hex-env"),
                           QStringLiteral("RB_TEST_SEED")}
            << 2 << QByteArray("--out");
        QTest::newRow("generate without out") << QStringList{k, QStringLiteral("generate")} << 2 << QByteArray("--out");
    }

    void usageAndInputErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, stderrMentions);
        const Run r = rbctl(args, envWithSeed());
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(stderrMentions), r.err.constData());
    }

    void everySubcommandHasHelp()
    {
        for (const char* sub : {"generate", "address", "export-tor", "blind"}) {
            const Run r = rbctl({QStringLiteral("key"), QString::fromLatin1(sub), QStringLiteral("--help")});
            QCOMPARE(r.exitCode, 0);
            QVERIFY(r.out.startsWith(QByteArray(QByteArray("Usage: rbctl key ") + sub)));
            QVERIFY(r.out.contains("--json"));
        }
        const Run top = rbctl({QStringLiteral("key"), QStringLiteral("--help")});
        QCOMPARE(top.exitCode, 0);
        QVERIFY(top.out.contains("export-tor"));
    }
};

QTEST_GUILESS_MAIN(TestKeyCli)
#include "TestKeyCli.moc"
