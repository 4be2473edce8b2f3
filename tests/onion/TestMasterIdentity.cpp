// Known answers and import/export round trips for rb::onion::MasterIdentity.
// Every vector says where it comes from; none is produced by the code under test.
// torspec's rend-spec-v3 has no test vectors for keys, blinding or addresses
// (its appendix only covers hs-ntor), so tor's own unit-test vectors are used.
#include "crypto/Crypto.h"
#include "crypto/Ed25519.h"
#include "onion/MasterIdentity.h"
#include "onion/Pkcs8Ed25519.h"
#include "onion/TorKeyFile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using rb::ErrorCode;
using rb::crypto::SecretBuffer;
using rb::onion::MasterIdentity;
using rb::onion::OnionAddress;
using rb::onion::TorKeyFile;

Q_DECLARE_METATYPE(rb::ErrorCode)

namespace {

const QString kData = QStringLiteral(RB_SOURCE_DIR "/tests/onion/data/");

// The seed document's appendix (PROTOCOL-NOTES §11).
constexpr char kSeedDocSeed[] = "454cf9d7990b659e44900c12cd623bebd514eba5709cf0356cbfe224da47cbaf";
constexpr char kSeedDocPublic[] = "d097996729d66eea1f0c6db7b59b02b9c51f7d15f3b21a62b43242b938e25653";
constexpr char kSeedDocAddress[] = "2clzszzj2zxouhymnw33lgycxhcr67iv6ozbuyvugjblsohckzjux7yd.onion";
constexpr char kSeedDocBlinded[] = "c42cba968b1d5526b22da6efa5942305e768b7d87ebfd59a9161f1d9f577c5b9";

SecretBuffer hexSecret(const char* hex)
{
    return SecretBuffer::fromBytes(QByteArray::fromHex(hex));
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return f.readAll();
}

bool writeAll(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

unsigned modeOf(const QString& path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0) {
        return 0xffffffffU;
    }
    return static_cast<unsigned>(st.st_mode) & 07777U;
}

MasterIdentity seedDoc()
{
    auto id = MasterIdentity::fromSeed(hexSecret(kSeedDocSeed));
    if (!id.ok()) {
        qFatal("fromSeed failed");
    }
    return std::move(id).value();
}

QByteArray taggedHeader(const QByteArray& text)
{
    QByteArray h = text;
    h.append(QByteArray(32 - h.size(), '\0'));
    return h;
}

}  // namespace

class TestMasterIdentity : public QObject {
    Q_OBJECT

private slots:
    // ------------------------------------------------------------ known answers

    void seedDocumentAppendix()
    {
        const MasterIdentity id = seedDoc();
        QVERIFY(id.hasSeed());
        QCOMPARE(id.publicKey().toHex(), QByteArray(kSeedDocPublic));
        QCOMPARE(id.address().toString(), QString::fromLatin1(kSeedDocAddress));
        QCOMPARE(id.hostnameFile(), QByteArray(kSeedDocAddress) + '\n');
        QCOMPARE(id.expandedKey().size(), std::size_t{64});
    }

    void seedDocumentBlindedKeyIsFoundInEarlyFebruary2026()
    {
        // Search every 1440-minute period that starts in 1..14 February 2026
        // (rotation offset 720 min) for the seed document's blinded key.
        const MasterIdentity id = seedDoc();
        const QByteArray wanted = QByteArray::fromHex(kSeedDocBlinded);
        const qint64 from = QDateTime(QDate(2026, 1, 31), QTime(0, 0), Qt::UTC).toSecsSinceEpoch() / 60;
        const qint64 to = QDateTime(QDate(2026, 2, 15), QTime(0, 0), Qt::UTC).toSecsSinceEpoch() / 60;
        QList<qint64> hits;
        for (qint64 tp = (from - 720) / 1440; tp <= (to - 720) / 1440; ++tp) {
            auto b = id.blindedPublicKey(static_cast<quint64>(tp), 1440);
            QVERIFY(b.ok());
            if (*b == wanted) {
                hits << tp;
            }
        }
        QCOMPARE(hits.size(), 1);
        const QDateTime start = QDateTime::fromSecsSinceEpoch((hits.first() * 1440 + 720) * 60, Qt::UTC);
        QCOMPARE(start.date().month(), 2);
        QCOMPARE(start.date().year(), 2026);
        QVERIFY(start.date().day() <= 14);
        // The blinded secret key must belong to the blinded public key.
        auto bsk = id.blindedExpandedKey(static_cast<quint64>(hits.first()), 1440);
        QVERIFY(bsk.ok());
        QCOMPARE(*rb::crypto::ed25519::publicFromExpanded(*bsk), wanted);
        // A neighbouring period or another period length gives another key.
        QVERIFY(*id.blindedPublicKey(static_cast<quint64>(hits.first() + 1), 1440) != wanted);
        QVERIFY(*id.blindedPublicKey(static_cast<quint64>(hits.first()), 720) != wanted);
    }

