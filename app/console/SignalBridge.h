#pragma once
// SIGINT / SIGTERM become a Qt signal on the GUI thread (the handler only
// writes a byte to a socket pair), so `kill <console>` closes the window the
// normal way: the console stops the lab network it started before it exits.

#include <QObject>

#include <memory>

class QSocketNotifier;

namespace rb::console {

class SignalBridge : public QObject {
    Q_OBJECT
public:
    explicit SignalBridge(QObject* parent = nullptr);
    ~SignalBridge() override;  // restores the default handlers

    [[nodiscard]] bool isActive() const { return m_notifier != nullptr; }

signals:
    void terminationRequested(int signalNumber);

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};

}  // namespace rb::console
