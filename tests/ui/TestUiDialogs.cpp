// The node editor and the master identity dialog, driven without modal
// pop-ups: invalid input shows the reason and keeps OK disabled; a control
// password goes to the keychain, not into the config; a key is generated,
// imported from every format or refused with a reason, stored only after an
// explicit confirmation when it replaces another, and exported only after a
// warning.
#include "dialogs/MasterIdentityDialog.h"
#include "dialogs/NodeEditDialog.h"
#include "onion/MasterIdentity.h"
#include "secrets/MemorySecretStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace rb;
using rb::ui::MasterIdentityDialog;
using rb::ui::NodeEditDialog;

namespace {

// PROTOCOL-NOTES §11 test seed (public test value).
const QByteArray kSeedHex = "454cf9d7990b659e44900c12cd623bebd514eba5709cf0356cbfe224da47cbaf";

void setText(QWidget* dialog, const char* name, const QString& text)
{
    auto* edit = dialog->findChild<QLineEdit*>(QString::fromLatin1(name));
    QVERIFY2(edit, name);
    edit->setText(text);
}

QPushButton* okButton(QDialog* dialog)
{
    return dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QString seedAddress()
{
    auto id = onion::MasterIdentity::importBytes(kSeedHex);
    return id.ok() ? id->address().toString() : QString();
}

}  // namespace

class TestUiDialogs : public QObject {
    Q_OBJECT
private slots:
    void nodeEditor_data();
    void nodeEditor();
    void nodeEditorStoresPasswordInKeychain();
    void nodeEditorEditKeepsOwnName();
    void identityGenerateAndStore();
    void identityReplaceNeedsConfirmation();
    void identityImport_data();
    void identityImport();
    void identityExportWarnsAndBacksUp();
};

void TestUiDialogs::nodeEditor_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("ssh");
    QTest::addColumn<QString>("control");
    QTest::addColumn<int>("auth");  // combo index: 0 safe cookie, 1 cookie file, 2 password, 3 none
    QTest::addColumn<QString>("hsDir");
    QTest::addColumn<QString>("ports");
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("errorHas");

    const QString ssh = QStringLiteral("tor@10.0.0.5:22");
    const QString ctl = QStringLiteral("127.0.0.1:9051");
    const QString dir = QStringLiteral("/var/lib/tor/service");
    QTest::newRow("complete") << "fra-1" << ssh << ctl << 0 << dir << "80:127.0.0.1:8080, 443:8443" << true << true
                              << "";
    QTest::newRow("unix socket, no auth")
        << "fra-2" << ssh << "unix:/run/tor/control" << 3 << dir << "80" << true << true << "";
    QTest::newRow("bad name") << "bad name!" << ssh << ctl << 0 << dir << "80" << true << false << "node name";
    QTest::newRow("empty name") << "" << ssh << ctl << 0 << dir << "80" << true << false << "node name";
    QTest::newRow("enabled without ssh") << "n1"
                                         << "" << ctl << 0 << dir << "80" << true << false << "SSH target";
    QTest::newRow("disabled may be incomplete") << "n1"
                                                << ""
                                                << "" << 0 << ""
                                                << "" << false << true << "";
    QTest::newRow("bad control endpoint")
        << "n1" << ssh << "nonsense" << 0 << dir << "80" << true << false << "control";
    QTest::newRow("bad port") << "n1" << ssh << ctl << 0 << dir << "x:y" << true << false << "Service port";
    QTest::newRow("duplicate port") << "n1" << ssh << ctl << 0 << dir << "80, 80:8080" << true << false
                                    << "listed twice";
    QTest::newRow("duplicate name") << "taken" << ssh << ctl << 0 << dir << "80" << true << false << "already exists";
    QTest::newRow("relative HiddenServiceDir") << "n1" << ssh << ctl << 0 << "var/lib/tor"
                                               << "80" << true << false << "HiddenServiceDir";
    QTest::newRow("password without password")
        << "n1" << ssh << ctl << 2 << dir << "80" << true << false << "control password";
    QTest::newRow("no auth over TCP") << "n1" << ssh << ctl << 3 << dir << "80" << true << false << "Unix socket";
}

void TestUiDialogs::nodeEditor()
{
    QFETCH(QString, name);
    QFETCH(QString, ssh);
    QFETCH(QString, control);
    QFETCH(int, auth);
    QFETCH(QString, hsDir);
    QFETCH(QString, ports);
    QFETCH(bool, enabled);
    QFETCH(bool, valid);
    QFETCH(QString, errorHas);

    secrets::MemorySecretStore store;
    NodeEditDialog dialog;
    dialog.setSecretStore(&store);
    dialog.setExistingNames({QStringLiteral("taken")});
    setText(&dialog, "nameEdit", name);
    setText(&dialog, "sshEdit", ssh);
    setText(&dialog, "controlEdit", control);
    dialog.findChild<QComboBox*>(QStringLiteral("authCombo"))->setCurrentIndex(auth);
    setText(&dialog, "hsDirEdit", hsDir);
    setText(&dialog, "portsEdit", ports);
    if (!enabled)
        dialog.findChild<QCheckBox*>(QStringLiteral("enabledCheck"))->setChecked(false);

    QCOMPARE(dialog.isValid(), valid);
    QCOMPARE(okButton(&dialog)->isEnabled(), valid);
    auto* error = dialog.findChild<QLabel*>(QStringLiteral("errorLabel"));
    if (valid) {
        QVERIFY2(error->text().isEmpty(), qPrintable(error->text()));
        QCOMPARE(dialog.node().name, name);
    } else {
        QVERIFY2(error->text().contains(errorHas, Qt::CaseInsensitive), qPrintable(error->text()));
        dialog.accept();  // refused
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }
}

