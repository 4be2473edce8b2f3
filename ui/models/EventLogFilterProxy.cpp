#include "models/EventLogFilterProxy.h"

namespace rb::ui {

EventLogFilterProxy::EventLogFilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setFilterKeyColumn(EventLogModel::Message);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
}

void EventLogFilterProxy::setMinimumSeverity(Severity severity)
{
    if (m_minimum == severity)
        return;
    m_minimum = severity;
    invalidateFilter();
}

void EventLogFilterProxy::setNode(const QString& node, bool includeFleet)
{
    if (m_node == node && m_includeFleet == includeFleet)
        return;
    m_node = node;
    m_includeFleet = includeFleet;
    invalidateFilter();
}

bool EventLogFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    if (idx.data(EventLogModel::SeverityRole).toInt() < static_cast<int>(m_minimum))
        return false;
    if (!m_node.isEmpty()) {
        const QString node = idx.data(EventLogModel::NodeRole).toString();
        if (node != m_node && !(m_includeFleet && node.isEmpty()))
            return false;
    }
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

}  // namespace rb::ui
