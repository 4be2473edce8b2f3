// Cross-check with stem + python3-cryptography in both directions: keys we
// export are read by them, keys they generate are imported by us; address and
// blinded key must agree (scripts/stem_keys.py).
#include "onion/MasterIdentity.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using rb::onion::MasterIdentity;

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");
const QString kScript = QStringLiteral(RB_SOURCE_DIR "/tests/onion/scripts/stem_keys.py");

// Returns {pubkey hex, address, blinded hex} or an empty list.
QList<QByteArray> runStem(const QString& mode, const QString& pem, quint64 tp, quint64 len)
{
    QProcess p;
    p.start(kPython, {kScript, mode, pem, QString::number(tp), QString::number(len)});
    if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 30000)) {
        p.kill();
        (void)QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 2000);
        return {};
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning("%s", p.readAllStandardError().constData());
        return {};
    }
    const QList<QByteArray> fields = p.readAllStandardOutput().trimmed().split(' ');
    return fields.size() == 3 ? fields : QList<QByteArray>{};
}

}  // namespace

class TestStemCrossCheck : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QProcess probe;
        probe.start(kPython, {QStringLiteral("-c"), QStringLiteral("import stem, cryptography")});
        if (!QTest::qWaitFor([&] { return probe.state() == QProcess::NotRunning; }, 20000) || probe.exitCode() != 0) {
            QSKIP("/usr/bin/python3 with stem and cryptography is not available");
        }
    }

    void ourExportReadByStem()
    {
        QTemporaryDir tmp;
        for (int i = 0; i < 3; ++i) {
            auto id = MasterIdentity::generate();
            QVERIFY(id.ok());
            const QString pem = tmp.filePath(QStringLiteral("ours%1.pem").arg(i));
            QVERIFY(id->exportPemFile(pem).ok());
            const quint64 tp = 19000 + QRandomGenerator::global()->bounded(3000U);
            const quint64 len = i == 0 ? 1440 : 8;  // real-network and TestingTorNetwork lengths
            const QList<QByteArray> stem = runStem(QStringLiteral("check"), pem, tp, len);
            QCOMPARE(stem.size(), 3);
            QCOMPARE(stem.at(0), id->publicKey().toHex());
            QCOMPARE(QString::fromLatin1(stem.at(1)), id->address().toString());
            QCOMPARE(stem.at(2), id->blindedPublicKey(tp, len)->toHex());
        }
    }

    void stemGeneratedKeyImportedByUs()
    {
        QTemporaryDir tmp;
        for (int i = 0; i < 3; ++i) {
            const QString pem = tmp.filePath(QStringLiteral("theirs%1.pem").arg(i));
            const quint64 tp = 19000 + QRandomGenerator::global()->bounded(3000U);
            const QList<QByteArray> stem = runStem(QStringLiteral("gen"), pem, tp, 1440);
            QCOMPARE(stem.size(), 3);
            auto id = MasterIdentity::importFile(pem);
            QVERIFY(id.ok());
            QCOMPARE(id->sourceFormat(), MasterIdentity::Format::Pkcs8Pem);
            QCOMPARE(id->publicKey().toHex(), stem.at(0));
            QCOMPARE(id->address().toString(), QString::fromLatin1(stem.at(1)));
            QCOMPARE(id->blindedPublicKey(tp, 1440)->toHex(), stem.at(2));
            // Their PEM and ours are the same bytes for the same key.
            QFile f(pem);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(id->pem()->view().toByteArray(), f.readAll());
        }
    }
};

QTEST_GUILESS_MAIN(TestStemCrossCheck)
#include "TestStemCrossCheck.moc"
