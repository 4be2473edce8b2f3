#pragma once
// Filters the event log by minimum severity, by node and by text.

#include "models/EventLogModel.h"

#include <QSortFilterProxyModel>

namespace rb::ui {

class EventLogFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit EventLogFilterProxy(QObject* parent = nullptr);

    void setMinimumSeverity(Severity severity);
    [[nodiscard]] Severity minimumSeverity() const { return m_minimum; }
    // Only events of this node (fleet-wide events too when includeFleet); "" = every node.
    void setNode(const QString& node, bool includeFleet = true);
    [[nodiscard]] QString node() const { return m_node; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    Severity m_minimum = Severity::Info;
    QString m_node;
    bool m_includeFleet = true;
};

}  // namespace rb::ui
