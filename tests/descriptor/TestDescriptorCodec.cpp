// Unit tests of the descriptor codec: certificates, link specifiers, layer
// crypto, the three layers against a real tor descriptor, builder/decoder
// round trips and typed errors for bad input.

#include "DescriptorTestUtil.h"

#include "crypto/Base32.h"
#include "descriptor/DescriptorBuilder.h"
#include "descriptor/DescriptorDecoder.h"
#include "descriptor/TextCodec.h"
#include "onion/OnionAddress.h"

#include <QFile>
#include <QRandomGenerator>
#include <QtTest>

using namespace rb;
using namespace rb::descriptor;
namespace ed = rb::crypto::ed25519;

namespace {

QByteArray readData(const char* name)
{
    QFile f(QStringLiteral(RB_SOURCE_DIR "/tests/descriptor/data/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly)) {
        qFatal("missing test data %s", name);
    }
    return f.readAll();
}

// stem's test/unit/descriptor/hidden_service_v3.py: HS_ADDRESS of its real
// descriptor (produced by tor for a test service run by asn).
const char* kStemAddress = "sltib6sxkuxh2scmtuvd5w2g7pahnzkovefxpo4e4ptnkzl5kkq5h2ad.onion";

QByteArray stemIdentityKey()
{
    return onion::OnionAddress::parse(QString::fromLatin1(kStemAddress)).value().publicKey();
}

bool hasProblem(const DecodedDescriptor& d, ErrorCode code, DescriptorProblem::Severity sev, const QString& where = {})
{
    for (const auto& p : d.problems) {
        if (p.error.code == code && p.severity == sev && (where.isEmpty() || p.where == where)) {
            return true;
        }
    }
    return false;
}

QString problemsText(const DecodedDescriptor& d)
{
    QStringList l;
    for (const auto& p : d.problems) {
        l.append(p.where + QStringLiteral(": ") + p.error.toString());
    }
    return l.join(QLatin1Char('\n'));
}

// Replaces the base64 character at the middle of the named object body.
QByteArray corruptObject(QByteArray text, const char* keyword, char replacement)
{
    const qsizetype k = text.indexOf(QByteArray(QByteArray(keyword) + "\n-----BEGIN"));
    const qsizetype body = text.indexOf('\n', text.indexOf("-----BEGIN", k)) + 1;
    const qsizetype pos = body + 100;
    text[pos] = text[pos] == replacement ? 'A' : replacement;
    return text;
}

}  // namespace

class TestDescriptorCodec : public QObject {
    Q_OBJECT
private slots:
    // ---------------------------------------------------------------- certs
    void certCreateDecodeRoundTrip()
    {
        crypto::PublicKey signerPk;
        const auto signerSk = ed::generate(&signerPk);
        const QByteArray certified = crypto::randomBytes(32);
        auto cert = Ed25519Cert::create(CertType::HsIntroAuth, certified, signerSk, signerPk, 500000, true);
        QVERIFY(cert.ok());
        QCOMPARE(cert->encoded().size(), 140);
        QCOMPARE(static_cast<int>(cert->type()), 0x09);
        QCOMPARE(cert->expiryHours(), 500000U);
        QCOMPARE(cert->expiresAt(), qint64(500000) * 3600);
        QCOMPARE(cert->certifiedKey(), QByteArrayView(certified));
        QCOMPARE(cert->signingKey(), QByteArrayView(signerPk));
        QVERIFY(cert->verify().ok());
        QVERIFY(cert->verify(signerPk).ok());
        QCOMPARE(cert->verify(crypto::randomBytes(32)).error().code, ErrorCode::BadSignature);

        auto again = Ed25519Cert::decode(cert->encoded());
        QVERIFY(again.ok());
        QVERIFY(*again == *cert);
        QCOMPARE(again->extensions().size(), 1);
        QCOMPARE(static_cast<int>(again->extensions()[0].type), 0x04);

        const QByteArray pem = cert->toPem();
        QVERIFY(pem.startsWith("-----BEGIN ED25519 CERT-----\n"));
        QVERIFY(pem.endsWith("\n-----END ED25519 CERT-----"));
        // 140 bytes -> 188 base64 chars -> lines of 64, 64, 60.
        const QList<QByteArray> lines = pem.split('\n');
        QCOMPARE(lines.size(), 5);
        QCOMPARE(lines[1].size(), 64);
        QCOMPARE(lines[3].size(), 60);
        auto fromPem = Ed25519Cert::decodePem(pem);
        QVERIFY(fromPem.ok());
        QVERIFY(*fromPem == *cert);
        QVERIFY(Ed25519Cert::decodePem(QByteArray(pem + "\n")).ok());

        // Without the extension the signer must be supplied.
        auto bare = Ed25519Cert::create(CertType::HsIntroEncKey, certified, signerSk, signerPk, 1, false);
        QVERIFY(bare.ok());
        QCOMPARE(bare->encoded().size(), Ed25519Cert::kMinSize);
        QVERIFY(!bare->hasSigningKey());
        QCOMPARE(bare->verify().error().code, ErrorCode::BadSignature);
        QVERIFY(bare->verify(signerPk).ok());
        QCOMPARE(bare->validate(CertType::HsIntroEncKey, signerPk, -1).error().code, ErrorCode::ParseError);
    }

    void certExpiryRoundingMatchesTor()
    {
        // tor_cert_create_raw: exp_field = CEIL_DIV(now + lifetime, 3600).
        QCOMPARE(Ed25519Cert::expiryHoursFor(36000, kCertLifetimeSeconds), 10U + 54U);
        QCOMPARE(Ed25519Cert::expiryHoursFor(36001, kCertLifetimeSeconds), 10U + 54U + 1U);
        QCOMPARE(Ed25519Cert::expiryHoursFor(39599, kCertLifetimeSeconds), 11U + 54U);
        crypto::PublicKey pk;
        const auto sk = ed::generate(&pk);
        auto cert = Ed25519Cert::create(CertType::HsDescSigning, pk, sk, pk, 100, true).value();
        // tor: expired when now > valid_until.
        QVERIFY(!cert.isExpiredAt(100 * 3600));
        QVERIFY(cert.isExpiredAt(100 * 3600 + 1));
        QCOMPARE(cert.checkExpiry(100 * 3600 + 1).error().code, ErrorCode::Expired);
        QVERIFY(cert.checkExpiry(100 * 3600).ok());
        QCOMPARE(cert.validate(CertType::HsDescSigning, {}, 100 * 3600 + 1).error().code, ErrorCode::Expired);
        QVERIFY(cert.validate(CertType::HsDescSigning, {}, 100 * 3600).ok());
        QVERIFY(cert.validate(CertType::HsDescSigning, {}, -1).ok());  // no time check
    }

