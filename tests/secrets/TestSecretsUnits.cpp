// KeyFileSource permission rules, hex/env decoding, key naming, error mapping
// and the fault-injecting MemorySecretStore.
#include "crypto/Crypto.h"
#include "secrets/KeyFileSource.h"
#include "secrets/MemorySecretStore.h"
#include "secrets/SecretStore.h"

#include <QFile>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace rb;
using namespace rb::secrets;

namespace {
const QString kServiceId = QStringLiteral("pg6mmjiyjmcrsslvykfwnntlaru7p5svn6y2ymmju6nubxndf4pscryd");

QString writeKey(const QTemporaryDir& dir, const QString& name, const QByteArray& content, QFile::Permissions perms)
{
    const QString p = dir.filePath(name);
    QSaveFile f(p);
    f.open(QIODevice::WriteOnly);
    f.write(content);
    f.commit();
    QFile::setPermissions(p, perms);
    return p;
}
}  // namespace

class TestSecretsUnits : public QObject {
    Q_OBJECT
private slots:
    void keyFilePermissions()
    {
        QTemporaryDir dir;
        const QByteArray seed = crypto::randomBytes(32);
        const auto ownerRw = QFile::ReadOwner | QFile::WriteOwner;
        const QString ok600 = writeKey(dir, QStringLiteral("k600"), seed, ownerRw);
        auto r = KeyFileSource::readFile(ok600);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->view(), QByteArrayView(seed));
        QVERIFY(KeyFileSource::readFile(writeKey(dir, QStringLiteral("k400"), seed, QFile::ReadOwner)));

