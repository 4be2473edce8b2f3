#include "fleet/NodeConfig.h"

#include "secrets/ISecretStore.h"
#include "ssh/RemoteCommand.h"
#include "ssh/RemoteEndpoint.h"
#include "ssh/SshTarget.h"

#include <QJsonArray>
#include <QSet>

namespace rb::fleet {

namespace {

Error nodeError(const QString& node, const QString& what)
{
    return makeError(ErrorCode::InvalidArgument,
                     QStringLiteral("Node '%1': %2").arg(node.isEmpty() ? QStringLiteral("?") : node, what));
}

}  // namespace

QString authMethodName(AuthMethod method)
{
    switch (method) {
    case AuthMethod::SafeCookie:
        return QStringLiteral("safecookie");
    case AuthMethod::CookieFile:
        return QStringLiteral("cookie");
    case AuthMethod::Password:
        return QStringLiteral("password");
    case AuthMethod::None:
        return QStringLiteral("none");
    }
    return QStringLiteral("none");
}

Result<AuthMethod> parseAuthMethod(const QString& text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("safecookie")) {
        return AuthMethod::SafeCookie;
    }
    if (t == QLatin1String("cookie")) {
        return AuthMethod::CookieFile;
    }
    if (t == QLatin1String("password")) {
        return AuthMethod::Password;
    }
    if (t == QLatin1String("none")) {
        return AuthMethod::None;
    }
    return makeError(ErrorCode::InvalidArgument,
                     QStringLiteral("Unknown authentication method '%1'; use safecookie, cookie, password or none.")
                         .arg(text.left(40)));
}

Result<PortMapping> PortMapping::parse(const QString& text)
{
    const auto bad = [&](const QString& why) {
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("Service port '%1' is not valid: %2. Use VIRTUAL[:TARGET], e.g. 80:127.0.0.1:8080 "
                           "or 80:unix:/run/app.sock.")
                .arg(text.left(120), why));
    };
    const QString t = text.trimmed();
    const qsizetype colon = t.indexOf(QLatin1Char(':'));
    const QString virt = colon < 0 ? t : t.left(colon);
    bool ok = false;
    const uint v = virt.toUInt(&ok);
    if (!ok || v == 0 || v > 65535) {
        return bad(QStringLiteral("the virtual port must be 1-65535"));
    }
    PortMapping m;
    m.virtualPort = static_cast<quint16>(v);
    QString target = colon < 0 ? virt : t.mid(colon + 1);
    bool plainPort = false;
    const uint tp = target.toUInt(&plainPort);
    if (plainPort) {
        if (tp == 0 || tp > 65535) {
            return bad(QStringLiteral("the target port must be 1-65535"));
        }
        target = QStringLiteral("127.0.0.1:") + QString::number(tp);
    }
    auto ep = ssh::RemoteEndpoint::parse(target);
    if (!ep) {
        return bad(ep.error().message);
    }
    m.target = ep->toString();
    return m;
}

QString PortMapping::toString() const
{
    return QString::number(virtualPort) + QLatin1Char(':') + target;
}

QString NodeConfig::passwordKeychainKey() const
{
    auto k = secrets::ISecretStore::controlPasswordKey(name);
    return k ? k.value() : QString();
}

QStringList NodeConfig::missingFields() const
{
    QStringList missing;
    if (sshTarget.isEmpty()) {
        missing << QStringLiteral("SSH target (--ssh user@host[:port] or an ssh config alias)");
    }
    if (controlEndpoint.isEmpty()) {
        missing << QStringLiteral("control endpoint on the node (--control unix:/run/tor/control or 127.0.0.1:9051)");
    }
    if (auth == AuthMethod::CookieFile && cookieFile.isEmpty()) {
        missing << QStringLiteral("cookie file path on the node (--cookie-file)");
    }
    return missing;
}

Status NodeConfig::validate() const
{
    RB_TRY_STATUS(ssh::RemoteCommand::validateName(name, QStringLiteral("node name")));
    if (!sshTarget.isEmpty()) {
        if (auto t = ssh::SshTarget::parse(sshTarget); !t) {
            return nodeError(name, t.error().message);
        }
    }
    if (!controlEndpoint.isEmpty()) {
        if (auto e = ssh::RemoteEndpoint::parse(controlEndpoint); !e) {
            return nodeError(name, QStringLiteral("control ") + e.error().message);
        }
    }
    if (!metricsEndpoint.isEmpty()) {
        auto e = ssh::RemoteEndpoint::parse(metricsEndpoint);
        if (!e) {
            return nodeError(name, QStringLiteral("metrics ") + e.error().message);
        }
    }
    if (!cookieFile.isEmpty()) {
        if (auto s = ssh::RemoteCommand::validateAbsolutePath(cookieFile, QStringLiteral("cookie file")); !s) {
            return nodeError(name, s.error().message);
        }
    }
    if (!hiddenServiceDir.isEmpty()) {
        if (auto s = ssh::RemoteCommand::validateAbsolutePath(hiddenServiceDir, QStringLiteral("HiddenServiceDir"));
            !s) {
            return nodeError(name, s.error().message);
        }
    }
    if (!torUser.isEmpty()) {
        if (auto s = ssh::RemoteCommand::validateName(torUser, QStringLiteral("tor user")); !s) {
            return nodeError(name, s.error().message);
        }
    }
    QSet<quint16> virtuals;
    for (const PortMapping& p : ports) {
        auto parsed = PortMapping::parse(p.toString());
        if (!parsed || !(parsed.value() == p)) {
            return nodeError(name, QStringLiteral("service port %1 is malformed.").arg(p.toString()));
        }
        if (virtuals.contains(p.virtualPort)) {
            return nodeError(name, QStringLiteral("virtual port %1 is listed twice.").arg(p.virtualPort));
        }
        virtuals.insert(p.virtualPort);
    }
    if (weight < 0 || weight > 1000) {
        return nodeError(name, QStringLiteral("weight %1 is out of range 0-1000.").arg(weight));
    }
    if (enabled) {
        const QStringList missing = missingFields();
        if (!missing.isEmpty()) {
            return nodeError(
                name, QStringLiteral("cannot be enabled yet; missing: %1.").arg(missing.join(QStringLiteral("; "))));
        }
    }
    return {};
}

