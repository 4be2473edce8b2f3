#include "balancer/NodeSession.h"

#include "control/LogEvent.h"
#include "control/MetricsFetcher.h"
#include "control/StatusEvent.h"
#include "control/Syntax.h"
#include "descriptor/DescriptorDecoder.h"

#include <QLocalSocket>
#include <QTcpSocket>

#include <algorithm>
#include <memory>

namespace rb::balancer {

namespace {

constexpr qsizetype kMaxObConfigBytes = 64 * 1024;
constexpr qsizetype kMaxHostnameBytes = 1024;
const QByteArray kIntro2Warning = QByteArrayLiteral("Could not get valid INTRO2 keys");
const QByteArray kReloadAssertion = QByteArrayLiteral("ob_subcreds");
const QByteArray kInitiatingUpload = QByteArrayLiteral("Initiating upload for hidden service");

QString severityName(control::LogEvent::Severity s)
{
    switch (s) {
    case control::LogEvent::Severity::Debug:
        return QStringLiteral("debug");
    case control::LogEvent::Severity::Info:
        return QStringLiteral("info");
    case control::LogEvent::Severity::Notice:
        return QStringLiteral("notice");
    case control::LogEvent::Severity::Warn:
        return QStringLiteral("warn");
    case control::LogEvent::Severity::Err:
        return QStringLiteral("err");
    }
    return QStringLiteral("notice");
}

bool isServicePurpose(const QByteArray& purpose)
{
    return purpose == "HS_SERVICE_INTRO" || purpose == "HS_SERVICE_REND";
}

}  // namespace

NodeSession::NodeSession(NodeEndpoint endpoint, NodeCredentials credentials, onion::OnionAddress master,
                         QObject* parent)
    : NodeSession(std::move(endpoint), std::move(credentials), std::move(master), Settings{}, parent)
{
}

NodeSession::NodeSession(NodeEndpoint endpoint, NodeCredentials credentials, onion::OnionAddress master,
                         Settings settings, QObject* parent)
    : QObject(parent),
      m_endpoint(std::move(endpoint)),
      m_credentials(std::move(credentials)),
      m_master(std::move(master)),
      m_settings(settings),
      m_backoff(settings.reconnect, settings.seed)
{
    m_health.name = m_endpoint.name;
    m_health.tunnelState = m_endpoint.provider ? m_endpoint.provider->tunnelState() : QStringLiteral("local");
    m_configInputs.masterAddress = m_master.toString();
    m_configInputs.configuredHiddenServiceDir = m_endpoint.hiddenServiceDir;

    for (QTimer* t : {&m_reconnectTimer, &m_connectTimer, &m_harvestTimer, &m_followUpTimer}) {
        t->setSingleShot(true);
    }
    connect(&m_reconnectTimer, &QTimer::timeout, this, &NodeSession::connectNow);
    connect(&m_connectTimer, &QTimer::timeout, this, [this]() {
        connectionFailed(m_gen, makeError(ErrorCode::Timeout,
                                          QStringLiteral("No answer from %1 within %2 s: check the address and that "
                                                         "tor's ControlPort is enabled")
                                              .arg(m_endpoint.provider ? m_endpoint.provider->describe() : QString())
                                              .arg(m_settings.connectTimeoutMs / 1000)));
    });
    connect(&m_harvestTimer, &QTimer::timeout, this, &NodeSession::harvest);
    connect(&m_followUpTimer, &QTimer::timeout, this, &NodeSession::harvest);
    m_rereadTimer.setInterval(m_settings.rereadIntervalMs);
    connect(&m_rereadTimer, &QTimer::timeout, this, [this]() {
        harvest();
        if (!m_circuitsKnown) {
            refreshCircuits();
        }
    });
    m_configTimer.setInterval(m_settings.configCheckIntervalMs);
    connect(&m_configTimer, &QTimer::timeout, this, &NodeSession::checkConfig);
    m_metricsTimer.setInterval(m_settings.metricsIntervalMs);
    connect(&m_metricsTimer, &QTimer::timeout, this, &NodeSession::fetchMetrics);
}

NodeSession::~NodeSession()
{
    ++m_gen;  // stale every callback still pending
    m_running = false;
    if (m_channel) {
        disconnect(m_channel, nullptr, this, nullptr);
        delete m_channel.data();
    }
    if (m_device) {
        disconnect(m_device, nullptr, this, nullptr);
        delete m_device.data();
    }
}

control::ControlClient* NodeSession::client() const
{
    return isConnected() ? m_client.data() : nullptr;
}

void NodeSession::start()
{
    if (m_running) {
        return;
    }
    m_running = true;
    connectNow();
}

void NodeSession::stop()
{
    m_running = false;
    m_reconnectTimer.stop();
    const bool was = isConnected();
    teardown();
    ++m_gen;
    setConnection(ConnectionState::Disconnected, QStringLiteral("stopped"));
    if (was) {
        emit connectionChanged(name(), false);
    }
}

void NodeSession::reconnectNow()
{
    const bool was = isConnected();
    m_running = true;
    m_reconnectTimer.stop();
    teardown();
    if (was) {
        emit connectionChanged(name(), false);
    }
    m_backoff.reset();
    connectNow();
    // The operator asked: re-read the files too.
    m_configInputs.obConfig = NodeConfigInputs::FileState::NotRead;
}

void NodeSession::setConnection(ConnectionState state, const QString& detail)
{
    if (m_health.connection == state && m_health.connectionDetail == detail) {
        return;
    }
    m_health.connection = state;
    m_health.connectionDetail = detail;
    if (m_endpoint.provider) {
        m_health.tunnelState = m_endpoint.provider->tunnelState();
    }
    touch();
}

void NodeSession::touch()
{
    m_health.lastChange = QDateTime::currentDateTimeUtc();
    emit healthChanged(name());
}

void NodeSession::note(const QString& severity, const QString& message)
{
    emit logLine(name(), severity, message);
}

// ---------------------------------------------------------------------------
// connection

void NodeSession::connectNow()
{
    if (!m_running) {
        return;
    }
    teardown();
    const quint64 gen = ++m_gen;
    if (!m_endpoint.provider) {
        m_running = false;
        setConnection(ConnectionState::Failed, QStringLiteral("No control address is configured for this node"));
        return;
    }
    setConnection(ConnectionState::Connecting, QStringLiteral("connecting to %1").arg(m_endpoint.provider->describe()));
    QPointer<NodeSession> self(this);
    m_endpoint.provider->resolveControl([self, gen](Result<ControlAddress> address) {
        if (!self || gen != self->m_gen) {
            return;
        }
        if (!address) {
            self->connectionFailed(gen, address.error());
            return;
        }
        self->openDevice(gen, *address);
    });
}

void NodeSession::openDevice(quint64 gen, const ControlAddress& address)
{
    m_connectTimer.start(m_settings.connectTimeoutMs);
    if (address.kind == ControlAddress::Kind::Unix) {
        auto* s = new QLocalSocket(this);
        m_device = s;
        connect(s, &QLocalSocket::connected, this, [this, gen]() { onDeviceConnected(gen); });
        connect(s, &QLocalSocket::errorOccurred, this, [this, gen, s](QLocalSocket::LocalSocketError) {
            if (!m_channel) {
                connectionFailed(gen, makeError(ErrorCode::Unavailable,
                                                QStringLiteral("Cannot connect to tor's control socket %1")
                                                    .arg(m_endpoint.provider->describe()),
                                                s->errorString()));
            }
        });
        s->connectToServer(address.path);
    } else {
        auto* s = new QTcpSocket(this);
        m_device = s;
        connect(s, &QTcpSocket::connected, this, [this, gen]() { onDeviceConnected(gen); });
        connect(s, &QAbstractSocket::errorOccurred, this, [this, gen, s](QAbstractSocket::SocketError) {
            if (!m_channel) {
                connectionFailed(gen, makeError(ErrorCode::Unavailable,
                                                QStringLiteral("Cannot connect to tor's control port %1")
                                                    .arg(m_endpoint.provider->describe()),
                                                s->errorString()));
            }
        });
        s->connectToHost(address.host, address.port);
    }
}

void NodeSession::onDeviceConnected(quint64 gen)
{
    if (gen != m_gen || !m_device) {
        return;
    }
    m_connectTimer.stop();
    m_channel = new control::ControlChannel(m_device, this);
    m_client = new control::ControlClient(m_channel, this);
    m_client->setDefaultTimeout(std::chrono::milliseconds(m_settings.commandTimeoutMs));
    connect(m_channel, &control::ControlChannel::closed, this, [this, gen]() { onChannelClosed(gen); });
    subscribeEvents();
    setConnection(ConnectionState::Authenticating, QStringLiteral("authenticating"));

    // The remote cookie rule (NodeEndpoint.h): no local cookie file and a
    // provider that reads the cookie where tor runs.
    if (!m_endpoint.cookieFile.isEmpty() || !m_endpoint.provider || !m_endpoint.provider->canReadCookie()) {
        authenticate(gen, std::nullopt);
        return;
    }
    QPointer<NodeSession> self(this);
    m_client->protocolInfo([self, gen](Result<control::ProtocolInfo> info) {
        if (!self || gen != self->m_gen) {
            return;
        }
        if (!info) {
            self->connectionFailed(gen, info.error());
            return;
        }
        const bool cookieOffered = info->offers(QStringLiteral("SAFECOOKIE")) || info->offers(QStringLiteral("COOKIE"));
        const bool passwordInstead = self->m_credentials.password && info->offers(QStringLiteral("HASHEDPASSWORD"));
        if (info->offers(QStringLiteral("NULL")) || !cookieOffered || passwordInstead) {
            self->authenticate(gen, std::nullopt);
            return;
        }
        self->readRemoteCookie(gen, info->cookieFile);
    });
}

void NodeSession::readRemoteCookie(quint64 gen, const QString& advertisedPath)
{
    const QString path = m_endpoint.provider->cookiePath(advertisedPath);
    const QString via = m_endpoint.provider->describe();
    note(QStringLiteral("debug"), QStringLiteral("reading the control cookie %1 on the node (%2)")
                                      .arg(path.isEmpty() ? QStringLiteral("(unknown path)") : path, via));
    QPointer<NodeSession> self(this);
    m_endpoint.provider->readCookie(advertisedPath, [self, gen, path](Result<crypto::SecretBuffer> cookie) {
        if (!self || gen != self->m_gen) {
            return;
        }
        const QString shown = path.isEmpty() ? QStringLiteral("(tor advertises no COOKIEFILE)") : path;
        if (!cookie) {
            const Error& e = cookie.error();
            const bool access = e.code == ErrorCode::PermissionDenied || e.code == ErrorCode::IoError ||
                                e.code == ErrorCode::NotFound;
            QString message = QStringLiteral("could not read the control cookie %1 on the node over SSH: %2")
                                  .arg(shown, e.message);
            if (access) {
                message += QStringLiteral(" Check CookieAuthFile / CookieAuthFileGroupReadable 1 in the node's "
                                          "torrc and that the SSH user is in tor's group (or use sudo for the node).");
            }
            self->connectionFailed(gen, makeError(ErrorCode::AuthFailed, message, e.detail));
            return;
        }
        if (cookie->size() != 32) {
            self->connectionFailed(
                gen, makeError(ErrorCode::AuthFailed,
                               QStringLiteral("could not use the control cookie %1 read on the node over SSH: it is %2 "
                                              "bytes, a tor control cookie is exactly 32; check that CookieAuthFile "
                                              "points at tor's control_auth_cookie")
                                   .arg(shown)
                                   .arg(cookie->size())));
            return;
        }
        self->authenticate(gen, std::move(cookie).value());
    });
}

void NodeSession::authenticate(quint64 gen, std::optional<crypto::SecretBuffer> cookie)
{
    if (gen != m_gen || !m_client) {
        return;
    }
    control::AuthCredentials creds;
    creds.cookieFile = m_endpoint.cookieFile;
    if (m_credentials.password) {
        creds.password = m_credentials.password->clone();
    }
    const bool remote = cookie.has_value();
    creds.cookie = std::move(cookie);
    const bool providerReads = m_endpoint.provider && m_endpoint.provider->canReadCookie();
    creds.useAdvertisedCookieFile =
        m_endpoint.useAdvertisedCookie && m_endpoint.cookieFile.isEmpty() && !remote && !providerReads;
    m_authMethod.reset();
    QPointer<NodeSession> self(this);
    m_client->authenticate(std::move(creds), [self, gen, remote](Result<control::AuthMethod> method) {
        if (!self || gen != self->m_gen) {
            return;
        }
        if (!method) {
            self->connectionFailed(gen, method.error());
            return;
        }
        self->m_authMethod = *method;
        self->m_remoteCookieAuth = remote;
        self->note(QStringLiteral("info"),
                   QStringLiteral("authenticated with %1%2")
                       .arg(control::authMethodName(*method),
                            remote ? QStringLiteral(" (control cookie read on the node over SSH)") : QString()));
        self->afterAuthentication(gen);
    });
}

void NodeSession::afterAuthentication(quint64 gen)
{
    QPointer<NodeSession> self(this);
    if (const auto& pi = m_client->cachedProtocolInfo(); pi && !pi->torVersion.isEmpty()) {
        m_health.torVersion = pi->torVersion;
    }
    m_client->getInfo(
        {QStringLiteral("version"), QStringLiteral("status/bootstrap-phase")},
        [self, gen](Result<control::InfoMap> info) {
            if (!self || gen != self->m_gen) {
                return;
            }
            if (!info) {
                self->connectionFailed(gen, info.error());
                return;
            }
            self->m_health.torVersion = QString::fromLatin1(info->value(QStringLiteral("version"))).section(u' ', 0, 0);
            const QByteArray phase = info->value(QStringLiteral("status/bootstrap-phase"));
            if (auto f = control::parseFields(phase); f) {
                if (auto p = f->value("PROGRESS"); p) {
                    self->m_health.bootstrapPercent = p->toInt();
                }
            }
            QStringList events{QStringLiteral("HS_DESC"), QStringLiteral("CIRC"), QStringLiteral("CIRC_MINOR"),
                               QStringLiteral("STATUS_CLIENT"), QStringLiteral("WARN"), QStringLiteral("ERR"),
                               QStringLiteral("NOTICE")};
            if (self->m_endpoint.infoEvents) {
                events << QStringLiteral("INFO");
            }
            self->m_client->setEvents(events, [self, gen](Status st) {
                if (!self || gen != self->m_gen) {
                    return;
                }
                if (!st.ok()) {
                    self->connectionFailed(gen, st.error());
                    return;
                }
                self->m_backoff.reset();
                self->m_connectedAt = QDateTime::currentDateTimeUtc();
                self->setConnection(ConnectionState::Connected,
                                    QStringLiteral("connected to %1").arg(self->m_endpoint.provider->describe()));
                self->note(QStringLiteral("notice"), QStringLiteral("connected (tor %1, bootstrapped %2%)")
                                                         .arg(self->m_health.torVersion)
                                                         .arg(self->m_health.bootstrapPercent));
                emit self->connectionChanged(self->name(), true);
                self->checkConfig();
                self->refreshCircuits();
                self->harvest();
                self->fetchMetrics();
                self->m_rereadTimer.start();
                self->m_configTimer.start();
                if (self->m_endpoint.provider->metricsAddress()) {
                    self->m_metricsTimer.start();
                }
            });
        },
        std::nullopt);
}

void NodeSession::connectionFailed(quint64 gen, const Error& error)
{
    if (gen != m_gen) {
        return;
    }
    const bool was = isConnected();
    teardown();
    if (was) {
        emit connectionChanged(name(), false);
    }
    scheduleReconnect(error);
}

void NodeSession::onChannelClosed(quint64 gen)
{
    if (gen != m_gen) {
        return;
    }
    Error reason = m_channel ? m_channel->closeReason()
                             : makeError(ErrorCode::Disconnected, QStringLiteral("tor closed the control connection"));
    connectionFailed(gen, reason);
}

void NodeSession::scheduleReconnect(const Error& error)
{
    if (!m_running) {
        setConnection(ConnectionState::Disconnected, error.message);
        return;
    }
    const int delay = m_backoff.nextDelayMs();
    const bool auth = error.code == ErrorCode::AuthFailed;
    // Credentials problems need the operator; keep trying slowly (tor rewrites
    // its cookie on restart, so a retry may succeed on its own).
    const int wait = auth ? std::max(delay, m_backoff.policy().maxMs) : delay;
    const QString detail = QStringLiteral("%1 — retrying in %2 s").arg(error.message).arg((wait + 999) / 1000);
    note(QStringLiteral("warn"), error.toString());
    setConnection(auth ? ConnectionState::Failed : ConnectionState::BackingOff, detail);
    m_reconnectTimer.start(wait);
}

void NodeSession::teardown()
{
    ++m_gen;  // every callback of the old connection is stale from here on
    m_connectTimer.stop();
    m_harvestTimer.stop();
    m_followUpTimer.stop();
    m_rereadTimer.stop();
    m_configTimer.stop();
    m_metricsTimer.stop();
    m_harvestInFlight = false;
    m_harvestAgain = false;
    m_configInFlight = false;
    control::MetricsFetcher* metrics = m_metrics.data();
    control::ControlClient* client = m_client.data();
    control::ControlChannel* channel = m_channel.data();
    QIODevice* device = m_device.data();
    m_metrics = nullptr;
    m_client = nullptr;
    m_channel = nullptr;
    m_device = nullptr;
    if (metrics) {
        metrics->deleteLater();
    }
    if (client) {
        client->deleteLater();
    }
    if (channel) {
        disconnect(channel, nullptr, this, nullptr);
        if (channel->isOpen()) {
            channel->close(makeError(ErrorCode::Cancelled, QStringLiteral("connection closed by the session")));
        }
        channel->deleteLater();
    }
    if (device) {
        disconnect(device, nullptr, this, nullptr);
        device->close();
        device->deleteLater();
    }
    if (m_endpoint.provider && (channel || device)) {
        m_endpoint.provider->release();
    }
    // Circuit state is per connection; the descriptor stays for display.
    m_circuits.clear();
    m_circuitsKnown = false;
    m_health.introEstablished = 0;
    rebuildIntroInfo();
}

// ---------------------------------------------------------------------------
// events

void NodeSession::subscribeEvents()
{
    m_channel->subscribe("HS_DESC", [this](const control::Reply& r) { onHsDesc(r); });
    m_channel->subscribe("CIRC", [this](const control::Reply& r) { onCircuit(r); });
    m_channel->subscribe("CIRC_MINOR", [this](const control::Reply& r) { onCircuit(r); });
    m_channel->subscribe("STATUS_CLIENT", [this](const control::Reply& r) { onStatus(r); });
    for (const char* kw : {"WARN", "ERR", "NOTICE", "INFO"}) {
        m_channel->subscribe(kw, [this](const control::Reply& r) { onLog(r); });
    }
}

void NodeSession::onHsDesc(const control::Reply& event)
{
    auto ev = control::HsDescEvent::parse(event);
    if (!ev) {
        return;
    }
    if (QString::fromLatin1(ev->address) != masterId()) {
        return;
    }
    if (ev->action == control::HsDescEvent::Action::Created) {
        requestHarvest(QStringLiteral("descriptor created"));
    }
    emit hsDescEvent(name(), *ev);
}

void NodeSession::onCircuit(const control::Reply& event)
{
    auto parsed = control::CircuitEvent::parse(event);
    if (!parsed) {
        return;
    }
    const control::CircuitEvent& c = *parsed;
    const bool known = m_circuits.contains(c.id);
    const bool closing = c.status == "CLOSED" || c.status == "FAILED";
    if (closing) {
        if (known) {
            const bool intro = m_circuits.value(c.id).isServiceIntro();
            m_circuits.remove(c.id);
            if (intro) {
                introCircuitsChanged();
            }
        }
        return;
    }
    if (!isServicePurpose(c.purpose)) {
        if (known) {  // repurposed away from the service
            const bool intro = m_circuits.value(c.id).isServiceIntro();
            m_circuits.remove(c.id);
            if (intro) {
                introCircuitsChanged();
            }
        }
        return;
    }
    control::CircuitEvent merged = c;
    if (merged.rendQuery.isEmpty() && known) {
        merged.rendQuery = m_circuits.value(c.id).rendQuery;
    }
    if (!merged.rendQuery.isEmpty() && QString::fromLatin1(merged.rendQuery) != masterId()) {
        if (known) {
            m_circuits.remove(c.id);
        }
        return;  // another service on this node
    }
    const bool wasEstablished = known && m_circuits.value(c.id).isIntroEstablished();
    m_circuits.insert(c.id, merged);
    if (merged.purpose == "HS_SERVICE_REND" && merged.hsState == "HSSR_JOINED" && !m_joinedRend.contains(c.id)) {
        m_joinedRend.insert(c.id);
        if (m_joinedRend.size() > 4096) {
            m_joinedRend.clear();
        }
        ++m_health.rendezvousCount;
        touch();
    }
    if (merged.isServiceIntro() && merged.isIntroEstablished() != wasEstablished) {
        introCircuitsChanged();
    }
}

void NodeSession::introCircuitsChanged()
{
    rebuildIntroInfo();
    touch();
    if (m_circuitsKnown && usableKeys() != m_lastUsableKeys) {
        m_lastUsableKeys = usableKeys();
        emit introPointsChanged(name());
    }
    requestHarvest(QStringLiteral("intro circuits changed"));
    // tor rewrites its descriptor once every intro circuit is up: look again.
    m_followUpTimer.start(m_settings.followUpRereadMs);
}

void NodeSession::onLog(const control::Reply& event)
{
    auto ev = control::LogEvent::parse(event);
    if (!ev) {
        return;
    }
    const QString sev = severityName(ev->severity);
    if (ev->severity == control::LogEvent::Severity::Info ||
        ev->severity == control::LogEvent::Severity::Debug) {
        if (ev->message.contains(kInitiatingUpload)) {
            requestHarvest(QStringLiteral("tor refreshed its descriptor"));
        }
        return;
    }
    const QString text = control::printable(ev->message, 1000);
    if (ev->severity == control::LogEvent::Severity::Warn || ev->severity == control::LogEvent::Severity::Err) {
        m_health.recentWarnings.append(text);
        while (m_health.recentWarnings.size() > m_settings.maxWarnings) {
            m_health.recentWarnings.removeFirst();
        }
        if (ev->message.contains(kIntro2Warning)) {
            ++m_health.intro2.couldNotGetKeysWarnings;
            m_health.intro2.lastSeen = QDateTime::currentDateTimeUtc();
        }
        if (ev->message.contains(kReloadAssertion) && !m_configInputs.reloadAssertionSeen) {
            m_configInputs.reloadAssertionSeen = true;
            evaluateConfig();
        }
        touch();
    }
    note(sev, text);
}

void NodeSession::onStatus(const control::Reply& event)
{
    auto ev = control::StatusEvent::parse(event);
    if (!ev || ev->action != "BOOTSTRAP") {
        return;
    }
    if (auto p = ev->arguments.value("PROGRESS"); p) {
        const int v = p->toInt();
        if (v != m_health.bootstrapPercent) {
            m_health.bootstrapPercent = v;
            touch();
        }
    }
}

void NodeSession::refreshCircuits()
{
    if (!m_client || !isConnected()) {
        return;
    }
    const quint64 gen = m_gen;
    QPointer<NodeSession> self(this);
    m_client->getInfoValue(
        QStringLiteral("circuit-status"),
        [self, gen](Result<QByteArray> value) {
            if (!self || gen != self->m_gen || !value) {
                return;
            }
            auto list = control::CircuitEvent::parseCircuitStatus(*value);
            if (!list) {
                return;
            }
            self->m_circuits.clear();
            for (const control::CircuitEvent& c : *list) {
                if (isServicePurpose(c.purpose) && QString::fromLatin1(c.rendQuery) == self->masterId()) {
                    self->m_circuits.insert(c.id, c);
                }
            }
            self->m_circuitsKnown = true;
            self->introCircuitsChanged();
        },
        std::nullopt);
}

// ---------------------------------------------------------------------------
// harvest

void NodeSession::requestHarvest(const QString& why)
{
    Q_UNUSED(why)
    if (!isConnected()) {
        return;
    }
    if (!m_harvestTimer.isActive()) {
        m_harvestTimer.start(m_settings.harvestDebounceMs);
    }
}

void NodeSession::harvest()
{
    if (!m_client || !isConnected()) {
        return;
    }
    if (m_harvestInFlight) {
        m_harvestAgain = true;
        return;
    }
    m_harvestInFlight = true;
    const quint64 gen = m_gen;
    QPointer<NodeSession> self(this);
    m_client->getInfoValue(
        QStringLiteral("hs/service/desc/id/") + masterId(),
        [self, gen](Result<QByteArray> value) {
            if (!self || gen != self->m_gen) {
                return;
            }
            self->m_harvestInFlight = false;
            if (value) {
                self->m_descriptorMissing = false;
                self->applyDescriptor(*value);
            } else if (value.error().code == ErrorCode::Rejected || value.error().code == ErrorCode::NotFound) {
                // "552 Unrecognized key" / not found: no descriptor (yet) for the master.
                self->m_descriptorMissing = true;
                self->applyDescriptor(QByteArray());
            } else {
                return;  // the channel failed; the session reconnects
            }
            if (self->m_harvestAgain) {
                self->m_harvestAgain = false;
                self->requestHarvest(QStringLiteral("again"));
            }
        },
        std::nullopt);
}

void NodeSession::applyDescriptor(const QByteArray& text)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_health.descriptorFetched = now;
    if (text == m_descriptorText && (!text.isEmpty() || m_descriptorMissing)) {
        evaluateConfig();
        if (!m_health.descriptorReady && isConnected()) {
            m_followUpTimer.start(m_settings.notReadyRereadMs);
        }
        if (!text.isEmpty()) {
            return;
        }
        if (m_introPoints.isEmpty() && !m_health.descriptorReady) {
            return;  // still no descriptor: nothing changed
        }
    }
    const bool hadDescriptor = !m_descriptorText.isEmpty();
    m_descriptorText = text;
    QList<descriptor::IntroPoint> intros;
    QByteArray blinded;
    quint64 revision = 0;
    QString problem;
    if (!text.isEmpty()) {
        descriptor::DecodeOptions opts;
        opts.now = -1;  // tor's own certificates; ours replace them anyway
        opts.expectedSendmeIncrement = -1;
        opts.maxDescriptorSize = 1024 * 1024;
        auto d = descriptor::DescriptorDecoder::decode(m_master.publicKey(), text, opts);
        if (d) {
            intros = d->inner.introPoints;
            blinded = d->blindedKey;
            revision = d->outer.revisionCounter;
        } else {
            problem = d.error().message;
        }
    }
    m_introPoints = intros;
    m_blindedKey = blinded;
    m_health.descriptorRevision = revision;
    const bool ready = revision > 0 && !intros.isEmpty();
    if (ready != m_health.descriptorReady || !problem.isEmpty()) {
        if (!problem.isEmpty()) {
            note(QStringLiteral("warn"), QStringLiteral("the node's descriptor does not verify with the master key: %1")
                                             .arg(problem));
        } else if (ready) {
            note(QStringLiteral("info"), QStringLiteral("descriptor ready: %1 intro points, revision %2")
                                             .arg(intros.size())
                                             .arg(revision));
        } else if (hadDescriptor || !text.isEmpty()) {
            note(QStringLiteral("info"), QStringLiteral("descriptor not ready yet (revision %1, %2 intro points)")
                                             .arg(revision)
                                             .arg(intros.size()));
        }
    }
    m_health.descriptorReady = ready;
    for (const auto& ip : intros) {
        const QByteArray key = ip.authKey().toByteArray();
        if (!m_firstSeen.contains(key)) {
            m_firstSeen.insert(key, now);
        }
    }
    rebuildIntroInfo();
    evaluateConfig();
    touch();
    m_lastUsableKeys = usableKeys();
    emit introPointsChanged(name());
    if (!ready && isConnected()) {
        // A (re)starting node: look again soon rather than at the next slow re-read.
        m_followUpTimer.start(m_settings.notReadyRereadMs);
    }
}

