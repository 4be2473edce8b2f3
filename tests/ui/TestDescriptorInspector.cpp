// The descriptor inspector on descriptors made by core/descriptor's builder:
// a valid one shows every layer, its intro points mapped to their nodes and
// no problem; a tampered one (revision counter changed after signing) shows
// the signature problem highlighted where it occurs, with the reason.
#include "descriptor/DescriptorBuilder.h"
#include "descriptor/DescriptorTestUtil.h"
#include "onion/OnionAddress.h"
#include "widgets/DescriptorInspector.h"

#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

using namespace rb;
using rb::ui::DescriptorInspector;

namespace {

constexpr quint64 kPeriod = 20489;

struct Built {
    QByteArray text;
    QString address;
    QList<QByteArray> authKeys;
};

Built buildDescriptor()
{
    crypto::PublicKey pk;
    const crypto::SecretBuffer sk = descriptor::testutil::testIdentityExpanded(&pk);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    descriptor::DescriptorBuildParams params;
    params.timePeriod = kPeriod;
    params.revisionCounter = 4242;
    params.now = now;
    params.introPoints = descriptor::testutil::makeIntroPoints(3, now);
    auto built = descriptor::DescriptorBuilder::build(sk, pk, params);
    if (!built.ok())
        qFatal("build failed: %s", qPrintable(built.error().toString()));
    Built b;
    b.text = built->text;
    b.address = onion::OnionAddress::fromPublicKey(QByteArray(pk)).value().toString();
    for (const auto& ip : params.introPoints)
        b.authKeys.append(ip.authKey().toByteArray());
    return b;
}

QTreeWidgetItem* findItem(QTreeWidget* tree, const QString& field)
{
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        if ((*it)->text(0) == field)
            return *it;
    return nullptr;
}

bool inspect(DescriptorInspector& inspector, const QByteArray& text)
{
    QSignalSpy done(&inspector, &DescriptorInspector::inspected);
    inspector.inspectBytes(text);
    if (!done.wait(10000))
        return false;
    return done.first().first().toBool();
}

}  // namespace

class TestDescriptorInspector : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_built = buildDescriptor(); }
    void validDescriptorShowsEveryLayer();
    void tamperedDescriptorHighlightsProblem();
    void wrongIdentityCannotDecrypt();
    void garbageIsAnErrorNotACrash();
    void opensFileAsynchronously();

private:
    Built m_built;
};

void TestDescriptorInspector::validDescriptorShowsEveryLayer()
{
    DescriptorInspector inspector;
    inspector.setIdentity(m_built.address);
    inspector.setExpectedPeriod(kPeriod);
    inspector.setIntroPointOwners(
        {{m_built.authKeys.at(0), QStringLiteral("alpha")}, {m_built.authKeys.at(2), QStringLiteral("gamma")}});
    QVERIFY(inspect(inspector, m_built.text));
    QVERIFY2(inspector.summary().startsWith(QStringLiteral("Valid descriptor")), qPrintable(inspector.summary()));
    QCOMPARE(inspector.rawView()->toPlainText(), QString::fromUtf8(m_built.text));
    QTreeWidget* tree = inspector.tree();
    QVERIFY(findItem(tree, QStringLiteral("Problems")) == nullptr);
    for (const char* field : {"Outer layer", "Middle layer", "Inner layer", "descriptor-signing-key-cert", "signature",
                              "Padding", "flow-control", "Intro points"})
        QVERIFY2(findItem(tree, QString::fromLatin1(field)) != nullptr, field);
    QCOMPARE(findItem(tree, QStringLiteral("revision-counter"))->text(1), QLocale().toString(4242));
    QCOMPARE(findItem(tree, QStringLiteral("signature"))->text(1), QStringLiteral("valid"));
    QCOMPARE(findItem(tree, QStringLiteral("Intro points"))->text(1), QStringLiteral("3"));
    QCOMPARE(findItem(tree, QStringLiteral("Blinded key matches period 20489"))->text(1), QStringLiteral("yes"));
    QVERIFY(findItem(tree, QStringLiteral("Padding"))->text(1).contains(QStringLiteral("like tor")));
    QVERIFY(!findItem(tree, QStringLiteral("Padding"))->text(1).contains(QStringLiteral("NOT")));
    // Intro points mapped to their nodes.
    QVERIFY(findItem(tree, QStringLiteral("Intro point 1"))->text(1).contains(QStringLiteral("node alpha")));
    QVERIFY(!findItem(tree, QStringLiteral("Intro point 2"))->text(1).contains(QStringLiteral("node ")));
    QVERIFY(findItem(tree, QStringLiteral("Intro point 3"))->text(1).contains(QStringLiteral("node gamma")));
    // Certificates with type, key and expiry.
    auto* cert = findItem(tree, QStringLiteral("descriptor-signing-key-cert"));
    QCOMPARE(cert->text(1), QStringLiteral("valid"));
    QStringList children;
    for (int i = 0; i < cert->childCount(); ++i)
        children << cert->child(i)->text(0);
    for (const char* f : {"Type", "Certified key", "Signed by", "Expires"})
        QVERIFY2(children.contains(QString::fromLatin1(f)), f);
    QVERIFY(cert->child(0)->text(1).startsWith(QStringLiteral("0x08")));
}