    void torTestBlindingBasicsWithExpandedOnlyKey()
    {
        // tor src/test/test_hs_common.c test_blinding_basics: a key given only
        // in expanded form, time period 1234, period length 1440.
        auto id =
            MasterIdentity::fromExpanded(hexSecret("D8C7FF0E31295B66540D789AF3E3DF992038A9592EEA01D8B7CBA06D6E66D159"
                                                   "4D6167696320576F7264733A20737065697373636F62616C742062697669756D"));
        QVERIFY(id.ok());
        QVERIFY(!id->hasSeed());
        QCOMPARE(id->publicKey().toHex().toUpper(),
                 QByteArray("833990B085C1A688C1D4C8B1F6B56AFAF5A2ECA674449E1D704F83765CCB7BC6"));
        // tor's build_blinded_key_param() output is unclamped; ed25519_donna_gettweak()
        // clamps it (h[0] &= 248; h[31] &= 63; h[31] |= 64) before use.
        QByteArray torParam = QByteArray::fromHex("379E50DB31FEE6775ABD0AF6FB7C371E060308F4F847DB09FE4CFE13AF602287");
        torParam[0] = static_cast<char>(static_cast<unsigned char>(torParam.at(0)) & 248U);
        torParam[31] = static_cast<char>((static_cast<unsigned char>(torParam.at(31)) & 63U) | 64U);
        QCOMPARE(rb::crypto::ed25519::blindingFactor(id->publicKey(), 1234, 1440), torParam);
        auto blinded = id->blindedPublicKey(1234, 1440);
        QVERIFY(blinded.ok());
        QCOMPARE(blinded->toHex().toUpper(),
                 QByteArray("3A50BF210E8F9EE955AE0014F7A6917FB65EBF098A86305ABB508D1A7291B6D5"));
        QCOMPARE(rb::crypto::subcredential(id->publicKey(), *blinded).toHex().toUpper(),
                 QByteArray("635D55907816E8D76398A675A50B1C2F3E36B42A5CA77BA3A0441285161AE07D"));
        auto bsk = id->blindedExpandedKey(1234, 1440);
        QVERIFY(bsk.ok());
        QCOMPARE(bsk->view().toByteArray().toHex().toUpper(),
                 QByteArray("A958DC83AC885F6814C67035DE817A2C604D5D2F715282079448F789B656350B"
                            "4540FE1F80AA3F7E91306B7BF7A8E367293352B14A29FDCC8C19F3558075524B"));
        // The expanded-only key signs, and exports to tor's format.
        const QByteArray sig = id->sign("message");
        QVERIFY(rb::crypto::ed25519::verify(id->publicKey(), "message", sig));
        QCOMPARE(id->torSecretKeyFile().size(), std::size_t{96});
        QCOMPARE(id->pem().error().code, ErrorCode::Unsupported);
    }