QList<QByteArray> NodeSession::usableKeys() const
{
    QList<QByteArray> keys;
    for (const auto& ip : usableIntroPoints()) {
        keys.append(ip.authKey().toByteArray());
    }
    return keys;
}

QList<descriptor::IntroPoint> NodeSession::usableIntroPoints() const
{
    if (!m_health.descriptorReady) {
        return {};
    }
    if (!m_circuitsKnown) {
        return m_introPoints;
    }
    QSet<QByteArray> established;
    for (const auto& c : m_circuits) {
        if (c.isServiceIntro() && c.isIntroEstablished() && !c.path.isEmpty()) {
            established.insert(c.path.last().fingerprint);
        }
    }
    QList<descriptor::IntroPoint> out;
    for (const auto& ip : m_introPoints) {
        const QByteArray fp = ip.legacyId().toHex().toUpper();
        if (fp.isEmpty() || established.contains(fp)) {
            out.append(ip);
        }
    }
    return out;
}

void NodeSession::rebuildIntroInfo()
{
    QMap<QByteArray, QByteArray> nickByFp;
    QSet<QByteArray> established;
    int count = 0;
    for (const auto& c : m_circuits) {
        if (!c.isServiceIntro() || !c.isIntroEstablished()) {
            continue;
        }
        ++count;
        if (!c.path.isEmpty()) {
            established.insert(c.path.last().fingerprint);
            nickByFp.insert(c.path.last().fingerprint, c.path.last().nickname);
        }
    }
    m_health.introEstablished = count;
    m_health.introExpected = m_verdict.introPointsPerDescriptor * 2;
    QList<IntroPointInfo> infos;
    for (const auto& ip : m_introPoints) {
        IntroPointInfo info;
        info.authKey = ip.authKey().toByteArray();
        const QByteArray fp = ip.legacyId().toHex().toUpper();
        info.relayFingerprint = QString::fromLatin1(fp);
        info.relayNickname = QString::fromLatin1(nickByFp.value(fp));
        info.firstSeen = m_firstSeen.value(info.authKey);
        info.circuitEstablished = established.contains(fp);
        info.published = m_published.contains(info.authKey);
        infos.append(info);
    }
    m_health.introPoints = infos;
}

