#pragma once
// Operator-facing words and status levels for the fleet's plain data
// (one place, so tables, panels and tooltips say the same thing).

#include "balancer/FleetTypes.h"

#include <QColor>
#include <QCoreApplication>
#include <QDateTime>
#include <QIcon>
#include <QString>

namespace rb::ui {

enum class StatusLevel { Ok, Warning, Error, Inactive };

class FleetText {
    Q_DECLARE_TR_FUNCTIONS(FleetText)

public:
    static QString connection(balancer::ConnectionState state);
    static StatusLevel connectionLevel(balancer::ConnectionState state);
    // An SSH tunnel stopped for the operator (NodeHealth::tunnelState
    // "host-key-unknown", "host-key-changed", "auth-failed") in words with what
    // to do; empty for any other state.
    static QString tunnelProblem(const QString& tunnelState);
    static QString configCheck(balancer::ConfigCheck check, int problems);
    static StatusLevel configLevel(balancer::ConfigCheck check);
    static QString uploadState(balancer::UploadState state);
    static StatusLevel uploadLevel(balancer::UploadState state);
    static QString keychain(balancer::KeychainState state);
    static StatusLevel keychainLevel(balancer::KeychainState state);
    static QString descriptorName(const QString& which);  // "first"/"second" -> translated
    static QString severity(const QString& severity);     // tor's words -> translated
    // Time of day for recent events, date and time for older ones; "—" if invalid.
    static QString time(const QDateTime& at, const QDateTime& now = QDateTime::currentDateTimeUtc());
    static QString bytes(qint64 n);
    static QString shortKey(const QByteArray& key);  // base64, first 12 chars + "…"

    // Status colours chosen to read on light and dark palettes alike.
    static QColor color(StatusLevel level);
    static QIcon icon(StatusLevel level);
};

}  // namespace rb::ui
