#pragma once
// The intro points of one node (or of a published descriptor): relay, auth
// key, circuit established, published. Diff-based by auth key.

#include "balancer/FleetTypes.h"
#include "models/KeyedTableModel.h"

#include <QObject>

namespace rb::ui {

class IntroPointModel : public KeyedTableModel<balancer::IntroPointInfo> {
    Q_OBJECT
public:
    enum Column { Relay, Fingerprint, AuthKey, Established, Published, FirstSeen, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, AuthKeyRole };

    explicit IntroPointModel(QObject* parent = nullptr);

    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    QString keyOf(const balancer::IntroPointInfo& ip) const override;
    QVariant columnValue(const balancer::IntroPointInfo& ip, int column) const override;
};

}  // namespace rb::ui