bool NodeSession::isEligible(QString* whyNot) const
{
    auto no = [whyNot](const QString& why) {
        if (whyNot) {
            *whyNot = why;
        }
        return false;
    };
    if (!isConnected()) {
        return no(QStringLiteral("not connected (%1)").arg(m_health.connectionDetail));
    }
    if (m_health.configCheck == ConfigCheck::Failed) {
        return no(QStringLiteral("configuration check failed: %1")
                      .arg(m_health.problems.isEmpty() ? QString() : m_health.problems.first().what));
    }
    if (m_health.configCheck != ConfigCheck::Ok) {
        return no(QStringLiteral("configuration not checked yet"));
    }
    if (!m_health.descriptorReady) {
        return no(m_descriptorMissing ? QStringLiteral("no descriptor for the master yet")
                                      : QStringLiteral("descriptor not ready (revision 0 or no intro points)"));
    }
    if (usableIntroPoints().isEmpty()) {
        return no(QStringLiteral("no established intro circuit"));
    }
    return true;
}

void NodeSession::setPublishedIntroPoints(const QSet<QByteArray>& authKeys)
{
    if (authKeys == m_published) {
        return;
    }
    m_published = authKeys;
    rebuildIntroInfo();
    touch();
}

void NodeSession::setDescriptorPeriod(quint64 periodNumber)
{
    if (m_health.descriptorPeriodNumber != periodNumber) {
        m_health.descriptorPeriodNumber = periodNumber;
        touch();
    }
}

