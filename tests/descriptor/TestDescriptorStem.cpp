// Cross-check with an independent implementation: Debian's python3-stem.
// (a) stem parses, verifies and decrypts a descriptor made by our builder;
// (b) our decoder verifies and decrypts a descriptor made by stem for the same
//     identity key and a blinding nonce we choose (tor's blinding factor).
// The test secret goes to python on stdin, never on its command line.

#include "DescriptorTestUtil.h"

#include "crypto/Ed25519.h"
#include "descriptor/DescriptorBuilder.h"
#include "descriptor/DescriptorDecoder.h"
#include "descriptor/TextCodec.h"
#include "onion/OnionAddress.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QtTest>

using namespace rb;
using namespace rb::descriptor;
namespace ed = rb::crypto::ed25519;

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");
const QString kScript = QStringLiteral(RB_SOURCE_DIR "/tests/descriptor/stem_crosscheck.py");

struct PyResult {
    int exitCode = -1;
    QJsonObject json;
    QByteArray stderrText;
};

PyResult runPython(const QString& mode, const QByteArray& stdinJson)
{
    QProcess proc;
    QSignalSpy finished(&proc, &QProcess::finished);
    proc.start(kPython, {kScript, mode});
    PyResult r;
    if (!proc.waitForStarted(10000)) {
        return r;
    }
    proc.write(stdinJson);
    proc.closeWriteChannel();
    if (!finished.wait(120000)) {
        proc.kill();
        return r;
    }
    r.exitCode = proc.exitStatus() == QProcess::NormalExit ? proc.exitCode() : -1;
    r.json = QJsonDocument::fromJson(proc.readAllStandardOutput()).object();
    r.stderrText = proc.readAllStandardError();
    return r;
}

QString b64(QByteArrayView v)
{
    QByteArray out;
    TextCodec::appendBase64(out, v, true);
    return QString::fromLatin1(out);
}

QString hex(QByteArrayView v) { return QString::fromLatin1(v.toByteArray().toHex()); }

}  // namespace

