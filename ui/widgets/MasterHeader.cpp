#include "widgets/MasterHeader.h"

#include "models/FleetText.h"
#include "util/ClipboardGuard.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

namespace rb::ui {

MasterHeader::MasterHeader(QWidget* parent) : QWidget(parent), m_clipboard(new ClipboardGuard(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);

    auto* caption = new QLabel(tr("Master address:"), this);
    m_address = new QLabel(this);
    m_address->setObjectName(QStringLiteral("masterAddressLabel"));
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_address->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_address->setAccessibleName(tr("Master onion address"));
    caption->setBuddy(m_address);

    m_copy = new QToolButton(this);
    m_copy->setObjectName(QStringLiteral("copyAddressButton"));
    m_copy->setIcon(QIcon(QStringLiteral(":/icons/copy.svg")));
    m_copy->setText(tr("Copy"));
    m_copy->setToolTip(tr("Copy the address (the clipboard is cleared after 30 seconds)"));
    m_copy->setAccessibleName(tr("Copy master address"));
    m_copy->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    connect(m_copy, &QToolButton::clicked, this, [this] {
        if (!m_addressText.isEmpty())
            m_clipboard->copy(m_addressText);
    });

    m_keychainIcon = new QLabel(this);
    m_keychain = new QLabel(this);
    m_keychain->setObjectName(QStringLiteral("keychainLabel"));
    m_keychain->setAccessibleName(tr("Keychain state"));

    m_manage = new QPushButton(QIcon(QStringLiteral(":/icons/key.svg")), tr("&Identity…"), this);
    m_manage->setObjectName(QStringLiteral("manageIdentityButton"));
    m_manage->setAccessibleName(tr("Manage the master identity"));
    connect(m_manage, &QPushButton::clicked, this, &MasterHeader::manageIdentityRequested);

    m_labBadge = new QLabel(tr("LAB KEY — not for production"), this);
    m_labBadge->setObjectName(QStringLiteral("labKeyBadge"));
    m_labBadge->setToolTip(tr("A throw-away key for the private test network this console started. Never "
                              "deploy it to real nodes; import your own master identity for production."));
    m_labBadge->setAccessibleName(tr("Lab key warning"));
    // Fixed colours on both palettes: dark text on the warning hue reads on light and dark themes.
    m_labBadge->setStyleSheet(QStringLiteral("QLabel { background-color: %1; color: #1a1a1a; font-weight: bold; "
                                             "padding: 2px 8px; border-radius: 3px; }")
                                  .arg(FleetText::color(StatusLevel::Warning).name()));
    m_labBadge->hide();

    layout->addWidget(caption);
    layout->addWidget(m_address, 1);
    layout->addWidget(m_copy);
    layout->addWidget(m_labBadge);
    layout->addSpacing(12);
    layout->addWidget(m_keychainIcon);
    layout->addWidget(m_keychain);
    layout->addWidget(m_manage);

    setMaster({});
}

void MasterHeader::setMaster(const balancer::MasterState& state)
{
    m_addressText = state.address;
    m_address->setText(state.address.isEmpty() ? tr("(no master identity yet)") : state.address);
    m_copy->setEnabled(!state.address.isEmpty());
    m_state = state;
    // The lab key lives in a file of its own, never in the keychain: say so.
    m_keychain->setText(m_labKey ? tr("Lab key file (not in the keychain)") : FleetText::keychain(state.keychain));
    m_keychain->setToolTip(state.keychainDetail);
    m_keychainIcon->setPixmap(FleetText::icon(FleetText::keychainLevel(state.keychain)).pixmap(16, 16));
}

void MasterHeader::setLabKey(bool lab)
{
    m_labKey = lab;
    m_labBadge->setVisible(lab);
    setMaster(m_state);
}

}  // namespace rb::ui
