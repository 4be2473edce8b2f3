// rbctl key ...: generate, inspect, blind and export the onion master key.
#include "Cli.h"
#include "crypto/Crypto.h"
#include "onion/MasterIdentity.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>

#include <optional>

using namespace rb::cli;
using rb::ErrorCode;
using rb::makeError;
using rb::onion::MasterIdentity;

namespace {

struct Sub {
    const char* name;
    const char* summary;
};

constexpr Sub kSubcommands[] = {
    {"generate", "Create a new master key and write tor's key files + hostname"},
    {"address", "Print the onion address of a key"},
    {"export-tor", "Write a key as tor's hs_ed25519_secret_key, hs_ed25519_public_key, hostname"},
    {"blind", "Print the blinded public key for a time period"},
};

void printKeyUsage()
{
    out() << "Usage: rbctl key <subcommand> [options]\n\nSubcommands:\n";
    for (const Sub& s : kSubcommands) {
        out() << "  " << QString::fromLatin1(s.name).leftJustified(12) << s.summary << "\n";
    }
    out() << "\nKey sources (address, export-tor, blind): --key-file FILE accepts tor's\n"
             "hs_ed25519_secret_key, a HiddenServiceDir, an Onionbalance PEM, a RustBalance key\n"
             "file or a hex seed file; --seed-hex-env VAR reads the key text from an environment\n"
             "variable; --seed-hex HEX works but exposes the seed in the process list.\n"
             "Run 'rbctl key <subcommand> --help' for options.\n"
          << Qt::flush;
}

// Options shared by every subcommand.
struct Common {
    QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")};
    QCommandLineOption json{QStringLiteral("json"), QStringLiteral("Print the result as JSON.")};
};

struct KeySourceOptions {
    QCommandLineOption keyFile{QStringLiteral("key-file"),
                               QStringLiteral("Key file or tor HiddenServiceDir (tor, PEM, seed formats)."),
                               QStringLiteral("FILE")};
    QCommandLineOption seedHexEnv{QStringLiteral("seed-hex-env"),
                                  QStringLiteral("Read the key (hex seed or other text format) from environment "
                                                 "variable VAR."),
                                  QStringLiteral("VAR")};
    QCommandLineOption seedHex{QStringLiteral("seed-hex"),
                               QStringLiteral("32-byte seed as 64 hex digits (visible in the process list: prefer "
                                              "--key-file or --seed-hex-env)."),
                               QStringLiteral("HEX")};

    void addTo(QCommandLineParser& p) const
    {
        p.addOption(keyFile);
        p.addOption(seedHexEnv);
        p.addOption(seedHex);
    }

    rb::Result<MasterIdentity> load(const QCommandLineParser& p) const
    {
        const int given = (p.isSet(keyFile) ? 1 : 0) + (p.isSet(seedHexEnv) ? 1 : 0) + (p.isSet(seedHex) ? 1 : 0);
        if (given != 1) {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("Give exactly one key source: --key-file FILE, --seed-hex-env VAR or "
                                            "--seed-hex HEX"));
        }
        if (p.isSet(keyFile)) {
            return MasterIdentity::importFile(p.value(keyFile));
        }
        if (p.isSet(seedHexEnv)) {
            const QString var = p.value(seedHexEnv);
            if (var.isEmpty() || !qEnvironmentVariableIsSet(var.toLocal8Bit().constData())) {
                return makeError(ErrorCode::InvalidArgument,
                                 QStringLiteral("Environment variable %1 is not set").arg(var));
            }
            QByteArray text = qgetenv(var.toLocal8Bit().constData());
            auto id = MasterIdentity::importBytes(text);
            rb::crypto::memzero(text);
            return id;
        }
        err() << "rbctl: warning: --seed-hex exposes the seed in the process list and shell history; prefer "
                 "--key-file FILE or --seed-hex-env VAR"
              << Qt::endl;
        QByteArray text = p.value(seedHex).toLatin1();
        auto id = MasterIdentity::importBytes(text);
        rb::crypto::memzero(text);
        if (id.ok() && id->sourceFormat() != MasterIdentity::Format::HexSeed) {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("--seed-hex takes 64 hex digits; use --key-file for key files"));
        }
        return id;
    }
};

