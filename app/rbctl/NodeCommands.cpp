// rbctl node ...: talk to one tor node's control port.
//   rbctl node status --control HOST:PORT [--cookie FILE | --password-env VAR] [--json]
#include "Cli.h"
#include "control/CircuitEvent.h"
#include "control/ControlClient.h"
#include "control/LogEvent.h"
#include "control/Syntax.h"
#include "crypto/Crypto.h"
#include "onion/OnionAddress.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocalSocket>
#include <QNetworkProxy>
#include <QTcpSocket>
#include <QTimer>

#include <memory>
#include <optional>

using namespace rb::cli;
using namespace rb::control;
using rb::Error;
using rb::ErrorCode;
using rb::makeError;

namespace {

struct Endpoint {
    QString host;      // TCP host, or the socket path for unix:
    quint16 port = 0;  // 0 for unix:
    bool isUnix = false;
    [[nodiscard]] bool isLocal() const
    {
        if (isUnix) {
            return true;
        }
        QHostAddress a;
        return host == QLatin1String("localhost") || (a.setAddress(host) && a.isLoopback());
    }
    [[nodiscard]] QString toString() const
    {
        if (isUnix) {
            return QStringLiteral("unix:") + host;
        }
        return (host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host) +
               QLatin1Char(':') + QString::number(port);
    }
};

rb::Result<Endpoint> parseEndpoint(const QString& text)
{
    Endpoint e;
    if (text.startsWith(QLatin1String("unix:"))) {
        e.isUnix = true;
        e.host = text.mid(5);
        if (e.host.isEmpty()) {
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("--control unix: needs a socket path"));
        }
        return e;
    }
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("--control must be HOST:PORT (e.g. 127.0.0.1:9051) or unix:PATH"));
    }
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']'))) {
        host = host.mid(1, host.size() - 2);
    }
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port == 0 || port > 65535 || host.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("--control must be HOST:PORT with a port between 1 and 65535"));
    }
    e.host = host;
    e.port = static_cast<quint16>(port);
    return e;
}

// "NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY="Done""
QJsonObject bootstrapJson(const QByteArray& raw)
{
    QJsonObject o{{QStringLiteral("raw"), QString::fromUtf8(raw)}};
    auto f = parseFields(raw, 64);
    if (f) {
        o.insert(QStringLiteral("progress"), f->value("PROGRESS").value_or(QByteArray("0")).toInt());
        o.insert(QStringLiteral("tag"), QString::fromUtf8(f->value("TAG").value_or(QByteArray())));
        o.insert(QStringLiteral("summary"), QString::fromUtf8(f->value("SUMMARY").value_or(QByteArray())));
        if (auto w = f->value("WARNING")) {
            o.insert(QStringLiteral("warning"), QString::fromUtf8(*w));
        }
    }
    return o;
}

QJsonArray lines(const QByteArray& value)
{
    QJsonArray a;
    for (const QByteArray& l : value.split('\n')) {
        const QByteArray t = l.trimmed();
        if (!t.isEmpty()) {
            a.append(QString::fromLatin1(t));
        }
    }
    return a;
}

