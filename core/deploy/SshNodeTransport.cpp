#include "deploy/SshNodeTransport.h"

#include <QPointer>
#include <QTimer>

#include <memory>

namespace rb::deploy {

namespace {
const QString kControl = QStringLiteral("control");
const QString kMetrics = QStringLiteral("metrics");

ssh::SshTunnel::Settings tunnelSettings(const SshNodeTransport::Settings& s)
{
    ssh::SshTunnel::Settings t;
    t.nodeName = s.nodeName;
    t.target = s.target;
    t.ssh = s.ssh;
    t.forwards << ssh::SshTunnel::Forward{kControl, s.control};
    if (s.metrics) {
        t.forwards << ssh::SshTunnel::Forward{kMetrics, *s.metrics};
    }
    t.runtimeDir = s.runtimeDir;
    t.localKind = s.localKind;
    t.readyTimeoutMs = s.tunnelReadyTimeoutMs;
    t.initialBackoffMs = s.initialBackoffMs;
    t.maxBackoffMs = s.maxBackoffMs;
    return t;
}
}  // namespace

Result<SshNodeTransport::Settings> SshNodeTransport::Settings::fromNodeConfig(const fleet::NodeConfig& node,
                                                                              const ssh::SshOptions& ssh)
{
    RB_TRY_STATUS(node.validate());
    Settings s;
    s.nodeName = node.name;
    if (node.sshTarget.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Node '%1' has no SSH target; set one (user@host or an ssh config alias).")
                             .arg(node.name));
    }
    RB_TRY(s.target, ssh::SshTarget::parse(node.sshTarget));
    s.ssh = ssh;
    if (node.controlEndpoint.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Node '%1' has no control endpoint; set it (e.g. 127.0.0.1:9051).").arg(node.name));
    }
    RB_TRY(s.control, ssh::RemoteEndpoint::parse(node.controlEndpoint));
    if (!node.metricsEndpoint.isEmpty()) {
        RB_TRY(auto m, ssh::RemoteEndpoint::parse(node.metricsEndpoint));
        s.metrics = m;
    }
    s.cookieFile = node.cookieFile;
    return s;
}

SshNodeTransport::SshNodeTransport(Settings settings, QObject* parent)
    : QObject(parent), m_settings(std::move(settings)),
      m_tunnel(new ssh::SshTunnel(tunnelSettings(m_settings), this)),
      m_runner(new ssh::RemoteRunner(m_settings.target, m_settings.ssh, this))
{
}

SshNodeTransport::~SshNodeTransport() = default;

bool SshNodeTransport::isTerminal(ssh::SshTunnel::State state)
{
    return state == ssh::SshTunnel::State::HostKeyUnknown || state == ssh::SshTunnel::State::HostKeyChanged ||
           state == ssh::SshTunnel::State::AuthFailed;
}

Status SshNodeTransport::start()
{
    if (m_tunnel->state() != ssh::SshTunnel::State::Stopped && !isTerminal(m_tunnel->state())) {
        return {};
    }
    return m_tunnel->start();
}

void SshNodeTransport::stop()
{
    m_runner->cancelAll();
    m_tunnel->stop();
}

std::optional<ssh::SshTunnel::LocalEndpoint> SshNodeTransport::localControl() const
{
    const auto ep = m_tunnel->localEndpoint(kControl);
    return ep.isValid() ? std::optional(ep) : std::nullopt;
}

std::optional<ssh::SshTunnel::LocalEndpoint> SshNodeTransport::localMetrics() const
{
    const auto ep = m_tunnel->localEndpoint(kMetrics);
    return ep.isValid() ? std::optional(ep) : std::nullopt;
}

QString SshNodeTransport::describe() const
{
    return QStringLiteral("ssh %1 -> %2").arg(m_settings.target.toString(), m_settings.control.toString());
}

void SshNodeTransport::whenReady(int timeoutMs, EndpointCallback done)
{
    // One small watcher per call: fires once, then deletes itself.
    auto* watcher = new QObject(this);
    auto fired = std::make_shared<bool>(false);
    auto finish = [watcher, fired, done = std::move(done)](Result<ssh::SshTunnel::LocalEndpoint> r) mutable {
        if (*fired) {
            return;
        }
        *fired = true;
        watcher->deleteLater();
        done(std::move(r));
    };
    auto check = [this, finish]() mutable {
        const auto state = m_tunnel->state();
        if (state == ssh::SshTunnel::State::Ready) {
            if (auto ep = localControl()) {
                finish(*ep);
                return;
            }
        }
        if (isTerminal(state)) {
            finish(m_tunnel->lastError());
        }
    };
    connect(m_tunnel, &ssh::SshTunnel::stateChanged, watcher, check);
    auto* timer = new QTimer(watcher);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, watcher, [this, finish]() mutable {
        const Error last = m_tunnel->hasError() ? m_tunnel->lastError() : Error{};
        finish(makeError(ErrorCode::Timeout,
                         QStringLiteral("The SSH tunnel to node %1 did not come up in time; check that %2 is reachable "
                                        "and its tor control endpoint %3 exists.")
                             .arg(m_settings.nodeName, m_settings.target.toString(), m_settings.control.toString()),
                         last.toString()));
    });
    timer->start(timeoutMs);
    QTimer::singleShot(0, watcher, [this, check, finish]() mutable {
        if (m_tunnel->state() == ssh::SshTunnel::State::Stopped) {
            if (Status st = m_tunnel->start(); !st) {
                finish(st.error());
                return;
            }
        }
        check();
    });
}

void SshNodeTransport::readCookie(const QString& path, ssh::RemoteRunner::SecretCompletion done)
{
    const QString p = path.isEmpty() ? m_settings.cookieFile : path;
    if (p.isEmpty()) {
        QTimer::singleShot(0, this, [done = std::move(done), this]() {
            done(makeError(ErrorCode::InvalidArgument,
                           QStringLiteral("No control cookie path is known for node %1; set its cookie file.")
                               .arg(m_settings.nodeName)));
        });
        return;
    }
    m_runner->readControlCookie(p, m_settings.sudo, std::move(done));
}

}  // namespace rb::deploy
