#include "HostKeyDialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace rb::ui {

HostKeyPrompt HostKeyPrompt::unknownKey(const QString& node, const ssh::HostKeyInfo& info)
{
    HostKeyPrompt p;
    p.node = node;
    p.host = info.target.toString();
    p.fingerprints = info.fingerprints;
    return p;
}

HostKeyPrompt HostKeyPrompt::changedKey(const QString& node, const QString& host, const QString& message)
{
    HostKeyPrompt p;
    p.node = node;
    p.host = host;
    p.changed = true;
    p.message = message;
    const QString fp = HostKeyDialog::fingerprintIn(message);
    if (!fp.isEmpty())
        p.fingerprints << fp;
    return p;
}

QPair<QString, QString> HostKeyDialog::splitFingerprint(const QString& line)
{
    const QString s = line.trimmed();
    const qsizetype space = s.indexOf(QLatin1Char(' '));
    if (space < 0)
        return {QString(), s};
    return {s.left(space), s.mid(space + 1).trimmed()};
}

QString HostKeyDialog::fingerprintIn(const QString& message)
{
    static const QRegularExpression re(QStringLiteral("SHA256:[A-Za-z0-9+/=]+"));
    const auto m = re.match(message);
    return m.hasMatch() ? m.captured(0) : QString();
}

HostKeyDialog::HostKeyDialog(HostKeyPrompt prompt, QWidget* parent) : QDialog(parent), m_prompt(std::move(prompt))
{
    setObjectName(QStringLiteral("hostKeyDialog"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(this);
    intro->setObjectName(QStringLiteral("hostKeyIntro"));
    intro->setWordWrap(true);
    intro->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    auto* nodeLabel = new QLabel(m_prompt.node, this);
    nodeLabel->setObjectName(QStringLiteral("hostKeyNode"));
    form->addRow(tr("Node:"), nodeLabel);
    auto* hostLabel = new QLabel(m_prompt.host, this);
    hostLabel->setObjectName(QStringLiteral("hostKeyHost"));
    hostLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    form->addRow(tr("Host:"), hostLabel);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    int i = 0;
    for (const QString& line : std::as_const(m_prompt.fingerprints)) {
        const auto [type, fp] = splitFingerprint(line);
        auto* typeLabel = new QLabel(type.isEmpty() ? tr("(unknown type)") : type, this);
        typeLabel->setObjectName(QStringLiteral("hostKeyType%1").arg(i));
        form->addRow(tr("Key type:"), typeLabel);
        auto* fpLabel = new QLabel(fp, this);
        fpLabel->setObjectName(QStringLiteral("hostKeyFingerprint%1").arg(i));
        fpLabel->setFont(mono);
        fpLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        fpLabel->setAccessibleName(tr("SHA256 fingerprint of the %1 host key").arg(type));
        form->addRow(tr("Fingerprint:"), fpLabel);
        ++i;
    }
    layout->addLayout(form);

    auto* buttons = new QDialogButtonBox(this);
    if (m_prompt.changed) {
        setWindowTitle(tr("SSH host key CHANGED — connection refused"));
        intro->setText(
            tr("<b>WARNING: the SSH host key of %1 has CHANGED.</b><br>This may be a man-in-the-middle attack. "
               "The console refuses to connect and will not replace the key. If the node was reinstalled, "
               "verify its new key out of band, remove the old entry with <tt>ssh-keygen -R &lt;host&gt;</tt> "
               "and connect again to review the new key.")
                .arg(m_prompt.host.toHtmlEscaped()));
        intro->setObjectName(QStringLiteral("changedKeyWarning"));
        intro->setStyleSheet(QStringLiteral("QLabel { color: #b00020; border: 2px solid #b00020; padding: 6px; }"));
        if (!m_prompt.message.isEmpty()) {
            auto* detail = new QLabel(m_prompt.message, this);
            detail->setObjectName(QStringLiteral("hostKeyMessage"));
            detail->setWordWrap(true);
            detail->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
            layout->addWidget(detail);
        }
        m_reject = buttons->addButton(QDialogButtonBox::Close);
        m_reject->setObjectName(QStringLiteral("closeHostKeyButton"));
    } else {
        setWindowTitle(tr("Confirm the SSH host key of %1").arg(m_prompt.node));
        const QString compare =
            tr("Compare the fingerprint below with the one on the node "
               "(<tt>ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</tt>) before accepting it. An accepted key is "
               "added to your known_hosts; a key that changes later is refused.");
        intro->setText((m_prompt.firstContact
                            ? tr("This is the first connection to <b>%1</b>.")
                            : tr("This is the SSH host key <b>%1</b> presents now (read without offering any "
                                 "credential)."))
                           .arg(m_prompt.host.toHtmlEscaped()) +
                       QLatin1Char(' ') + compare);
        m_accept = buttons->addButton(tr("&Accept and remember"), QDialogButtonBox::AcceptRole);
        m_accept->setObjectName(QStringLiteral("acceptHostKeyButton"));
        m_accept->setEnabled(!m_prompt.fingerprints.isEmpty());
        m_reject = buttons->addButton(tr("&Reject"), QDialogButtonBox::RejectRole);
        m_reject->setObjectName(QStringLiteral("rejectHostKeyButton"));
        m_reject->setDefault(true);  // Enter never accepts a key by accident
    }
    intro->setAccessibleName(windowTitle());
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

}  // namespace rb::ui