class TestDescriptorStem : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (!QFile::exists(kPython)) {
            QSKIP("/usr/bin/python3 not installed");
        }
        const PyResult probe = runPython(QStringLiteral("probe"), {});
        if (probe.exitCode != 0) {
            QSKIP(qPrintable(QStringLiteral("python3-stem with v3 descriptor support unavailable: ") +
                             QString::fromUtf8(probe.stderrText) + probe.json.value(QStringLiteral("error")).toString()));
        }
    }

    void stemVerifiesOurDescriptor()
    {
        crypto::PublicKey pk;
        const auto sk = testutil::testIdentityExpanded(&pk);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        DescriptorBuildParams p;
        p.timePeriod = static_cast<std::uint64_t>((now / 60 - 720) / 1440);
        p.periodLengthMinutes = 1440;
        p.revisionCounter = 987654321;
        p.now = now;
        p.introPoints = testutil::makeIntroPoints(6, now);
        auto built = DescriptorBuilder::build(sk, pk, p);
        QVERIFY(built.ok());

        QJsonArray ips;
        for (const IntroPoint& ip : p.introPoints) {
            QByteArray ls;
            LinkSpecifier::encodeList(ip.linkSpecifiers, ls);
            ips.append(QJsonObject{{QStringLiteral("link_specifiers"), b64(ls)},
                                   {QStringLiteral("onion_key"), b64(ip.onionKey)},
                                   {QStringLiteral("enc_key"), b64(ip.encKey)},
                                   {QStringLiteral("auth_key"), hex(ip.authKey())},
                                   {QStringLiteral("enc_key_ed"), hex(ip.encKeyCert.certifiedKey())}});
        }
        const QJsonObject req{
            {QStringLiteral("descriptor"), QString::fromLatin1(built->text)},
            {QStringLiteral("address"), onion::OnionAddress::fromPublicKey(pk)->toString()},
            {QStringLiteral("blinded_key"), hex(built->blindedPublicKey)},
            {QStringLiteral("desc_signing_key"), hex(built->descriptorSigningPublicKey)},
            {QStringLiteral("revision_counter"), 987654321},
            {QStringLiteral("intro_points"), ips}};
        const PyResult r = runPython(QStringLiteral("verify"), QJsonDocument(req).toJson(QJsonDocument::Compact));
        QVERIFY2(r.exitCode == 0, qPrintable(QString::fromUtf8(QJsonDocument(r.json).toJson()) +
                                             QString::fromUtf8(r.stderrText)));
        QVERIFY(r.json.value(QStringLiteral("ok")).toBool());
        QCOMPARE(r.json.value(QStringLiteral("checks")).toArray().size(), 5);
    }

    void stemDetectsTampering()
    {
        // The same check must fail when the descriptor is wrong (so the
        // passing case above means something).
        crypto::PublicKey pk;
        const auto sk = testutil::testIdentityExpanded(&pk);
        DescriptorBuildParams p;
        p.introPoints = testutil::makeIntroPoints(1, QDateTime::currentSecsSinceEpoch());
        auto built = DescriptorBuilder::build(sk, pk, p);
        QVERIFY(built.ok());
        QByteArray text = built->text;
        const qsizetype at = text.indexOf("\nsignature ") + 15;
        text[at] = text[at] == 'A' ? 'B' : 'A';
        const QJsonObject req{{QStringLiteral("descriptor"), QString::fromLatin1(text)},
                              {QStringLiteral("address"), onion::OnionAddress::fromPublicKey(pk)->toString()},
                              {QStringLiteral("blinded_key"), hex(built->blindedPublicKey)},
                              {QStringLiteral("desc_signing_key"), hex(built->descriptorSigningPublicKey)},
                              {QStringLiteral("revision_counter"), 0},
                              {QStringLiteral("intro_points"), QJsonArray()}};
        const PyResult r = runPython(QStringLiteral("verify"), QJsonDocument(req).toJson(QJsonDocument::Compact));
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.json.value(QStringLiteral("error")).toString().contains(QStringLiteral("signature")));
    }

    void weDecodeStemsDescriptor()
    {
        crypto::PublicKey pk;
        (void)testutil::testIdentityExpanded(&pk);
        const quint64 period = 20489;
        // stem blinds with the clamped factor it is given; tor's factor for
        // this period makes stem's blinded key equal tor's.
        const QByteArray nonce = ed::blindingFactor(pk, period, 1440);
        const QJsonObject req{
            {QStringLiteral("seed"), QStringLiteral("454cf9d7990b659e44900c12cd623bebd514eba5709cf0356cbfe224da47cbaf")},
            {QStringLiteral("blinding_nonce"), hex(nonce)},
            {QStringLiteral("revision_counter"), 4242},
            {QStringLiteral("intro_points"), 4}};
        const PyResult r = runPython(QStringLiteral("create"), QJsonDocument(req).toJson(QJsonDocument::Compact));
        QVERIFY2(r.exitCode == 0, qPrintable(QString::fromUtf8(r.stderrText)));
        const QByteArray text = r.json.value(QStringLiteral("descriptor")).toString().toLatin1();

        DecodeOptions opt;
        opt.now = QDateTime::currentSecsSinceEpoch();
        opt.expectedTimePeriod = period;
        opt.checkEncKeyCrossCert = true;
        auto d = DescriptorDecoder::inspect(pk, text, opt);
        QVERIFY(d.ok());
        QStringList problems;
        for (const auto& pr : d->problems) {
            problems.append(pr.where + QStringLiteral(": ") + pr.error.message);
        }
        QVERIFY2(d->isValid(), qPrintable(problems.join(QLatin1Char('\n'))));
        QVERIFY(d->signatureValid);
        QVERIFY(d->signingCertValid);
        QCOMPARE(d->blindedKeyMatchesPeriod, std::optional<bool>(true));
        QCOMPARE(d->blindedKey.toHex(), QByteArray("c42cba968b1d5526b22da6efa5942305e768b7d87ebfd59a9161f1d9f577c5b9"));
        QCOMPARE(hex(d->descriptorSigningKey), r.json.value(QStringLiteral("desc_signing_key")).toString());
        QCOMPARE(d->outer.revisionCounter, quint64(4242));
        QVERIFY(d->middleDecrypted && d->innerDecrypted);
        // stem's known deviations are reported, not fatal: padding len % 10000
        // instead of a multiple of 10000, no flow-control, and an enc-key-cert
        // that certifies the auth key.
        QVERIFY(!d->middlePaddedLikeTor);
        QVERIFY(!d->inner.flowControl);
        const QJsonArray expected = r.json.value(QStringLiteral("intro_points")).toArray();
        QCOMPARE(d->inner.introPoints.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const QJsonObject e = expected[i].toObject();
            const IntroPoint& ip = d->inner.introPoints[i];
            QByteArray ls;
            LinkSpecifier::encodeList(ip.linkSpecifiers, ls);
            QCOMPARE(b64(ls), e.value(QStringLiteral("link_specifiers")).toString());
            QCOMPARE(b64(ip.onionKey), e.value(QStringLiteral("onion_key")).toString());
            QCOMPARE(b64(ip.encKey), e.value(QStringLiteral("enc_key")).toString());
            QCOMPARE(hex(ip.authKey()), e.value(QStringLiteral("auth_key")).toString());
            QCOMPARE(ip.linkSpecifiers[0].describe(), QStringLiteral("IPv4 10.1.0.%1:%2").arg(i + 1).arg(9001 + i));
            QVERIFY(d->introReports[i].authCertValid);
            QVERIFY(d->introReports[i].encCertValid);
            QCOMPARE(d->introReports[i].encCertMatchesEncKey, std::optional<bool>(false));
        }
        // Strict decode accepts it (warnings only) ...
        QVERIFY(DescriptorDecoder::decode(pk, text, opt).ok());
        // ... but not for another identity.
        crypto::PublicKey otherPk;
        (void)ed::generate(&otherPk);
        opt.expectedTimePeriod.reset();
        QCOMPARE(DescriptorDecoder::decode(otherPk, text, opt).error().code, ErrorCode::BadSignature);
    }
};

QTEST_GUILESS_MAIN(TestDescriptorStem)
#include "TestDescriptorStem.moc"