    void certRejectsBadInput_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("needle");

        crypto::PublicKey pk;
        const auto sk = ed::generate(&pk);
        const QByteArray good =
            Ed25519Cert::create(CertType::HsIntroAuth, crypto::randomBytes(32), sk, pk, 1000, true)->encoded();
        const auto withExt = [&](const QByteArray& ext, int n) -> QByteArray {
            QByteArray body = good.left(39);
            body.append(static_cast<char>(n));
            body.append(ext);
            return body + crypto::randomBytes(64);
        };
        QByteArray wrongVersion = good;
        wrongVersion[0] = 2;
        QTest::newRow("empty") << QByteArray() << int(ErrorCode::ParseError) << QStringLiteral("truncated");
        QTest::newRow("truncated") << good.left(103) << int(ErrorCode::ParseError) << QStringLiteral("truncated");
        QTest::newRow("version") << wrongVersion << int(ErrorCode::Unsupported) << QStringLiteral("version");
        QTest::newRow("trailing") << QByteArray(good + "x") << int(ErrorCode::ParseError) << QStringLiteral("trailing");
        QTest::newRow("ext-overflow") << withExt(QByteArray::fromHex("ffff0400"), 1) << int(ErrorCode::ParseError)
                                      << QStringLiteral("truncated");
        QTest::newRow("ext-header-cut") << withExt(QByteArray::fromHex("00"), 1) << int(ErrorCode::ParseError)
                                        << QStringLiteral("truncated");
        QTest::newRow("signing-key-len") << withExt(QByteArray::fromHex("00100400") + QByteArray(16, 'k'), 1)
                                         << int(ErrorCode::ParseError) << QStringLiteral("32 bytes");
        QTest::newRow("two-signing-keys")
            << withExt(QByteArray::fromHex("00200400") + pk + QByteArray::fromHex("00200400") + pk, 2)
            << int(ErrorCode::ParseError) << QStringLiteral("two signing-key");
        QTest::newRow("unknown-affects-validation") << withExt(QByteArray::fromHex("00020701") + "xy", 1)
                                                    << int(ErrorCode::Unsupported)
                                                    << QStringLiteral("affects validation");
        QTest::newRow("too-large") << QByteArray(kMaxCertSize + 1, '\x01') << int(ErrorCode::TooLarge)
                                   << QStringLiteral("large");
    }

    void certRejectsBadInput()
    {
        QFETCH(QByteArray, raw);
        QFETCH(int, code);
        QFETCH(QString, needle);
        auto cert = Ed25519Cert::decode(raw);
        QVERIFY(!cert.ok());
        QCOMPARE(int(cert.error().code), code);
        QVERIFY2(cert.error().toString().contains(needle), qPrintable(cert.error().toString()));
    }

    void certUnknownExtensionWithoutFlagIsKept()
    {
        crypto::PublicKey pk;
        const auto sk = ed::generate(&pk);
        QByteArray body = QByteArray::fromHex("010900000100") + QByteArray(1, '\x01') + crypto::randomBytes(32);
        body.append('\x01');
        body.append(QByteArray(QByteArray::fromHex("00030700") + "abc"));
        const QByteArray sig = ed::sign(sk, pk, body);
        auto cert = Ed25519Cert::decode(QByteArray(body + sig));
        QVERIFY(cert.ok());
        QCOMPARE(cert->extensions().size(), 1);
        QCOMPARE(cert->extensions()[0].data, QByteArray("abc"));
        QVERIFY(cert->verify(pk).ok());
    }

    void certValidateChecksTypeSignerAndSignature()
    {
        crypto::PublicKey pk;
        const auto sk = ed::generate(&pk);
        crypto::PublicKey otherPk;
        (void)ed::generate(&otherPk);
        const auto cert = Ed25519Cert::create(CertType::HsIntroAuth, otherPk, sk, pk, 0xffffff, true).value();
        QVERIFY(cert.validate(CertType::HsIntroAuth, pk, 0).ok());
        auto wrongType = cert.validate(CertType::HsIntroEncKey, pk, 0);
        QCOMPARE(wrongType.error().code, ErrorCode::ParseError);
        QVERIFY(wrongType.error().message.contains(QStringLiteral("wrong type")));
        QCOMPARE(cert.validate(CertType::HsIntroAuth, otherPk, 0).error().code, ErrorCode::BadSignature);
        QByteArray raw = cert.encoded();
        raw[raw.size() - 1] = static_cast<char>(raw[raw.size() - 1] ^ 1);
        QCOMPARE(Ed25519Cert::decode(raw)->validate(CertType::HsIntroAuth, pk, 0).error().code,
                 ErrorCode::BadSignature);
        QCOMPARE(Ed25519Cert().validate(CertType::HsIntroAuth, pk, 0).error().code, ErrorCode::ParseError);
    }

    void certKnownAnswerFromStemDescriptor()
    {
        // The 0x08 certificate of stem's real descriptor (see data/README.md).
        const QByteArray pem = "-----BEGIN ED25519 CERT-----\n"
                               "AQgABl5/AZLmgPpXVS59SEydKj7bRvvAduVOqQt3u4Tj5tVlfVKhAQAgBABUhpfe\n"
                               "/Wd3p/M74DphsGcIMee/npQ9BTzkzCyTyVmDbykek2EciWaOTCVZJVyiKPErngfW\n"
                               "BDwQZ8rhp05oCqhhY3oFHqG9KS7HGzv9g2v1/PrVJMbkfpwu1YK4b3zIZAk=\n"
                               "-----END ED25519 CERT-----";
        auto cert = Ed25519Cert::decodePem(pem);
        QVERIFY(cert.ok());
        QCOMPARE(static_cast<int>(cert->type()), 0x08);
        QCOMPARE(cert->expiryHours(), 0x00065e7fU);
        QCOMPARE(cert->certifiedKey().toByteArray().toHex(),
                 QByteArray("92e680fa57552e7d484c9d2a3edb46fbc076e54ea90b77bb84e3e6d5657d52a1"));
        QCOMPARE(cert->signingKey().toByteArray().toHex().left(8), QByteArray("548697de"));
        QVERIFY(cert->verify().ok());
        QCOMPARE(cert->toPem(), pem);
    }

