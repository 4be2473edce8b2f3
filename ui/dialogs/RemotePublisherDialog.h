#pragma once
// Fleet → Remote publisher…: the SSH target of the server that runs the
// headless publisher (rustbalance-publisher.service) and the port of its
// --metrics-listen 127.0.0.1:PORT, remembered in QSettings (no secrets: ssh
// authenticates with the operator's agent / keys), and the live
// RemotePublisherPanel fed by a RemotePublisherFetcher. Non-modal; closing it
// stops the SSH tunnel. An unknown host key can be reviewed and accepted here
// (HostKeyDialog); a changed one is refused.

#include "balancer/RemotePublisherFetcher.h"
#include "ssh/SshOptions.h"

#include <QDialog>

class QLineEdit;
class QPushButton;
class QSpinBox;

namespace rb::ssh {
class HostKeyVerifier;
}

namespace rb::ui {

class RemotePublisherPanel;

class RemotePublisherDialog : public QDialog {
    Q_OBJECT
public:
    static constexpr const char* kTargetKey = "remotePublisher/sshTarget";
    static constexpr const char* kPortKey = "remotePublisher/metricsPort";
    static constexpr int kDefaultPort = 9420;

    explicit RemotePublisherDialog(ssh::SshOptions ssh, QWidget* parent = nullptr);
    ~RemotePublisherDialog() override;

    // Parses the fields and starts polling; remembers them on success.
    Status connectToPublisher();
    void disconnectFromPublisher();

    [[nodiscard]] RemotePublisherPanel* panel() const { return m_panel; }
    [[nodiscard]] balancer::RemotePublisherFetcher* fetcher() const { return m_fetcher; }
    [[nodiscard]] QLineEdit* targetEdit() const { return m_target; }
    [[nodiscard]] QSpinBox* portSpin() const { return m_port; }
    [[nodiscard]] QPushButton* connectButton() const { return m_connect; }

    // Settings for the fetcher from the dialog's fields (tests; pure).
    static Result<balancer::RemotePublisherFetcher::Settings> fetcherSettings(const QString& target, int port,
                                                                              const ssh::SshOptions& ssh);

protected:
    void done(int result) override;

private:
    void reviewHostKey();

    ssh::SshOptions m_ssh;
    QLineEdit* m_target = nullptr;
    QSpinBox* m_port = nullptr;
    QPushButton* m_connect = nullptr;
    QPushButton* m_disconnect = nullptr;
    RemotePublisherPanel* m_panel = nullptr;
    balancer::RemotePublisherFetcher* m_fetcher = nullptr;
    ssh::HostKeyVerifier* m_verifier = nullptr;
};

}  // namespace rb::ui
