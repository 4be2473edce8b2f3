#include "dialogs/NodeEditDialog.h"

#include "crypto/Crypto.h"
#include "crypto/SecretBuffer.h"
#include "models/FleetText.h"
#include "secrets/ISecretStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace rb::ui {

using fleet::AuthMethod;
using fleet::NodeConfig;
using fleet::PortMapping;

NodeEditDialog::NodeEditDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Node"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    auto line = [this](const QString& object, const QString& placeholder, const QString& accessible) {
        auto* e = new QLineEdit(this);
        e->setObjectName(object);
        e->setPlaceholderText(placeholder);
        e->setAccessibleName(accessible);
        connect(e, &QLineEdit::textChanged, this, &NodeEditDialog::revalidate);
        return e;
    };
    m_name = line(QStringLiteral("nameEdit"), tr("e.g. fra-1"), tr("Node name"));
    m_ssh = line(QStringLiteral("sshEdit"), tr("user@host[:port] or an ssh config alias"), tr("SSH target"));
    m_control = line(QStringLiteral("controlEdit"), tr("127.0.0.1:9051 or unix:/run/tor/control"),
                     tr("Control endpoint on the node"));
    m_auth = new QComboBox(this);
    m_auth->setObjectName(QStringLiteral("authCombo"));
    m_auth->setAccessibleName(tr("Control port authentication"));
    m_auth->addItem(tr("Safe cookie (recommended)"), static_cast<int>(AuthMethod::SafeCookie));
    m_auth->addItem(tr("Cookie file"), static_cast<int>(AuthMethod::CookieFile));
    m_auth->addItem(tr("Password"), static_cast<int>(AuthMethod::Password));
    m_auth->addItem(tr("None (Unix socket only)"), static_cast<int>(AuthMethod::None));
    connect(m_auth, &QComboBox::currentIndexChanged, this, &NodeEditDialog::revalidate);
    m_cookie = line(QStringLiteral("cookieEdit"), tr("/run/tor/control.authcookie (empty: as tor reports)"),
                    tr("Cookie file on the node"));
    m_password = line(QStringLiteral("passwordEdit"), tr("stored in the keychain"), tr("Control password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_hsDir = line(QStringLiteral("hsDirEdit"), tr("/var/lib/tor/service"), tr("HiddenServiceDir on the node"));
    m_torUser = line(QStringLiteral("torUserEdit"), tr("debian-tor"), tr("User tor runs as"));
    m_ports = line(QStringLiteral("portsEdit"), tr("80:127.0.0.1:8080, 443:8443"), tr("Service ports"));
    m_metrics = line(QStringLiteral("metricsEdit"), tr("127.0.0.1:9035 (optional)"), tr("MetricsPort on the node"));
    m_weight = new QSpinBox(this);
    m_weight->setObjectName(QStringLiteral("weightSpin"));
    m_weight->setAccessibleName(tr("Weight"));
    m_weight->setRange(0, 1000);
    m_weight->setValue(1);
    connect(m_weight, &QSpinBox::valueChanged, this, &NodeEditDialog::revalidate);
    m_enabled = new QCheckBox(tr("&Enabled"), this);
    m_enabled->setObjectName(QStringLiteral("enabledCheck"));
    m_enabled->setChecked(true);
    connect(m_enabled, &QCheckBox::toggled, this, &NodeEditDialog::revalidate);

    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&SSH target:"), m_ssh);
    form->addRow(tr("&Control endpoint:"), m_control);
    form->addRow(tr("&Authentication:"), m_auth);
    form->addRow(tr("C&ookie file:"), m_cookie);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("&HiddenServiceDir:"), m_hsDir);
    form->addRow(tr("&Tor user:"), m_torUser);
    form->addRow(tr("Service p&orts:"), m_ports);
    form->addRow(tr("&MetricsPort:"), m_metrics);
    form->addRow(tr("&Weight:"), m_weight);
    form->addRow(QString(), m_enabled);
    layout->addLayout(form);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Validation result"));
    QPalette pal = m_error->palette();
    pal.setColor(QPalette::WindowText, FleetText::color(StatusLevel::Error));
    m_error->setPalette(pal);
    layout->addWidget(m_error);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NodeEditDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
    revalidate();
}