    void torEd25519Vectors_data()
    {
        // tor src/test/ed25519_vectors.inc (generated by ed25519_exts_ref.py):
        // seed, expanded secret key, public key, self-signature (pk signed by its key).
        QTest::addColumn<QByteArray>("seed");
        QTest::addColumn<QByteArray>("expanded");
        QTest::addColumn<QByteArray>("pub");
        QTest::addColumn<QByteArray>("selfSig");
        QTest::newRow("0") << QByteArray("26c76712d89d906e6672dafa614c42e5cb1caac8c6568e4d2493087db51f0d36")
                           << QByteArray("c0a4de23cc64392d85aa1da82b3defddbea946d13bb053bf8489fa9296281f495022f1"
                                         "f7ec0dcf52f07d4c7965c4eaed121d5d88d0a8ff546b06116a20e97755")
                           << QByteArray("c2247870536a192d142d056abefca68d6193158e7c1a59c1654c954eccaff894")
                           << QByteArray("d23188eac3773a316d46006fa59c095060be8b1a23582a0dd99002a82a0662bd246d84"
                                         "49e172e04c5f46ac0d1404cebe4aabd8a75a1457aa06cae41f3334f104");
        QTest::newRow("1") << QByteArray("fba7a5366b5cb98c2667a18783f5cf8f4f8d1a2ce939ad22a6e685edde85128d")
                           << QByteArray("18a8a69a06790dac778e882f7e868baacfa12521a5c058f5194f3a729184514a2a656f"
                                         "e7799c3e41f43d756da8d9cd47a061316cfe6147e23ea2f90d1ca45f30")
                           << QByteArray("1519a3b15816a1aafab0b213892026ebf5c0dc232c58b21088d88cb90e9b940d")
                           << QByteArray("3a785ac1201c97ee5f6f0d99323960d5f264c7825e61aa7cc81262f15bef75eb4fa572"
                                         "3add9b9d45b12311b6d403eb3ac79ff8e4e631fc3cd51e4ad2185b200b");
        QTest::newRow("2") << QByteArray("67e3aa7a14fac8445d15e45e38a523481a69ae35513c9e4143eb1c2196729a0e")
                           << QByteArray("58d84f8862d2ecfa30eb491a81c36d05b574310ea69dae18ecb57e992a896656b98218"
                                         "7ee96c15bf4caeeab2d0b0ae4cd0b8d17470fc7efa98bb26428f4ef36d")
                           << QByteArray("081faa81992e360ea22c06af1aba096e7a73f1c665bc8b3e4e531c46455fd1dd")
                           << QByteArray("cf431fd0416bfbd20c9d95ef9b723e2acddffb33900edc72195dea95965d52d888d30b"
                                         "7b8a677c0bd8ae1417b1e1a0ec6700deadd5d8b54b6689275e04a04509");
        QTest::newRow("3") << QByteArray("d51385942033a76dc17f089a59e6a5a7fe80d9c526ae8ddd8c3a506b99d3d0a6")
                           << QByteArray("50702d20b3550c6e16033db5ad4fba16436f1ecc7485be6af62b0732ceb5d173c47ccd"
                                         "9d044b6ea99dd99256adcc9c62191be194e7cb1a5b58ddcec85d876a2b")
                           << QByteArray("73cfa1189a723aad7966137cbffa35140bb40d7e16eae4c40b79b5f0360dd65a")
                           << QByteArray("2375380cd72d1a6c642aeddff862be8a5804b916acb72c02d9ed052c1561881aa658a5"
                                         "af856fcd6d43113e42f698cd6687c99efeef7f2ce045824440d26c5d00");
        QTest::newRow("7") << QByteArray("c6bbcce615839756aed2cc78b1de13884dd3618f48367a17597a16c1cd7a290b")
                           << QByteArray("b003077c1e52a62308eef7950b2d532e1d4a7eea50ad22d8ac11b892851f1c40ffb9c9"
                                         "ff8dcd0c6c233f665a2e176324d92416bfcfcd1f787424c0c667452d86")
                           << QByteArray("95126f14d86494020665face03f2d42ee2b312a85bc729903eb17522954a1c4a")
                           << QByteArray("815213640a643d198bd056e02bba74e1c8d2d931643e84497adf3347eb485079c9afe0"
                                         "afce9284cdc084946b561abbb214f1304ca11228ff82702185cf28f60d");
    }

    void torEd25519Vectors()
    {
        QFETCH(QByteArray, seed);
        QFETCH(QByteArray, expanded);
        QFETCH(QByteArray, pub);
        QFETCH(QByteArray, selfSig);
        auto fromSeed = MasterIdentity::fromSeed(hexSecret(seed.constData()));
        QVERIFY(fromSeed.ok());
        QCOMPARE(fromSeed->expandedKey().view().toByteArray().toHex(), expanded);
        QCOMPARE(fromSeed->publicKey().toHex(), pub);
        QCOMPARE(fromSeed->sign(fromSeed->publicKey()).toHex(), selfSig);
        // The same key known only in expanded form: same public key and signature.
        auto fromExpanded = MasterIdentity::fromExpanded(hexSecret(expanded.constData()));
        QVERIFY(fromExpanded.ok());
        QVERIFY(!fromExpanded->hasSeed());
        QCOMPARE(fromExpanded->publicKey().toHex(), pub);
        QCOMPARE(fromExpanded->sign(fromExpanded->publicKey()).toHex(), selfSig);
    }

