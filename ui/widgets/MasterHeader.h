#pragma once
// The master identity header: the onion address (selectable, with a copy
// button that clears the clipboard after 30 s if it still holds the address),
// the keychain state, and a button to manage the identity. A lab key carries
// a badge that cannot be missed.

#include "balancer/FleetTypes.h"

#include <QWidget>

class QLabel;
class QToolButton;
class QPushButton;

namespace rb::ui {

class ClipboardGuard;

class MasterHeader : public QWidget {
    Q_OBJECT
public:
    explicit MasterHeader(QWidget* parent = nullptr);

    void setMaster(const balancer::MasterState& state);
    // Marks the identity as the throw-away LAB key ("LAB KEY — not for production").
    void setLabKey(bool lab);
    [[nodiscard]] bool isLabKey() const { return m_labKey; }
    [[nodiscard]] ClipboardGuard* clipboardGuard() const { return m_clipboard; }

signals:
    void manageIdentityRequested();

private:
    QLabel* m_address = nullptr;
    QToolButton* m_copy = nullptr;
    QLabel* m_keychainIcon = nullptr;
    QLabel* m_keychain = nullptr;
    QPushButton* m_manage = nullptr;
    QLabel* m_labBadge = nullptr;
    bool m_labKey = false;
    balancer::MasterState m_state;
    ClipboardGuard* m_clipboard = nullptr;
    QString m_addressText;
};

}  // namespace rb::ui
