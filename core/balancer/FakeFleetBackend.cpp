#include "balancer/FakeFleetBackend.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace rb::balancer {

namespace {

QByteArray randomBytes(QRandomGenerator& rng, int n)
{
    QByteArray out(n, '\0');
    for (int i = 0; i < n; ++i)
        out[i] = static_cast<char>(rng.bounded(256));
    return out;
}

QString randomFingerprint(QRandomGenerator& rng)
{
    return QString::fromLatin1(randomBytes(rng, 20).toHex().toUpper());
}

const QStringList& severities()
{
    static const QStringList s{QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("notice"),
                               QStringLiteral("warn"), QStringLiteral("err")};
    return s;
}

}  // namespace

FakeFleetBackend::FakeFleetBackend(QObject* parent, quint32 seed) : FleetBackend(parent), m_rng(seed)
{
    m_master.address = QStringLiteral("pg6mmjiyjmcrsslvykfwnntlaru7p5svn6y2ymmju6nubxndf4pscryd.onion");
    m_master.keychain = KeychainState::Available;
    connect(&m_timer, &QTimer::timeout, this, [this] {
        // At high rates one timer tick carries several steps.
        const int steps = std::max(1, static_cast<int>(std::lround(m_rate * m_timer.interval() / 1000.0)));
        for (int i = 0; i < steps; ++i)
            step();
    });
}

QList<NodeHealth> FakeFleetBackend::nodes() const
{
    return m_nodes;
}

PublicationState FakeFleetBackend::publication() const
{
    return m_publication;
}

MasterState FakeFleetBackend::master() const
{
    return m_master;
}

NodeHealth FakeFleetBackend::makeNode(int index, QRandomGenerator& rng)
{
    NodeHealth n;
    n.name = QStringLiteral("node-%1").arg(index, 2, 10, QLatin1Char('0'));
    n.connection = ConnectionState::Connected;
    n.connectionDetail = QStringLiteral("authenticated (SAFECOOKIE)");
    n.torVersion = QStringLiteral("0.4.9.11");
    n.bootstrapPercent = 100;
    n.introExpected = 3;
    n.introEstablished = 3;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < 3; ++i) {
        IntroPointInfo ip;
        ip.authKey = randomBytes(rng, 32);
        ip.relayFingerprint = randomFingerprint(rng);
        ip.relayNickname = QStringLiteral("relay%1x%2").arg(index).arg(i);
        ip.firstSeen = now.addSecs(-60 * (i + 1));
        ip.circuitEstablished = true;
        ip.published = true;
        n.introPoints.append(ip);
    }
    n.rendezvousCount = rng.bounded(1000u);
    n.configCheck = ConfigCheck::Ok;
    n.config.known = true;
    n.config.obInstanceOption = true;
    n.config.obConfigPresent = true;
    n.config.obConfigNamesMaster = true;
    n.deployState = QStringLiteral("deployed");
    n.descriptorReady = true;
    n.descriptorRevision = 1000u + rng.bounded(1000u);
    n.descriptorFetched = now.addSecs(-30);
    n.descriptorPeriodNumber = 20489;
    n.lastChange = now;
    n.sshTarget = QStringLiteral("tor@10.0.0.%1:22").arg(index);
    n.tunnelState = QStringLiteral("up");
    n.metrics.insert(QStringLiteral("tor_hs_intro_established_count"), 3);
    n.metrics.insert(QStringLiteral("tor_hs_rdv_num_total"), static_cast<double>(n.rendezvousCount));
    return n;
}

void FakeFleetBackend::populate(int count)
{
    m_nodes.clear();
    for (int i = 1; i <= count; ++i)
        m_nodes.append(makeNode(i, m_rng));
    rebuildPublication();
}

void FakeFleetBackend::rebuildPublication()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto build = [&](const QString& which, quint64 period) {
        DescriptorPublication d;
        d.which = which;
        d.periodNumber = period;
        d.periodLengthMinutes = 1440;
        d.blindedKey = randomBytes(m_rng, 32);
        d.revisionCounter = 1'000'000u + static_cast<quint64>(now.toSecsSinceEpoch() % 100000);
        d.builtAt = now;
        int count = 0;
        for (const NodeHealth& n : std::as_const(m_nodes)) {
            for (const IntroPointInfo& ip : n.introPoints) {
                if (count >= 20)
                    break;
                d.introPointOwner.insert(ip.authKey, n.name);
                d.introPointsByNode[n.name] += 1;
                ++count;
            }
        }
        d.introPointCount = count;
        d.sizeBytes = 10000 + 1200 * count;
        d.notes = tr("pow-params omitted: nodes check proof-of-work against their own seeds");
        for (int i = 0; i < 8; ++i) {
            UploadResult u;
            u.hsdirFingerprint = randomFingerprint(m_rng);
            u.hsdirNickname = QStringLiteral("hsdir%1").arg(i);
            u.state = (i == 7) ? UploadState::Failed : UploadState::Uploaded;
            u.reason = (i == 7) ? QStringLiteral("UPLOAD_REJECTED") : QString();
            u.attempts = (i == 7) ? 2 : 1;
            u.at = now;
            if (i == 7)
                u.nextRetry = now.addSecs(60);
            d.uploads.append(u);
        }
        return d;
    };
    m_publication.first = build(QStringLiteral("first"), 20489);
    m_publication.second = build(QStringLiteral("second"), 20490);
    m_publication.lastPublished = now;
    m_publication.nextScheduled = now.addSecs(3600);
    m_publication.currentPeriodNumber = 20489;
    m_publication.lastDecision = tr("published: intro set changed");
}

