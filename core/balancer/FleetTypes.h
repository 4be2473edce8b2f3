#pragma once
// Plain data describing the live state of the fleet and of publication.
// Produced by the node sessions and the publisher (core/balancer), observed by
// the UI models and by `rbctl status`. Value types only: no QObject, no I/O.

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace rb::balancer {

enum class ConnectionState {
    Disconnected,    // not started / stopped
    Tunnelling,      // SSH tunnel being set up
    Connecting,      // TCP / local socket connecting
    Authenticating,  // PROTOCOLINFO / AUTHENTICATE
    Connected,       // authenticated, events subscribed
    BackingOff,      // lost; waiting before the next attempt
    Failed,          // gave up or needs operator action (bad credentials, host key)
};

enum class ConfigCheck {
    Unknown,  // not checked yet
    Ok,       // PublishHidServDescriptors 0, OB instance on, ob_config names the master
    Failed,   // see NodeHealth::problems; intro points are NOT published
};

struct ConfigProblem {
    QString what;  // e.g. "HiddenServiceOnionbalanceInstance is not set"
    QString fix;   // e.g. "Add 'HiddenServiceOnionbalanceInstance 1' and restart tor (not reload)"
};

struct IntroPointInfo {
    QByteArray authKey;          // 32-byte ed25519 auth key (identifies the intro point)
    QString relayFingerprint;    // legacy RSA id, hex upper-case
    QString relayNickname;       // from circuit-status when known
    QDateTime firstSeen;         // when we first harvested it
    bool circuitEstablished = false;  // HS_SERVICE_INTRO circuit in HSSI_ESTABLISHED
    bool published = false;           // part of the merged descriptor(s) now
};

struct Intro2Stats {
    quint64 couldNotGetKeysWarnings = 0;  // "Could not get valid INTRO2 keys" WARN lines
    quint64 invalidIntroduce2 = 0;        // tor_hs_intro_rejected_intro_req_count{reason=...}
    quint64 subcredential = 0;
    quint64 badAuthKey = 0;
    quint64 replay = 0;
    double perMinute = 0.0;               // recent rate of all of the above
    QDateTime lastSeen;
    [[nodiscard]] quint64 total() const
    {
        return couldNotGetKeysWarnings + invalidIntroduce2 + subcredential + badAuthKey + replay;
    }
};

// What the node's configuration check found, as facts (the problems list says
// the same in words). Diagnostics (core/diagnostics) reason over these.
struct NodeConfigFacts {
    bool known = false;                  // false until the check has run
    bool publishesOwnDescriptor = false; // PublishHidServDescriptors is not 0
    bool obInstanceOption = false;       // HiddenServiceOnionbalanceInstance 1 is in the running config
    bool obInstanceNeedsRestart = false; // option turned on by reload only (tor needs a restart)
    bool obConfigPresent = false;        // <HiddenServiceDir>/ob_config exists and was read
    QString obConfigMaster;              // MasterOnionAddress named in ob_config ("" if none)
    bool obConfigNamesMaster = false;    // obConfigMaster equals the master's address
};

struct NodeHealth {
    QString name;
    ConnectionState connection = ConnectionState::Disconnected;
    QString connectionDetail;    // last error or tunnel state in words
    QString torVersion;
    int bootstrapPercent = 0;
    int introEstablished = 0;    // established intro circuits
    int introExpected = 0;       // HiddenServiceNumIntroductionPoints × descriptors
    QList<IntroPointInfo> introPoints;
    quint64 rendezvousCount = 0;  // HS_SERVICE_REND circuits joined
    QStringList recentWarnings;   // newest last, bounded
    ConfigCheck configCheck = ConfigCheck::Unknown;
    QList<ConfigProblem> problems;
    Intro2Stats intro2;
    QString deployState;          // "deployed", "not deployed", "deploying…", "rolled back"
    bool descriptorReady = false; // has a current descriptor with intro points and rev > 0
    quint64 descriptorRevision = 0;
    QDateTime descriptorFetched;
    QDateTime lastChange;
    // Added for the console (ui helper):
    NodeConfigFacts config;             // structured form of the configuration check
    quint64 descriptorPeriodNumber = 0; // time period of the node's current descriptor (0 = unknown)
    QMap<QString, double> metrics;      // MetricsPort figures, e.g. "tor_hs_intro_established_count" -> 3
    QString sshTarget;                  // "user@host:port" or "" for a local node (shown, not a secret)
    QString tunnelState;                // "up", "down", "local", or a short word from the tunnel
};

enum class UploadState { Pending, Uploaded, Failed, TimedOut };

struct UploadResult {
    QString hsdirFingerprint;  // hex, upper-case, no '$'
    QString hsdirNickname;
    UploadState state = UploadState::Pending;
    QString reason;            // REASON= from HS_DESC FAILED, or "timeout"
    int attempts = 0;
    QDateTime at;
    QDateTime nextRetry;
};

struct DescriptorPublication {
    QString which;                  // "first" or "second"
    quint64 periodNumber = 0;
    quint64 periodLengthMinutes = 0;
    QByteArray blindedKey;          // 32 bytes
    quint64 revisionCounter = 0;
    int sizeBytes = 0;
    int introPointCount = 0;
    QMap<QString, int> introPointsByNode;  // node name -> count
    QString notes;                  // e.g. why pow-params is omitted
    QDateTime builtAt;
    QList<UploadResult> uploads;
    // Added for the console (ui helper):
    QMap<QByteArray, QString> introPointOwner;  // intro auth key (32 bytes) -> node name
    QByteArray descriptorText;                  // the published (encrypted) descriptor, for the inspector
};

struct PublicationState {
    DescriptorPublication first;
    DescriptorPublication second;
    QDateTime lastPublished;
    QDateTime nextScheduled;
    bool autoPublish = true;
    QString lastDecision;           // "published: intro set changed", "skipped: nothing changed", ...
    bool publishing = false;        // a publication is under way (publishNow() accepted)
    quint64 currentPeriodNumber = 0;  // the consensus' current time period (0 = unknown)
};

// The master identity as the console shows it (never the key itself).
enum class KeychainState {
    Unknown,      // not asked yet
    Missing,      // no master key stored
    Locked,       // keychain present but locked / not unlocked yet
    Available,    // key loaded into secure memory
    Error,        // keychain error (see detail)
};

struct MasterState {
    QString address;     // "<56 chars>.onion", empty when no master key is set
    KeychainState keychain = KeychainState::Unknown;
    QString keychainDetail;  // operator-facing words (e.g. "Secret Service not running")
};

}  // namespace rb::balancer