// Parses args; returns an exit code if the command is finished (help or usage error).
std::optional<int> parse(QCommandLineParser& p, const Common& c, const QString& sub, const QStringList& args,
                         const QString& description)
{
    p.setApplicationDescription(description);
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    p.addOption(c.help);
    p.addOption(c.json);
    if (!p.parse(QStringList{QStringLiteral("rbctl key ") + sub} + args)) {
        return fail(makeError(ErrorCode::InvalidArgument, p.errorText() + QStringLiteral(" (see --help)")),
                    args.contains(QStringLiteral("--json")));
    }
    if (p.isSet(c.help)) {
        // helpText() starts with "Usage: <argv[0]> [options]"; show the real command instead.
        QString text = p.helpText();
        text = text.mid(text.indexOf(QLatin1Char('\n')) + 1);
        out() << "Usage: rbctl key " << sub << " [options]\n" << text << Qt::flush;
        return ExitOk;
    }
    if (!p.positionalArguments().isEmpty()) {
        return fail(
            makeError(ErrorCode::InvalidArgument,
                      QStringLiteral("Unexpected argument '%1' (see --help)").arg(p.positionalArguments().first())),
            p.isSet(c.json));
    }
    return std::nullopt;
}

QJsonObject identityJson(const MasterIdentity& id)
{
    return QJsonObject{{QStringLiteral("ok"), true},
                       {QStringLiteral("address"), id.address().toString()},
                       {QStringLiteral("publicKey"), QString::fromLatin1(id.publicKey().toHex())},
                       {QStringLiteral("format"), MasterIdentity::formatName(id.sourceFormat())},
                       {QStringLiteral("hasSeed"), id.hasSeed()}};
}

QJsonArray toJson(const QStringList& list)
{
    QJsonArray a;
    for (const QString& s : list) {
        a.append(s);
    }
    return a;
}

void printExportReport(const MasterIdentity::ExportReport& r)
{
    for (const QString& f : r.backups) {
        out() << "backed up: " << QDir::toNativeSeparators(f) << "\n";
    }
    for (const QString& f : r.written) {
        out() << "wrote: " << QDir::toNativeSeparators(f) << "\n";
    }
    for (const QString& f : r.unchanged) {
        out() << "unchanged: " << QDir::toNativeSeparators(f) << "\n";
    }
    out() << Qt::flush;
}

