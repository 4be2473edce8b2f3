#pragma once
// HSFETCH through a node's control connection (the publisher's session): for
// each request, HSFETCH <addr> SERVER=<hsdir>, then the HS_DESC_CONTENT
// (descriptor) or HS_DESC FAILED (reason) event from that HSDir, or a
// timeout. HS_DESC_CONTENT must be in the connection's event set: the
// transport adds it with SETEVENTS (the session's own events, given as
// baseEvents, plus HS_DESC_CONTENT) for the first fetch and restores
// baseEvents when it is cancelled or destroyed.

#include "control/ControlClient.h"
#include "publishing/HsFetchTransport.h"

#include <QPointer>
#include <QStringList>
#include <QTimer>

namespace rb::ui {

class ControlHsFetchTransport : public HsFetchTransport {
    Q_OBJECT
public:
    ControlHsFetchTransport(control::ControlClient* client, QString via, QStringList baseEvents, int timeoutMs = 45000,
                            QObject* parent = nullptr);
    ~ControlHsFetchTransport() override;

    [[nodiscard]] QString via() const override { return m_via; }
    void fetch(const QString& address, const QString& hsdirFingerprint,
               std::function<void(Result<HsFetchAnswer>)> done) override;
    void cancel() override;

    // The events the console's node sessions subscribe to (NodeSession).
    static QStringList sessionEvents();

private:
    void send();
    void complete(Result<HsFetchAnswer> answer);
    void onEvent(const control::Reply& event);
    void restoreEvents();

    QPointer<control::ControlClient> m_client;
    QPointer<control::ControlChannel> m_channel;  // where the subscriptions are
    QString m_via;
    QStringList m_baseEvents;
    QList<int> m_subscriptions;
    bool m_eventsSet = false;
    QTimer m_timeout;
    QByteArray m_address;      // without ".onion"
    QByteArray m_fingerprint;  // upper-case hex
    std::function<void(Result<HsFetchAnswer>)> m_done;
};

}  // namespace rb::ui
