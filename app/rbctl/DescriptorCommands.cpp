// rbctl descriptor ...: decode and verify v3 onion-service descriptors.
#include "Cli.h"

#include "descriptor/DescriptorDecoder.h"
#include "descriptor/Ed25519Cert.h"
#include "onion/MasterIdentity.h"
#include "onion/OnionAddress.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>
#include <optional>

using namespace rb::cli;
using rb::ErrorCode;
using rb::makeError;
using namespace rb::descriptor;

namespace {

// Refuse to read more than this from FILE; the decoder applies the real
// (HSV3MaxDescriptorSize) limit.
constexpr qint64 kMaxReadSize = 4 * 1024 * 1024;

QString b64(QByteArrayView v) { return QString::fromLatin1(v.toByteArray().toBase64()); }

QString isoTime(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(Qt::ISODate);
}

QString certLine(const Ed25519Cert& cert, bool valid, qint64 now)
{
    QString s = valid ? QStringLiteral("valid") : QStringLiteral("INVALID");
    s += QStringLiteral(", expires ") + isoTime(cert.expiresAt());
    if (now >= 0 && cert.isExpiredAt(now)) {
        s += QStringLiteral(" (EXPIRED)");
    }
    return s;
}

QJsonObject certJson(const Ed25519Cert& cert, bool valid, qint64 now)
{
    return QJsonObject{{QStringLiteral("type"), static_cast<int>(cert.type())},
                       {QStringLiteral("valid"), valid},
                       {QStringLiteral("expires"), isoTime(cert.expiresAt())},
                       {QStringLiteral("expired"), now >= 0 && cert.isExpiredAt(now)},
                       {QStringLiteral("certifiedKey"), b64(cert.certifiedKey())},
                       {QStringLiteral("signingKey"), b64(cert.signingKey())}};
}

QJsonObject toJson(const DecodedDescriptor& d, const QString& address, qint64 now)
{
    QJsonObject o;
    o.insert(QStringLiteral("ok"), d.isValid());
    o.insert(QStringLiteral("address"), address);
    o.insert(QStringLiteral("size"), d.size);
    QJsonObject outer{{QStringLiteral("version"), static_cast<int>(d.outer.version)},
                      {QStringLiteral("lifetimeMinutes"), static_cast<int>(d.outer.lifetimeMinutes)},
                      {QStringLiteral("revisionCounter"), QString::number(d.outer.revisionCounter)},
                      {QStringLiteral("blindedKey"), b64(d.blindedKey)},
                      {QStringLiteral("descriptorSigningKey"), b64(d.descriptorSigningKey)},
                      {QStringLiteral("signingKeyCert"), certJson(d.outer.signingKeyCert, d.signingCertValid, now)},
                      {QStringLiteral("signatureValid"), d.signatureValid}};
    if (d.blindedKeyMatchesPeriod) {
        outer.insert(QStringLiteral("blindedKeyMatchesPeriod"), *d.blindedKeyMatchesPeriod);
    }
    o.insert(QStringLiteral("outer"), outer);
    QJsonObject middle{{QStringLiteral("decrypted"), d.middleDecrypted}};
    if (d.middleDecrypted) {
        middle.insert(QStringLiteral("authType"), QString::fromLatin1(d.middle.authType));
        middle.insert(QStringLiteral("ephemeralKey"), b64(d.middle.ephemeralKey));
        middle.insert(QStringLiteral("authClients"), d.middle.authClients.size());
        middle.insert(QStringLiteral("plaintextSize"), d.middlePlaintextSize);
        middle.insert(QStringLiteral("paddedSize"), d.middlePaddedSize);
        middle.insert(QStringLiteral("paddedLikeTor"), d.middlePaddedLikeTor);
    }
    o.insert(QStringLiteral("middle"), middle);
    QJsonObject inner{{QStringLiteral("decrypted"), d.innerDecrypted}};
    if (d.innerDecrypted) {
        inner.insert(QStringLiteral("create2Formats"), QString::fromLatin1(d.inner.create2Formats));
        inner.insert(QStringLiteral("singleOnionService"), d.inner.singleOnionService);
        if (d.inner.flowControl) {
            inner.insert(QStringLiteral("flowControl"),
                         QJsonObject{{QStringLiteral("versions"), QString::fromLatin1(d.inner.flowControl->versions)},
                                     {QStringLiteral("sendmeIncrement"), d.inner.flowControl->sendmeIncrement}});
        }
        QJsonArray pow;
        for (const auto& l : d.inner.powParams) {
            pow.append(QString::fromLatin1(l));
        }
        inner.insert(QStringLiteral("powParams"), pow);
        QJsonArray ips;
        for (qsizetype i = 0; i < d.inner.introPoints.size(); ++i) {
            const IntroPoint& ip = d.inner.introPoints[i];
            const IntroPointReport& r = d.introReports[i];
            QJsonArray links;
            for (const auto& ls : ip.linkSpecifiers) {
                links.append(ls.describe());
            }
            QJsonObject j{{QStringLiteral("linkSpecifiers"), links},
                          {QStringLiteral("onionKey"), b64(ip.onionKey)},
                          {QStringLiteral("authKey"), b64(ip.authKey())},
                          {QStringLiteral("encKey"), b64(ip.encKey)},
                          {QStringLiteral("authKeyCert"), certJson(ip.authKeyCert, r.authCertValid, now)},
                          {QStringLiteral("encKeyCert"), certJson(ip.encKeyCert, r.encCertValid, now)},
                          {QStringLiteral("legacyKey"), !ip.legacyKeyText.isEmpty()}};
            if (r.encCertMatchesEncKey) {
                j.insert(QStringLiteral("encKeyCertMatchesEncKey"), *r.encCertMatchesEncKey);
            }
            ips.append(j);
        }
        inner.insert(QStringLiteral("introPoints"), ips);
    }
    o.insert(QStringLiteral("inner"), inner);
    QJsonArray problems;
    for (const auto& p : d.problems) {
        problems.append(QJsonObject{
            {QStringLiteral("severity"),
             p.severity == DescriptorProblem::Severity::Error ? QStringLiteral("error") : QStringLiteral("warning")},
            {QStringLiteral("where"), p.where},
            {QStringLiteral("code"), rb::errorCodeName(p.error.code)},
            {QStringLiteral("message"), p.error.message}});
    }
    o.insert(QStringLiteral("problems"), problems);
    if (d.earliestExpiry() > 0) {
        o.insert(QStringLiteral("earliestExpiry"), isoTime(d.earliestExpiry()));
    }
    return o;
}

void printText(const DecodedDescriptor& d, const QString& address, qint64 now)
{
    QTextStream& o = out();
    const auto yes = [](bool v) { return v ? QStringLiteral("valid") : QStringLiteral("INVALID"); };
    o << "Descriptor for " << address << " (" << d.size << " bytes)\n";
    o << "Outer layer\n";
    o << "  hs-descriptor " << d.outer.version << ", lifetime " << d.outer.lifetimeMinutes
      << " min, revision-counter " << d.outer.revisionCounter << "\n";
    o << "  signing-key cert (0x08): " << certLine(d.outer.signingKeyCert, d.signingCertValid, now) << "\n";
    o << "    blinded key:            " << b64(d.blindedKey) << "\n";
    o << "    descriptor signing key: " << b64(d.descriptorSigningKey) << "\n";
    if (d.blindedKeyMatchesPeriod) {
        o << "    time period:            " << (*d.blindedKeyMatchesPeriod ? "matches" : "DOES NOT MATCH") << "\n";
    }
    o << "  signature: " << yes(d.signatureValid) << "\n";
    o << "Middle layer: ";
    if (!d.middleDecrypted) {
        o << "not decrypted\n";
    } else {
        o << "desc-auth-type " << QString::fromLatin1(d.middle.authType) << ", " << d.middle.authClients.size()
          << " auth-client lines, " << d.middlePlaintextSize << " bytes padded to " << d.middlePaddedSize
          << (d.middlePaddedLikeTor ? " (tor-style)" : " (NOT tor-style)") << "\n";
    }
    o << "Inner layer: ";
    if (!d.innerDecrypted) {
        o << "not decrypted\n";
    } else {
        o << "create2-formats " << QString::fromLatin1(d.inner.create2Formats);
        if (d.inner.singleOnionService) {
            o << ", single-onion-service";
        }
        if (d.inner.flowControl) {
            o << ", flow-control " << QString::fromLatin1(d.inner.flowControl->versions) << " "
              << d.inner.flowControl->sendmeIncrement;
        } else {
            o << ", no flow-control";
        }
        o << ", " << d.inner.powParams.size() << " pow-params, " << d.inner.introPoints.size() << " intro points\n";
        for (qsizetype i = 0; i < d.inner.introPoints.size(); ++i) {
            const IntroPoint& ip = d.inner.introPoints[i];
            const IntroPointReport& r = d.introReports[i];
            o << "  Intro point " << (i + 1) << ": " << ip.describe() << "\n";
            o << "    onion-key " << b64(ip.onionKey) << "\n";
            o << "    auth-key  " << b64(ip.authKey()) << "  cert 0x09 "
              << certLine(ip.authKeyCert, r.authCertValid, now) << "\n";
            o << "    enc-key   " << b64(ip.encKey) << "  cert 0x0B " << certLine(ip.encKeyCert, r.encCertValid, now);
            if (r.encCertMatchesEncKey) {
                o << (*r.encCertMatchesEncKey ? ", matches enc-key" : ", DOES NOT certify enc-key");
            }
            o << "\n";
            if (!ip.legacyKeyText.isEmpty()) {
                o << "    legacy-key present\n";
            }
        }
    }
    if (!d.problems.isEmpty()) {
        o << "Problems:\n";
        for (const auto& p : d.problems) {
            o << "  " << (p.severity == DescriptorProblem::Severity::Error ? "ERROR   " : "warning ") << p.where
              << ": " << p.error.message << "\n";
        }
    }
    if (d.earliestExpiry() > 0) {
        o << "Earliest certificate expiry: " << isoTime(d.earliestExpiry()) << "\n";
    }
    o << "Result: " << (d.isValid() ? "VALID" : "INVALID") << "\n" << Qt::flush;
}

rb::Result<QByteArray> readInput(const QString& path)
{
    QFile f;
    if (path == QLatin1String("-")) {
        if (!f.open(stdin, QIODevice::ReadOnly)) {
            return makeError(ErrorCode::IoError, QStringLiteral("Cannot read the descriptor from standard input"));
        }
    } else {
        f.setFileName(path);
        if (!f.open(QIODevice::ReadOnly)) {
            return makeError(ErrorCode::IoError,
                             QStringLiteral("Cannot open descriptor file %1: %2").arg(path, f.errorString()));
        }
    }
    QByteArray data = f.read(kMaxReadSize + 1);
    if (data.size() > kMaxReadSize) {
        return makeError(ErrorCode::TooLarge, QStringLiteral("%1 is far larger than any descriptor").arg(path));
    }
    return data;
}

int runDecode(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Decrypt and verify a v3 onion-service descriptor: outer signature, certificates, both "
                       "encryption layers and every intro point. Exit 3 when the descriptor is invalid."));
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")};
    const QCommandLineOption json{QStringLiteral("json"), QStringLiteral("Print the result as JSON.")};
    const QCommandLineOption address{QStringLiteral("address"),
                                     QStringLiteral("Onion address the descriptor belongs to."), QStringLiteral("ADDR")};
    const QCommandLineOption keyFile{QStringLiteral("key-file"),
                                     QStringLiteral("Take the identity from a master key file or HiddenServiceDir "
                                                    "instead of --address."),
                                     QStringLiteral("FILE")};
    const QCommandLineOption period{QStringLiteral("period"),
                                    QStringLiteral("Also check that the blinded key is for time period N."),
                                    QStringLiteral("N")};
    const QCommandLineOption periodLength{QStringLiteral("period-length"),
                                          QStringLiteral("Time period length in minutes (default 1440)."),
                                          QStringLiteral("MIN"), QStringLiteral("1440")};
    const QCommandLineOption at{QStringLiteral("at"),
                                QStringLiteral("Check certificate expiry at this Unix time (default: now; -1: skip)."),
                                QStringLiteral("SECONDS")};
    const QCommandLineOption sendme{QStringLiteral("sendme-inc"),
                                    QStringLiteral("Consensus cc_sendme_inc to check flow-control against (default "
                                                   "31; -1: skip)."),
                                    QStringLiteral("N"), QStringLiteral("31")};
    const QCommandLineOption maxSize{QStringLiteral("max-size"),
                                     QStringLiteral("HSV3MaxDescriptorSize (default 50000)."), QStringLiteral("BYTES"),
                                     QString::number(kDefaultMaxDescriptorSize)};
    p.addOptions({help, json, address, keyFile, period, periodLength, at, sendme, maxSize});
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Descriptor file ('-' for standard input)."));
    const bool wantJson = args.contains(QStringLiteral("--json"));
    if (!p.parse(QStringList{QStringLiteral("rbctl descriptor decode")} + args)) {
        return fail(makeError(ErrorCode::InvalidArgument, p.errorText() + QStringLiteral(" (see --help)")), wantJson);
    }
    if (p.isSet(help)) {
        QString text = p.helpText();
        text = text.mid(text.indexOf(QLatin1Char('\n')) + 1);
        out() << "Usage: rbctl descriptor decode (--address ADDR | --key-file FILE) [options] FILE\n"
              << text << Qt::flush;
        return ExitOk;
    }
    if (p.positionalArguments().size() != 1) {
        return fail(makeError(ErrorCode::InvalidArgument, QStringLiteral("Give exactly one descriptor FILE (see --help)")),
                    wantJson);
    }
    if (!p.isSet(address) && !p.isSet(keyFile)) {
        return fail(makeError(ErrorCode::InvalidArgument,
                              QStringLiteral("Give the service with --address ADDR or --key-file FILE (see --help)")),
                    wantJson);
    }
    QByteArray identity;
    if (p.isSet(keyFile)) {
        auto id = rb::onion::MasterIdentity::importFile(p.value(keyFile));
        if (!id.ok()) {
            return fail(id.error(), wantJson);
        }
        identity = id->publicKey();
    }
    if (p.isSet(address)) {
        auto addr = rb::onion::OnionAddress::parse(p.value(address));
        if (!addr.ok()) {
            return fail(addr.error(), wantJson);
        }
        if (!identity.isEmpty() && identity != addr->publicKey()) {
            return fail(makeError(ErrorCode::BadKey, QStringLiteral("--key-file is not the key of --address")),
                        wantJson);
        }
        identity = addr->publicKey();
    }
    const QString addressText = rb::onion::OnionAddress::fromPublicKey(identity)->toString();

    DecodeOptions opt;
    opt.checkEncKeyCrossCert = true;
    bool ok = true;
    opt.now = p.isSet(at) ? p.value(at).toLongLong(&ok) : QDateTime::currentSecsSinceEpoch();
    bool ok2 = true;
    opt.expectedSendmeIncrement = p.value(sendme).toInt(&ok2);
    ok = ok && ok2;
    opt.maxDescriptorSize = p.value(maxSize).toLongLong(&ok2);
    ok = ok && ok2 && opt.maxDescriptorSize > 0;
    if (p.isSet(period)) {
        opt.expectedTimePeriod = p.value(period).toULongLong(&ok2);
        ok = ok && ok2;
        opt.expectedPeriodLengthMinutes = p.value(periodLength).toULongLong(&ok2);
        ok = ok && ok2 && opt.expectedPeriodLengthMinutes > 0;
    }
    if (!ok) {
        return fail(makeError(ErrorCode::InvalidArgument, QStringLiteral("A numeric option has an invalid value")),
                    wantJson);
    }
    auto text = readInput(p.positionalArguments().first());
    if (!text.ok()) {
        return fail(text.error(), wantJson);
    }
    auto decoded = DescriptorDecoder::inspect(identity, *text, opt);
    if (!decoded.ok()) {
        return fail(decoded.error(), wantJson);
    }
    if (wantJson) {
        printJson(toJson(*decoded, addressText, opt.now));
    } else {
        printText(*decoded, addressText, opt.now);
    }
    if (const DescriptorProblem* first = decoded->firstError()) {
        err() << "rbctl: invalid descriptor: " << first->where << ": " << first->error.message << Qt::endl;
        return ExitInvalidInput;
    }
    return ExitOk;
}

void printDescriptorUsage()
{
    out() << "Usage: rbctl descriptor <subcommand> [options]\n\nSubcommands:\n"
             "  decode      Decrypt and verify a v3 descriptor (layers, intro points, certificates)\n"
             "\nRun 'rbctl descriptor decode --help' for options.\n"
          << Qt::flush;
}

int runDescriptor(const QStringList& args)
{
    if (args.isEmpty()) {
        printDescriptorUsage();
        return ExitUsage;
    }
    const QString sub = args.first();
    if (sub == QLatin1String("-h") || sub == QLatin1String("--help") || sub == QLatin1String("help")) {
        printDescriptorUsage();
        return ExitOk;
    }
    if (sub == QLatin1String("decode")) {
        return runDecode(args.mid(1));
    }
    err() << "rbctl: unknown descriptor subcommand '" << sub << "'. Run 'rbctl descriptor --help'." << Qt::endl;
    return ExitUsage;
}

}  // namespace

RB_CLI_COMMAND(descriptor, "descriptor", "Decode and verify v3 onion-service descriptors", runDescriptor);