void FakeFleetBackend::setEventRate(double perSecond)
{
    m_rate = std::max(0.0, perSecond);
    if (m_rate <= 0.0) {
        m_timer.stop();
        return;
    }
    // Never faster than every 10 ms; above 100/s, steps are batched per tick.
    const double ms = std::max(10.0, 1000.0 / m_rate);
    m_timer.setInterval(static_cast<int>(ms));
}

void FakeFleetBackend::start()
{
    if (m_rate > 0.0)
        m_timer.start();
}

void FakeFleetBackend::stop()
{
    m_timer.stop();
}

QString FakeFleetBackend::step()
{
    if (m_nodes.isEmpty())
        return {};
    const int i = static_cast<int>(m_rng.bounded(static_cast<quint32>(m_nodes.size())));
    NodeHealth& n = m_nodes[i];
    const QDateTime now = QDateTime::currentDateTimeUtc();
    switch (m_rng.bounded(4u)) {
    case 0:
        n.intro2.couldNotGetKeysWarnings += 1;
        n.intro2.perMinute = 0.5 + m_rng.bounded(10u);
        n.intro2.lastSeen = now;
        break;
    case 1:
        n.introEstablished = static_cast<int>(m_rng.bounded(static_cast<quint32>(n.introExpected + 1)));
        break;
    case 2:
        n.rendezvousCount += 1;
        break;
    default:
        n.bootstrapPercent = 100;
        n.descriptorRevision += 1;
        break;
    }
    n.lastChange = now;
    emit nodeChanged(n);
    const QString& sev = severities().at(static_cast<qsizetype>(m_rng.bounded(5u)));
    emit nodeEvent(n.name, sev, tr("simulated event %1").arg(m_rng.bounded(100000u)), now);
    return n.name;
}

int FakeFleetBackend::indexOf(const QString& name) const
{
    for (int i = 0; i < m_nodes.size(); ++i)
        if (m_nodes.at(i).name == name)
            return i;
    return -1;
}

void FakeFleetBackend::upsertNode(const NodeHealth& node)
{
    const int i = indexOf(node.name);
    if (i < 0)
        m_nodes.append(node);
    else
        m_nodes[i] = node;
    emit nodeChanged(node);
}

void FakeFleetBackend::removeNode(const QString& name)
{
    const int i = indexOf(name);
    if (i < 0)
        return;
    m_nodes.removeAt(i);
    emit nodeRemoved(name);
}

void FakeFleetBackend::emitEvent(const QString& node, const QString& severity, const QString& message,
                                 const QDateTime& at)
{
    emit nodeEvent(node, severity, message, at);
}

void FakeFleetBackend::setPublication(const PublicationState& state)
{
    m_publication = state;
    emit publicationChanged(m_publication);
}

void FakeFleetBackend::setMaster(const MasterState& state)
{
    m_master = state;
    emit masterChanged(m_master);
}

void FakeFleetBackend::publishNow()
{
    ++m_publishRequests;
    m_publication.publishing = true;
    emit publicationChanged(m_publication);
    QTimer::singleShot(m_delayMs, this, [this] {
        rebuildPublication();
        m_publication.publishing = false;
        m_publication.lastDecision = tr("published: requested by the operator");
        emit publicationChanged(m_publication);
        emit nodeEvent(QString(), QStringLiteral("notice"), m_publication.lastDecision,
                       QDateTime::currentDateTimeUtc());
    });
}

void FakeFleetBackend::setAutoPublish(bool on)
{
    m_publication.autoPublish = on;
    emit publicationChanged(m_publication);
}

void FakeFleetBackend::reconnectNode(const QString& name)
{
    m_reconnectRequests.append(name);
    const int i = indexOf(name);
    if (i < 0)
        return;
    m_nodes[i].connection = ConnectionState::Connecting;
    emit nodeChanged(m_nodes.at(i));
    QTimer::singleShot(m_delayMs, this, [this, name] {
        const int j = indexOf(name);
        if (j < 0)
            return;
        m_nodes[j].connection = ConnectionState::Connected;
        emit nodeChanged(m_nodes.at(j));
    });
}

std::optional<fleet::NodeConfig> FakeFleetBackend::nodeConfig(const QString& name) const
{
    if (m_configs.contains(name))
        return m_configs.value(name);
    if (indexOf(name) < 0)
        return std::nullopt;
    fleet::NodeConfig c;  // what the simulated node would be configured as
    c.name = name;
    c.sshTarget = m_nodes.at(indexOf(name)).sshTarget;
    c.controlEndpoint = QStringLiteral("unix:/run/tor/control");
    c.hiddenServiceDir = QStringLiteral("/var/lib/tor/service");
    c.torUser = QStringLiteral("debian-tor");
    return c;
}

void FakeFleetBackend::saveNodeConfig(const fleet::NodeConfig& config)
{
    m_configs.insert(config.name, config);
    if (indexOf(config.name) < 0) {
        NodeHealth n;
        n.name = config.name;
        n.sshTarget = config.sshTarget;
        n.deployState = tr("not deployed");
        upsertNode(n);
    }
}

void FakeFleetBackend::reloadMaster(const QString& address)
{
    m_master.address = address;
    m_master.keychain = KeychainState::Available;
    emit masterChanged(m_master);
}

}  // namespace rb::balancer
