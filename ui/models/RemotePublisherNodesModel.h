#pragma once
// The nodes of a remote publisher as its metrics report them (RemotePublisherStatus):
// up, configuration check, intro points established/expected, intro points in
// the published descriptors, INTRO2 errors. Diff-based by node name.

#include "balancer/RemotePublisherStatus.h"
#include "models/KeyedTableModel.h"

#include <QObject>

namespace rb::ui {

class RemotePublisherNodesModel : public KeyedTableModel<balancer::RemotePublisherStatus::Node> {
    Q_OBJECT
public:
    enum Column { Name, Up, Config, IntroPoints, Published, Intro2Errors, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1 };

    explicit RemotePublisherNodesModel(QObject* parent = nullptr);

    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    QString keyOf(const balancer::RemotePublisherStatus::Node& node) const override;
    QVariant columnValue(const balancer::RemotePublisherStatus::Node& node, int column) const override;
    QString columnToolTip(const balancer::RemotePublisherStatus::Node& node, int column) const override;
};

}  // namespace rb::ui
