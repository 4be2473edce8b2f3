#include "crypto/Base32.h"
#include "crypto/Crypto.h"
#include "crypto/Ed25519.h"
#include "crypto/SecretBuffer.h"

#include <QtTest>

#include <sodium.h>

using namespace rb::crypto;

class TestCryptoPrimitives : public QObject {
    Q_OBJECT
private slots:
    void secretBufferIsMoveOnlyAndZeroed()
    {
        SecretBuffer a = SecretBuffer::fromBytes("0123456789abcdef");
        QCOMPARE(a.size(), std::size_t{16});
        SecretBuffer b = std::move(a);
        QVERIFY(a.isEmpty());  // NOLINT(bugprone-use-after-move)
        QCOMPARE(b.view(), QByteArrayView("0123456789abcdef"));
        SecretBuffer c(8);
        QCOMPARE(c.view(), QByteArrayView(QByteArray(8, '\0')));
        QVERIFY(!b.equals(c));
        QVERIFY(b.equals(b.clone()));
        static_assert(!std::is_copy_constructible_v<SecretBuffer>);
        static_assert(!std::is_copy_assignable_v<SecretBuffer>);
    }

    void sha3KnownAnswers()
    {
        // FIPS 202 example: SHA3-256("") and SHA3-256("abc").
        QCOMPARE(sha3_256(QByteArrayView("")).toHex(),
                 QByteArray("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"));
        QCOMPARE(sha3_256(QByteArrayView("abc")).toHex(),
                 QByteArray("3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"));
        std::uint8_t out[32];
        shake256({QByteArrayView("")}, out, sizeof out);
        QCOMPARE(QByteArray(reinterpret_cast<char*>(out), 32).toHex(),
                 QByteArray("46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762f"));
    }

    void signWithExpandedKeyMatchesLibsodium()
    {
        SecretBuffer seed = SecretBuffer::fromBytes(
            QByteArray::fromHex("454cf9d7990b659e44900c12cd623bebd514eba5709cf0356cbfe224da47cbaf"));
        SecretBuffer expanded = ed25519::expandSeed(seed);
        auto pk = ed25519::publicFromExpanded(expanded);
        QVERIFY(pk.ok());
        QCOMPARE(pk->toHex(), QByteArray("d097996729d66eea1f0c6db7b59b02b9c51f7d15f3b21a62b43242b938e25653"));
        unsigned char sodiumPk[32];
        unsigned char sodiumSk[64];
        crypto_sign_seed_keypair(sodiumPk, sodiumSk, seed.data());
        const QByteArray msg("Tor onion service descriptor sig v3 test");
        unsigned char sodiumSig[64];
        crypto_sign_detached(sodiumSig, nullptr, reinterpret_cast<const unsigned char*>(msg.constData()),
                             static_cast<unsigned long long>(msg.size()), sodiumSk);
        const QByteArray sig = ed25519::sign(expanded, *pk, msg);
        QCOMPARE(sig, QByteArray(reinterpret_cast<char*>(sodiumSig), 64));
        QVERIFY(ed25519::verify(*pk, msg, sig));
        QVERIFY(!ed25519::verify(*pk, QByteArray(msg + "x"), sig));
        QVERIFY(ed25519::verify2(*pk, "Tor onion service ", "descriptor sig v3 test", sig));
    }

    void blindedSignatureVerifiesUnderBlindedKey()
    {
        PublicKey pk;
        SecretBuffer expanded = ed25519::generate(&pk);
        auto bpk = ed25519::blindPublicKey(pk, 20000, 1440);
        auto bsk = ed25519::blindExpandedKey(expanded, pk, 20000, 1440);
        QVERIFY(bpk.ok() && bsk.ok());
        auto derived = ed25519::publicFromExpanded(*bsk);
        QVERIFY(derived.ok());
        QCOMPARE(*derived, *bpk);
        const QByteArray sig = ed25519::sign(*bsk, *bpk, "hello");
        QVERIFY(ed25519::verify(*bpk, "hello", sig));
    }

    void seedDocumentBlindedKeyBelongsToEarlyFebruary2026()
    {
        // PROTOCOL-NOTES §11: the blinded key is for a 1440-minute period in
        // early February 2026. Period 0 starts 1970-01-01 12:00 UTC.
        const QByteArray pk = QByteArray::fromHex("d097996729d66eea1f0c6db7b59b02b9c51f7d15f3b21a62b43242b938e25653");
        const QByteArray want = QByteArray::fromHex("c42cba968b1d5526b22da6efa5942305e768b7d87ebfd59a9161f1d9f577c5b9");
        const qint64 feb1 = QDateTime(QDate(2026, 2, 1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
        const quint64 first = static_cast<quint64>((feb1 / 60 - 720) / 1440) - 5;
        qint64 found = -1;
        for (quint64 tp = first; tp < first + 30; ++tp) {
            if (*ed25519::blindPublicKey(pk, tp, 1440) == want) {
                found = static_cast<qint64>(tp);
            }
        }
        QCOMPARE(found, qint64{20489});
    }

    void base32RoundTrip()
    {
        const QByteArray data = randomBytes(35);
        QCOMPARE(*base32Decode(base32Encode(data)), data);
        QVERIFY(!base32Decode("abc1").ok());
    }
};

QTEST_GUILESS_MAIN(TestCryptoPrimitives)
#include "TestCryptoPrimitives.moc"
