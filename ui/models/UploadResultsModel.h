#pragma once
// Per-HSDir upload results of the first and second descriptor.
// Diff-based by (descriptor, HSDir fingerprint).

#include "balancer/FleetTypes.h"
#include "models/KeyedTableModel.h"

#include <QObject>

namespace rb::ui {

struct UploadRow {
    QString which;  // "first" / "second"
    balancer::UploadResult result;
};

class UploadResultsModel : public KeyedTableModel<UploadRow> {
    Q_OBJECT
public:
    enum Column { Descriptor, HsDir, Fingerprint, State, Reason, Attempts, At, NextRetry, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, StateRole };

    explicit UploadResultsModel(QObject* parent = nullptr);

    void setPublication(const balancer::PublicationState& state);

    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    QString keyOf(const UploadRow& row) const override;
    QVariant columnValue(const UploadRow& row, int column) const override;
};

}  // namespace rb::ui
