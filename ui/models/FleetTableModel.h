#pragma once
// One row per node: connection and tunnel, tor version, bootstrap, intro
// points, INTRO2 errors, rendezvous, configuration check, deployment.
// Updates are diff-based (KeyedTableModel): selection and scroll survive.
// Sort and filter through a QSortFilterProxyModel with sortRole() = SortRole.

#include "balancer/FleetTypes.h"
#include "models/KeyedTableModel.h"

#include <QObject>

namespace rb::ui {

class FleetTableModel : public KeyedTableModel<balancer::NodeHealth> {
    Q_OBJECT
public:
    enum Column {
        Name,
        Connection,
        TorVersion,
        Bootstrap,
        IntroPoints,
        Intro2Errors,
        Intro2Rate,
        Intro2LastSeen,
        Rendezvous,
        Config,
        Deploy,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1,  // raw value for sorting
        NodeNameRole,                 // the node's name (any column)
    };

    explicit FleetTableModel(QObject* parent = nullptr);

    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    [[nodiscard]] const balancer::NodeHealth* node(const QString& name) const;

protected:
    QString keyOf(const balancer::NodeHealth& node) const override { return node.name; }
    QVariant columnValue(const balancer::NodeHealth& node, int column) const override;
    QString columnToolTip(const balancer::NodeHealth& node, int column) const override;
};

}  // namespace rb::ui