void NodeSession::setDeployState(const QString& state)
{
    if (m_health.deployState != state) {
        m_health.deployState = state;
        touch();
    }
}

// ---------------------------------------------------------------------------
// configuration check

void NodeSession::checkConfig()
{
    if (!m_client || !isConnected() || m_configInFlight) {
        return;
    }
    m_configInFlight = true;
    const quint64 gen = m_gen;
    QPointer<NodeSession> self(this);
    m_client->getConf(
        {QStringLiteral("PublishHidServDescriptors"), QStringLiteral("HiddenServiceOptions")},
        [self, gen](Result<QList<control::ConfEntry>> conf) {
            if (!self || gen != self->m_gen) {
                return;
            }
            self->m_configInFlight = false;
            if (!conf) {
                return;
            }
            for (const auto& e : *conf) {
                if (e.key.compare(QLatin1String("PublishHidServDescriptors"), Qt::CaseInsensitive) == 0) {
                    self->m_configInputs.publishHidServDescriptors = e.value.value_or(QStringLiteral("1"));
                }
            }
            self->m_configInputs.services = HiddenServiceGroup::fromConf(*conf);
            const QList<HiddenServiceGroup>& groups = *self->m_configInputs.services;
            // Which service is the master's: the configured dir, else the only
            // one, else the one whose hostname file names the master.
            QString dir = self->m_endpoint.hiddenServiceDir;
            if (dir.isEmpty() && groups.size() == 1) {
                dir = groups.first().dir;
            }
            if (!dir.isEmpty() || groups.isEmpty() || !self->m_endpoint.files) {
                self->readObConfig(gen, dir);
                return;
            }
            // Several services: read each hostname.
            auto pending = std::make_shared<int>(static_cast<int>(groups.size()));
            auto found = std::make_shared<QString>();
            for (const HiddenServiceGroup& g : groups) {
                const QString d = g.dir;
                self->m_endpoint.files->readFile(
                    d + QStringLiteral("/hostname"), kMaxHostnameBytes,
                    [self, gen, d, pending, found](Result<QByteArray> content) {
                        if (!self || gen != self->m_gen) {
                            return;
                        }
                        if (content && NodeConfigCheck::normalizeOnion(QString::fromLatin1(content->trimmed())) ==
                                           self->m_master.toString()) {
                            *found = d;
                        }
                        if (--*pending == 0) {
                            self->m_configInputs.hiddenServiceDirByHostname = *found;
                            self->readObConfig(gen, *found);
                        }
                    });
            }
        });
}

