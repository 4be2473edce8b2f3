#include "ControlHsFetchTransport.h"

#include "control/HsDescContentEvent.h"
#include "control/HsDescEvent.h"

namespace rb::ui {

ControlHsFetchTransport::ControlHsFetchTransport(control::ControlClient* client, QString via, QStringList baseEvents,
                                                 int timeoutMs, QObject* parent)
    : HsFetchTransport(parent), m_client(client), m_via(std::move(via)), m_baseEvents(std::move(baseEvents))
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(timeoutMs);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        complete(
            makeError(ErrorCode::Timeout,
                      tr("No answer from HSDir %1 through %2 in time").arg(QString::fromLatin1(m_fingerprint), m_via)));
    });
}

ControlHsFetchTransport::~ControlHsFetchTransport()
{
    m_done = nullptr;
    restoreEvents();
}

QStringList ControlHsFetchTransport::sessionEvents()
{
    return {QStringLiteral("HS_DESC"),       QStringLiteral("CIRC"), QStringLiteral("CIRC_MINOR"),
            QStringLiteral("STATUS_CLIENT"), QStringLiteral("WARN"), QStringLiteral("ERR"),
            QStringLiteral("NOTICE")};
}

void ControlHsFetchTransport::restoreEvents()
{
    if (m_channel) {
        for (int id : std::as_const(m_subscriptions))
            m_channel->unsubscribe(id);
    }
    m_subscriptions.clear();
    if (m_client && m_eventsSet) {
        m_eventsSet = false;
        m_client->setEvents(m_baseEvents, [](Status) {});
    }
}

void ControlHsFetchTransport::fetch(const QString& address, const QString& hsdirFingerprint,
                                    std::function<void(Result<HsFetchAnswer>)> done)
{
    if (!m_client || m_client->channel() == nullptr) {
        done(makeError(ErrorCode::Disconnected, tr("%1 is not connected").arg(m_via)));
        return;
    }
    QString a = address.trimmed().toLower();
    if (a.endsWith(QLatin1String(".onion")))
        a.chop(6);
    m_address = a.toLatin1();
    m_fingerprint = hsdirFingerprint.trimmed().toUpper().toLatin1();
    if (m_fingerprint.startsWith('$'))
        m_fingerprint.remove(0, 1);
    m_done = std::move(done);
    if (m_subscriptions.isEmpty()) {
        control::ControlChannel* channel = m_client->channel();
        m_channel = channel;
        m_subscriptions << channel->subscribe("HS_DESC", [this](const control::Reply& r) { onEvent(r); })
                        << channel->subscribe("HS_DESC_CONTENT", [this](const control::Reply& r) { onEvent(r); });
    }
    if (!m_eventsSet) {
        QPointer<ControlHsFetchTransport> self(this);
        m_client->setEvents(m_baseEvents + QStringList{QStringLiteral("HS_DESC_CONTENT")}, [self](Status st) {
            if (!self)
                return;
            if (!st.ok()) {
                self->complete(st.error());
                return;
            }
            self->m_eventsSet = true;
            if (!self->m_done) {  // cancelled meanwhile
                self->restoreEvents();
                return;
            }
            self->send();
        });
        return;
    }
    send();
}

void ControlHsFetchTransport::send()
{
    if (!m_done || !m_client)
        return;
    m_timeout.start();
    QPointer<ControlHsFetchTransport> self(this);
    m_client->hsFetch(QString::fromLatin1(m_address), {QString::fromLatin1(m_fingerprint)}, [self](Status st) {
        if (self && !st.ok())
            self->complete(st.error());
    });
}

void ControlHsFetchTransport::onEvent(const control::Reply& event)
{
    if (!m_done)
        return;
    const QByteArray keyword = event.keyword();
    if (keyword == "HS_DESC_CONTENT") {
        auto e = control::HsDescContentEvent::parse(event);
        if (!e.ok() || e->address != m_address || !e->hsDir || e->hsDir->fingerprint != m_fingerprint)
            return;
        if (e->body.trimmed().isEmpty())
            return;  // a failure: its HS_DESC FAILED carries the reason
        HsFetchAnswer a;
        a.found = true;
        a.body = e->body;
        complete(std::move(a));
        return;
    }
    auto e = control::HsDescEvent::parse(event);
    if (!e.ok() || e->address != m_address || !e->hsDir || e->hsDir->fingerprint != m_fingerprint)
        return;
    if (e->action == control::HsDescEvent::Action::Failed) {
        HsFetchAnswer a;
        a.reason = e->reason;
        complete(std::move(a));
    }
}

void ControlHsFetchTransport::complete(Result<HsFetchAnswer> answer)
{
    m_timeout.stop();
    auto done = std::move(m_done);
    m_done = nullptr;
    if (done)
        done(std::move(answer));
}

void ControlHsFetchTransport::cancel()
{
    m_timeout.stop();
    m_done = nullptr;
    restoreEvents();
}

}  // namespace rb::ui