QJsonObject NodeConfig::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), name);
    o.insert(QStringLiteral("ssh"), sshTarget);
    o.insert(QStringLiteral("control"), controlEndpoint);
    o.insert(QStringLiteral("auth"), authMethodName(auth));
    if (!cookieFile.isEmpty()) {
        o.insert(QStringLiteral("cookieFile"), cookieFile);
    }
    if (auth == AuthMethod::Password) {
        // A reference (entry name), never the password.
        o.insert(QStringLiteral("passwordKeychainEntry"), passwordKeychainKey());
    }
    if (!hiddenServiceDir.isEmpty()) {
        o.insert(QStringLiteral("hiddenServiceDir"), hiddenServiceDir);
    }
    if (!torUser.isEmpty()) {
        o.insert(QStringLiteral("torUser"), torUser);
    }
    QJsonArray ps;
    for (const PortMapping& p : ports) {
        ps.append(QJsonObject{{QStringLiteral("virtual"), int(p.virtualPort)}, {QStringLiteral("target"), p.target}});
    }
    o.insert(QStringLiteral("ports"), ps);
    if (!metricsEndpoint.isEmpty()) {
        o.insert(QStringLiteral("metrics"), metricsEndpoint);
    }
    o.insert(QStringLiteral("weight"), weight);
    o.insert(QStringLiteral("enabled"), enabled);
    if (!instanceAddress.isEmpty()) {
        o.insert(QStringLiteral("instanceAddress"), instanceAddress);
    }
    return o;
}

Result<NodeConfig> NodeConfig::fromJson(const QJsonObject& o)
{
    static const QSet<QString> known{QStringLiteral("name"),
                                     QStringLiteral("ssh"),
                                     QStringLiteral("control"),
                                     QStringLiteral("auth"),
                                     QStringLiteral("cookieFile"),
                                     QStringLiteral("passwordKeychainEntry"),
                                     QStringLiteral("hiddenServiceDir"),
                                     QStringLiteral("torUser"),
                                     QStringLiteral("ports"),
                                     QStringLiteral("metrics"),
                                     QStringLiteral("weight"),
                                     QStringLiteral("enabled"),
                                     QStringLiteral("instanceAddress")};
    NodeConfig n;
    n.name = o.value(QStringLiteral("name")).toString();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key())) {
            return nodeError(n.name, QStringLiteral("unknown field '%1' in the fleet file (secrets never belong there: "
                                                    "passwords and keys live in the keychain).")
                                         .arg(it.key().left(60)));
        }
    }
    const auto str = [&o](const char* k) { return o.value(QLatin1String(k)).toString(); };
    n.sshTarget = str("ssh");
    n.controlEndpoint = str("control");
    if (o.contains(QStringLiteral("auth"))) {
        auto a = parseAuthMethod(str("auth"));
        if (!a) {
            return nodeError(n.name, a.error().message);
        }
        n.auth = a.value();
    }
    n.cookieFile = str("cookieFile");
    n.hiddenServiceDir = str("hiddenServiceDir");
    n.torUser = str("torUser");
    n.metricsEndpoint = str("metrics");
    n.instanceAddress = str("instanceAddress");
    n.weight = o.value(QStringLiteral("weight")).toInt(1);
    n.enabled = o.value(QStringLiteral("enabled")).toBool(true);
    if (o.contains(QStringLiteral("passwordKeychainEntry")) &&
        (n.auth != AuthMethod::Password || str("passwordKeychainEntry") != n.passwordKeychainKey())) {
        return nodeError(n.name, QStringLiteral("passwordKeychainEntry must be %1 (a reference, not a password).")
                                     .arg(n.passwordKeychainKey()));
    }
    for (const QJsonValue& v : o.value(QStringLiteral("ports")).toArray()) {
        const QJsonObject p = v.toObject();
        auto m = PortMapping::parse(QString::number(p.value(QStringLiteral("virtual")).toInt()) + QLatin1Char(':') +
                                    p.value(QStringLiteral("target")).toString());
        if (!m) {
            return nodeError(n.name, m.error().message);
        }
        n.ports.append(m.value());
    }
    RB_TRY_STATUS(n.validate());
    return n;
}

}  // namespace rb::fleet