void NodeSession::readObConfig(quint64 gen, const QString& dir)
{
    if (dir.isEmpty()) {
        evaluateConfig();
        return;
    }
    if (!m_endpoint.files) {
        m_configInputs.obConfig = NodeConfigInputs::FileState::Unreadable;
        m_configInputs.obConfigDetail = QStringLiteral("the node's files are not reachable from here");
        evaluateConfig();
        return;
    }
    QPointer<NodeSession> self(this);
    m_endpoint.files->readFile(dir + QStringLiteral("/ob_config"), kMaxObConfigBytes,
                               [self, gen](Result<QByteArray> content) {
                                   if (!self || gen != self->m_gen) {
                                       return;
                                   }
                                   auto& in = self->m_configInputs;
                                   in.obConfigDetail.clear();
                                   if (content) {
                                       in.obConfig = NodeConfigInputs::FileState::Content;
                                       in.obConfigContent = *content;
                                   } else if (content.error().code == ErrorCode::NotFound) {
                                       in.obConfig = NodeConfigInputs::FileState::Missing;
                                   } else {
                                       in.obConfig = NodeConfigInputs::FileState::Unreadable;
                                       in.obConfigDetail = content.error().message;
                                   }
                                   self->evaluateConfig();
                               });
}

void NodeSession::evaluateConfig()
{
    // Does the node serve the master? Its descriptor or an intro circuit for it says yes.
    bool introForMaster = false;
    for (const auto& c : m_circuits) {
        introForMaster = introForMaster || c.isServiceIntro();
    }
    if (!m_descriptorText.isEmpty() || introForMaster) {
        m_configInputs.servesMaster = NodeConfigInputs::Serves::Yes;
    } else if (isConnected() && m_descriptorMissing && m_health.bootstrapPercent >= 100 && m_connectedAt.isValid() &&
               m_connectedAt.msecsTo(QDateTime::currentDateTimeUtc()) >= m_settings.notServingGraceMs) {
        m_configInputs.servesMaster = NodeConfigInputs::Serves::No;
    } else {
        m_configInputs.servesMaster = NodeConfigInputs::Serves::Unknown;
    }
    NodeConfigVerdict v = NodeConfigCheck::evaluate(m_configInputs);
    const bool changed = v.check != m_verdict.check || v.problems.size() != m_verdict.problems.size() ||
                         [&v, this] {
                             for (qsizetype i = 0; i < v.problems.size(); ++i) {
                                 if (v.problems.at(i).what != m_verdict.problems.at(i).what) {
                                     return true;
                                 }
                             }
                             return false;
                         }();
    m_verdict = v;
    m_health.configCheck = v.check;
    m_health.problems = v.problems;
    m_health.config = v.facts;
    m_health.introExpected = v.introPointsPerDescriptor * 2;
    if (changed) {
        if (v.check == ConfigCheck::Failed) {
            QStringList lines;
            for (const auto& p : v.problems) {
                lines << p.what + QStringLiteral(" → ") + p.fix;
            }
            note(QStringLiteral("warn"), QStringLiteral("configuration check failed; the node's intro points are not "
                                                        "published: %1")
                                             .arg(lines.join(QStringLiteral("; "))));
        } else if (v.check == ConfigCheck::Ok) {
            QString extra;
            if (!v.problems.isEmpty()) {
                extra = QStringLiteral(" (%1)").arg(v.problems.first().what);
            }
            note(QStringLiteral("notice"), QStringLiteral("configuration check passed%1").arg(extra));
        }
        touch();
        emit introPointsChanged(name());  // eligibility changed
    }
}

