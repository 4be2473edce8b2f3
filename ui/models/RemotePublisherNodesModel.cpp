#include "models/RemotePublisherNodesModel.h"

#include "models/FleetText.h"

namespace rb::ui {

using Node = balancer::RemotePublisherStatus::Node;

RemotePublisherNodesModel::RemotePublisherNodesModel(QObject* parent) : KeyedTableModel(parent) {}

int RemotePublisherNodesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RemotePublisherNodesModel::keyOf(const Node& node) const
{
    return node.name;
}

QVariant RemotePublisherNodesModel::columnValue(const Node& node, int column) const
{
    switch (column) {
    case Name:
        return node.name;
    case Up:
        return node.up;
    case Config:
        return node.configOk;
    case IntroPoints:
        return node.introEstablished * 1000 + node.introExpected;
    case Published:
        return node.introPublishedTotal();
    case Intro2Errors:
        return static_cast<qulonglong>(node.intro2.total());
    default:
        return {};
    }
}

QString RemotePublisherNodesModel::columnToolTip(const Node& node, int column) const
{
    switch (column) {
    case Published: {
        QStringList parts;
        for (auto it = node.introPublished.cbegin(); it != node.introPublished.cend(); ++it)
            parts << tr("%1: %2").arg(FleetText::descriptorName(it.key())).arg(it.value());
        return parts.join(QLatin1Char('\n'));
    }
    case Intro2Errors:
        return tr("Could not get keys: %1\nInvalid INTRODUCE2: %2\nSubcredential: %3\nBad auth key: %4\nReplay: %5")
            .arg(node.intro2.couldNotGetKeys)
            .arg(node.intro2.invalidIntroduce2)
            .arg(node.intro2.subcredential)
            .arg(node.intro2.badAuthKey)
            .arg(node.intro2.replay);
    case Config:
        return node.configOk ? QString()
                             : tr("The node failed the configuration check; see the publisher's log on the server "
                                  "(journalctl -u rustbalance-publisher).");
    default:
        return {};
    }
}

QVariant RemotePublisherNodesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Node& node = itemAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return node.name;
        case Up:
            return node.up ? tr("Up") : tr("Down");
        case Config:
            return node.configOk ? tr("OK") : tr("Not OK");
        case IntroPoints:
            return tr("%1 / %2").arg(node.introEstablished).arg(node.introExpected);
        case Published:
            return node.introPublishedTotal();
        case Intro2Errors:
            return static_cast<qulonglong>(node.intro2.total());
        default:
            return {};
        }
    case Qt::ToolTipRole: {
        const QString tip = columnToolTip(node, index.column());
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    case Qt::ForegroundRole:
        switch (index.column()) {
        case Up:
            return FleetText::color(node.up ? StatusLevel::Ok : StatusLevel::Error);
        case Config:
            return FleetText::color(node.configOk ? StatusLevel::Ok : StatusLevel::Error);
        case IntroPoints:
            return node.introEstablished < node.introExpected ? QVariant(FleetText::color(StatusLevel::Warning))
                                                              : QVariant();
        case Intro2Errors:
            return node.intro2.total() > 0 ? QVariant(FleetText::color(StatusLevel::Warning)) : QVariant();
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        return index.column() == Name ? QVariant() : QVariant(static_cast<int>(Qt::AlignCenter));
    case SortRole:
        return columnValue(node, index.column());
    default:
        return {};
    }
}

QVariant RemotePublisherNodesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Node");
    case Up:
        return tr("Control connection");
    case Config:
        return tr("Configuration");
    case IntroPoints:
        return tr("Intro points (established / expected)");
    case Published:
        return tr("Intro points published");
    case Intro2Errors:
        return tr("INTRO2 errors");
    default:
        return {};
    }
}

}  // namespace rb::ui
