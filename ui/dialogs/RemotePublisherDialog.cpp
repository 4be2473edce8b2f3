#include "dialogs/RemotePublisherDialog.h"

#include "dialogs/HostKeyDialog.h"
#include "ssh/HostKeyVerifier.h"
#include "ssh/SshTarget.h"
#include "widgets/RemotePublisherPanel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace rb::ui {

using balancer::RemotePublisherFetcher;

RemotePublisherDialog::RemotePublisherDialog(ssh::SshOptions ssh, QWidget* parent)
    : QDialog(parent), m_ssh(std::move(ssh))
{
    setWindowTitle(tr("Remote publisher"));
    setObjectName(QStringLiteral("remotePublisherDialog"));

    QSettings settings;
    m_target = new QLineEdit(settings.value(QLatin1String(kTargetKey)).toString(), this);
    m_target->setObjectName(QStringLiteral("remotePublisherTarget"));
    m_target->setPlaceholderText(tr("user@server or an ssh config alias"));
    m_target->setToolTip(tr("The server running rustbalance-publisher; your ssh config applies (User, Port, "
                            "ProxyJump, IdentityFile)."));
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("remotePublisherPort"));
    m_port->setRange(1, 65535);
    m_port->setValue(settings.value(QLatin1String(kPortKey), kDefaultPort).toInt());
    m_port->setToolTip(tr("The PORT of the publisher's --metrics-listen 127.0.0.1:PORT on the server."));
    m_connect = new QPushButton(tr("&Connect"), this);
    m_connect->setObjectName(QStringLiteral("remotePublisherConnect"));
    m_connect->setDefault(true);
    m_disconnect = new QPushButton(tr("&Disconnect"), this);
    m_disconnect->setEnabled(false);

    auto* form = new QFormLayout;
    form->addRow(tr("SSH &target:"), m_target);
    form->addRow(tr("Metrics &port on the server:"), m_port);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_connect);
    buttons->addWidget(m_disconnect);

    m_panel = new RemotePublisherPanel(this);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    auto* hint = new QLabel(tr("Shows a publisher that runs as a service on a server (rbctl publish --watch "
                               "--metrics-listen 127.0.0.1:PORT), read through an SSH tunnel."),
                            this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_panel, 1);
    layout->addWidget(close);
    resize(820, 600);

    connect(m_connect, &QPushButton::clicked, this, [this] {
        if (Status st = connectToPublisher(); !st)
            m_panel->setConnection(RemotePublisherFetcher::State::NeedsOperator,
                                   RemotePublisherFetcher::Problem::TunnelFailed, st.error());
    });
    connect(m_disconnect, &QPushButton::clicked, this, &RemotePublisherDialog::disconnectFromPublisher);
    connect(m_panel, &RemotePublisherPanel::reviewHostKeyRequested, this, &RemotePublisherDialog::reviewHostKey);
}

RemotePublisherDialog::~RemotePublisherDialog() = default;

Result<RemotePublisherFetcher::Settings> RemotePublisherDialog::fetcherSettings(const QString& target, int port,
                                                                                const ssh::SshOptions& ssh)
{
    if (target.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         tr("Enter the SSH target of the publisher's server (user@host or an ssh config alias)."));
    auto parsed = ssh::SshTarget::parse(target.trimmed());
    if (!parsed)
        return parsed.error();
    if (port < 1 || port > 65535)
        return makeError(ErrorCode::InvalidArgument, tr("The metrics port must be between 1 and 65535."));
    RemotePublisherFetcher::Settings s;
    s.target = parsed.value();
    s.ssh = ssh;
    s.remotePort = static_cast<quint16>(port);
    return s;
}

Status RemotePublisherDialog::connectToPublisher()
{
    RB_TRY(auto settings, fetcherSettings(m_target->text(), m_port->value(), m_ssh));
    disconnectFromPublisher();
    m_fetcher = new RemotePublisherFetcher(std::move(settings), this);
    m_panel->clear();
    m_panel->attach(m_fetcher);
    RB_TRY_STATUS(m_fetcher->start());
    QSettings stored;
    stored.setValue(QLatin1String(kTargetKey), m_fetcher->settings().target.toString());
    stored.setValue(QLatin1String(kPortKey), m_port->value());
    m_disconnect->setEnabled(true);
    return {};
}

void RemotePublisherDialog::disconnectFromPublisher()
{
    if (!m_fetcher)
        return;
    m_panel->attach(nullptr);
    m_fetcher->stop();
    m_fetcher->deleteLater();  // its tunnel's destructor ends ssh
    m_fetcher = nullptr;
    m_disconnect->setEnabled(false);
}

void RemotePublisherDialog::done(int result)
{
    disconnectFromPublisher();
    QDialog::done(result);
}

void RemotePublisherDialog::reviewHostKey()
{
    if (!m_fetcher)
        return;
    if (!m_verifier)
        m_verifier = new ssh::HostKeyVerifier(m_ssh, this);
    const ssh::SshTarget target = m_fetcher->settings().target;
    QPointer<RemotePublisherDialog> self(this);
    m_panel->reviewHostKeyButton()->setEnabled(false);
    m_verifier->probe(target, [self](Result<ssh::HostKeyInfo> info) {
        if (!self)
            return;
        self->m_panel->reviewHostKeyButton()->setEnabled(true);
        if (!info.ok()) {
            self->m_panel->setConnection(RemotePublisherFetcher::State::NeedsOperator,
                                         RemotePublisherFetcher::Problem::HostKeyUnknown, info.error());
            return;
        }
        const ssh::HostKeyInfo key = info.value();
        HostKeyPrompt prompt = HostKeyPrompt::unknownKey(tr("remote publisher"), key);
        auto* dialog = new HostKeyDialog(prompt, self);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, self, [self, key] {
            self->m_verifier->accept(key, [self](Status st) {
                if (!self)
                    return;
                if (!st.ok()) {
                    self->m_panel->setConnection(RemotePublisherFetcher::State::NeedsOperator,
                                                 RemotePublisherFetcher::Problem::HostKeyUnknown, st.error());
                    return;
                }
                if (Status started = self->connectToPublisher(); !started)
                    self->m_panel->setConnection(RemotePublisherFetcher::State::NeedsOperator,
                                                 RemotePublisherFetcher::Problem::TunnelFailed, started.error());
            });
        });
        dialog->open();
    });
}

}  // namespace rb::ui