int runGenerate(const QStringList& args)
{
    QCommandLineParser p;
    const Common c;
    const QCommandLineOption outDir(QStringLiteral("out"),
                                    QStringLiteral("HiddenServiceDir to create (0700) with the key files."),
                                    QStringLiteral("DIR"));
    const QCommandLineOption seedFile(QStringLiteral("seed-file"),
                                      QStringLiteral("Also write the 32-byte seed (RustBalance key file, 0600)."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption force(QStringLiteral("force"),
                                   QStringLiteral("Replace different existing key files (backed up first)."));
    p.addOption(outDir);
    p.addOption(seedFile);
    p.addOption(force);
    if (auto done = parse(p, c, QStringLiteral("generate"), args,
                          QStringLiteral("Create a new onion master key and write tor's key files and hostname."))) {
        return *done;
    }
    const bool json = p.isSet(c.json);
    if (!p.isSet(outDir)) {
        return fail(makeError(ErrorCode::InvalidArgument, QStringLiteral("--out DIR is required (see --help)")), json);
    }
    auto id = MasterIdentity::generate();
    if (!id.ok()) {
        return fail(id.error(), json);
    }
    const auto overwrite =
        p.isSet(force) ? MasterIdentity::Overwrite::BackupAndReplace : MasterIdentity::Overwrite::Refuse;
    auto report = id->exportTorFiles(p.value(outDir), overwrite);
    if (!report.ok()) {
        return fail(report.error(), json);
    }
    MasterIdentity::ExportReport all = *report;
    if (p.isSet(seedFile)) {
        auto seedReport = id->exportSeedFile(p.value(seedFile), overwrite);
        if (!seedReport.ok()) {
            return fail(seedReport.error(), json);
        }
        all.written << seedReport->written;
        all.backups << seedReport->backups;
    }
    if (json) {
        QJsonObject o = identityJson(*id);
        o.insert(QStringLiteral("written"), toJson(all.written));
        o.insert(QStringLiteral("backups"), toJson(all.backups));
        printJson(o);
    } else {
        out() << id->address().toString() << "\n";
        printExportReport(all);
    }
    return ExitOk;
}

int runAddress(const QStringList& args)
{
    QCommandLineParser p;
    const Common c;
    const KeySourceOptions src;
    src.addTo(p);
    if (auto done = parse(p, c, QStringLiteral("address"), args, QStringLiteral("Print the onion address of a key."))) {
        return *done;
    }
    const bool json = p.isSet(c.json);
    auto id = src.load(p);
    if (!id.ok()) {
        return fail(id.error(), json);
    }
    if (json) {
        printJson(identityJson(*id));
    } else {
        out() << id->address().toString() << Qt::endl;
    }
    return ExitOk;
}

int runExportTor(const QStringList& args)
{
    QCommandLineParser p;
    const Common c;
    const KeySourceOptions src;
    src.addTo(p);
    const QCommandLineOption outDir(QStringLiteral("out"), QStringLiteral("HiddenServiceDir to write (0700)."),
                                    QStringLiteral("DIR"));
    const QCommandLineOption force(QStringLiteral("force"),
                                   QStringLiteral("Replace different existing key files (backed up first)."));
    p.addOption(outDir);
    p.addOption(force);
    if (auto done = parse(p, c, QStringLiteral("export-tor"), args,
                          QStringLiteral("Write a key as tor's hs_ed25519_secret_key, hs_ed25519_public_key and "
                                         "hostname (byte-exact as tor writes them, files 0600)."))) {
        return *done;
    }
    const bool json = p.isSet(c.json);
    if (!p.isSet(outDir)) {
        return fail(makeError(ErrorCode::InvalidArgument, QStringLiteral("--out DIR is required (see --help)")), json);
    }
    auto id = src.load(p);
    if (!id.ok()) {
        return fail(id.error(), json);
    }
    auto report = id->exportTorFiles(p.value(outDir), p.isSet(force) ? MasterIdentity::Overwrite::BackupAndReplace
                                                                     : MasterIdentity::Overwrite::Refuse);
    if (!report.ok()) {
        return fail(report.error(), json);
    }
    if (json) {
        QJsonObject o = identityJson(*id);
        o.insert(QStringLiteral("written"), toJson(report->written));
        o.insert(QStringLiteral("unchanged"), toJson(report->unchanged));
        o.insert(QStringLiteral("backups"), toJson(report->backups));
        printJson(o);
    } else {
        out() << id->address().toString() << "\n";
        printExportReport(*report);
    }
    return ExitOk;
}

std::optional<quint64> parseUnsigned(const QString& text)
{
    bool ok = false;
    const quint64 v = text.toULongLong(&ok, 10);
    return ok ? std::optional<quint64>(v) : std::nullopt;
}

int runBlind(const QStringList& args)
{
    QCommandLineParser p;
    const Common c;
    const KeySourceOptions src;
    src.addTo(p);
    const QCommandLineOption period(QStringLiteral("period"), QStringLiteral("Time period number."),
                                    QStringLiteral("N"));
    const QCommandLineOption length(QStringLiteral("period-length"),
                                    QStringLiteral("Time period length in minutes (default 1440)."),
                                    QStringLiteral("MIN"), QStringLiteral("1440"));
    p.addOption(period);
    p.addOption(length);
    if (auto done = parse(p, c, QStringLiteral("blind"), args,
                          QStringLiteral("Print the blinded public key of a key for a time period."))) {
        return *done;
    }
    const bool json = p.isSet(c.json);
    if (!p.isSet(period)) {
        return fail(makeError(ErrorCode::InvalidArgument, QStringLiteral("--period N is required (see --help)")), json);
    }
    const auto tp = parseUnsigned(p.value(period));
    const auto len = parseUnsigned(p.value(length));
    if (!tp) {
        return fail(
            makeError(ErrorCode::InvalidArgument,
                      QStringLiteral("--period takes a non-negative whole number, not '%1'").arg(p.value(period))),
            json);
    }
    if (!len || *len == 0) {
        return fail(
            makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("--period-length takes a positive number of minutes, not '%1'").arg(p.value(length))),
            json);
    }
    auto id = src.load(p);
    if (!id.ok()) {
        return fail(id.error(), json);
    }
    auto blinded = id->blindedPublicKey(*tp, *len);
    if (!blinded.ok()) {
        return fail(blinded.error(), json);
    }
    if (json) {
        QJsonObject o = identityJson(*id);
        o.insert(QStringLiteral("period"), QString::number(*tp));
        o.insert(QStringLiteral("periodLengthMinutes"), QString::number(*len));
        o.insert(QStringLiteral("blindedPublicKey"), QString::fromLatin1(blinded->toHex()));
        printJson(o);
    } else {
        out() << blinded->toHex() << Qt::endl;
    }
    return ExitOk;
}

int runKey(const QStringList& args)
{
    if (args.isEmpty()) {
        printKeyUsage();
        return ExitUsage;
    }
    const QString sub = args.first();
    const QStringList rest = args.mid(1);
    if (sub == QLatin1String("-h") || sub == QLatin1String("--help") || sub == QLatin1String("help")) {
        printKeyUsage();
        return ExitOk;
    }
    if (sub == QLatin1String("generate")) {
        return runGenerate(rest);
    }
    if (sub == QLatin1String("address")) {
        return runAddress(rest);
    }
    if (sub == QLatin1String("export-tor")) {
        return runExportTor(rest);
    }
    if (sub == QLatin1String("blind")) {
        return runBlind(rest);
    }
    err() << "rbctl: unknown key subcommand '" << sub << "'. Run 'rbctl key --help' for the list." << Qt::endl;
    return ExitUsage;
}

}  // namespace

RB_CLI_COMMAND(key, "key", "Generate, inspect, blind and export the onion master key", runKey);
