// The real SecretStore when NO keychain is reachable: D-Bus points nowhere and
// HOME/XDG dirs point into a temp dir. Every operation must fail with a clear
// message, and no file anywhere in those dirs may contain the secret.
#include "ScanForSecret.h"
#include "crypto/Crypto.h"
#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace rb;
using namespace rb::secrets;

namespace {
QTemporaryDir* g_home = nullptr;
}

class TestSecretsNoKeychain : public QObject {
    Q_OBJECT
private slots:
    void failsClearlyAndWritesNothingInPlaintext()
    {
        QVERIFY(g_home != nullptr && g_home->isValid());
        const QByteArray seed = crypto::randomBytes(32);
        const QString key = ISecretStore::controlPasswordKey(QStringLiteral("n1")).value();
        SecretStore store;
        store.setRetryDelay(200);

        std::optional<Status> written;
        store.write(key, crypto::SecretBuffer::fromBytes(seed), [&](Status s) { written = std::move(s); });
        QTRY_VERIFY_WITH_TIMEOUT(written.has_value(), 40000);
        QVERIFY(!written->ok());
        const Error e = written->error();
        qInfo("keychain error shown to the operator: %s", qPrintable(e.toString()));
        QVERIFY2(e.code == ErrorCode::Unavailable, qPrintable(e.toString()));
        QVERIFY2(e.message.contains(QLatin1String("keychain")), qPrintable(e.message));
        QVERIFY2(e.message.contains(QLatin1String("never written to plain files")), qPrintable(e.message));
        QVERIFY(e.message.contains(key));
#ifdef Q_OS_LINUX
        QCOMPARE(store.retriesPerformed(), 1);  // one retry for a Secret Service still starting
#endif

        std::optional<Result<crypto::SecretBuffer>> read;
        store.read(key, [&](Result<crypto::SecretBuffer> r) { read = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(read.has_value(), 40000);
        QVERIFY(!read->ok());
        QCOMPARE(read->error().code, ErrorCode::Unavailable);

        QCOMPARE(filesContainingSecret(g_home->path(), seed), QStringList());
        QCOMPARE(countFiles(g_home->path()), 0);  // nothing written at all (no plaintext fallback store)
    }
};

int main(int argc, char** argv)
{
    // Before anything touches D-Bus or QStandardPaths.
    QTemporaryDir home;
    g_home = &home;
    const QByteArray h = QFile::encodeName(home.path());
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + h + "/no-such-bus");
    qputenv("HOME", h);
    qputenv("XDG_CONFIG_HOME", h + "/config");
    qputenv("XDG_DATA_HOME", h + "/data");
    qputenv("XDG_CACHE_HOME", h + "/cache");
    for (const char* v : {"DISPLAY", "WAYLAND_DISPLAY", "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION",
                          "GNOME_DESKTOP_SESSION_ID", "XDG_RUNTIME_DIR"}) {
        qunsetenv(v);
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("RustBalance"));
    QCoreApplication::setApplicationName(QStringLiteral("test_secrets_nokeychain"));
    TestSecretsNoKeychain t;
    return QTest::qExec(&t, argc, argv);
}

#include "TestSecretsNoKeychain.moc"
