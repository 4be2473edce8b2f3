// SecretStore against a real gnome-keyring on a private D-Bus session.
// Run through tests/secrets/with_keyring.sh (ctest does).
#include "ScanForSecret.h"
#include "crypto/Crypto.h"
#include "crypto/Ed25519.h"
#include "onion/OnionAddress.h"
#include "secrets/SecretStore.h"

#include <QTest>

#include <optional>

using namespace rb;
using namespace rb::secrets;

class TestSecretsKeyring : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (qgetenv("RB_KEYRING_INNER") != "1") {
            QSKIP("needs a Secret Service: run through tests/secrets/with_keyring.sh");
        }
    }

    void storesReadsAndDeletesASeed()
    {
        crypto::PublicKey pk;
        crypto::SecretBuffer seed;
        crypto::ed25519::generate(&pk, &seed);
        QCOMPARE(seed.size(), std::size_t(32));
        const auto address = onion::OnionAddress::fromPublicKey(pk);
        QVERIFY(address);
        const QString key = ISecretStore::masterSeedKey(address->toString()).value();
        QCOMPARE(key, QStringLiteral("v1/master-seed/") + address->serviceId());

        SecretStore store;
        std::optional<Status> written;
        store.write(key, seed, [&](Status s) { written = std::move(s); });
        QVERIFY(!written.has_value());  // asynchronous
        QTRY_VERIFY_WITH_TIMEOUT(written.has_value(), 30000);
        QVERIFY2(written->ok(), qPrintable(written->ok() ? QString() : written->error().toString()));

        std::optional<Result<crypto::SecretBuffer>> read;
        store.read(key, [&](Result<crypto::SecretBuffer> r) { read = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(read.has_value(), 30000);
        QVERIFY2(read->ok(), qPrintable(read->ok() ? QString() : read->error().toString()));
        QVERIFY(read->value().equals(seed));

        // Stored by the Secret Service (encrypted keyring), never in a plain file.
        const QString scanDir = qEnvironmentVariable("RB_KEYRING_SCAN_DIR");
        QVERIFY(!scanDir.isEmpty());
        QVERIFY(countFiles(scanDir + QStringLiteral("/data/keyrings")) > 0);
        QCOMPARE(filesContainingSecret(scanDir, QByteArray(seed.view().toByteArray())), QStringList());

        std::optional<Status> removed;
        store.remove(key, [&](Status s) { removed = std::move(s); });
        QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(), 30000);
        QVERIFY2(removed->ok(), qPrintable(removed->ok() ? QString() : removed->error().toString()));

        std::optional<Result<crypto::SecretBuffer>> gone;
        store.read(key, [&](Result<crypto::SecretBuffer> r) { gone = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(gone.has_value(), 30000);
        QVERIFY(!gone->ok());
        QCOMPARE(gone->error().code, ErrorCode::NotFound);
        QVERIFY(gone->error().message.contains(key));

        std::optional<Status> removedAgain;  // idempotent
        store.remove(key, [&](Status s) { removedAgain = std::move(s); });
        QTRY_VERIFY_WITH_TIMEOUT(removedAgain.has_value(), 30000);
        QVERIFY(removedAgain->ok());
    }

    void controlPasswordRoundTripsBinary()
    {
        SecretStore store;
        const QString key = ISecretStore::controlPasswordKey(QStringLiteral("node-1")).value();
        QByteArray bytes("pa\0ss\xff\x01word", 12);
        const auto secret = crypto::SecretBuffer::fromBytes(bytes);
        std::optional<Status> w;
        store.write(key, secret, [&](Status s) { w = std::move(s); });
        QTRY_VERIFY_WITH_TIMEOUT(w.has_value(), 30000);
        QVERIFY(w->ok());
        std::optional<Result<crypto::SecretBuffer>> r;
        store.read(key, [&](Result<crypto::SecretBuffer> x) { r = std::move(x); });
        QTRY_VERIFY_WITH_TIMEOUT(r.has_value(), 30000);
        QVERIFY(r->ok());
        QVERIFY(r->value().equals(secret));
        std::optional<Status> d;
        store.remove(key, [&](Status s) { d = std::move(s); });
        QTRY_VERIFY_WITH_TIMEOUT(d.has_value(), 30000);
        QVERIFY(d->ok());
        QCOMPARE(store.retriesPerformed(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSecretsKeyring)
#include "TestSecretsKeyring.moc"