void NodeEditDialog::setNode(const NodeConfig& node)
{
    m_editing = node.name;
    m_name->setText(node.name);
    m_ssh->setText(node.sshTarget);
    m_control->setText(node.controlEndpoint);
    m_auth->setCurrentIndex(m_auth->findData(static_cast<int>(node.auth)));
    m_cookie->setText(node.cookieFile);
    m_hsDir->setText(node.hiddenServiceDir);
    m_torUser->setText(node.torUser);
    QStringList ports;
    for (const PortMapping& p : node.ports)
        ports << p.toString();
    m_ports->setText(ports.join(QStringLiteral(", ")));
    m_metrics->setText(node.metricsEndpoint);
    m_weight->setValue(node.weight);
    m_enabled->setChecked(node.enabled);
    setWindowTitle(tr("Edit node %1").arg(node.name));
    revalidate();
}

NodeConfig NodeEditDialog::node() const
{
    NodeConfig n;
    n.name = m_name->text().trimmed();
    n.sshTarget = m_ssh->text().trimmed();
    n.controlEndpoint = m_control->text().trimmed();
    n.auth = static_cast<AuthMethod>(m_auth->currentData().toInt());
    n.cookieFile = m_cookie->text().trimmed();
    n.hiddenServiceDir = m_hsDir->text().trimmed();
    n.torUser = m_torUser->text().trimmed();
    for (const QString& part : m_ports->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        auto p = PortMapping::parse(part.trimmed());
        if (p.ok())
            n.ports.append(p.value());
    }
    n.metricsEndpoint = m_metrics->text().trimmed();
    n.weight = m_weight->value();
    n.enabled = m_enabled->isChecked();
    return n;
}

QString NodeEditDialog::validationError() const
{
    for (const QString& part : m_ports->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (auto p = PortMapping::parse(part.trimmed()); !p.ok())
            return tr("Service port \"%1\": %2").arg(part.trimmed(), p.error().message);
    }
    const NodeConfig n = node();
    if (n.name != m_editing && m_existing.contains(n.name))
        return tr("A node named \"%1\" already exists.").arg(n.name);
    if (auto st = n.validate(); !st.ok())
        return st.error().message;
    const bool wantsPassword = n.auth == AuthMethod::Password;
    if (wantsPassword && m_store == nullptr)
        return tr("Password authentication needs the keychain, which is not available.");
    if (wantsPassword && m_editing.isEmpty() && m_password->text().isEmpty())
        return tr("Enter the control password (it is stored in the keychain).");
    if (n.auth == AuthMethod::None && !n.controlEndpoint.startsWith(QLatin1String("unix:")))
        return tr("Without authentication the control endpoint must be a Unix socket.");
    return {};
}

void NodeEditDialog::revalidate()
{
    const auto auth = static_cast<AuthMethod>(m_auth->currentData().toInt());
    m_cookie->setEnabled(auth == AuthMethod::SafeCookie || auth == AuthMethod::CookieFile);
    m_password->setEnabled(auth == AuthMethod::Password);
    const QString error = validationError();
    m_valid = error.isEmpty();
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_valid && !m_storing);
}

QString NodeEditDialog::errorText() const
{
    return m_error->text();
}

void NodeEditDialog::accept()
{
    revalidate();
    if (!m_valid || m_storing)
        return;
    const NodeConfig n = node();
    if (n.auth != AuthMethod::Password || m_password->text().isEmpty() || m_store == nullptr) {
        commit();
        return;
    }
    // Store the password first (asynchronous); accept once it is safe.
    auto key = secrets::ISecretStore::controlPasswordKey(n.name);
    if (!key.ok()) {
        m_error->setText(key.error().message);
        m_error->show();
        return;
    }
    QByteArray utf8 = m_password->text().toUtf8();
    const crypto::SecretBuffer secret = crypto::SecretBuffer::fromBytes(utf8);
    crypto::memzero(utf8);  // the line edit's copy is cleared below
    m_password->clear();
    m_storing = true;
    revalidate();
    m_error->setText(tr("Storing the password in the keychain…"));
    m_error->show();
    QPointer<NodeEditDialog> self(this);
    m_store->write(key.value(), secret, [self](Status st) {
        if (!self)
            return;
        self->m_storing = false;
        if (!st.ok()) {
            self->revalidate();
            self->m_error->setText(tr("Could not store the password: %1").arg(st.error().message));
            self->m_error->show();
            return;
        }
        self->revalidate();
        self->commit();
    });
}

void NodeEditDialog::commit()
{
    if (m_commit) {
        const Status st = m_commit(node());
        if (!st.ok()) {
            m_error->setText(st.error().message);  // names what was not saved and why
            m_error->setToolTip(st.error().detail);
            m_error->show();
            return;
        }
    }
    QDialog::accept();
}

}  // namespace rb::ui
