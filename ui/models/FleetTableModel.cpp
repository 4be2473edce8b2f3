#include "models/FleetTableModel.h"

#include "models/FleetText.h"

#include <QLocale>
#include <QStringList>

namespace rb::ui {

using balancer::ConfigCheck;
using balancer::NodeHealth;

FleetTableModel::FleetTableModel(QObject* parent) : KeyedTableModel<NodeHealth>(parent)
{
}

int FleetTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const NodeHealth* FleetTableModel::node(const QString& name) const
{
    const int row = rowOfKey(name);
    return row < 0 ? nullptr : &itemAt(row);
}

QVariant FleetTableModel::columnValue(const NodeHealth& n, int column) const
{
    switch (column) {
    case Name:
        return n.name;
    case Connection:
        return static_cast<int>(n.connection);
    case TorVersion:
        return n.torVersion;
    case Bootstrap:
        return n.bootstrapPercent;
    case IntroPoints:
        return static_cast<qint64>(n.introEstablished) * 100000 + n.introExpected;
    case Intro2Errors:
        return static_cast<qulonglong>(n.intro2.total());
    case Intro2Rate:
        return n.intro2.perMinute;
    case Intro2LastSeen:
        return n.intro2.lastSeen;
    case Rendezvous:
        return static_cast<qulonglong>(n.rendezvousCount);
    case Config:
        return static_cast<int>(n.configCheck) * 1000 + static_cast<int>(n.problems.size());
    case Deploy:
        return n.deployState;
    default:
        return {};
    }
}

QString FleetTableModel::columnToolTip(const NodeHealth& n, int column) const
{
    switch (column) {
    case Name:
        // Also makes a connection change repaint the name (its colour follows the connection).
        return FleetText::connection(n.connection);
    case Connection: {
        QStringList lines;
        if (!n.connectionDetail.isEmpty())
            lines << n.connectionDetail;
        if (!n.sshTarget.isEmpty())
            lines << tr("SSH: %1").arg(n.sshTarget);
        if (!n.tunnelState.isEmpty())
            lines << tr("Tunnel: %1").arg(n.tunnelState);
        return lines.join(QLatin1Char('\n'));
    }
    case Intro2Errors: {
        const auto& s = n.intro2;
        return tr("Could not get valid INTRO2 keys: %1\ninvalid_introduce2: %2\nsubcredential: %3\n"
                  "bad_auth_key: %4\nreplay: %5")
            .arg(s.couldNotGetKeysWarnings)
            .arg(s.invalidIntroduce2)
            .arg(s.subcredential)
            .arg(s.badAuthKey)
            .arg(s.replay);
    }
    case Config: {
        QStringList lines;
        for (const auto& p : n.problems)
            lines << p.what + QStringLiteral(" — ") + p.fix;
        return lines.join(QLatin1Char('\n'));
    }
    case Intro2LastSeen:
        return n.intro2.lastSeen.isValid() ? QLocale().toString(n.intro2.lastSeen.toLocalTime()) : QString();
    default:
        return {};
    }
}

QVariant FleetTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const NodeHealth& n = itemAt(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Name:
            return n.name;
        case Connection: {
            // A tunnel stopped for the operator says so (and what to do) until the node connects.
            const QString problem = FleetText::tunnelProblem(n.tunnelState);
            if (!problem.isEmpty() && n.connection != balancer::ConnectionState::Connected)
                return problem;
            // A node on this machine has no tunnel worth mentioning.
            return n.tunnelState.isEmpty() || n.tunnelState == QLatin1String("local")
                       ? FleetText::connection(n.connection)
                       : tr("%1 (tunnel %2)").arg(FleetText::connection(n.connection), n.tunnelState);
        }
        case TorVersion:
            return n.torVersion.isEmpty() ? QStringLiteral("—") : n.torVersion;
        case Bootstrap:
            return tr("%1 %").arg(n.bootstrapPercent);
        case IntroPoints:
            return tr("%1/%2").arg(n.introEstablished).arg(n.introExpected);
        case Intro2Errors:
            return QLocale().toString(static_cast<qulonglong>(n.intro2.total()));
        case Intro2Rate:
            return tr("%1/min").arg(QLocale().toString(n.intro2.perMinute, 'f', 1));
        case Intro2LastSeen:
            return FleetText::time(n.intro2.lastSeen);
        case Rendezvous:
            return QLocale().toString(static_cast<qulonglong>(n.rendezvousCount));
        case Config:
            return FleetText::configCheck(n.configCheck, static_cast<int>(n.problems.size()));
        case Deploy:
            return n.deployState.isEmpty() ? QStringLiteral("—") : n.deployState;
        default:
            return {};
        }
    case Qt::ToolTipRole: {
        const QString tip = columnToolTip(n, column);
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    case Qt::DecorationRole:
        if (column == Connection)
            return FleetText::icon(FleetText::connectionLevel(n.connection));
        if (column == Config)
            return FleetText::icon(FleetText::configLevel(n.configCheck));
        return {};
    case Qt::ForegroundRole:
        // A node that is down reads red across its name and connection.
        if ((column == Name || column == Connection) &&
            FleetText::connectionLevel(n.connection) == StatusLevel::Error)
            return FleetText::color(StatusLevel::Error);
        if (column == Intro2Errors && n.intro2.total() > 0)
            return FleetText::color(StatusLevel::Error);
        if (column == IntroPoints && n.introEstablished < n.introExpected)
            return FleetText::color(StatusLevel::Warning);
        return {};
    case Qt::TextAlignmentRole:
        switch (column) {
        case Bootstrap:
        case IntroPoints:
        case Intro2Errors:
        case Intro2Rate:
        case Rendezvous:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    case SortRole:
        return columnValue(n, column);
    case NodeNameRole:
        return n.name;
    default:
        return {};
    }
}

QVariant FleetTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Name:
            return tr("Node");
        case Connection:
            return tr("Connection");
        case TorVersion:
            return tr("Tor");
        case Bootstrap:
            return tr("Bootstrap");
        case IntroPoints:
            return tr("Intro points");
        case Intro2Errors:
            return tr("INTRO2 errors");
        case Intro2Rate:
            return tr("INTRO2 rate");
        case Intro2LastSeen:
            return tr("Last INTRO2 error");
        case Rendezvous:
            return tr("Rendezvous");
        case Config:
            return tr("Configuration");
        case Deploy:
            return tr("Deployment");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case IntroPoints:
            return tr("Established intro circuits / expected");
        case Intro2Errors:
            return tr("INTRODUCE2 cells the node rejected (all reasons)");
        case Intro2Rate:
            return tr("Rejected INTRODUCE2 cells per minute, recently");
        case Rendezvous:
            return tr("Rendezvous circuits joined");
        default:
            return {};
        }
    }
    return {};
}

}  // namespace rb::ui
