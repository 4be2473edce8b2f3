#pragma once
// Small blocking helpers for lab tests (test code only): a raw tor control
// exchange with cookie authentication, an HTTP GET through a SOCKS5 proxy with
// the host name resolved by the proxy (.onion), and a fresh master key written
// as tor's key files.

#include "util/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace rb::lab {

struct ControlReply {
    QString status;     // "250", "552", ...
    QStringList lines;  // every reply line without the code, data blocks un-dotted
};

// Connects to 127.0.0.1:port, AUTHENTICATEs with the 32-byte cookie file and
// sends each command; returns one reply per command. Asynchronous events are
// ignored.
Result<QList<ControlReply>> controlQuery(quint16 port, const QString& cookiePath, const QStringList& commands,
                                         int timeoutMs = 15000);

// Minimal SOCKS5 (no auth, ATYP domain) CONNECT + "GET path HTTP/1.0"; returns
// the whole HTTP response. A SOCKS failure names the reply code (tor: 0xF0
// descriptor not found, 0xF2 introduction failed, ...).
Result<QByteArray> socksHttpGet(quint16 socksPort, const QString& host, quint16 port, const QByteArray& path,
                                int timeoutMs = 30000);

// Generates a random Ed25519 master identity and writes hs_ed25519_secret_key,
// hs_ed25519_public_key and hostname into dir (0700, files 0600). Returns the
// "<56>.onion" address.
Result<QString> writeTestMasterKey(const QString& dir);

// Flags of every router in a consensus text ("r"/"s" lines, as in GETINFO
// ns/all): upper-case hex RSA fingerprint -> flags.
QMap<QString, QStringList> consensusFlags(const QStringList& lines);

}  // namespace rb::lab