void TestUiDialogs::nodeEditorStoresPasswordInKeychain()
{
    secrets::MemorySecretStore store;
    NodeEditDialog dialog;
    dialog.setSecretStore(&store);
    setText(&dialog, "nameEdit", QStringLiteral("ams-1"));
    setText(&dialog, "sshEdit", QStringLiteral("tor@ams"));
    setText(&dialog, "controlEdit", QStringLiteral("127.0.0.1:9051"));
    dialog.findChild<QComboBox*>(QStringLiteral("authCombo"))->setCurrentIndex(2);
    QVERIFY(!dialog.isValid());
    setText(&dialog, "passwordEdit", QStringLiteral("s3cret"));
    QVERIFY(dialog.isValid());
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.accept();
    QVERIFY(accepted.isEmpty());  // waits for the keychain
    QVERIFY(accepted.wait(2000));
    QVERIFY(store.contains(QStringLiteral("v1/control-password/ams-1")));
    QVERIFY(dialog.findChild<QLineEdit*>(QStringLiteral("passwordEdit"))->text().isEmpty());
    const QJsonObject json = dialog.node().toJson();
    QVERIFY(!QJsonDocument(json).toJson().contains("s3cret"));

    // A keychain failure is shown and the dialog stays open.
    NodeEditDialog again;
    again.setSecretStore(&store);
    setText(&again, "nameEdit", QStringLiteral("ams-2"));
    setText(&again, "sshEdit", QStringLiteral("tor@ams"));
    setText(&again, "controlEdit", QStringLiteral("127.0.0.1:9051"));
    again.findChild<QComboBox*>(QStringLiteral("authCombo"))->setCurrentIndex(2);
    setText(&again, "passwordEdit", QStringLiteral("x"));
    store.failNext(makeError(ErrorCode::Unavailable, QStringLiteral("keychain locked")));
    again.accept();
    QTRY_VERIFY(again.errorText().contains(QStringLiteral("keychain locked")));
    QCOMPARE(again.result(), int(QDialog::Rejected));
}

void TestUiDialogs::nodeEditorEditKeepsOwnName()
{
    fleet::NodeConfig node;
    node.name = QStringLiteral("taken");
    node.sshTarget = QStringLiteral("tor@host");
    node.controlEndpoint = QStringLiteral("unix:/run/tor/control");
    node.hiddenServiceDir = QStringLiteral("/var/lib/tor/svc");
    node.weight = 7;
    NodeEditDialog dialog;
    dialog.setExistingNames({QStringLiteral("taken"), QStringLiteral("other")});
    dialog.setNode(node);
    QVERIFY2(dialog.isValid(), qPrintable(dialog.errorText()));
    QCOMPARE(dialog.findChild<QSpinBox*>(QStringLiteral("weightSpin"))->value(), 7);
    setText(&dialog, "nameEdit", QStringLiteral("other"));
    QVERIFY(!dialog.isValid());
}

void TestUiDialogs::identityGenerateAndStore()
{
    secrets::MemorySecretStore store;
    MasterIdentityDialog dialog(&store, QString());
    int questions = 0;
    dialog.setConfirm([&](const QString&, const QString&) {
        ++questions;
        return true;
    });
    QSignalSpy stored(&dialog, &MasterIdentityDialog::identityStored);
    dialog.generate();
    QVERIFY(dialog.busy());
    QTRY_VERIFY(!dialog.busy());
    const QString address = dialog.pendingAddress();
    QVERIFY(address.endsWith(QStringLiteral(".onion")));
    auto* storeButton = dialog.findChild<QPushButton*>(QStringLiteral("storeButton"));
    QVERIFY(storeButton->isEnabled());
    storeButton->click();
    QTRY_COMPARE(stored.size(), 1);
    QCOMPARE(stored.first().first().toString(), address);
    QCOMPARE(dialog.currentAddress(), address);
    QCOMPARE(questions, 0);  // nothing replaced: no question
    QVERIFY(store.contains(secrets::ISecretStore::masterSeedKey(address).value()));
    QVERIFY(!storeButton->isEnabled());
}

