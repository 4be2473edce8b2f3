#include "models/FleetText.h"

#include <QImageReader>
#include <QLocale>
#include <QPainter>
#include <QPixmap>

namespace rb::ui {

using balancer::ConfigCheck;
using balancer::ConnectionState;
using balancer::KeychainState;
using balancer::UploadState;

QString FleetText::connection(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Disconnected:
        return tr("Disconnected");
    case ConnectionState::Tunnelling:
        return tr("Opening SSH tunnel");
    case ConnectionState::Connecting:
        return tr("Connecting");
    case ConnectionState::Authenticating:
        return tr("Authenticating");
    case ConnectionState::Connected:
        return tr("Connected");
    case ConnectionState::BackingOff:
        return tr("Waiting to reconnect");
    case ConnectionState::Failed:
        return tr("Failed");
    }
    return {};
}

QString FleetText::tunnelProblem(const QString& tunnelState)
{
    if (tunnelState == QLatin1String("host-key-unknown"))
        return tr("SSH host key not yet accepted — Fleet → Verify SSH host key…");
    if (tunnelState == QLatin1String("host-key-changed"))
        return tr("SSH host key CHANGED — refused");
    if (tunnelState == QLatin1String("auth-failed"))
        return tr("SSH login refused — check the key in your ssh-agent");
    return {};
}

StatusLevel FleetText::connectionLevel(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Connected:
        return StatusLevel::Ok;
    case ConnectionState::Tunnelling:
    case ConnectionState::Connecting:
    case ConnectionState::Authenticating:
        return StatusLevel::Warning;
    case ConnectionState::BackingOff:  // the node was lost (or never answered): it serves nothing now
    case ConnectionState::Failed:
        return StatusLevel::Error;
    case ConnectionState::Disconnected:
        return StatusLevel::Inactive;
    }
    return StatusLevel::Inactive;
}

QString FleetText::configCheck(ConfigCheck check, int problems)
{
    switch (check) {
    case ConfigCheck::Unknown:
        return tr("Not checked");
    case ConfigCheck::Ok:
        return tr("OK");
    case ConfigCheck::Failed:
        return tr("%n problem(s)", nullptr, problems);
    }
    return {};
}

StatusLevel FleetText::configLevel(ConfigCheck check)
{
    switch (check) {
    case ConfigCheck::Ok:
        return StatusLevel::Ok;
    case ConfigCheck::Failed:
        return StatusLevel::Error;
    case ConfigCheck::Unknown:
        return StatusLevel::Inactive;
    }
    return StatusLevel::Inactive;
}

QString FleetText::uploadState(UploadState state)
{
    switch (state) {
    case UploadState::Pending:
        return tr("Pending");
    case UploadState::Uploaded:
        return tr("Uploaded");
    case UploadState::Failed:
        return tr("Failed");
    case UploadState::TimedOut:
        return tr("Timed out");
    }
    return {};
}

StatusLevel FleetText::uploadLevel(UploadState state)
{
    switch (state) {
    case UploadState::Uploaded:
        return StatusLevel::Ok;
    case UploadState::Pending:
        return StatusLevel::Inactive;
    case UploadState::Failed:
        return StatusLevel::Error;
    case UploadState::TimedOut:
        return StatusLevel::Warning;
    }
    return StatusLevel::Inactive;
}

QString FleetText::keychain(KeychainState state)
{
    switch (state) {
    case KeychainState::Unknown:
        return tr("Keychain: not asked yet");
    case KeychainState::Missing:
        return tr("Keychain: no master key stored");
    case KeychainState::Locked:
        return tr("Keychain: locked");
    case KeychainState::Available:
        return tr("Keychain: master key loaded");
    case KeychainState::Error:
        return tr("Keychain: error");
    }
    return {};
}

StatusLevel FleetText::keychainLevel(KeychainState state)
{
    switch (state) {
    case KeychainState::Available:
        return StatusLevel::Ok;
    case KeychainState::Locked:
    case KeychainState::Missing:
        return StatusLevel::Warning;
    case KeychainState::Error:
        return StatusLevel::Error;
    case KeychainState::Unknown:
        return StatusLevel::Inactive;
    }
    return StatusLevel::Inactive;
}

QString FleetText::descriptorName(const QString& which)
{
    if (which == QLatin1String("first"))
        return tr("First descriptor");
    if (which == QLatin1String("second"))
        return tr("Second descriptor");
    return which;
}

QString FleetText::severity(const QString& severity)
{
    if (severity == QLatin1String("debug"))
        return tr("Debug");
    if (severity == QLatin1String("info"))
        return tr("Info");
    if (severity == QLatin1String("notice"))
        return tr("Notice");
    if (severity == QLatin1String("warn"))
        return tr("Warning");
    if (severity == QLatin1String("err"))
        return tr("Error");
    return severity;
}

QString FleetText::time(const QDateTime& at, const QDateTime& now)
{
    if (!at.isValid())
        return QStringLiteral("—");
    const QDateTime local = at.toLocalTime();
    const QLocale locale;
    if (qAbs(at.secsTo(now)) < 20 * 3600)
        return locale.toString(local.time(), QLocale::ShortFormat);
    return locale.toString(local, QLocale::ShortFormat);
}

QString FleetText::bytes(qint64 n)
{
    return QLocale().formattedDataSize(n, 1, QLocale::DataSizeSIFormat);
}

QString FleetText::shortKey(const QByteArray& key)
{
    const QString b64 = QString::fromLatin1(key.toBase64(QByteArray::OmitTrailingEquals));
    return b64.size() > 12 ? b64.left(12) + QStringLiteral("…") : b64;
}

QColor FleetText::color(StatusLevel level)
{
    // Mid-tone hues: readable as text and as icon fill on both white and
    // near-black backgrounds.
    switch (level) {
    case StatusLevel::Ok:
        return QColor(0x2e, 0x9d, 0x52);
    case StatusLevel::Warning:
        return QColor(0xd0, 0x8c, 0x00);
    case StatusLevel::Error:
        return QColor(0xd9, 0x3f, 0x3f);
    case StatusLevel::Inactive:
        return QColor(0x80, 0x80, 0x80);
    }
    return {};
}

QIcon FleetText::icon(StatusLevel level)
{
    // Without Qt's SVG plugin (libqt6svg6) fall back to a painted dot, so the
    // status stays visible.
    static const bool svg = QImageReader::supportedImageFormats().contains(QByteArrayLiteral("svg"));
    if (!svg) {
        QPixmap pm(16, 16);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(color(level));
        p.drawEllipse(QRectF(2, 2, 12, 12));
        return QIcon(pm);
    }
    switch (level) {
    case StatusLevel::Ok:
        return QIcon(QStringLiteral(":/icons/status-ok.svg"));
    case StatusLevel::Warning:
        return QIcon(QStringLiteral(":/icons/status-warning.svg"));
    case StatusLevel::Error:
        return QIcon(QStringLiteral(":/icons/status-error.svg"));
    case StatusLevel::Inactive:
        return QIcon(QStringLiteral(":/icons/status-inactive.svg"));
    }
    return {};
}

}  // namespace rb::ui