void TestDescriptorInspector::tamperedDescriptorHighlightsProblem()
{
    QByteArray tampered = m_built.text;
    const qsizetype at = tampered.indexOf("revision-counter 4242\n");
    QVERIFY(at >= 0);
    tampered.replace(at, 21, "revision-counter 4243");

    DescriptorInspector inspector;
    inspector.setIdentity(m_built.address);
    QVERIFY(!inspect(inspector, tampered));
    QTreeWidget* tree = inspector.tree();
    auto* problems = findItem(tree, QStringLiteral("Problems"));
    QVERIFY(problems != nullptr);
    QVERIFY(problems->childCount() >= 1);
    QCOMPARE(problems->child(0)->text(0), QStringLiteral("descriptor"));
    QVERIFY(!problems->child(0)->text(1).isEmpty());
    // The signature row itself is highlighted with the reason.
    auto* sig = findItem(tree, QStringLiteral("signature"));
    QCOMPARE(sig->text(1), QStringLiteral("NOT valid"));
    const QString reason = sig->data(0, Qt::UserRole + 3).toString();
    QVERIFY(!reason.isEmpty());
    QCOMPARE(reason, problems->child(0)->text(1));
    QVERIFY(sig->toolTip(0).contains(reason));
    QVERIFY(sig->foreground(1).color() != tree->palette().color(QPalette::Text));
    QVERIFY(inspector.summary().contains(QStringLiteral("error")));
    // An untouched part is not highlighted.
    QVERIFY(findItem(tree, QStringLiteral("hs-descriptor"))->data(0, Qt::UserRole + 3).isNull());
}

void TestDescriptorInspector::wrongIdentityCannotDecrypt()
{
    DescriptorInspector inspector;
    inspector.setIdentity(QStringLiteral("pg6mmjiyjmcrsslvykfwnntlaru7p5svn6y2ymmju6nubxndf4pscryd.onion"));
    QVERIFY(!inspect(inspector, m_built.text));
    auto* middle = findItem(inspector.tree(), QStringLiteral("Middle layer"));
    QVERIFY(middle != nullptr);
    QCOMPARE(middle->text(1), QStringLiteral("NOT decrypted"));
    QVERIFY(!middle->data(0, Qt::UserRole + 3).toString().isEmpty());
}

void TestDescriptorInspector::garbageIsAnErrorNotACrash()
{
    DescriptorInspector inspector;
    inspector.setIdentity(m_built.address);
    QVERIFY(!inspect(inspector, QByteArrayLiteral("hello\nworld\n")));
    QVERIFY(inspector.summary().startsWith(QStringLiteral("Cannot read this descriptor")));
    QVERIFY(findItem(inspector.tree(), QStringLiteral("Problem")) != nullptr);
}

void TestDescriptorInspector::opensFileAsynchronously()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("desc.txt"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(m_built.text);
    f.close();
    DescriptorInspector inspector;
    inspector.setIdentity(m_built.address);
    QSignalSpy done(&inspector, &DescriptorInspector::inspected);
    inspector.openFile(path);
    QVERIFY(inspector.busy());  // returned before the work was done
    QVERIFY(done.wait(10000));
    QVERIFY(done.first().first().toBool());
    QCOMPARE(inspector.rawView()->toPlainText(), QString::fromUtf8(m_built.text));

    QSignalSpy missing(&inspector, &DescriptorInspector::inspected);
    inspector.openFile(dir.filePath(QStringLiteral("absent.txt")));
    QVERIFY(missing.wait(10000));
    QVERIFY(!missing.first().first().toBool());
    QVERIFY(inspector.summary().contains(QStringLiteral("absent.txt")));
}

QTEST_MAIN(TestDescriptorInspector)
#include "TestDescriptorInspector.moc"
