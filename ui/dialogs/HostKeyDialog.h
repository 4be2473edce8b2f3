#pragma once
// First contact with a node's SSH host key: shows the host, each key's type
// and SHA256 fingerprint, with "Accept and remember" / "Reject". A CHANGED
// host key is shown as a red refusal with only a Close button: the console
// never accepts a changed key (remove the old entry out of band first).

#include "ssh/HostKeyVerifier.h"

#include <QDialog>
#include <QStringList>

class QLabel;
class QPushButton;

namespace rb::ui {

struct HostKeyPrompt {
    QString node;
    QString host;              // e.g. "tor@node1:22"
    QStringList fingerprints;  // "ED25519 SHA256:..." (unknown key)
    bool changed = false;      // REMOTE HOST IDENTIFICATION HAS CHANGED
    bool firstContact = true;  // ssh refused it as unknown (false: the operator asked to review it)
    QString message;           // ssh's diagnosis (changed key)

    static HostKeyPrompt unknownKey(const QString& node, const ssh::HostKeyInfo& info);
    static HostKeyPrompt changedKey(const QString& node, const QString& host, const QString& message);
};

class HostKeyDialog : public QDialog {
    Q_OBJECT
public:
    explicit HostKeyDialog(HostKeyPrompt prompt, QWidget* parent = nullptr);

    [[nodiscard]] const HostKeyPrompt& prompt() const { return m_prompt; }
    [[nodiscard]] bool isChangedKey() const { return m_prompt.changed; }
    // Null for a changed key.
    [[nodiscard]] QPushButton* acceptButton() const { return m_accept; }
    [[nodiscard]] QPushButton* rejectButton() const { return m_reject; }

    // "ED25519 SHA256:abc" -> {"ED25519", "SHA256:abc"}; a line without a type
    // gives {"", line}.
    static QPair<QString, QString> splitFingerprint(const QString& line);
    // "SHA256:..." as ssh printed it in a changed-key message, or empty.
    static QString fingerprintIn(const QString& message);

private:
    HostKeyPrompt m_prompt;
    QPushButton* m_accept = nullptr;
    QPushButton* m_reject = nullptr;
};

}  // namespace rb::ui
