#pragma once
// How the console asks the network what an HSDir holds: HSFETCH through a
// connected node, one HSDir at a time. The answer is the descriptor text the
// HSDir returned (HS_DESC_CONTENT), or its refusal (HS_DESC FAILED REASON=).
// Tests use a fake; ControlHsFetchTransport is the real one.

#include "util/Result.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace rb::ui {

struct HsFetchAnswer {
    bool found = false;
    QByteArray body;    // the descriptor (found)
    QByteArray reason;  // REASON= when not found (NOT_FOUND, QUERY_REJECTED, …)
};

class HsFetchTransport : public QObject {
    Q_OBJECT
public:
    explicit HsFetchTransport(QObject* parent = nullptr) : QObject(parent) {}
    // The node the fetches go through (shown to the operator).
    [[nodiscard]] virtual QString via() const = 0;
    // address: "<56>.onion" or without the suffix; hsdir: hex fingerprint.
    // done fires exactly once, unless cancel() came first.
    virtual void fetch(const QString& address, const QString& hsdirFingerprint,
                       std::function<void(Result<HsFetchAnswer>)> done) = 0;
    // Stops a fetch in flight (its callback never fires) and releases what
    // the transport holds on the node's connection; fetch() may follow.
    virtual void cancel() = 0;
};

}  // namespace rb::ui
