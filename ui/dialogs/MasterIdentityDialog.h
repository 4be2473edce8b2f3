#pragma once
// The master identity (the key behind the onion address): generate a new
// one, import one from any format core/onion reads (hex seed, tor's
// hs_ed25519_secret_key, Onionbalance PEM, RustBalance key file,
// "ED25519-V3:" key, a HiddenServiceDir), store it in the keychain, or export
// it as tor key files (after a warning). Replacing a different stored key
// needs an explicit confirmation. Key work and file I/O run off the GUI
// thread; the key never leaves SecretBuffers except into the keychain or the
// files the operator chose.

#include "onion/MasterIdentity.h"

#include <QDialog>

#include <functional>
#include <memory>

class QLabel;
class QPushButton;

namespace rb::secrets {
class ISecretStore;
}

namespace rb::ui {

class MasterIdentityDialog : public QDialog {
    Q_OBJECT
public:
    // Asks the operator a yes/no question; default: a QMessageBox with "No"
    // as the default button. Tests replace it (no modal dialogs in tests).
    using ConfirmFn = std::function<bool(const QString& title, const QString& text)>;
    // Asks for a path; default: QFileDialog. Tests replace it.
    using PathFn = std::function<QString(bool directory, bool forSaving)>;

    MasterIdentityDialog(secrets::ISecretStore* store, const QString& currentAddress, QWidget* parent = nullptr);
    ~MasterIdentityDialog() override;

    void setConfirm(ConfirmFn confirm) { m_confirm = std::move(confirm); }
    void setPathChooser(PathFn chooser) { m_choosePath = std::move(chooser); }

    // Actions (asynchronous; busy() until done, then finished() is emitted).
    void generate();
    void importFrom(const QString& path);
    void storePending();
    void exportTorFiles(const QString& directory);

    [[nodiscard]] QString currentAddress() const { return m_current; }
    [[nodiscard]] QString pendingAddress() const;
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] bool busy() const { return m_busy; }

signals:
    void identityStored(const QString& address);
    void actionFinished(bool ok);

private:
    using IdentityPtr = std::shared_ptr<onion::MasterIdentity>;
    void setBusy(bool busy);
    void fail(const QString& message);
    void succeed(const QString& status);
    void takeIdentity(Result<onion::MasterIdentity> result);
    void updateView();
    void withCurrentIdentity(std::function<void(IdentityPtr)> then);
    void writeExport(IdentityPtr identity, const QString& directory, bool replace);

    secrets::ISecretStore* m_store = nullptr;
    QString m_current;
    IdentityPtr m_pending;
    bool m_busy = false;
    ConfirmFn m_confirm;
    PathFn m_choosePath;

    QLabel* m_currentLabel = nullptr;
    QLabel* m_pendingLabel = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_generate = nullptr;
    QPushButton* m_importFile = nullptr;
    QPushButton* m_importDir = nullptr;
    QPushButton* m_store_ = nullptr;
    QPushButton* m_export = nullptr;
};

}  // namespace rb::ui