// HiddenServiceOptions come back in order: each HiddenServiceDir starts a service.
QJsonArray configuredServices(const QList<ConfEntry>& entries, bool readLocalFiles)
{
    QJsonArray services;
    QJsonObject cur;
    QJsonArray ports;
    auto flush = [&]() {
        if (!cur.isEmpty()) {
            cur.insert(QStringLiteral("ports"), ports);
            services.append(cur);
        }
        cur = QJsonObject();
        ports = QJsonArray();
    };
    for (const ConfEntry& e : entries) {
        const QString v = e.value.value_or(QString());
        if (e.key.compare(QLatin1String("HiddenServiceDir"), Qt::CaseInsensitive) == 0) {
            flush();
            cur.insert(QStringLiteral("dir"), v);
            cur.insert(QStringLiteral("onionbalanceInstance"), false);
            if (readLocalFiles) {
                QFile f(v + QStringLiteral("/hostname"));
                if (f.open(QIODevice::ReadOnly)) {
                    const QByteArray host = f.read(128).trimmed();
                    auto addr = rb::onion::OnionAddress::parse(QString::fromLatin1(host));
                    if (addr) {
                        cur.insert(QStringLiteral("address"), addr->toString());
                    }
                }
            }
        } else if (e.key.compare(QLatin1String("HiddenServicePort"), Qt::CaseInsensitive) == 0) {
            ports.append(v);
        } else if (e.key.compare(QLatin1String("HiddenServiceOnionbalanceInstance"), Qt::CaseInsensitive) == 0) {
            cur.insert(QStringLiteral("onionbalanceInstance"), v == QLatin1String("1"));
        } else if (e.key.compare(QLatin1String("HiddenServiceVersion"), Qt::CaseInsensitive) == 0) {
            cur.insert(QStringLiteral("version"), v.toInt());
        } else if (e.key.compare(QLatin1String("HiddenServiceNumIntroductionPoints"), Qt::CaseInsensitive) == 0) {
            cur.insert(QStringLiteral("numIntroductionPoints"), v.toInt());
        }
    }
    flush();
    return services;
}

QJsonObject introCircuits(const QByteArray& circuitStatus, QStringList* problems)
{
    int total = 0;
    int established = 0;
    QJsonObject byService;
    auto list = CircuitEvent::parseCircuitStatus(circuitStatus);
    if (!list) {
        problems->append(QStringLiteral("circuit-status unreadable: ") + list.error().message);
    } else {
        for (const CircuitEvent& c : *list) {
            if (!c.isServiceIntro()) {
                continue;
            }
            ++total;
            const bool est = c.isIntroEstablished();
            established += est ? 1 : 0;
            const QString key = c.rendQuery.isEmpty() ? QStringLiteral("unknown") : QString::fromLatin1(c.rendQuery);
            QJsonObject s = byService.value(key).toObject();
            s.insert(QStringLiteral("total"), s.value(QStringLiteral("total")).toInt() + 1);
            s.insert(QStringLiteral("established"), s.value(QStringLiteral("established")).toInt() + (est ? 1 : 0));
            QJsonArray relays = s.value(QStringLiteral("introRelays")).toArray();
            if (!c.path.isEmpty() && est) {
                relays.append(QString::fromLatin1(c.path.last().toString()));
            }
            s.insert(QStringLiteral("introRelays"), relays);
            byService.insert(key, s);
        }
    }
    return QJsonObject{{QStringLiteral("total"), total},
                       {QStringLiteral("established"), established},
                       {QStringLiteral("byService"), byService}};
}

