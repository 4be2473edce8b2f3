#pragma once
// Everything about one node: connection, intro points, its live event log
// (with a severity filter), MetricsPort figures and configuration problems
// with their fix.

#include "balancer/FleetTypes.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;
class QTreeWidget;

namespace rb::ui {

class EventLogFilterProxy;
class EventLogModel;
class IntroPointModel;

class NodeDetailPanel : public QWidget {
    Q_OBJECT
public:
    NodeDetailPanel(EventLogModel* events, QWidget* parent = nullptr);

    void setNode(const balancer::NodeHealth& node);
    void clear();
    [[nodiscard]] QString nodeName() const { return m_node; }
    [[nodiscard]] IntroPointModel* introPointModel() const { return m_intros; }
    // The node's event filter model (not QObject's event filter, which stays visible).
    using QWidget::eventFilter;
    [[nodiscard]] EventLogFilterProxy* eventLogFilter() const { return m_eventFilter; }

signals:
    void reconnectRequested(const QString& node);

private:
    QString m_node;
    QLabel* m_title = nullptr;
    QLabel* m_connection = nullptr;
    QPushButton* m_reconnect = nullptr;
    QTabWidget* m_tabs = nullptr;
    IntroPointModel* m_intros = nullptr;
    QTableView* m_introView = nullptr;
    EventLogFilterProxy* m_eventFilter = nullptr;
    QComboBox* m_severity = nullptr;
    QTableView* m_eventView = nullptr;
    QTreeWidget* m_metrics = nullptr;
    QLabel* m_configState = nullptr;
    QTreeWidget* m_problems = nullptr;
};

}  // namespace rb::ui