// ---------------------------------------------------------------------------
// metrics

void NodeSession::fetchMetrics()
{
    if (!m_endpoint.provider || !isConnected()) {
        return;
    }
    const auto address = m_endpoint.provider->metricsAddress();
    if (!address || address->kind != ControlAddress::Kind::Tcp) {
        return;
    }
    if (!m_metrics) {
        m_metrics = new control::MetricsFetcher(this);
    }
    if (m_metrics->isRunning()) {
        return;
    }
    const quint64 gen = m_gen;
    QPointer<NodeSession> self(this);
    m_metrics->fetch(address->host, address->port, [self, gen](Result<control::Metrics> m) {
        if (!self || gen != self->m_gen || !m) {
            return;
        }
        const QByteArray onion = self->masterId().toLatin1();
        auto reason = [&m, &onion](const char* r) {
            return static_cast<quint64>(
                m->total("tor_hs_intro_rejected_intro_req_count", {{"onion", onion}, {"reason", r}}).value_or(0.0));
        };
        Intro2Stats& s = self->m_health.intro2;
        s.invalidIntroduce2 = reason("invalid_introduce2");
        s.subcredential = reason("subcredential");
        s.badAuthKey = reason("bad_auth_key");
        s.replay = reason("replay");
        for (const char* name : {"tor_hs_intro_num_total", "tor_hs_intro_established_count", "tor_hs_rdv_num_total",
                                 "tor_hs_rdv_established_count", "tor_hs_rdv_error_count",
                                 "tor_hs_app_read_bytes_total", "tor_hs_app_write_bytes_total"}) {
            if (auto v = m->total(name, {{"onion", onion}}); v) {
                self->m_health.metrics.insert(QString::fromLatin1(name), *v);
            }
        }
        // Rate over the last five minutes.
        const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
        const quint64 total = s.total();
        auto& samples = self->m_intro2Samples;
        samples.emplace_back(nowMs, total);
        while (samples.size() > 1 && nowMs - samples.front().first > 5 * 60 * 1000) {
            samples.pop_front();
        }
        const auto& first = samples.front();
        const double minutes = static_cast<double>(nowMs - first.first) / 60000.0;
        s.perMinute = minutes > 0.01 && total >= first.second ? static_cast<double>(total - first.second) / minutes
                                                              : 0.0;
        self->touch();
    });
}

}  // namespace rb::balancer