    void encKeyEdwardsFormMatchesLibsodium()
    {
        // The 0x0B cross-check relies on ed25519FromCurve25519: check it
        // against libsodium's Edwards -> Montgomery map in the other direction.
        for (int i = 0; i < 16; ++i) {
            unsigned char pk[32];
            unsigned char sk[64];
            crypto_sign_keypair(pk, sk);
            unsigned char u[32];
            QCOMPARE(crypto_sign_ed25519_pk_to_curve25519(u, pk), 0);
            const int signBit = pk[31] >> 7;
            auto ed = ed::ed25519FromCurve25519(QByteArrayView(reinterpret_cast<char*>(u), 32), signBit);
            QVERIFY(ed.ok());
            QCOMPARE(*ed, QByteArray(reinterpret_cast<char*>(pk), 32));
        }
    }

    // ------------------------------------------------------- link specifiers
    void linkSpecifiersRoundTrip()
    {
        QList<LinkSpecifier> specs{LinkSpecifier::ipv4(0x01020304, 9001),
                                   LinkSpecifier::ipv6(QByteArray::fromHex("20010db8000000000000000000000001"), 443),
                                   LinkSpecifier::legacyId(QByteArray(20, 'C')),
                                   LinkSpecifier::ed25519Id(QByteArray(32, 'E')), LinkSpecifier{7, "opaque"}};
        QByteArray raw;
        LinkSpecifier::encodeList(specs, raw);
        auto back = LinkSpecifier::decodeList(raw);
        QVERIFY(back.ok());
        QCOMPARE(*back, specs);
        QCOMPARE(specs[0].describe(), QStringLiteral("IPv4 1.2.3.4:9001"));
        QCOMPARE(specs[1].describe(), QStringLiteral("IPv6 [2001:db8::1]:443"));
        QCOMPARE(specs[2].describe(), QStringLiteral("legacy-id $4343434343434343434343434343434343434343"));
        QCOMPARE(specs[4].describe(), QStringLiteral("type 7 (6 bytes)"));
        // stem's intro point: legacy id "CCC..." then IPv4 1.2.3.4:9001.
        QByteArray stemLs;
        QVERIFY(TextCodec::base64Decode("AgIUQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0MABgECAwQjKQ==", stemLs));
        auto stem = LinkSpecifier::decodeList(stemLs);
        QVERIFY(stem.ok());
        QCOMPARE(stem->size(), 2);
        QCOMPARE(stem->at(1).describe(), QStringLiteral("IPv4 1.2.3.4:9001"));

        QCOMPARE(LinkSpecifier::decodeList({}).error().code, ErrorCode::ParseError);
        QVERIFY(!LinkSpecifier::decodeList(raw.left(raw.size() - 1)).ok());
        QVERIFY(!LinkSpecifier::decodeList(QByteArray(raw + "x")).ok());
        auto badLen = LinkSpecifier::decodeList(QByteArray::fromHex("01000501020304ff"));
        QVERIFY(!badLen.ok());
        QVERIFY(badLen.error().toString().contains(QStringLiteral("wrong length")));
    }

    // ----------------------------------------------------------- base64
    void base64MatchesTorRules()
    {
        QByteArray out;
        QVERIFY(TextCodec::base64Decode("aGVsbG8=", out));
        QCOMPARE(out, QByteArray("hello"));
        QVERIFY(TextCodec::base64Decode("aGVsbG8", out));  // padding optional
        QCOMPARE(out, QByteArray("hello"));
        QVERIFY(TextCodec::base64Decode("aGVs\nbG8=\n", out));
        QCOMPARE(out, QByteArray("hello"));
        QVERIFY(!TextCodec::base64Decode("aGVsbG8*", out));
        QVERIFY(!TextCodec::base64Decode("aGVsbG8=x", out));
        QVERIFY(!TextCodec::base64Decode("a", out));
        QVERIFY(!TextCodec::base64Decode("aGVsbA===", out));
        for (int n = 0; n < 200; n += 7) {
            const QByteArray data = crypto::randomBytes(n);
            QByteArray enc;
            TextCodec::appendBase64Multiline(enc, data);
            QCOMPARE(enc, n == 0 ? QByteArray() : [&] {
                QByteArray q = data.toBase64();
                QByteArray r;
                for (qsizetype i = 0; i < q.size(); i += 64) {
                    r += q.mid(i, 64) + '\n';
                }
                return r;
            }());
            QVERIFY(TextCodec::base64Decode(enc, out));
            QCOMPARE(out, data);
            QByteArray unpadded;
            TextCodec::appendBase64(unpadded, data, false);
            QCOMPARE(unpadded, data.toBase64(QByteArray::OmitTrailingEquals));
        }
        quint64 v = 0;
        QVERIFY(TextCodec::parseU64("18446744073709551615", v));
        QCOMPARE(v, ~quint64{0});
        QVERIFY(!TextCodec::parseU64("18446744073709551616", v));
        QVERIFY(!TextCodec::parseU64("-1", v));
        QVERIFY(!TextCodec::parseU64("", v));
    }

    // ----------------------------------------------------------- layer crypto
    void layerCryptoRoundTripAndPadding()
    {
        const QByteArray blinded = crypto::randomBytes(32);
        const QByteArray subcred = crypto::randomBytes(32);
        const QByteArray plain(12345, 'p');
        const QByteArray mid = LayerCrypto::encrypt(DescriptorLayer::Middle, plain, blinded, subcred, 99);
        QCOMPARE(mid.size(), 16 + 20000 + 32);  // NUL-padded to 20,000 (tor), not 12345 % 10000
        auto dec = LayerCrypto::decrypt(DescriptorLayer::Middle, mid, blinded, subcred, 99);
        QVERIFY(dec.ok());
        QCOMPARE(dec->size(), 20000);
        QCOMPARE(LayerCrypto::unpaddedLength(*dec), plain.size());
        QCOMPARE(dec->left(plain.size()), plain);
        QCOMPARE(LayerCrypto::paddedSize(10000), 10000);
        QCOMPARE(LayerCrypto::paddedSize(10001), 20000);

        const QByteArray inner = LayerCrypto::encrypt(DescriptorLayer::Inner, plain, blinded, subcred, 99);
        QCOMPARE(inner.size(), 16 + plain.size() + 32);  // not padded
        QCOMPARE(*LayerCrypto::decrypt(DescriptorLayer::Inner, inner, blinded, subcred, 99), plain);

        // Same salt and inputs give the same blob; the layer constant matters.
        const QByteArray salt(16, 's');
        QCOMPARE(LayerCrypto::encrypt(DescriptorLayer::Inner, plain, blinded, subcred, 1, {}, salt),
                 LayerCrypto::encrypt(DescriptorLayer::Inner, plain, blinded, subcred, 1, {}, salt));
        QCOMPARE(LayerCrypto::decrypt(DescriptorLayer::Middle, inner, blinded, subcred, 99).error().code,
                 ErrorCode::BadSignature);
        // Wrong revision counter / subcredential / cookie / tampered byte: MAC fails.
        QCOMPARE(LayerCrypto::decrypt(DescriptorLayer::Inner, inner, blinded, subcred, 98).error().code,
                 ErrorCode::BadSignature);
        QCOMPARE(LayerCrypto::decrypt(DescriptorLayer::Inner, inner, blinded, crypto::randomBytes(32), 99).error().code,
                 ErrorCode::BadSignature);
        QCOMPARE(LayerCrypto::decrypt(DescriptorLayer::Inner, inner, blinded, subcred, 99, QByteArray(16, 'c'))
                     .error()
                     .code,
                 ErrorCode::BadSignature);
        QByteArray tampered = inner;
        tampered[100] = static_cast<char>(tampered[100] ^ 0x20);
        auto bad = LayerCrypto::decrypt(DescriptorLayer::Inner, tampered, blinded, subcred, 99);
        QCOMPARE(bad.error().code, ErrorCode::BadSignature);
        QVERIFY(bad.error().message.contains(QStringLiteral("MAC")));
        QCOMPARE(LayerCrypto::decrypt(DescriptorLayer::Inner, QByteArray(48, 'x'), blinded, subcred, 1).error().code,
                 ErrorCode::ParseError);
        // An independent implementation (generic SHAKE/AES/SHA3 helpers) agrees.
        const QByteArray other =
            testutil::ManualDescriptor::encryptMiddleUnpadded(plain, blinded, subcred, 5);
        QCOMPARE(*LayerCrypto::decrypt(DescriptorLayer::Middle, other, blinded, subcred, 5), plain);
    }

