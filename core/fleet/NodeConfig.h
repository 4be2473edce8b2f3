#pragma once
// One tor node of the fleet, as the operator configured it. Holds no secret:
// a control password lives in the keychain under passwordKeychainKey().
// A node may be incomplete while disabled (e.g. just imported from an
// Onionbalance config); an enabled node must be complete.

#include "util/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace rb::fleet {

enum class AuthMethod {
    SafeCookie,  // SAFECOOKIE with the cookie read over SSH (cookieFile or tor's PROTOCOLINFO path)
    CookieFile,  // plain COOKIE auth with the cookie file at cookieFile
    Password,    // HashedControlPassword; the password is in the keychain
    None,        // no authentication (only acceptable for a Unix socket with tight permissions)
};

QString authMethodName(AuthMethod method);
Result<AuthMethod> parseAuthMethod(const QString& text);

struct PortMapping {
    quint16 virtualPort = 0;
    QString target;  // on the node: "127.0.0.1:8080" or "unix:/path" (as in HiddenServicePort)
    friend bool operator==(const PortMapping& a, const PortMapping& b)
    {
        return a.virtualPort == b.virtualPort && a.target == b.target;
    }
    // "80:127.0.0.1:8080", "80:unix:/run/app.sock", "80:8080" or "80".
    static Result<PortMapping> parse(const QString& text);
    [[nodiscard]] QString toString() const;
};

struct NodeConfig {
    QString name;             // [A-Za-z0-9._-]{1,64}
    QString sshTarget;        // user@host[:port] or an ssh config alias
    QString controlEndpoint;  // on the node: "127.0.0.1:9051" or "unix:/run/tor/control"
    AuthMethod auth = AuthMethod::SafeCookie;
    QString cookieFile;        // on the node (absolute); empty = as PROTOCOLINFO reports
    QString hiddenServiceDir;  // on the node (absolute)
    QString torUser;           // e.g. debian-tor
    QList<PortMapping> ports;
    QString metricsEndpoint;  // on the node, TCP host:port; optional
    int weight = 1;           // 0..1000
    bool enabled = true;
    QString instanceAddress;  // the Onionbalance backend address it replaced (informational)

    // Well-formedness of every field that is set; enabled nodes must be complete.
    [[nodiscard]] Status validate() const;
    // Human-readable list of what must still be filled in before it can be enabled.
    [[nodiscard]] QStringList missingFields() const;
    [[nodiscard]] bool isComplete() const { return missingFields().isEmpty(); }
    // Keychain entry of the control password (auth == Password).
    [[nodiscard]] QString passwordKeychainKey() const;

    [[nodiscard]] QJsonObject toJson() const;
    static Result<NodeConfig> fromJson(const QJsonObject& object);
};

}  // namespace rb::fleet