void printText(const QJsonObject& o)
{
    QTextStream& s = out();
    s << "Control:        " << o.value(QStringLiteral("control")).toString() << " (authenticated with "
      << o.value(QStringLiteral("auth")).toString() << ")\n";
    s << "Tor version:    " << o.value(QStringLiteral("torVersion")).toString() << "\n";
    const QJsonObject b = o.value(QStringLiteral("bootstrap")).toObject();
    s << "Bootstrap:      " << b.value(QStringLiteral("progress")).toInt() << "% ("
      << b.value(QStringLiteral("tag")).toString() << ": " << b.value(QStringLiteral("summary")).toString() << ")";
    if (b.contains(QStringLiteral("warning"))) {
        s << " WARNING: " << b.value(QStringLiteral("warning")).toString();
    }
    s << "\n";
    const QJsonObject os = o.value(QStringLiteral("onionServices")).toObject();
    const QJsonArray configured = os.value(QStringLiteral("configured")).toArray();
    s << "Onion services: " << configured.size() << " configured, "
      << os.value(QStringLiteral("current")).toArray().size() << " ephemeral on this connection, "
      << os.value(QStringLiteral("detached")).toArray().size() << " detached\n";
    for (const QJsonValue& v : configured) {
        const QJsonObject svc = v.toObject();
        s << "  " << svc.value(QStringLiteral("dir")).toString();
        if (svc.contains(QStringLiteral("address"))) {
            s << "  " << svc.value(QStringLiteral("address")).toString();
        }
        s << (svc.value(QStringLiteral("onionbalanceInstance")).toBool() ? "  [onionbalance instance]" : "") << "\n";
    }
    for (const QJsonValue& v : os.value(QStringLiteral("detached")).toArray()) {
        s << "  detached: " << v.toString() << ".onion\n";
    }
    if (o.contains(QStringLiteral("publishHidServDescriptors"))) {
        s << "Publishes own descriptors: "
          << (o.value(QStringLiteral("publishHidServDescriptors")).toBool() ? "yes" : "no") << "\n";
    }
    const QJsonObject ic = o.value(QStringLiteral("introCircuits")).toObject();
    s << "Intro circuits: " << ic.value(QStringLiteral("established")).toInt() << " established of "
      << ic.value(QStringLiteral("total")).toInt() << "\n";
    const QJsonObject by = ic.value(QStringLiteral("byService")).toObject();
    for (auto it = by.begin(); it != by.end(); ++it) {
        const QJsonObject x = it.value().toObject();
        s << "  " << it.key() << ": " << x.value(QStringLiteral("established")).toInt() << "/"
          << x.value(QStringLiteral("total")).toInt() << "\n";
    }
    if (o.contains(QStringLiteral("warnings"))) {
        const QJsonArray w = o.value(QStringLiteral("warnings")).toArray();
        s << "Recent WARNs:   " << w.size() << "\n";
        for (const QJsonValue& v : w) {
            s << "  " << v.toString() << "\n";
        }
    }
    for (const QJsonValue& v : o.value(QStringLiteral("problems")).toArray()) {
        s << "Problem: " << v.toString() << "\n";
    }
    s << Qt::flush;
}