    // ---------------------------------------------- tor's descriptor (stem data)
    void realTorDescriptorRoundTrips()
    {
        const QByteArray text = readData("stem_hidden_service_v3.txt");
        auto outer = OuterLayer::parse(text);
        QVERIFY2(outer.ok(), qPrintable(outer.ok() ? QString() : outer.error().toString()));
        QCOMPARE(outer->version, 3U);
        QCOMPARE(outer->lifetimeMinutes, 180U);
        QCOMPARE(outer->revisionCounter, quint64(42));
        QCOMPARE(outer->signature.toBase64(QByteArray::OmitTrailingEquals),
                 QByteArray("aglChCQF+lbzKgyxJJTpYGVShV/GMDRJ4+cRGCp+a2y/yX/tLSh7hzqI7rVZrUoGj74Xr1CLMYO3fXYCS+DPDQ"));
        QCOMPARE(outer->encode(), text);  // encode(parse(x)) == x
        QVERIFY(outer->verifySignature(text).ok());

        auto d = DescriptorDecoder::inspect(onion::OnionAddress::parse(QString::fromLatin1(kStemAddress)).value(), text);
        QVERIFY(d.ok());
        QVERIFY2(d->signatureValid && d->signingCertValid && d->middleDecrypted && d->innerDecrypted,
                 qPrintable(problemsText(*d)));
        QCOMPARE(d->blindedKey, QByteArray(outer->signingKeyCert.signingKey().toByteArray()));

        // Middle layer: same plaintext as stem's decryption, padded tor-style.
        const QByteArray middleFile = readData("stem_hidden_service_v3_middle_layer.bin");
        QCOMPARE(d->middlePaddedSize, middleFile.size());
        QVERIFY(d->middlePaddedLikeTor);
        const QByteArray middleText = middleFile.left(LayerCrypto::unpaddedLength(middleFile));
        QCOMPARE(d->middle.encode(), middleText);
        QCOMPARE(d->middle.authClients.size(), 16);
        QCOMPARE(d->middle.ephemeralKey.toBase64(), QByteArray("WjZCU9sV1oxkxaPcd7/YozeZgq0lEs6DhWyrdYRNJR4="));
        QVERIFY(std::any_of(d->middle.authClients.cbegin(), d->middle.authClients.cend(), [](const AuthClient& c) {
            return c.clientId.toBase64(QByteArray::OmitTrailingEquals) == "D0Bz0OlEMCg" &&
                   c.iv.toBase64(QByteArray::OmitTrailingEquals) == "or3nS3ScSPYfLJuP9osGiQ" &&
                   c.encryptedCookie.toBase64(QByteArray::OmitTrailingEquals) == "B40RdIWhw7kdA7lt3KJPvQ";
        }));

        // Inner layer: same plaintext as stem's decryption, re-encoded exactly.
        const QByteArray innerFile = readData("stem_hidden_service_v3_inner_layer.txt");
        QCOMPARE(d->inner.encode(), innerFile);
        QCOMPARE(d->inner.introAuthRequired, QByteArray("ed25519"));
        QVERIFY(d->inner.singleOnionService);
        QVERIFY(!d->inner.flowControl);
        QCOMPARE(d->inner.introPoints.size(), 4);
        QVERIFY(d->inner.skippedIntroPoints.isEmpty());
        QCOMPARE(d->inner.introPoints[0].describe(),
                 QStringLiteral("legacy-id $4343434343434343434343434343434343434343, IPv4 1.2.3.4:9001"));
        QVERIFY(!d->inner.introPoints[3].legacyKeyText.isEmpty());
        QVERIFY(d->inner.introPoints[3].legacyKeyText.startsWith("legacy-key"));
        for (const auto& r : d->introReports) {
            QVERIFY(r.authCertValid);
            QVERIFY(r.encCertValid);
        }
        // Only warning: no flow-control line (2017 tor).
        QVERIFY(d->isValid());
        QVERIFY(hasProblem(*d, ErrorCode::ParseError, DescriptorProblem::Severity::Warning, QStringLiteral("inner layer")));

        // The certificates expired in 2017: with a clock, strict decode fails.
        DecodeOptions now;
        now.now = QDateTime::currentSecsSinceEpoch();
        auto strict = DescriptorDecoder::decode(stemIdentityKey(), text, now);
        QVERIFY(!strict.ok());
        QCOMPARE(strict.error().code, ErrorCode::Expired);
        QVERIFY(strict.error().message.contains(QStringLiteral("signing-key certificate")));
        DecodeOptions then;
        then.now = 1502661599;  // tor's test clock for this era of test vectors
        QVERIFY(DescriptorDecoder::decode(stemIdentityKey(), text, then).ok());
        QCOMPARE(d->earliestExpiry(), qint64(0x00065e7f) * 3600);
    }

