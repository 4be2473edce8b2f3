#pragma once
// Add or edit one node: name, SSH target, control endpoint, authentication,
// HiddenServiceDir, tor user, service ports, metrics endpoint, weight.
// Validates through core/fleet (NodeConfig::validate) on every change: the
// reason is shown and OK stays disabled until the node is valid. A control
// password goes to the keychain (ISecretStore), never into the node config.

#include "fleet/NodeConfig.h"

#include "util/Result.h"

#include <QDialog>
#include <QStringList>

#include <functional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace rb::secrets {
class ISecretStore;
}

namespace rb::ui {

class NodeEditDialog : public QDialog {
    Q_OBJECT
public:
    explicit NodeEditDialog(QWidget* parent = nullptr);

    // Edit an existing node (its name may not collide with the others).
    void setNode(const fleet::NodeConfig& node);
    // Names already in the fleet (a new node must not reuse one).
    void setExistingNames(const QStringList& names)
    {
        m_existing = names;
        revalidate();
    }
    // Where a control password is stored on accept; without one, Password auth is refused.
    void setSecretStore(secrets::ISecretStore* store)
    {
        m_store = store;
        revalidate();
    }

    // Runs on OK once the node is valid (and its password stored): saves the
    // node. An error keeps the dialog open with the message (nothing the
    // operator entered is lost); success closes it. Unset: OK just accepts.
    using CommitFn = std::function<Status(const fleet::NodeConfig& node)>;
    void setCommit(CommitFn commit) { m_commit = std::move(commit); }

    // The node as entered (valid when isValid()).
    [[nodiscard]] fleet::NodeConfig node() const;
    [[nodiscard]] bool isValid() const { return m_valid; }
    [[nodiscard]] QString errorText() const;

    void accept() override;

private:
    void revalidate();
    void commit();
    QString validationError() const;

    QLineEdit* m_name = nullptr;
    QLineEdit* m_ssh = nullptr;
    QLineEdit* m_control = nullptr;
    QComboBox* m_auth = nullptr;
    QLineEdit* m_cookie = nullptr;
    QLineEdit* m_password = nullptr;
    QLineEdit* m_hsDir = nullptr;
    QLineEdit* m_torUser = nullptr;
    QLineEdit* m_ports = nullptr;
    QLineEdit* m_metrics = nullptr;
    QSpinBox* m_weight = nullptr;
    QCheckBox* m_enabled = nullptr;
    QLabel* m_error = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QStringList m_existing;
    QString m_editing;  // original name when editing
    secrets::ISecretStore* m_store = nullptr;
    CommitFn m_commit;
    bool m_valid = false;
    bool m_storing = false;
};

}  // namespace rb::ui
