#pragma once
// Shows a v3 descriptor completely: a tree of the three layers with every
// field, the certificates (type, key, expiry, validity), the signature check,
// the intro points mapped to the node that owns them, size and padding, and
// the raw text alongside. Problems found by core/descriptor's decoder are
// highlighted where they occur, with the reason.
// Decoding runs on a worker thread; the window never blocks.

#include "descriptor/DescriptorDecoder.h"

#include <QByteArray>
#include <QMap>
#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace rb::ui {

class DescriptorInspector : public QWidget {
    Q_OBJECT
public:
    explicit DescriptorInspector(QWidget* parent = nullptr);

    // The service the descriptor belongs to (needed to decrypt the layers).
    void setIdentity(const QString& onionAddress);
    // Intro auth key (32 bytes) -> node name, to show who owns each intro point.
    void setIntroPointOwners(const QMap<QByteArray, QString>& owners) { m_owners = owners; }
    // Checks the blinded key against this period when set.
    void setExpectedPeriod(std::optional<quint64> period, quint64 lengthMinutes = 1440);
    // Unix seconds for certificate expiry checks (default: now at inspection).
    void setNow(qint64 unixSeconds) { m_now = unixSeconds; }

    // Inspect bytes / a file (read and decoded off the GUI thread).
    void inspectBytes(const QByteArray& text);
    void openFile(const QString& path);

    [[nodiscard]] QTreeWidget* tree() const { return m_tree; }
    [[nodiscard]] QPlainTextEdit* rawView() const { return m_raw; }
    [[nodiscard]] QString summary() const;
    [[nodiscard]] bool busy() const { return m_busy; }

signals:
    // After every inspection (also after a failure to read or parse).
    void inspected(bool valid);

private:
    void startInspection();
    void show(const Result<descriptor::DecodedDescriptor>& result);
    void showError(const QString& message);
    QTreeWidgetItem* add(QTreeWidgetItem* parent, const QString& field, const QString& value,
                         const QString& where = QString());
    void addCert(QTreeWidgetItem* parent, const QString& title, const descriptor::Ed25519Cert& cert, bool valid,
                 const QString& where);
    void markProblems(const QList<descriptor::DescriptorProblem>& problems);

    QLineEdit* m_identity = nullptr;
    QLabel* m_summary = nullptr;
    QTreeWidget* m_tree = nullptr;
    QPlainTextEdit* m_raw = nullptr;
    QByteArray m_text;
    QByteArray m_identityKey;
    QMap<QByteArray, QString> m_owners;
    std::optional<quint64> m_period;
    quint64 m_periodLength = 1440;
    qint64 m_now = -1;
    bool m_busy = false;
    int m_generation = 0;
};

}  // namespace rb::ui