    void torBuildAddressVector()
    {
        // tor src/test/test_hs_common.c test_build_address (from hs_build_address.py).
        auto a = OnionAddress::fromPublicKey(
            QByteArray::fromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
        QVERIFY(a.ok());
        QCOMPARE(a->serviceId(), QStringLiteral("25njqamcweflpvkl73j4szahhihoc4xt3ktcgjnpaingr5yhkenl5sid"));
        auto parsed =
            OnionAddress::parse(QStringLiteral("25njqamcweflpvkl73j4szahhihoc4xt3ktcgjnpaingr5yhkenl5sid.onion"));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->publicKey(), a->publicKey());
    }

    // ------------------------------------------------------------ tor-written files

    void importsFilesTorWrote()
    {
        // Written by tor 0.4.9.11 itself: import must reproduce tor's hostname,
        // and our encoders must reproduce tor's bytes exactly.
        const QString dir = kData + QStringLiteral("tor-generated");
        auto id = MasterIdentity::importFile(dir);
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().toString()));
        QCOMPARE(id->sourceFormat(), MasterIdentity::Format::HiddenServiceDir);
        QVERIFY(!id->hasSeed());
        QCOMPARE(id->hostnameFile(), readAll(dir + QStringLiteral("/hostname")));
        QCOMPARE(id->torPublicKeyFile(), readAll(dir + QStringLiteral("/hs_ed25519_public_key")));
        QCOMPARE(id->torSecretKeyFile().view().toByteArray(), readAll(dir + QStringLiteral("/hs_ed25519_secret_key")));
        // The secret key file on its own (the public key beside it is checked too).
        auto single = MasterIdentity::importFile(dir + QStringLiteral("/hs_ed25519_secret_key"));
        QVERIFY(single.ok());
        QCOMPARE(single->sourceFormat(), MasterIdentity::Format::TorSecretKey);
        QCOMPARE(single->publicKey(), id->publicKey());
    }

    // ------------------------------------------------------------ format round trips

    void hexSeedImport()
    {
        const QByteArray hex = QByteArray("  \n") + kSeedDocSeed + "\r\n\t";
        auto id = MasterIdentity::importBytes(hex);
        QVERIFY(id.ok());
        QCOMPARE(id->sourceFormat(), MasterIdentity::Format::HexSeed);
        QCOMPARE(id->address().toString(), QString::fromLatin1(kSeedDocAddress));
        auto upper = MasterIdentity::importBytes(QByteArray(kSeedDocSeed).toUpper());
        QVERIFY(upper.ok());
        QCOMPARE(upper->publicKey(), id->publicKey());
    }

    void onionbalancePemImport()
    {
        // Written by python3-cryptography (what Onionbalance uses) from the seed document's seed.
        auto id = MasterIdentity::importBytes(readAll(kData + QStringLiteral("seeddoc.pem")));
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().toString()));
        QCOMPARE(id->sourceFormat(), MasterIdentity::Format::Pkcs8Pem);
        QVERIFY(id->hasSeed());
        QCOMPARE(id->seed().view().toByteArray().toHex(), QByteArray(kSeedDocSeed));
        QCOMPARE(id->address().toString(), QString::fromLatin1(kSeedDocAddress));
        // Our PEM export is byte-identical to what cryptography writes.
        auto pem = id->pem();
        QVERIFY(pem.ok());
        QCOMPARE(pem->view().toByteArray(), readAll(kData + QStringLiteral("seeddoc.pem")));
    }

    void pemWithEmbeddedPublicKey()
    {
        // RFC 8410 OneAsymmetricKey v2 carrying the public key.
        QByteArray der = QByteArray::fromHex("3051020101300506032b657004220420") + QByteArray::fromHex(kSeedDocSeed) +
                         QByteArray::fromHex("812100") + QByteArray::fromHex(kSeedDocPublic);
        const QByteArray pem = "-----BEGIN PRIVATE KEY-----\n" + der.toBase64() + "\n-----END PRIVATE KEY-----\n";
        auto id = MasterIdentity::importBytes(pem);
        QVERIFY(id.ok());
        QCOMPARE(id->publicKey().toHex(), QByteArray(kSeedDocPublic));
        // Same structure with a wrong public key: mismatch.
        der[der.size() - 1] = static_cast<char>(der.at(der.size() - 1) ^ 1);
        const QByteArray bad = "-----BEGIN PRIVATE KEY-----\n" + der.toBase64() + "\n-----END PRIVATE KEY-----\n";
        auto r = MasterIdentity::importBytes(bad);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::BadKey);
        QVERIFY(r.error().message.contains(QLatin1String("does not match")));
    }

    void controlPortKeyRoundTrip()
    {
        const MasterIdentity id = seedDoc();
        const SecretBuffer spec = id.addOnionKeySpec();
        QVERIFY(spec.view().startsWith("ED25519-V3:"));
        QCOMPARE(spec.size(), std::size_t{11 + 88});
        auto back = MasterIdentity::importBytes(spec.view());
        QVERIFY(back.ok());
        QCOMPARE(back->sourceFormat(), MasterIdentity::Format::ControlPortKey);
        QVERIFY(back->expandedKey().equals(id.expandedKey()));
        // Unpadded base64 is accepted too.
        QByteArray unpadded = spec.view().toByteArray();
        unpadded.chop(2);
        QVERIFY(MasterIdentity::importBytes(unpadded).ok());
    }

    void everyExportFormatRoundTrips()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const MasterIdentity id = seedDoc();
        const QString hsDir = tmp.filePath(QStringLiteral("hs/nested"));
        auto rep = id.exportTorFiles(hsDir);
        QVERIFY2(rep.ok(), qPrintable(rep.ok() ? QString() : rep.error().toString()));
        QCOMPARE(rep->written.size(), 3);
        QCOMPARE(modeOf(hsDir), 0700U);
        for (const QString& name :
             {TorKeyFile::secretFileName(), TorKeyFile::publicFileName(), TorKeyFile::hostnameFileName()}) {
            QCOMPARE(modeOf(hsDir + QLatin1Char('/') + name), 0600U);
        }
        // Byte layout, checked independently of the encoder.
        const QByteArray secret = readAll(hsDir + QStringLiteral("/hs_ed25519_secret_key"));
        QCOMPARE(secret.size(), 96);
        QCOMPARE(secret.left(32), taggedHeader("== ed25519v1-secret: type0 =="));
        QCOMPARE(secret.mid(32), id.expandedKey().view().toByteArray());
        const QByteArray pub = readAll(hsDir + QStringLiteral("/hs_ed25519_public_key"));
        QCOMPARE(pub, taggedHeader("== ed25519v1-public: type0 ==") + QByteArray::fromHex(kSeedDocPublic));
        QCOMPARE(readAll(hsDir + QStringLiteral("/hostname")), QByteArray(kSeedDocAddress) + '\n');

        auto fromDir = MasterIdentity::importFile(hsDir);
        QVERIFY(fromDir.ok());
        QVERIFY(fromDir->expandedKey().equals(id.expandedKey()));
        QVERIFY(!fromDir->hasSeed());  // tor's format carries no seed

        // Exporting again is a no-op.
        auto again = id.exportTorFiles(hsDir);
        QVERIFY(again.ok());
        QCOMPARE(again->unchanged.size(), 3);
        QVERIFY(again->written.isEmpty());

        const QString seedFile = tmp.filePath(QStringLiteral("keys/master.key"));
        QVERIFY(id.exportSeedFile(seedFile).ok());
        QCOMPARE(modeOf(seedFile), 0600U);
        QCOMPARE(readAll(seedFile), QByteArray::fromHex(kSeedDocSeed));
        auto fromSeedFile = MasterIdentity::importFile(seedFile);
        QVERIFY(fromSeedFile.ok());
        QCOMPARE(fromSeedFile->sourceFormat(), MasterIdentity::Format::RawSeed);
        QVERIFY(fromSeedFile->seed().equals(id.seed()));

        const QString pemFile = tmp.filePath(QStringLiteral("keys/master.pem"));
        QVERIFY(id.exportPemFile(pemFile).ok());
        QCOMPARE(modeOf(pemFile), 0600U);
        auto fromPem = MasterIdentity::importFile(pemFile);
        QVERIFY(fromPem.ok());
        QVERIFY(fromPem->seed().equals(id.seed()));

        // RustBalance key file may also be the 96-byte tor format.
        const QString torAsKeyFile = tmp.filePath(QStringLiteral("keys/master.tor"));
        QVERIFY(writeAll(torAsKeyFile, id.torSecretKeyFile().view().toByteArray()));
        auto fromTorKeyFile = MasterIdentity::importFile(torAsKeyFile);
        QVERIFY(fromTorKeyFile.ok());
        QCOMPARE(fromTorKeyFile->publicKey(), id.publicKey());

        // Expanded-only keys export to tor's format but not to seed formats.
        const MasterIdentity expandedOnly = std::move(fromDir).value();
        QVERIFY(expandedOnly.exportTorFiles(tmp.filePath(QStringLiteral("hs2"))).ok());
        QCOMPARE(expandedOnly.exportSeedFile(tmp.filePath(QStringLiteral("x.key"))).error().code,
                 ErrorCode::Unsupported);
        QCOMPARE(expandedOnly.exportPemFile(tmp.filePath(QStringLiteral("x.pem"))).error().code,
                 ErrorCode::Unsupported);
        QVERIFY(!QFile::exists(tmp.filePath(QStringLiteral("x.key"))));
    }

    void exportRefusesToReplaceAnotherKeyUnlessAsked()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString dir = tmp.filePath(QStringLiteral("hs"));
        auto other = MasterIdentity::generate();
        QVERIFY(other.ok());
        QVERIFY(other->exportTorFiles(dir).ok());
        const QByteArray otherSecret = readAll(dir + QStringLiteral("/hs_ed25519_secret_key"));

        const MasterIdentity id = seedDoc();
        auto refused = id.exportTorFiles(dir);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Rejected);
        QVERIFY(refused.error().message.contains(other->address().toString()));
        QCOMPARE(readAll(dir + QStringLiteral("/hs_ed25519_secret_key")), otherSecret);  // untouched

        auto replaced = id.exportTorFiles(dir, MasterIdentity::Overwrite::BackupAndReplace);
        QVERIFY(replaced.ok());
        QCOMPARE(replaced->backups.size(), 3);
        bool foundOldSecret = false;
        for (const QString& b : replaced->backups) {
            QCOMPARE(modeOf(b), 0600U);
            foundOldSecret = foundOldSecret || readAll(b) == otherSecret;
        }
        QVERIFY(foundOldSecret);
        auto now = MasterIdentity::importFile(dir);
        QVERIFY(now.ok());
        QCOMPARE(now->publicKey(), id.publicKey());

        // A differing hostname alone is not a conflict (tor rewrites it anyway).
        QVERIFY(writeAll(dir + QStringLiteral("/hostname"), "stale.onion\n"));
        auto rewritten = id.exportTorFiles(dir);
        QVERIFY(rewritten.ok());
        QCOMPARE(readAll(dir + QStringLiteral("/hostname")), QByteArray(kSeedDocAddress) + '\n');

        // Single-file exports refuse too.
        const QString seedFile = tmp.filePath(QStringLiteral("k.key"));
        QVERIFY(other->exportSeedFile(seedFile).ok());
        QCOMPARE(id.exportSeedFile(seedFile).error().code, ErrorCode::Rejected);
        QVERIFY(id.exportSeedFile(seedFile, MasterIdentity::Overwrite::BackupAndReplace).ok());
        QCOMPARE(readAll(seedFile), QByteArray::fromHex(kSeedDocSeed));
    }

    void existingLooseDirectoryIsTightened()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("loose"));
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(QFile::setPermissions(dir, QFileDevice::Permissions(0x7755)));
        QVERIFY(seedDoc().exportTorFiles(dir).ok());
        QCOMPARE(modeOf(dir), 0700U);
    }

    void generateGivesDistinctUsableKeys()
    {
        auto a = MasterIdentity::generate();
        auto b = MasterIdentity::generate();
        QVERIFY(a.ok() && b.ok());
        QVERIFY(a->hasSeed());
        QVERIFY(a->publicKey() != b->publicKey());
        auto again = MasterIdentity::fromSeed(a->seed().clone());
        QVERIFY(again.ok());
        QCOMPARE(again->publicKey(), a->publicKey());
        QVERIFY(OnionAddress::parse(a->address().toString()).ok());
    }

    // ------------------------------------------------------------ bad input

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QByteArray>("publicFile");
        QTest::addColumn<rb::ErrorCode>("code");
        QTest::addColumn<QString>("mentions");

        const MasterIdentity id = seedDoc();
        const QByteArray secret = id.torSecretKeyFile().view().toByteArray();
        const QByteArray pub = id.torPublicKeyFile();
        const QByteArray otherPub = TorKeyFile::encodePublic(
            QByteArray::fromHex("c2247870536a192d142d056abefca68d6193158e7c1a59c1654c954eccaff894"));

        QTest::newRow("empty") << QByteArray() << QByteArray() << ErrorCode::ParseError << QStringLiteral("empty");
        QTest::newRow("whitespace only") << QByteArray(" \n") << QByteArray() << ErrorCode::ParseError
                                         << QStringLiteral("empty");
        QTest::newRow("too large") << QByteArray(70000, 'a') << QByteArray() << ErrorCode::TooLarge
                                   << QStringLiteral("larger");
        QTest::newRow("hex too short") << QByteArray(kSeedDocSeed).left(62) << QByteArray() << ErrorCode::ParseError
                                       << QStringLiteral("64 hex digits");
        QTest::newRow("hex too long") << (QByteArray(kSeedDocSeed) + "00") << QByteArray() << ErrorCode::ParseError
                                      << QStringLiteral("66");
        QTest::newRow("hex bad digit") << (QByteArray(kSeedDocSeed).left(10) + "g" + QByteArray(kSeedDocSeed).mid(11))
                                       << QByteArray() << ErrorCode::ParseError << QStringLiteral("character 11");
        QTest::newRow("32 hex digits") << QByteArray(kSeedDocSeed).left(32) << QByteArray() << ErrorCode::ParseError
                                       << QStringLiteral("has 32");
        QTest::newRow("128 hex digits") << (QByteArray(kSeedDocSeed) + kSeedDocPublic) << QByteArray()
                                        << ErrorCode::Unsupported << QStringLiteral("does not guess");
        QTest::newRow("64 raw bytes") << id.expandedKey().view().toByteArray() << QByteArray() << ErrorCode::Unsupported
                                      << QStringLiteral("does not guess");
        QTest::newRow("random binary") << QByteArray(50, '\x01') << QByteArray() << ErrorCode::ParseError
                                       << QStringLiteral("Unrecognised");
        QTest::newRow("tor secret truncated")
            << secret.left(95) << QByteArray() << ErrorCode::BadKey << QStringLiteral("96 bytes");
        QTest::newRow("tor secret too long")
            << (secret + '\n') << QByteArray() << ErrorCode::BadKey << QStringLiteral("97");
        QTest::newRow("tor header only") << secret.left(20) << QByteArray() << ErrorCode::BadKey
                                         << QStringLiteral("truncated");
        QByteArray wrongTag = secret;
        wrongTag.replace("type0", "type1");
        QTest::newRow("tor wrong tag") << wrongTag << QByteArray() << ErrorCode::BadKey << QStringLiteral("type1");
        QTest::newRow("tor wrong type") << (taggedHeader("== c25519v1: type0 ==") + secret.mid(32)) << QByteArray()
                                        << ErrorCode::BadKey << QStringLiteral("c25519v1");
        QByteArray dirtyPad = secret;
        dirtyPad[31] = 'x';
        QTest::newRow("tor header padding")
            << dirtyPad << QByteArray() << ErrorCode::BadKey << QStringLiteral("header");
        QTest::newRow("public given as secret")
            << pub << QByteArray() << ErrorCode::BadKey << QStringLiteral("public key file");
        QTest::newRow("zero scalar") << (secret.left(32) + QByteArray(64, '\0')) << QByteArray() << ErrorCode::BadKey
                                     << QStringLiteral("zero");
        QTest::newRow("public mismatch") << secret << otherPub << ErrorCode::BadKey << QStringLiteral("does not match");
        QTest::newRow("public mismatch hex seed")
            << QByteArray(kSeedDocSeed) << otherPub << ErrorCode::BadKey << QStringLiteral("does not match");
        QTest::newRow("public file truncated")
            << secret << pub.left(60) << ErrorCode::BadKey << QStringLiteral("64 bytes");
        QTest::newRow("secret given as public")
            << secret << secret << ErrorCode::BadKey << QStringLiteral("secret key file");
        QTest::newRow("pem encrypted") << readAll(kData + QStringLiteral("seeddoc-encrypted.pem")) << QByteArray()
                                       << ErrorCode::Unsupported << QStringLiteral("encrypted");
        QTest::newRow("pem legacy encrypted")
            << QByteArray("-----BEGIN PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n"
                          "-----END PRIVATE KEY-----\n")
            << QByteArray() << ErrorCode::Unsupported << QStringLiteral("encryption");
        QTest::newRow("pem public only") << readAll(kData + QStringLiteral("seeddoc-public.pem")) << QByteArray()
                                         << ErrorCode::BadKey << QStringLiteral("public key");
        QTest::newRow("pem x25519") << readAll(kData + QStringLiteral("x25519.pem")) << QByteArray()
                                    << ErrorCode::Unsupported << QStringLiteral("X25519");
        QTest::newRow("pem p256") << readAll(kData + QStringLiteral("p256.pem")) << QByteArray()
                                  << ErrorCode::Unsupported << QStringLiteral("not an Ed25519");
        QTest::newRow("pem bad base64") << QByteArray(
                                               "-----BEGIN PRIVATE KEY-----\nMC4C*AQAw\n-----END PRIVATE KEY-----\n")
                                        << QByteArray() << ErrorCode::ParseError << QStringLiteral("base64");
        QTest::newRow("pem truncated") << readAll(kData + QStringLiteral("seeddoc.pem")).left(60) << QByteArray()
                                       << ErrorCode::ParseError << QStringLiteral("END PRIVATE KEY");
        QTest::newRow("pem openssh")
            << QByteArray("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n")
            << QByteArray() << ErrorCode::Unsupported << QStringLiteral("OpenSSH");
        QTest::newRow("control port key short")
            << QByteArray("ED25519-V3:AAAA") << QByteArray() << ErrorCode::ParseError << QStringLiteral("64-byte");
        QTest::newRow("control port key junk")
            << QByteArray("ED25519-V3:!!!!") << QByteArray() << ErrorCode::ParseError << QStringLiteral("64-byte");
    }

    void badInput()
    {
        QFETCH(QByteArray, content);
        QFETCH(QByteArray, publicFile);
        QFETCH(rb::ErrorCode, code);
        QFETCH(QString, mentions);
        auto r = MasterIdentity::importBytes(content, publicFile);
        QVERIFY(!r.ok());
        QCOMPARE(rb::errorCodeName(r.error().code), rb::errorCodeName(code));
        QVERIFY2(r.error().message.contains(mentions, Qt::CaseInsensitive), qPrintable(r.error().message));
        QVERIFY(!r.error().message.contains(QLatin1String(kSeedDocSeed), Qt::CaseInsensitive));
    }

    void badFiles()
    {
        QTemporaryDir tmp;
        auto missing = MasterIdentity::importFile(tmp.filePath(QStringLiteral("nope")));
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        // A directory without keys.
        auto emptyDir = MasterIdentity::importFile(tmp.path());
        QCOMPARE(emptyDir.error().code, ErrorCode::NotFound);
        QVERIFY(emptyDir.error().message.contains(QLatin1String("hs_ed25519_secret_key")));
        // The public key file given as the key.
        const MasterIdentity id = seedDoc();
        const QString dir = tmp.filePath(QStringLiteral("hs"));
        QVERIFY(id.exportTorFiles(dir).ok());
        auto pubOnly = MasterIdentity::importFile(dir + QStringLiteral("/hs_ed25519_public_key"));
        QCOMPARE(pubOnly.error().code, ErrorCode::BadKey);
        // A HiddenServiceDir whose public key belongs to another service.
        QVERIFY(writeAll(dir + QStringLiteral("/hs_ed25519_public_key"),
                         TorKeyFile::encodePublic(
                             QByteArray::fromHex("c2247870536a192d142d056abefca68d6193158e7c1a59c1654c954eccaff894"))));
        auto mismatch = MasterIdentity::importFile(dir);
        QCOMPARE(mismatch.error().code, ErrorCode::BadKey);
        QVERIFY(mismatch.error().message.contains(QLatin1String("does not match")));
        auto mismatchFile = MasterIdentity::importFile(dir + QStringLiteral("/hs_ed25519_secret_key"));
        QCOMPARE(mismatchFile.error().code, ErrorCode::BadKey);
        // A huge file.
        const QString big = tmp.filePath(QStringLiteral("big"));
        QVERIFY(writeAll(big, QByteArray(200000, 'a')));
        QCOMPARE(MasterIdentity::importFile(big).error().code, ErrorCode::TooLarge);
        // Wrong sizes to the typed constructors.
        QCOMPARE(MasterIdentity::fromSeed(SecretBuffer(31)).error().code, ErrorCode::BadKey);
        QCOMPARE(MasterIdentity::fromExpanded(SecretBuffer(32)).error().code, ErrorCode::BadKey);
    }
};

QTEST_GUILESS_MAIN(TestMasterIdentity)
#include "TestMasterIdentity.moc"