int runStatus(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Connect to a tor control port, authenticate and print the node's state: tor version, "
                       "bootstrap phase, onion services, intro circuits and (with --warnings) recent WARN lines.\n"
                       "Without --cookie/--password-env a local tor's advertised cookie file is tried (SAFECOOKIE)."));
    const QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")};
    const QCommandLineOption control{QStringLiteral("control"),
                                     QStringLiteral("Control port: HOST:PORT, [IPv6]:PORT or unix:PATH."),
                                     QStringLiteral("ENDPOINT")};
    const QCommandLineOption cookie{QStringLiteral("cookie"),
                                    QStringLiteral("The control auth cookie file (32 bytes)."), QStringLiteral("FILE")};
    const QCommandLineOption passwordEnv{QStringLiteral("password-env"),
                                         QStringLiteral("Name of the environment variable holding the control "
                                                        "password (never pass a password on the command line)."),
                                         QStringLiteral("VAR")};
    const QCommandLineOption json{QStringLiteral("json"), QStringLiteral("Machine-readable JSON output.")};
    const QCommandLineOption timeout{QStringLiteral("timeout"),
                                     QStringLiteral("Give up after this many seconds (default 20)."),
                                     QStringLiteral("SECONDS"), QStringLiteral("20")};
    const QCommandLineOption warnings{QStringLiteral("warnings"),
                                      QStringLiteral("Listen this many seconds for WARN events (default 0: skip)."),
                                      QStringLiteral("SECONDS"), QStringLiteral("0")};
    p.addOptions({help, control, cookie, passwordEnv, json, timeout, warnings});
    const bool wantJson = args.contains(QStringLiteral("--json"));
    if (!p.parse(QStringList{QStringLiteral("rbctl node status")} + args)) {
        return fail(makeError(ErrorCode::InvalidArgument, p.errorText() + QStringLiteral(" (see --help)")), wantJson);
    }
    if (p.isSet(help)) {
        out() << p.helpText() << Qt::flush;
        return ExitOk;
    }
    if (!p.positionalArguments().isEmpty()) {
        return fail(
            makeError(ErrorCode::InvalidArgument,
                      QStringLiteral("Unexpected argument '%1' (see --help)").arg(p.positionalArguments().first())),
            wantJson);
    }
    if (!p.isSet(control)) {
        return fail(
            makeError(ErrorCode::InvalidArgument, QStringLiteral("--control HOST:PORT is required (see --help)")),
            wantJson);
    }
    auto endpoint = parseEndpoint(p.value(control));
    if (!endpoint) {
        return fail(endpoint.error(), wantJson);
    }
    if (p.isSet(cookie) && p.isSet(passwordEnv)) {
        return fail(makeError(ErrorCode::InvalidArgument, QStringLiteral("Give either --cookie or --password-env")),
                    wantJson);
    }
    bool ok = false;
    const int timeoutSecs = p.value(timeout).toInt(&ok);
    if (!ok || timeoutSecs <= 0 || timeoutSecs > 3600) {
        return fail(makeError(ErrorCode::InvalidArgument, QStringLiteral("--timeout must be 1..3600 seconds")),
                    wantJson);
    }
    const int warnSecs = p.value(warnings).toInt(&ok);
    if (!ok || warnSecs < 0 || warnSecs > 3600) {
        return fail(makeError(ErrorCode::InvalidArgument, QStringLiteral("--warnings must be 0..3600 seconds")),
                    wantJson);
    }

    AuthCredentials creds;
    if (p.isSet(cookie)) {
        creds.cookieFile = p.value(cookie);
    } else if (p.isSet(passwordEnv)) {
        const QString var = p.value(passwordEnv);
        QByteArray pw = qgetenv(var.toLocal8Bit().constData());
        if (pw.isEmpty()) {
            return fail(makeError(ErrorCode::InvalidArgument,
                                  QStringLiteral("The environment variable %1 is not set or empty").arg(var)),
                        wantJson);
        }
        creds.password = rb::crypto::SecretBuffer::fromBytes(pw);
        rb::crypto::memzero(pw);
    } else if (endpoint->isLocal()) {
        creds.useAdvertisedCookieFile = true;
    }

    // --- connect -------------------------------------------------------------
    std::unique_ptr<QIODevice> device;
    if (endpoint->isUnix) {
        auto* s = new QLocalSocket;
        s->connectToServer(endpoint->host);
        device.reset(s);
    } else {
        auto* s = new QTcpSocket;
        s->setProxy(QNetworkProxy::NoProxy);
        s->connectToHost(endpoint->host, endpoint->port);
        device.reset(s);
    }
    ControlChannel channel(device.get());
    ControlClient client(&channel);
    client.setDefaultTimeout(std::chrono::seconds(timeoutSecs));

    QEventLoop loop;
    std::optional<Error> failure;
    QJsonObject result{{QStringLiteral("ok"), true}, {QStringLiteral("control"), endpoint->toString()}};
    QStringList problems;
    QJsonArray warns;
    auto stop = [&](std::optional<Error> e) {
        if (e && !failure) {
            failure = std::move(e);
        }
        loop.quit();
    };
    QTimer overall;
    overall.setSingleShot(true);
    QObject::connect(&overall, &QTimer::timeout, &loop, [&]() {
        stop(makeError(ErrorCode::Timeout, QStringLiteral("No complete answer from %1 within %2 s")
                                               .arg(endpoint->toString())
                                               .arg(timeoutSecs + warnSecs)));
    });
    overall.start(std::chrono::seconds(timeoutSecs + warnSecs + 2));

    auto finishWarnings = [&]() {
        if (warnSecs == 0) {
            stop(std::nullopt);
            return;
        }
        channel.subscribe("WARN", [&warns](const Reply& e) {
            auto le = LogEvent::parse(e);
            if (le) {
                warns.append(QString::fromUtf8(le->message));
            }
        });
        client.setEvents({QStringLiteral("WARN")}, [&](rb::Status st) {
            if (!st.ok()) {
                stop(st.error());
                return;
            }
            QTimer::singleShot(std::chrono::seconds(warnSecs), &loop, [&]() { stop(std::nullopt); });
        });
    };

    auto step3 = [&]() {
        client.getConf({QStringLiteral("HiddenServiceOptions"), QStringLiteral("PublishHidServDescriptors")},
                       [&](rb::Result<QList<ConfEntry>> conf) {
                           if (!conf) {
                               problems << QStringLiteral("GETCONF HiddenServiceOptions failed: ") +
                                               conf.error().message;
                           } else {
                               QJsonObject os = result.value(QStringLiteral("onionServices")).toObject();
                               os.insert(QStringLiteral("configured"), configuredServices(*conf, endpoint->isLocal()));
                               result.insert(QStringLiteral("onionServices"), os);
                               for (const ConfEntry& e : *conf) {
                                   if (e.key == QLatin1String("PublishHidServDescriptors")) {
                                       result.insert(QStringLiteral("publishHidServDescriptors"),
                                                     e.value.value_or(QStringLiteral("1")) != QLatin1String("0"));
                                   }
                               }
                           }
                           finishWarnings();
                       });
    };

    auto step2 = [&]() {
        client.getInfo(
            {QStringLiteral("version"), QStringLiteral("status/bootstrap-phase"), QStringLiteral("onions/current"),
             QStringLiteral("onions/detached"), QStringLiteral("circuit-status")},
            [&](rb::Result<InfoMap> info) {
                if (!info) {
                    stop(info.error());
                    return;
                }
                const InfoMap& m = *info;
                result.insert(QStringLiteral("torVersion"), QString::fromLatin1(m.value(QStringLiteral("version"))));
                result.insert(QStringLiteral("bootstrap"),
                              bootstrapJson(m.value(QStringLiteral("status/bootstrap-phase"))));
                result.insert(
                    QStringLiteral("onionServices"),
                    QJsonObject{{QStringLiteral("current"), lines(m.value(QStringLiteral("onions/current")))},
                                {QStringLiteral("detached"), lines(m.value(QStringLiteral("onions/detached")))}});
                result.insert(QStringLiteral("introCircuits"),
                              introCircuits(m.value(QStringLiteral("circuit-status")), &problems));
                step3();
            });
    };

    client.authenticate(std::move(creds), [&](rb::Result<AuthMethod> auth) {
        if (!auth) {
            stop(auth.error());
            return;
        }
        result.insert(QStringLiteral("auth"), authMethodName(*auth));
        step2();
    });
    loop.exec();
    overall.stop();

    if (failure) {
        Error e = *failure;
        if (e.code == ErrorCode::Disconnected && !result.contains(QStringLiteral("auth"))) {
            e.message =
                QStringLiteral("Cannot talk to tor's control port at %1: %2").arg(endpoint->toString(), e.message);
        }
        return fail(e, wantJson);
    }
    if (warnSecs > 0) {
        result.insert(QStringLiteral("warnings"), warns);
    }
    QJsonArray probs;
    for (const QString& pr : problems) {
        probs.append(pr);
    }
    result.insert(QStringLiteral("problems"), probs);
    if (wantJson) {
        printJson(result);
    } else {
        printText(result);
    }
    return ExitOk;
}

int runNode(const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub.isEmpty() || sub == QLatin1String("-h") || sub == QLatin1String("--help") || sub == QLatin1String("help")) {
        out() << "Usage: rbctl node <subcommand> [options]\n\nSubcommands:\n"
                 "  status   Connect to a tor control port and show the node's state\n"
                 "\nRun 'rbctl node status --help' for options.\n"
              << Qt::flush;
        return sub.isEmpty() ? ExitUsage : ExitOk;
    }
    if (sub == QLatin1String("status")) {
        return runStatus(args.mid(1));
    }
    err() << "rbctl: unknown node subcommand '" << sub << "'. Run 'rbctl node --help'." << Qt::endl;
    return ExitUsage;
}

}  // namespace

RB_CLI_COMMAND(node, "node", "Inspect one tor node over its control port (status)", runNode);