void TestUiDialogs::identityReplaceNeedsConfirmation()
{
    secrets::MemorySecretStore store;
    const QString old = seedAddress();
    MasterIdentityDialog dialog(&store, old);
    QString asked;
    bool answer = false;
    dialog.setConfirm([&](const QString&, const QString& text) {
        asked = text;
        return answer;
    });
    dialog.generate();
    QTRY_VERIFY(!dialog.busy());
    const QString fresh = dialog.pendingAddress();
    dialog.storePending();
    QVERIFY(asked.contains(old));
    QVERIFY(asked.contains(fresh));
    QCOMPARE(dialog.currentAddress(), old);  // declined
    QVERIFY(store.keys().isEmpty());
    QVERIFY(dialog.statusText().contains(QStringLiteral("Kept")));
    answer = true;
    QSignalSpy stored(&dialog, &MasterIdentityDialog::identityStored);
    dialog.storePending();
    QTRY_COMPARE(stored.size(), 1);
    QCOMPARE(dialog.currentAddress(), fresh);
}

void TestUiDialogs::identityImport_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("ok");
    QTest::newRow("hex seed file") << "hex" << true;
    QTest::newRow("raw seed file") << "raw" << true;
    QTest::newRow("tor HiddenServiceDir") << "hsdir" << true;
    QTest::newRow("tor secret key file") << "torkey" << true;
    QTest::newRow("ED25519-V3 control key") << "addonion" << true;
    QTest::newRow("garbage") << "garbage" << false;
    QTest::newRow("missing file") << "missing" << false;
}

void TestUiDialogs::identityImport()
{
    QFETCH(QString, kind);
    QFETCH(bool, ok);
    QTemporaryDir dir;
    auto seed = onion::MasterIdentity::importBytes(kSeedHex);
    QVERIFY(seed.ok());
    QString path = dir.filePath(QStringLiteral("key"));
    if (kind == QLatin1String("hex")) {
        QVERIFY(writeFile(path, kSeedHex + "\n"));
    } else if (kind == QLatin1String("raw")) {
        QVERIFY(writeFile(path, QByteArray::fromHex(kSeedHex)));
    } else if (kind == QLatin1String("hsdir") || kind == QLatin1String("torkey")) {
        path = dir.filePath(QStringLiteral("hs"));
        QVERIFY(seed->exportTorFiles(path).ok());
        if (kind == QLatin1String("torkey"))
            path += QStringLiteral("/hs_ed25519_secret_key");
    } else if (kind == QLatin1String("addonion")) {
        QVERIFY(writeFile(path, seed->addOnionKeySpec().view().toByteArray()));
    } else if (kind == QLatin1String("garbage")) {
        QVERIFY(writeFile(path, "this is not a key"));
    } else {
        path = dir.filePath(QStringLiteral("absent"));
    }
    secrets::MemorySecretStore store;
    MasterIdentityDialog dialog(&store, QString());
    QSignalSpy finished(&dialog, &MasterIdentityDialog::actionFinished);
    dialog.importFrom(path);
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.first().first().toBool(), ok);
    if (ok) {
        QCOMPARE(dialog.pendingAddress(), seedAddress());
        QVERIFY(dialog.errorText().isEmpty());
    } else {
        QVERIFY(dialog.pendingAddress().isEmpty());
        QVERIFY(!dialog.errorText().isEmpty());
        QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("storeButton"))->isEnabled());
    }
}

void TestUiDialogs::identityExportWarnsAndBacksUp()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("export"));
    secrets::MemorySecretStore store;
    MasterIdentityDialog dialog(&store, QString());
    QStringList titles;
    bool answer = false;
    dialog.setConfirm([&](const QString& title, const QString&) {
        titles << title;
        return answer;
    });
    dialog.generate();
    QTRY_VERIFY(!dialog.busy());

    dialog.exportTorFiles(out);  // declined at the warning
    QCOMPARE(titles.size(), 1);
    QVERIFY(!QFile::exists(out + QStringLiteral("/hs_ed25519_secret_key")));

    answer = true;
    QSignalSpy finished(&dialog, &MasterIdentityDialog::actionFinished);
    dialog.exportTorFiles(out);
    QVERIFY(finished.wait(5000));
    QVERIFY(finished.last().first().toBool());
    QVERIFY(QFile::exists(out + QStringLiteral("/hs_ed25519_secret_key")));
    QFile hostname(out + QStringLiteral("/hostname"));
    QVERIFY(hostname.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromLatin1(hostname.readAll().trimmed()), dialog.pendingAddress());
    hostname.close();

    // Another key into the same place: a second question, then backups.
    dialog.generate();
    QTRY_VERIFY(!dialog.busy());
    titles.clear();
    finished.clear();
    dialog.exportTorFiles(out);
    QTRY_VERIFY(!finished.isEmpty());
    QCOMPARE(titles.size(), 2);  // the key warning and the replace question
    QVERIFY(finished.last().first().toBool());
    QVERIFY(dialog.statusText().contains(QStringLiteral("Backups")));
    QVERIFY(!QDir(out).entryList({QStringLiteral("*.bak-*")}).isEmpty());
}

QTEST_MAIN(TestUiDialogs)
#include "TestUiDialogs.moc"