        const QString loose =
            writeKey(dir, QStringLiteral("k644"), seed, ownerRw | QFile::ReadGroup | QFile::ReadOther);
        auto bad = KeyFileSource::readFile(loose);
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, ErrorCode::PermissionDenied);
        QVERIFY2(bad.error().message.contains(QLatin1String("0644")), qPrintable(bad.error().message));
        QVERIFY(bad.error().message.contains(QLatin1String("chmod 600")));
        QVERIFY(!KeyFileSource::readFile(writeKey(dir, QStringLiteral("k660"), seed, ownerRw | QFile::WriteGroup)));
        QVERIFY(!KeyFileSource::readFile(writeKey(dir, QStringLiteral("k700"), seed, ownerRw | QFile::ExeOwner)));

        const QString link = dir.filePath(QStringLiteral("link"));
        QVERIFY(QFile::link(ok600, link));
        auto viaLink = KeyFileSource::readFile(link);
        QVERIFY(!viaLink);
        QVERIFY(viaLink.error().message.contains(QLatin1String("symbolic link")));

        QCOMPARE(KeyFileSource::readFile(dir.filePath(QStringLiteral("missing"))).error().code, ErrorCode::NotFound);
        QCOMPARE(KeyFileSource::readFile(writeKey(dir, QStringLiteral("big"), QByteArray(100, 'x'), ownerRw), 64)
                     .error()
                     .code,
                 ErrorCode::TooLarge);
        QCOMPARE(KeyFileSource::readFile(writeKey(dir, QStringLiteral("empty"), {}, ownerRw)).error().code,
                 ErrorCode::BadKey);
        QCOMPARE(KeyFileSource::readFile(dir.path()).error().code, ErrorCode::IoError);  // a directory
    }

    void keyFromEnvironment()
    {
        const QByteArray seed = crypto::randomBytes(32);
        qputenv("RB_TEST_SEED_HEX", seed.toHex().toUpper() + "\n");
        auto r = KeyFileSource::fromEnvironment("RB_TEST_SEED_HEX", 32);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->view(), QByteArrayView(seed));
        auto wrongSize = KeyFileSource::fromEnvironment("RB_TEST_SEED_HEX", 64);
        QCOMPARE(wrongSize.error().code, ErrorCode::BadKey);
        QVERIFY(wrongSize.error().message.contains(QLatin1String("RB_TEST_SEED_HEX")));
        qputenv("RB_TEST_SEED_HEX", "abc");
        QCOMPARE(KeyFileSource::fromEnvironment("RB_TEST_SEED_HEX").error().code, ErrorCode::ParseError);
        qputenv("RB_TEST_SEED_HEX", "zz");
        QCOMPARE(KeyFileSource::fromEnvironment("RB_TEST_SEED_HEX").error().code, ErrorCode::ParseError);
        qunsetenv("RB_TEST_SEED_HEX");
        QCOMPARE(KeyFileSource::fromEnvironment("RB_TEST_SEED_HEX").error().code, ErrorCode::NotFound);
        QCOMPARE(KeyFileSource::decodeHex("00ff10")->view(), QByteArrayView("\x00\xff\x10", 3));
    }

    void keyNames()
    {
        QCOMPARE(ISecretStore::serviceName(), QStringLiteral("RustBalance Console"));
        QCOMPARE(ISecretStore::masterSeedKey(kServiceId + QStringLiteral(".onion")).value(),
                 QStringLiteral("v1/master-seed/") + kServiceId);
        QVERIFY(!ISecretStore::masterSeedKey(QStringLiteral("not-an-onion")));
        QCOMPARE(ISecretStore::controlPasswordKey(QStringLiteral("node-1")).value(),
                 QStringLiteral("v1/control-password/node-1"));
        QVERIFY(!ISecretStore::controlPasswordKey(QStringLiteral("../x")));
        QVERIFY(ISecretStore::validateKey(QStringLiteral("v1/master-seed/") + kServiceId));
        QVERIFY(!ISecretStore::validateKey(QStringLiteral("v2/master-seed/") + kServiceId));
        QVERIFY(!ISecretStore::validateKey(QStringLiteral("v1/other/x")));
    }

    void everyKeychainErrorHasAnActionableMessage_data()
    {
        QTest::addColumn<int>("failure");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("mustSay");
        using F = SecretStore::KeychainFailure;
        QTest::newRow("NoBackendAvailable")
            << int(F::NoBackendAvailable) << int(ErrorCode::Unavailable) << "gnome-keyring or KWallet";
        QTest::newRow("AccessDenied") << int(F::AccessDenied) << int(ErrorCode::PermissionDenied)
                                      << "unlock your keychain";
        QTest::newRow("AccessDeniedByUser")
            << int(F::AccessDeniedByUser) << int(ErrorCode::PermissionDenied) << "allow RustBalance Console";
        QTest::newRow("EntryNotFound") << int(F::EntryNotFound) << int(ErrorCode::NotFound) << "store the secret first";
        QTest::newRow("CouldNotDeleteEntry")
            << int(F::CouldNotDeleteEntry) << int(ErrorCode::IoError) << "keychain manager";
        QTest::newRow("NotImplemented") << int(F::NotImplemented) << int(ErrorCode::Unsupported) << "key file";
        QTest::newRow("OtherError") << int(F::OtherError) << int(ErrorCode::Unavailable) << "running and unlocked";
    }
    void everyKeychainErrorHasAnActionableMessage()
    {
        QFETCH(int, failure);
        QFETCH(int, code);
        QFETCH(QString, mustSay);
        const Error e =
            SecretStore::mapError(static_cast<SecretStore::KeychainFailure>(failure), QStringLiteral("backend says"),
                                  QStringLiteral("v1/control-password/n1"), SecretStore::Operation::Write);
        QCOMPARE(int(e.code), code);
        QVERIFY2(e.message.contains(mustSay), qPrintable(e.message));
        QCOMPARE(e.detail, QStringLiteral("backend says"));
    }

    void memoryStoreInjectsFaults()
    {
        MemorySecretStore store;
        ISecretStore& s = store;
        const QString key = ISecretStore::controlPasswordKey(QStringLiteral("n1")).value();
        std::optional<Status> w;
        s.write(key, crypto::SecretBuffer::fromBytes("pw"), [&](Status x) { w = std::move(x); });
        QVERIFY(!w.has_value());
        QTRY_VERIFY(w.has_value());
        QVERIFY(w->ok());
        store.failNext(makeError(ErrorCode::PermissionDenied, QStringLiteral("denied")));
        std::optional<Result<crypto::SecretBuffer>> r;
        s.read(key, [&](Result<crypto::SecretBuffer> x) { r = std::move(x); });
        QTRY_VERIFY(r.has_value());
        QCOMPARE(r->error().code, ErrorCode::PermissionDenied);
        r.reset();
        s.read(key, [&](Result<crypto::SecretBuffer> x) { r = std::move(x); });
        QTRY_VERIFY(r.has_value());
        QCOMPARE(r->value().view(), QByteArrayView("pw"));
        std::optional<Status> d;
        s.remove(key, [&](Status x) { d = std::move(x); });
        QTRY_VERIFY(d.has_value());
        QVERIFY(!store.contains(key));
        r.reset();
        s.read(key, [&](Result<crypto::SecretBuffer> x) { r = std::move(x); });
        QTRY_VERIFY(r.has_value());
        QCOMPARE(r->error().code, ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestSecretsUnits)
#include "TestSecretsUnits.moc"
