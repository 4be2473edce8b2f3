#include "models/IntroPointModel.h"

#include "models/FleetText.h"

namespace rb::ui {

using balancer::IntroPointInfo;

IntroPointModel::IntroPointModel(QObject* parent) : KeyedTableModel<IntroPointInfo>(parent)
{
}

int IntroPointModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString IntroPointModel::keyOf(const IntroPointInfo& ip) const
{
    return QString::fromLatin1(ip.authKey.toHex());
}

QVariant IntroPointModel::columnValue(const IntroPointInfo& ip, int column) const
{
    switch (column) {
    case Relay:
        return ip.relayNickname;
    case Fingerprint:
        return ip.relayFingerprint;
    case AuthKey:
        return ip.authKey;
    case Established:
        return ip.circuitEstablished;
    case Published:
        return ip.published;
    case FirstSeen:
        return ip.firstSeen;
    default:
        return {};
    }
}

QVariant IntroPointModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const IntroPointInfo& ip = itemAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Relay:
            return ip.relayNickname.isEmpty() ? QStringLiteral("—") : ip.relayNickname;
        case Fingerprint:
            return ip.relayFingerprint;
        case AuthKey:
            return FleetText::shortKey(ip.authKey);
        case Established:
            return ip.circuitEstablished ? tr("Established") : tr("Not established");
        case Published:
            return ip.published ? tr("Published") : tr("Not published");
        case FirstSeen:
            return FleetText::time(ip.firstSeen);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == AuthKey)
            return QString::fromLatin1(ip.authKey.toBase64(QByteArray::OmitTrailingEquals));
        return {};
    case Qt::DecorationRole:
        if (index.column() == Established)
            return FleetText::icon(ip.circuitEstablished ? StatusLevel::Ok : StatusLevel::Warning);
        if (index.column() == Published)
            return FleetText::icon(ip.published ? StatusLevel::Ok : StatusLevel::Inactive);
        return {};
    case SortRole:
        return columnValue(ip, index.column());
    case AuthKeyRole:
        return ip.authKey;
    default:
        return {};
    }
}

QVariant IntroPointModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Relay:
        return tr("Relay");
    case Fingerprint:
        return tr("Fingerprint");
    case AuthKey:
        return tr("Auth key");
    case Established:
        return tr("Circuit");
    case Published:
        return tr("In merged descriptor");
    case FirstSeen:
        return tr("First seen");
    default:
        return {};
    }
}

}  // namespace rb::ui