    void torBadSignatureVector()
    {
        // tor's test_hs_descriptor.inc HS_DESC_BAD_SIG: the signature line
        // is indented, so "\nsignature " is missing ("Malformed signature line").
        const QByteArray text = readData("tor_hs_desc_bad_sig.txt");
        auto outer = OuterLayer::parse(text);
        QVERIFY(!outer.ok());
        QCOMPARE(outer.error().code, ErrorCode::ParseError);
        QVERIFY(outer.error().message.contains(QStringLiteral("signature")));
        // With the indentation repaired, tor's own signature verifies (a
        // known answer for the signed-prefix rule), the 0x08 certificate is
        // valid at tor's test clock, and any change breaks the signature.
        QByteArray repaired = text;
        repaired.replace("\n signature ", "\nsignature ");
        auto parsed = OuterLayer::parse(repaired);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->revisionCounter, quint64(42));
        QVERIFY(parsed->verifySignature(repaired).ok());
        QVERIFY(parsed->signingKeyCert.validate(CertType::HsDescSigning, {}, 1502661599).ok());
        QCOMPARE(parsed->encode(), repaired);
        QByteArray changed = repaired;
        changed.replace("revision-counter 42", "revision-counter 43");
        auto reparsed = OuterLayer::parse(changed);
        QVERIFY(reparsed.ok());
        QCOMPARE(reparsed->verifySignature(changed).error().code, ErrorCode::BadSignature);
    }

    // ------------------------------------------------------- builder/decoder
    void buildAndDecodeTwentyIntroPoints()
    {
        crypto::PublicKey pk;
        const auto sk = testutil::testIdentityExpanded(&pk);
        const qint64 now = 1770001234;
        DescriptorBuildParams p;
        p.timePeriod = 20489;
        p.periodLengthMinutes = 1440;
        p.now = now;
        p.introPoints = testutil::makeIntroPoints(20, now);
        p.powParams = {"pow-params v1 aGVsbG8gd29ybGQgaGVsbG8gd29ybGQgaGVsbG8gd29ybGQ= 0 2026-02-01T00:00:00"};
        QByteArray blindedSeen;
        p.revisionCounterFn = [&](const crypto::SecretBuffer& blinded) {
            blindedSeen = ed::publicFromExpanded(blinded).value();
            return quint64(123456789);
        };
        auto built = DescriptorBuilder::build(sk, pk, p);
        QVERIFY2(built.ok(), qPrintable(built.ok() ? QString() : built.error().toString()));
        // PROTOCOL-NOTES §11: this identity's blinded key for period 20489.
        QCOMPARE(built->blindedPublicKey.toHex(),
                 QByteArray("c42cba968b1d5526b22da6efa5942305e768b7d87ebfd59a9161f1d9f577c5b9"));
        QCOMPARE(blindedSeen, built->blindedPublicKey);
        QCOMPARE(built->blindedPublicKey, ed::blindPublicKey(pk, 20489, 1440).value());
        QCOMPARE(built->revisionCounter, quint64(123456789));
        QCOMPARE(built->introPointCount, 20);
        QVERIFY(built->text.size() < kDefaultMaxDescriptorSize);
        QVERIFY(built->text.contains("\nrevision-counter 123456789\n"));
        QVERIFY(built->text.startsWith("hs-descriptor 3\ndescriptor-lifetime 180\ndescriptor-signing-key-cert\n"));
        QVERIFY(built->notes.contains(DescriptorBuilder::powParamsNote()));
        // hs_service.c: signing cert from now, intro certs from the hour floor.
        QCOMPARE(built->signingCertExpiresAt, qint64((now + 54 * 3600 + 3599) / 3600) * 3600);
        QCOMPARE(built->introCertsExpireAt, (now - now % 3600) + 54 * 3600);

        DecodeOptions opt;
        opt.now = now;
        opt.expectedTimePeriod = 20489;
        opt.checkEncKeyCrossCert = true;
        auto d = DescriptorDecoder::decode(pk, built->text, opt);
        QVERIFY2(d.ok(), qPrintable(d.ok() ? QString() : d.error().toString()));
        QVERIFY2(d->problems.isEmpty(), qPrintable(problemsText(*d)));
        QCOMPARE(d->blindedKeyMatchesPeriod, std::optional<bool>(true));
        QCOMPARE(d->descriptorSigningKey, built->descriptorSigningPublicKey);
        QCOMPARE(d->subcredential, built->subcredential);
        QCOMPARE(d->outer.revisionCounter, quint64(123456789));
        QCOMPARE(d->signingCertExpiresAt, built->signingCertExpiresAt);
        QVERIFY(d->middlePaddedLikeTor);
        QCOMPARE(d->middlePaddedSize % 10000, 0);
        QCOMPARE(d->middle.authClients.size(), 16);
        QCOMPARE(d->middle.authType, QByteArray("x25519"));
        QVERIFY(d->inner.powParams.isEmpty());
        QCOMPARE(d->inner.flowControl, std::optional<FlowControl>(FlowControl{"1-2", 31}));
        QCOMPARE(d->inner.introPoints.size(), 20);
        for (int i = 0; i < 20; ++i) {
            const IntroPoint& in = p.introPoints[i];
            const IntroPoint& out = d->inner.introPoints[i];
            QCOMPARE(out.linkSpecifiers, in.linkSpecifiers);
            QCOMPARE(out.onionKey, in.onionKey);
            QCOMPARE(out.encKey, in.encKey);
            QCOMPARE(out.authKey(), in.authKey());
            QCOMPARE(out.encKeyCert.certifiedKey(), in.encKeyCert.certifiedKey());
            // Re-certified by the new descriptor signing key.
            QVERIFY(out.authKeyCert.signingKey() != in.authKeyCert.signingKey());
            QCOMPARE(out.authKeyCert.signingKey(), QByteArrayView(built->descriptorSigningPublicKey));
            QVERIFY(d->introReports[i].authCertValid && d->introReports[i].encCertValid);
            QCOMPARE(d->introReports[i].encCertMatchesEncKey, std::optional<bool>(true));
            QCOMPARE(d->introReports[i].authCertExpiresAt, built->introCertsExpireAt);
        }
        // encode(parse(x)) == x for every layer of our own output.
        QCOMPARE(d->outer.encode(), built->text);
        auto middlePlain = LayerCrypto::decrypt(DescriptorLayer::Middle, d->outer.superencryptedBlob, d->blindedKey,
                                                d->subcredential, 123456789);
        QCOMPARE(d->middle.encode(), middlePlain->left(LayerCrypto::unpaddedLength(*middlePlain)));
        const QByteArray innerText = *LayerCrypto::decrypt(DescriptorLayer::Inner, d->middle.encryptedBlob,
                                                           d->blindedKey, d->subcredential, 123456789);
        QCOMPARE(d->inner.encode(), innerText);
        QVERIFY(innerText.startsWith("create2-formats 2\nflow-control 1-2 31\nintroduction-point "));

        // Another period's expectation fails with a typed error.
        opt.expectedTimePeriod = 20490;
        auto wrongPeriod = DescriptorDecoder::decode(pk, built->text, opt);
        QVERIFY(!wrongPeriod.ok());
        QCOMPARE(wrongPeriod.error().code, ErrorCode::BadKey);
        QVERIFY(wrongPeriod.error().message.contains(QStringLiteral("20490")));
    }

    void builderOptions()
    {
        crypto::PublicKey pk;
        const auto sk = testutil::testIdentityExpanded(&pk);
        DescriptorBuildParams p;
        p.timePeriod = 1000;
        p.periodLengthMinutes = 8;
        p.revisionCounter = 5;
        p.introPoints = testutil::makeIntroPoints(3, QDateTime::currentSecsSinceEpoch());
        p.introPoints[0].legacyKeyText = "legacy-key \n-----BEGIN RSA PUBLIC KEY-----\nAA==\n-----END RSA PUBLIC KEY-----";
        p.singleOnionService = true;
        p.sendmeIncrement = 32;
        p.includePowParams = true;
        p.powParams = {"pow-params v1 c2VlZHNlZWRzZWVkc2VlZHNlZWRzZWVkc2VlZHNlZWQ= 10 2030-01-01T00:00:00"};
        auto built = DescriptorBuilder::build(sk, pk, p);
        QVERIFY(built.ok());
        QCOMPARE(built->revisionCounter, quint64(5));
        QVERIFY(std::any_of(built->notes.cbegin(), built->notes.cend(),
                            [](const QString& n) { return n.contains(QStringLiteral("legacy-key")); }));
        DecodeOptions opt;
        opt.expectedSendmeIncrement = 32;
        opt.expectedTimePeriod = 1000;
        opt.expectedPeriodLengthMinutes = 8;
        auto d = DescriptorDecoder::decode(pk, built->text, opt);
        QVERIFY2(d.ok(), qPrintable(d.ok() ? QString() : d.error().toString()));
        QVERIFY(d->inner.singleOnionService);
        QCOMPARE(d->inner.powParams, p.powParams);
        QVERIFY(d->inner.introPoints[0].legacyKeyText.isEmpty());
        // A client with consensus cc_sendme_inc 31 accepts 32, not 33.
        opt.expectedSendmeIncrement = 31;
        QVERIFY(DescriptorDecoder::decode(pk, built->text, opt).ok());
        opt.expectedSendmeIncrement = 34;
        auto far = DescriptorDecoder::decode(pk, built->text, opt);
        QVERIFY(!far.ok());
        QVERIFY(far.error().message.contains(QStringLiteral("sendme")));

        // Wrong public key for the secret key.
        auto mismatch = DescriptorBuilder::build(sk, crypto::randomBytes(32), p);
        QCOMPARE(mismatch.error().code, ErrorCode::BadKey);
        // Incomplete intro point.
        DescriptorBuildParams q = p;
        q.introPoints[1].onionKey.clear();
        QCOMPARE(DescriptorBuilder::build(sk, pk, q).error().code, ErrorCode::InvalidArgument);
    }

    void moreThanTwentyIntroPointsRejected()
    {
        crypto::PublicKey pk;
        const auto sk = testutil::testIdentityExpanded(&pk);
        DescriptorBuildParams p;
        p.timePeriod = 20489;
        p.introPoints = testutil::makeIntroPoints(21, QDateTime::currentSecsSinceEpoch());
        auto built = DescriptorBuilder::build(sk, pk, p);
        QVERIFY(!built.ok());
        QCOMPARE(built.error().code, ErrorCode::TooLarge);
        QVERIFY(built.error().message.contains(QStringLiteral("21 intro points")));
        QVERIFY(built.error().message.contains(QStringLiteral("more than 20")));

        // Build one anyway (raised limit) and show the decoder rejects it.
        p.maxIntroPoints = 21;
        p.maxDescriptorSize = 1000000;
        auto big = DescriptorBuilder::build(sk, pk, p);
        QVERIFY(big.ok());
        DecodeOptions opt;
        opt.maxDescriptorSize = 1000000;
        auto d = DescriptorDecoder::decode(pk, big->text, opt);
        QVERIFY(!d.ok());
        QCOMPARE(d.error().code, ErrorCode::TooLarge);
        QVERIFY2(d.error().message.contains(QStringLiteral("more than 20 intro points")), qPrintable(d.error().message));
        opt.maxIntroPoints = 21;
        QVERIFY(DescriptorDecoder::decode(pk, big->text, opt).ok());
    }

    void sizeLimitIsAParameter()
    {
        crypto::PublicKey pk;
        const auto sk = testutil::testIdentityExpanded(&pk);
        DescriptorBuildParams p;
        p.introPoints = testutil::makeIntroPoints(2, QDateTime::currentSecsSinceEpoch());
        auto built = DescriptorBuilder::build(sk, pk, p);
        QVERIFY(built.ok());
        const qsizetype size = built->text.size();
        p.maxDescriptorSize = size;  // ">= limit" is rejected, like tor
        auto tooBig = DescriptorBuilder::build(sk, pk, p);
        QCOMPARE(tooBig.error().code, ErrorCode::TooLarge);
        DecodeOptions opt;
        opt.maxDescriptorSize = size;
        auto d = DescriptorDecoder::inspect(pk, built->text, opt);
        QCOMPARE(d.error().code, ErrorCode::TooLarge);
        QVERIFY(d.error().message.contains(QString::number(size)));
        opt.maxDescriptorSize = size + 1;
        QVERIFY(DescriptorDecoder::decode(pk, built->text, opt).ok());
        // The default limit is 50,000 bytes.
        auto huge = DescriptorDecoder::inspect(pk, QByteArray(50000, 'x'));
        QCOMPARE(huge.error().code, ErrorCode::TooLarge);
    }

    // ------------------------------------------------------------ bad input
    void truncatedDescriptorsGiveTypedErrors()
    {
        testutil::ManualDescriptor m;
        const QByteArray text = m.build();
        for (qsizetype cut = 0; cut < text.size(); cut += 53) {
            auto d = DescriptorDecoder::decode(m.identityPk, text.left(cut));
            QVERIFY2(!d.ok(), qPrintable(QString::number(cut)));
            QVERIFY(!d.error().message.isEmpty());
        }
        auto cutSig = OuterLayer::parse(text.left(text.indexOf("\nsignature ") + 1));
        QCOMPARE(cutSig.error().code, ErrorCode::ParseError);
        QVERIFY(cutSig.error().message.contains(QStringLiteral("no signature")));
    }

    void manualDescriptorDecodes()
    {
        testutil::ManualDescriptor m;
        const QByteArray text = m.build();
        DecodeOptions opt;
        opt.now = m.now;
        opt.expectedTimePeriod = m.period;
        auto d = DescriptorDecoder::decode(m.identityPk, text, opt);
        QVERIFY2(d.ok(), qPrintable(d.ok() ? QString() : d.error().toString()));
        QCOMPARE(d->inner.introPoints.size(), 3);
        QCOMPARE(d->blindedKey, m.blindedPk);
    }

    void wrongMacOrWrongAddress()
    {
        testutil::ManualDescriptor m;
        const QByteArray text = m.build();
        // The right signature but another identity: subcredential differs, MAC fails.
        crypto::PublicKey otherPk;
        (void)ed::generate(&otherPk);
        auto d = DescriptorDecoder::inspect(otherPk, text);
        QVERIFY(d.ok());
        QVERIFY(d->signatureValid);
        QVERIFY(!d->middleDecrypted);
        QVERIFY(hasProblem(*d, ErrorCode::BadSignature, DescriptorProblem::Severity::Error, QStringLiteral("middle layer")));
        auto strict = DescriptorDecoder::decode(otherPk, text);
        QCOMPARE(strict.error().code, ErrorCode::BadSignature);
        QVERIFY(strict.error().message.contains(QStringLiteral("MAC")));
        // Tampered ciphertext: signature and MAC both fail.
        const QByteArray tampered = corruptObject(text, "superencrypted", 'B');
        auto t = DescriptorDecoder::inspect(m.identityPk, tampered);
        QVERIFY(t.ok());
        QVERIFY(!t->signatureValid);
        QVERIFY(hasProblem(*t, ErrorCode::BadSignature, DescriptorProblem::Severity::Error, QStringLiteral("descriptor")));
        QVERIFY(hasProblem(*t, ErrorCode::BadSignature, DescriptorProblem::Severity::Error, QStringLiteral("middle layer")));
    }

    void badBase64()
    {
        testutil::ManualDescriptor m;
        const QByteArray text = m.build();
        auto d = DescriptorDecoder::decode(m.identityPk, corruptObject(text, "superencrypted", '*'));
        QCOMPARE(d.error().code, ErrorCode::ParseError);
        QVERIFY(d.error().message.contains(QStringLiteral("base64")));
        auto c = DescriptorDecoder::decode(m.identityPk, corruptObject(text, "descriptor-signing-key-cert", '!'));
        QCOMPARE(c.error().code, ErrorCode::ParseError);
        QVERIFY(c.error().message.contains(QStringLiteral("base64")));
        QByteArray sig = text;
        sig.replace(sig.indexOf("\nsignature ") + 12, 1, "%");
        auto s = DescriptorDecoder::decode(m.identityPk, sig);
        QCOMPARE(s.error().code, ErrorCode::ParseError);
        QVERIFY(s.error().message.contains(QStringLiteral("signature")));
    }

    void badSignature()
    {
        testutil::ManualDescriptor m;
        m.signatureByWrongKey = true;
        const QByteArray text = m.build();
        auto d = DescriptorDecoder::inspect(m.identityPk, text);
        QVERIFY(d.ok());
        QVERIFY(!d->signatureValid);
        QVERIFY(d->innerDecrypted);  // the inspector still shows the content
        auto strict = DescriptorDecoder::decode(m.identityPk, text);
        QCOMPARE(strict.error().code, ErrorCode::BadSignature);
        QVERIFY(strict.error().message.contains(QStringLiteral("descriptor signature is invalid")));
        // A flipped signature character (still valid base64).
        testutil::ManualDescriptor ok;
        QByteArray flipped = ok.build();
        const qsizetype at = flipped.indexOf("\nsignature ") + 20;
        flipped[at] = flipped[at] == 'A' ? 'B' : 'A';
        QCOMPARE(DescriptorDecoder::decode(ok.identityPk, flipped).error().code, ErrorCode::BadSignature);
    }

    void badSigningCert_data()
    {
        QTest::addColumn<int>("variant");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("needle");
        QTest::newRow("wrong-type") << 0 << int(ErrorCode::ParseError) << QStringLiteral("wrong type");
        QTest::newRow("bad-signature") << 1 << int(ErrorCode::BadSignature) << QStringLiteral("bad signature");
        QTest::newRow("expired") << 2 << int(ErrorCode::Expired) << QStringLiteral("expired");
    }

    void badSigningCert()
    {
        QFETCH(int, variant);
        QFETCH(int, code);
        QFETCH(QString, needle);
        testutil::ManualDescriptor m;
        if (variant == 0) {
            m.signingCertType = CertType::HsIntroAuth;
        } else if (variant == 1) {
            m.signingCertByWrongKey = true;
        } else {
            m.signingCertExpiryHours = static_cast<std::uint32_t>(m.now / 3600 - 1);
        }
        const QByteArray text = m.build();
        DecodeOptions opt;
        opt.now = m.now;
        auto d = DescriptorDecoder::decode(m.identityPk, text, opt);
        QVERIFY(!d.ok());
        QCOMPARE(int(d.error().code), code);
        QVERIFY2(d.error().message.contains(QStringLiteral("signing-key certificate")), qPrintable(d.error().message));
        QVERIFY2(d.error().message.contains(needle), qPrintable(d.error().message));
    }

    void badIntroCert()
    {
        testutil::ManualDescriptor m;
        m.introAuthCertByWrongKey = true;
        const QByteArray text = m.build();
        auto d = DescriptorDecoder::inspect(m.identityPk, text);
        QVERIFY(d.ok());
        QVERIFY(d->introReports[0].authCertValid);
        QVERIFY(!d->introReports[1].authCertValid);
        QVERIFY(!d->introReports[1].encCertValid);
        QVERIFY(d->introReports[2].authCertValid && d->introReports[2].encCertValid);
        QVERIFY(hasProblem(*d, ErrorCode::BadSignature, DescriptorProblem::Severity::Error, QStringLiteral("intro point 2")));
        auto strict = DescriptorDecoder::decode(m.identityPk, text);
        QCOMPARE(strict.error().code, ErrorCode::BadSignature);
        QVERIFY(strict.error().message.startsWith(QStringLiteral("intro point 2: ")));
    }

    void certWithCriticalUnknownExtensionRejectedInDescriptor()
    {
        testutil::ManualDescriptor m;
        const QByteArray text = m.build();
        auto outer = OuterLayer::parse(text).value();
        QByteArray raw = outer.signingKeyCert.encoded();
        raw[39] = 2;
        raw.insert(76, QByteArray(QByteArray::fromHex("00010901") + "z"));
        QByteArray pem;
        TextCodec::appendPem(pem, "ED25519 CERT", raw);
        QByteArray bad = text;
        const QByteArray oldPem = outer.signingKeyCert.toPem();
        bad.replace(oldPem, pem);
        auto d = DescriptorDecoder::decode(m.identityPk, bad);
        QCOMPARE(d.error().code, ErrorCode::Unsupported);
        QVERIFY(d.error().message.contains(QStringLiteral("affects validation")));
    }

    void stemStylePaddingIsReported()
    {
        testutil::ManualDescriptor m;
        m.middlePadTo = 0;  // no padding at all
        const QByteArray text = m.build();
        auto d = DescriptorDecoder::decode(m.identityPk, text);
        QVERIFY(d.ok());  // valid for tor, but fingerprintable
        QVERIFY(!d->middlePaddedLikeTor);
        QVERIFY(hasProblem(*d, ErrorCode::ParseError, DescriptorProblem::Severity::Warning, QStringLiteral("middle layer")));
    }

    void structuralErrors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("needle");
        testutil::ManualDescriptor m;
        const QByteArray t = m.build();
        QByteArray v4 = t;
        v4.replace("hs-descriptor 3", "hs-descriptor 4");
        QByteArray noLifetime = t;
        noLifetime.replace("descriptor-lifetime 180\n", "");
        QByteArray longLife = t;
        longLife.replace("descriptor-lifetime 180", "descriptor-lifetime 721");
        QByteArray twoCounters = t;
        twoCounters.replace("revision-counter 7\n", "revision-counter 7\nrevision-counter 8\n");
        QByteArray badCounter = t;
        badCounter.replace("revision-counter 7", "revision-counter -7");
        QByteArray afterSig = t + "extra line\n";
        QByteArray nul = t;
        nul[20] = '\0';
        QByteArray mismatchedEnd = t;
        mismatchedEnd.replace("-----END MESSAGE-----", "-----END MASSAGE-----");
        QTest::newRow("garbage") << QByteArray("hello world\n") << QStringLiteral("hs-descriptor");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
        QTest::newRow("version") << v4 << QStringLiteral("version 4");
        QTest::newRow("no-lifetime") << noLifetime << QStringLiteral("descriptor-lifetime");
        QTest::newRow("long-lifetime") << longLife << QStringLiteral("721");
        QTest::newRow("two-counters") << twoCounters << QStringLiteral("revision-counter");
        QTest::newRow("bad-counter") << badCounter << QStringLiteral("revision-counter");
        QTest::newRow("after-signature") << afterSig << QStringLiteral("after its signature");
        QTest::newRow("nul") << nul << QStringLiteral("NUL");
        QTest::newRow("end-tag") << mismatchedEnd << QStringLiteral("END tag");
    }

    void structuralErrors()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, needle);
        auto d = DescriptorDecoder::decode(QByteArray(32, 'k'), text);
        QVERIFY(!d.ok());
        QVERIFY2(d.error().toString().contains(needle), qPrintable(d.error().toString()));
    }

    void innerAndMiddleLayerErrors()
    {
        QCOMPARE(InnerLayer::parse("flow-control 1-2 31\n").error().code, ErrorCode::ParseError);
        QCOMPARE(InnerLayer::parse("create2-formats 3\n").error().code, ErrorCode::Unsupported);
        QVERIFY(!InnerLayer::parse("create2-formats 2\nflow-control 1-2 0\n").ok());
        QVERIFY(!InnerLayer::parse("create2-formats 2\nflow-control 1-2\n").ok());
        auto skipped = InnerLayer::parse("create2-formats 2\nintroduction-point AAAA\nonion-key ntor x\n");
        QVERIFY(skipped.ok());
        QCOMPARE(skipped->introPoints.size(), 0);
        QCOMPARE(skipped->skippedIntroPoints.size(), 1);
        QCOMPARE(MiddleLayer::parse("desc-auth-type foo\n").error().code, ErrorCode::Unsupported);
        QVERIFY(!MiddleLayer::parse("desc-auth-type x25519\ndesc-auth-ephemeral-key AAAA\n").ok());
        auto noEnc = MiddleLayer::parse(
            "desc-auth-type x25519\ndesc-auth-ephemeral-key WjZCU9sV1oxkxaPcd7/YozeZgq0lEs6DhWyrdYRNJR4=\n");
        QVERIFY(noEnc.error().message.contains(QStringLiteral("no encrypted")));
        auto badClient = MiddleLayer::parse("desc-auth-type x25519\ndesc-auth-ephemeral-key "
                                            "WjZCU9sV1oxkxaPcd7/YozeZgq0lEs6DhWyrdYRNJR4=\nauth-client a b c\n");
        QVERIFY(badClient.error().message.contains(QStringLiteral("auth-client")));
    }

    void blankLineBeforeObjectLikeTor()
    {
        // tor's tokenizer skips whitespace between a keyword line and its
        // object; found by fuzzing (re-encoding must give a parseable layer).
        const QByteArray inner = readData("stem_hidden_service_v3_inner_layer.txt");
        QByteArray spaced = inner;
        spaced.replace("enc-key-cert\n-----BEGIN", "enc-key-cert\n\n-----BEGIN");
        auto parsed = InnerLayer::parse(spaced);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->introPoints.size(), 4);
        QCOMPARE(parsed->encode(), inner);
    }

    void randomMutationsNeverCrash()
    {
        testutil::ManualDescriptor m;
        const QByteArray text = m.build();
        QRandomGenerator rng(1234);
        int failures = 0;
        for (int i = 0; i < 300; ++i) {
            QByteArray t = text;
            const int edits = 1 + static_cast<int>(rng.bounded(4));
            for (int e = 0; e < edits; ++e) {
                const auto pos = static_cast<qsizetype>(rng.bounded(static_cast<quint32>(t.size())));
                switch (rng.bounded(3)) {
                case 0: t[pos] = static_cast<char>(rng.bounded(256)); break;
                case 1: t.remove(pos, static_cast<qsizetype>(rng.bounded(40))); break;
                default: t.insert(pos, t.mid(static_cast<qsizetype>(rng.bounded(static_cast<quint32>(t.size()))), 30)); break;
                }
            }
            auto d = DescriptorDecoder::inspect(m.identityPk, t);
            failures += (!d.ok() || !d->isValid()) ? 1 : 0;
        }
        QVERIFY(failures > 250);  // nearly every mutation is detected
    }
};

QTEST_GUILESS_MAIN(TestDescriptorCodec)
#include "TestDescriptorCodec.moc"
