#pragma once
// Copies text to the clipboard with password-manager hygiene (KeePassXC's):
// the data carries the KDE "x-kde-passwordManagerHint: secret" and macOS
// "concealed" hints so clipboard managers do not keep a history of it, and it
// is cleared after a timeout — but only if the clipboard still holds OUR text
// (never wipe something the operator copied since).

#include <QObject>
#include <QString>
#include <QTimer>

namespace rb::ui {

class ClipboardGuard : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultClearMs = 30'000;

    explicit ClipboardGuard(QObject* parent = nullptr, int clearAfterMs = kDefaultClearMs);
    ~ClipboardGuard() override;

    void copy(const QString& text);
    // Clears now if the clipboard still holds our text.
    void clearIfOurs();
    [[nodiscard]] bool pending() const { return m_timer.isActive(); }
    [[nodiscard]] int clearAfterMs() const { return m_timer.interval(); }

    static const char* const kKdeHintMime;
    static const char* const kMacConcealedMime;

signals:
    void cleared();

private:
    QTimer m_timer;
    QString m_text;
};

}  // namespace rb::ui
